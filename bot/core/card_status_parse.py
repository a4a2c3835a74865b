"""Understand a card status from free text (chat answers and phone transcripts)."""

from __future__ import annotations

import re
import unicodedata

from bot.core.card_status import CardStatus

_NEG = r"(?:ない|無い|ません|なし|無し|ねえ|ねー|へん|ひん|ん(?:です|よ|じゃ|$)|ず)"
_CARD = r"(?:まいなんばー|マイナンバー|マイナ|まいな|番号|ばんごう)?(?:かーど|カード)|マイナ|まいな"
_REGISTER = r"(?:登録|とうろく|紐付け|紐づけ|ひもづけ|ひもつけ)"
_MYNA_INSURANCE = r"(?:マイナ|まいな)(?:保険証|保健証|ほけんしょう)"

# Checked in order: the first pattern that matches decides.
_RULES: tuple[tuple[CardStatus, re.Pattern[str]], ...] = tuple(
    (status, re.compile(pattern))
    for status, pattern in (
        (CardStatus.DV_RESTRICTED, r"dv|ドメスティック|支援措置|しえんそち|閲覧制限|虐待"),
        (CardStatus.CANCELLED, r"解除|かいじょ"),
        (CardStatus.RETURNED, r"返納|へんのう|返し(?:た|ました)|返却"),
        (
            CardStatus.CERT_EXPIRED,
            r"(?:電子証明|でんししょうめい|証明書).*(?:切れ|きれ|過ぎ|すぎ|失効)|期限(?:が)?切れ|きげん(?:が)?きれ",
        ),
        (
            CardStatus.LOST_OR_RENEWING,
            r"なくし|無くし|失くし|紛失|ふんしつ|落とし|おとし|盗ま|ぬすま|盗難|とうなん|見当たら|みあたら|更新中|こうしんちゅう|再発行中|作り直し",
        ),
        (
            CardStatus.NEEDS_ASSISTANCE,
            r"介助|かいじょしゃ|介護|かいご|一人では|ひとりでは|1人では|使いこなせ|手伝い|付き添い|つきそい|障害|障がい|しょうがい",
        ),
        (
            CardStatus.NOT_REGISTERED,
            rf"{_REGISTER}(?:は|を)?(?:して|し)?(?:い)?{_NEG}|{_REGISTER}(?:が)?(?:まだ|未)"
            rf"|未{_REGISTER}|まだ{_REGISTER}|{_REGISTER}.*(?:まだ|して{_NEG})",
        ),
        (
            CardStatus.NO_CARD,
            rf"{_MYNA_INSURANCE}(?:は|が|を|も)?(?:持って|もって)?(?:い)?{_NEG}"
            rf"|{_MYNA_INSURANCE}(?:は|が|も)?(?:ない|無い|ありません|なし|なく)"
            rf"|(?:{_CARD})(?:は|を|も)?(?:持って|もって|作って|つくって|取って|とって)?(?:い)?{_NEG}"
            rf"|(?:{_CARD})(?:は|が)?(?:ない|無い|ありません|なし)|持って(?:い)?{_NEG}|もって(?:い)?{_NEG}",
        ),
        (
            CardStatus.REGISTERED,
            rf"{_REGISTER}(?:済|ずみ|して(?:い)?ます|した|してる|しとる)|マイナ保険証|まいなほけんしょう|マイナほけんしょう"
            rf"|(?:{_CARD})(?:を|は)?(?:持って|もって)|(?:{_CARD})(?:が|は)?(?:あり|ある)",
        ),
    )
)


def normalize(text: str) -> str:
    """NFKC, lower case, and no white space: the form the patterns expect."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def parse_card_status(text: str) -> CardStatus | None:
    """The card status a citizen describes, or None when the text names none.

    Accepts the stable value itself (e.g. a button payload 'no_card') as well.
    """
    if not isinstance(text, str):
        return None
    plain = normalize(text[:500])
    try:
        return CardStatus(plain)
    except ValueError:
        pass
    for status, pattern in _RULES:
        if pattern.search(plain):
            return status
    return None
