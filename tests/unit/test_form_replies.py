import pytest

from bot.core.form_commands import FormCommand, form_command


@pytest.mark.parametrize(
    "text, command",
    [
        ("生年月日を間違えました", FormCommand.CORRECT_BIRTHDATE),
        ("誕生日まちがえた", FormCommand.CORRECT_BIRTHDATE),
        ("カードの状況を間違えました", FormCommand.CORRECT_STATUS),
        ("やめます", FormCommand.STOP),
        ("キャンセル", FormCommand.STOP),
        ("最初からやり直したい", FormCommand.RESTART),
        ("昭和25年4月1日", None),
        ("マイナ保険証を持っていません", None),
        ("", None),
    ],
)
def test_form_command(text: str, command: FormCommand | None) -> None:
    assert form_command(text) is command
