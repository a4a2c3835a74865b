"""What a citizen's reply inside the document form asks for besides an answer."""

from __future__ import annotations

import re
from enum import Enum

from bot.core.card_status_parse import normalize


class FormCommand(str, Enum):
    STOP = "stop"  # やめる, 中止
    CORRECT_BIRTHDATE = "correct_birthdate"  # 生年月日を間違えました
    CORRECT_STATUS = "correct_status"  # カードの状況を間違えた
    RESTART = "restart"  # 最初から


_STOP = re.compile(r"^(?:もう)?(?:やめ|止め|中止|キャンセル|cancel|stop|終了|おわり|終わり|けっこう|結構)")
_RESTART = re.compile(r"最初から|さいしょから|やり直|やりなお|もう一度|もういちど")
_MISTAKE = re.compile(r"間違|まちが|違い|ちがい|訂正|ていせい|直し|なおし|変更")
_BIRTHDATE = re.compile(r"生年月日|誕生日|たんじょうび|せいねんがっぴ|生まれ|うまれ")
_STATUS = re.compile(r"カード|かーど|マイナ|まいな|状況|登録|とうろく")


def form_command(text: object) -> FormCommand | None:
    """The command in a reply, or None when it is an ordinary answer."""
    if not isinstance(text, str):
        return None
    plain = normalize(text[:200])
    if _STOP.search(plain):
        return FormCommand.STOP
    if _MISTAKE.search(plain):
        if _BIRTHDATE.search(plain):
            return FormCommand.CORRECT_BIRTHDATE
        if _STATUS.search(plain):
            return FormCommand.CORRECT_STATUS
        return FormCommand.RESTART
    if _RESTART.search(plain):
        return FormCommand.RESTART
    return None


def mentions_birthdate(text: object) -> bool:
    """Whether the text speaks of a birthdate (生年月日, 誕生日, 昭和25年生まれ)."""
    return isinstance(text, str) and _BIRTHDATE.search(normalize(text[:500])) is not None
