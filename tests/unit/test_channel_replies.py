"""Texts every channel adds on its own."""

from bot.channels.replies import TOO_LONG, complete_replies, without_stray_command


def test_stray_slash_is_not_a_command() -> None:
    assert without_stray_command('/inform{"card_status":"no_card"}') == '/inform{"card_status":"no_card"}'
    assert without_stray_command("/which_document") == "/which_document"
    assert without_stray_command("/昭和25年4月1日です") == "昭和25年4月1日です"
    assert without_stray_command("//保険証 なくした") == "保険証 なくした"


def test_text_rasa_would_quote_in_a_warning_is_not_a_command() -> None:
    """Rasa's parser quotes a malformed /intent{...} whole in a warning: such text loses its slash,
    also when the NLU's cleaning would make it start with one (full-width ／, spaces, invisible)."""
    assert without_stray_command("/greet{昭和31年12月10日}") == "greet{昭和31年12月10日}"
    assert without_stray_command("／昭和31年12月10日") == "昭和31年12月10日"
    assert without_stray_command("\u3000\u200b/昭和31年12月10日") == "昭和31年12月10日"
    assert without_stray_command('/inform{"card_status": {"x": "昭和31年"}}').startswith("inform")
    assert without_stray_command('/inform{"card_status": "no_card"}昭和') == 'inform{"card_status": "no_card"}昭和'
    assert without_stray_command("/greet@0.9") == "greet@0.9"
    assert without_stray_command(' /inform{"birthdate":"1957-03-01"}') == '/inform{"birthdate":"1957-03-01"}'
    assert without_stray_command("保険証を/なくした") == "保険証を/なくした"


def test_complete_replies_never_empty_and_notes_long_input() -> None:
    assert complete_replies("質問", [])[0]["text"].startswith("申し訳ありません")
    assert complete_replies("あ" * 5000, [{"text": "答え"}])[0]["text"] == TOO_LONG
    assert complete_replies("質問", [{"text": "答え"}], failed=True)[-1]["text"].startswith("申し訳ありません")
