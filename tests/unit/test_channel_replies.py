"""Texts every channel adds on its own."""

from bot.channels.replies import TOO_LONG, complete_replies, without_stray_command


def test_stray_slash_is_not_a_command() -> None:
    assert without_stray_command('/inform{"card_status":"no_card"}') == '/inform{"card_status":"no_card"}'
    assert without_stray_command("/which_document") == "/which_document"
    assert without_stray_command("/昭和25年4月1日です") == "昭和25年4月1日です"
    assert without_stray_command("//保険証 なくした") == "保険証 なくした"


def test_complete_replies_never_empty_and_notes_long_input() -> None:
    assert complete_replies("質問", [])[0]["text"].startswith("申し訳ありません")
    assert complete_replies("あ" * 5000, [{"text": "答え"}])[0]["text"] == TOO_LONG
    assert complete_replies("質問", [{"text": "答え"}], failed=True)[-1]["text"].startswith("申し訳ありません")
