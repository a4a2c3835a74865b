"""Questions that only ask what a document is (「マイナ保険証とは」, 「しかくかくにんしょって何ですか」).

Such a question names one document and nothing else, so the entry that defines the document answers it
(docs/intents.md, settled borders). The classifier, trained mostly on longer questions, often reads the
bare name as the topic the name is most used with (「マイナ保険証とは」 as benefits), so these are read by
rule: only the whole message, only the names below.
"""

from __future__ import annotations

import re

from bot.core.fillers import strip_fillers
from bot.core.input_text import clean_text

# Defining entry (intent/key) -> the names a citizen writes for the document (kanji, kana, common slips).
DEFINING_ENTRIES: dict[str, tuple[str, ...]] = {
    "register_card/what_is": ("マイナ保険証", "マイナほけん証", "まいなほけんしょう", "マイナ保健証"),
    "which_document/what_is_certificate": ("資格確認書", "資格確認証", "しかくかくにんしょ", "しかくかくにんしょう"),
    "notice_usage/general": ("資格情報のお知らせ", "資格情報通知書", "しかくじょうほうのおしらせ"),
    "card_safety/face_only_card": ("顔認証マイナンバーカード", "顔認証マイナカード", "顔認証カード"),
}
_NAMES = {name: entry for entry, names in DEFINING_ENTRIES.items() for name in names}
_QUESTION = re.compile(
    r"(?:とは|って|というのは|ってのは)"
    r"(?:何|なに|なん|なあに|どういうもの|どのようなもの|どんなもの)?"
    r"(?:ですか|でしょうか|ですかね|なの|なん|か|だ)?"
)
_IGNORED = re.compile(r"[\s「」『』\"'?？!！。.、]+")


def definition_entry(text: object) -> str | None:
    """The defining entry when the whole message asks what one document is, else None."""
    spoken = " ".join(strip_fillers(chunk) for chunk in clean_text(text).split())  # もしもし あのー ...
    cleaned = _IGNORED.sub("", spoken)
    for name, entry in _NAMES.items():
        if cleaned.startswith(name) and _QUESTION.fullmatch(cleaned[len(name) :]):
            return entry
    return None
