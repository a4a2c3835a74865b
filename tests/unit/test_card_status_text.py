import pytest

from bot.core.card_status import CardStatus
from bot.core.card_status_parse import parse_card_status


@pytest.mark.parametrize(
    "text, status",
    [
        ("マイナンバーカードは持っていません", CardStatus.NO_CARD),
        ("まいなんばーかーど もってない", CardStatus.NO_CARD),
        ("カードはあるけど登録してない", CardStatus.NOT_REGISTERED),
        ("マイナカードは持ってるけど保険証として登録はしてません", CardStatus.NOT_REGISTERED),
        ("まだ登録してません", CardStatus.NOT_REGISTERED),
        ("解除しました", CardStatus.CANCELLED),
        ("なくしました", CardStatus.LOST_OR_RENEWING),
        ("更新中です", CardStatus.LOST_OR_RENEWING),
        ("マイナ保険証あります", CardStatus.REGISTERED),
        ("マイナ保険証がないです", CardStatus.NO_CARD),
        ("マイナ保険証はありません", CardStatus.NO_CARD),
        ("まいなほけんしょう もってない", CardStatus.NO_CARD),
        ("マイナ保険証を持っています", CardStatus.REGISTERED),
        ("登録済みです", CardStatus.REGISTERED),
        ("電子証明書が切れています", CardStatus.CERT_EXPIRED),
        ("カードを返納しました", CardStatus.RETURNED),
        ("DVの支援措置を受けています", CardStatus.DV_RESTRICTED),
        ("一人ではカードを使えません 介助が必要です", CardStatus.NEEDS_ASSISTANCE),
        ("ｎｏ＿ｃａｒｄ", CardStatus.NO_CARD),
        ("registered", CardStatus.REGISTERED),
    ],
)
def test_free_text(text: str, status: CardStatus) -> None:
    assert parse_card_status(text) is status


@pytest.mark.parametrize("text", ["", "はい", "🙂🙂", "<b>x</b>", "昭和25年4月1日", "あ" * 20000])
def test_no_status(text: str) -> None:
    assert parse_card_status(text) is None


def test_non_text() -> None:
    assert parse_card_status(None) is None  # type: ignore[arg-type]
