"""What citizens really ask (issue 12), through the REST channel against the real servers: each
question quoted in the issue gets its entry's answer with the official key fact; general document
questions get the general rule and a button for the personal check; a question that names a
birthdate or a card status goes straight to the computation; FAQ questions inside the form are
answered and the form asks again."""

from __future__ import annotations

import uuid

import pytest

from tests.servers import Servers

PERSONAL_CHECK = "あなたの場合を調べる"


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def buttons(replies: list[dict]) -> list[str]:
    return [b["title"] for r in replies for b in r.get("buttons", [])]


def new_sender() -> str:
    return f"kb-{uuid.uuid4().hex[:8]}"


@pytest.mark.parametrize(
    "question, key_fact",
    [
        ("保険証が廃止されるのはいつですか", "令和7年12月1日"),
        ("資格確認書って何ですか", "マイナ保険証をお持ちでない方"),
        ("マイナ保険証にしないとどうなるの", "資格確認書"),
        ("75歳の誕生日からマイナ保険証は使えるの？", "使えます"),
        ("カードリーダーが壊れていたら？", "一緒に"),
        ("病院でカードが読み取れないと言われた", "一緒に"),
        ("子どもの医療証も出すの？", "医療証"),
        ("暗証番号がわからなくなった", "再設定"),
    ],
)
def test_the_questions_quoted_in_the_issue_get_their_answers(servers: Servers, question: str, key_fact: str) -> None:
    replies = servers.say(new_sender(), question)
    answer = texts(replies)
    assert key_fact in answer, answer
    assert "生年月日を教えてください" not in answer and "うまく理解できませんでした" not in answer


@pytest.mark.parametrize(
    "question, key_fact",
    [
        ("国保に入ってますが、接骨院で保険は使えますか", "打撲"),
        ("国保に加入していますが、マイナンバーカードをなくしました", "一時利用停止"),
        ("国民健康保険に入ってるんだけど、マイナカードを落としちゃった", "一時利用停止"),
    ],
)
def test_a_question_that_opens_with_the_citizens_membership_gets_its_topics_answer(
    servers: Servers, question: str, key_fact: str
) -> None:
    """The opening 「国保に入っていますが」 no longer reads as joining or leaving NHI
    (bot.rasa_plugins.preamble_copies): before it, the first went to insurance_enrollment and the others
    fell back."""
    answer = texts(servers.say(new_sender(), question))
    assert key_fact in answer, answer


@pytest.mark.parametrize(
    "question",
    ["紙の保険証の期限が切れたら何が届くの？", "生まれたばかりの子には何が届くの？"],
)
def test_general_document_questions_get_the_general_rule_and_the_personal_check(
    servers: Servers, question: str
) -> None:
    sender = new_sender()
    replies = servers.say(sender, question)
    assert "資格確認書" in texts(replies) and "生年月日を教えてください" not in texts(replies)
    assert PERSONAL_CHECK in buttons(replies)
    payload = next(b["payload"] for r in replies for b in r.get("buttons", []) if b["title"] == PERSONAL_CHECK)
    assert "生年月日を教えてください" in texts(servers.say(sender, payload))


def test_a_question_with_birthdate_and_status_is_answered_at_once(servers: Servers) -> None:
    answer = texts(
        servers.say(new_sender(), "昭和32年3月1日生まれでマイナ保険証は持っていません。届く書類はいつまで使えますか")
    )
    assert "令和9年2月28日（2027年2月28日）" in answer


def test_a_question_with_a_birthdate_asks_only_the_card_status(servers: Servers) -> None:
    sender = new_sender()
    first = texts(servers.say(sender, "昭和32年3月1日生まれです。私に届く書類と有効期限を調べてください"))
    assert "生年月日を教えてください" not in first and "カードの状況" in first
    assert "令和9年2月28日（2027年2月28日）" in texts(servers.say(sender, "カードは持っていません"))


def test_an_faq_question_inside_the_form_is_answered_and_the_form_asks_again(servers: Servers) -> None:
    sender = new_sender()
    assert "生年月日を教えてください" in texts(servers.say(sender, "私の場合に届く書類と有効期限を調べてください"))
    digression = texts(servers.say(sender, "マイナンバーカードをなくしたらどうすればいいですか"))
    assert "0120-95-0178" in digression and "生年月日を教えてください" in digression
    servers.say(sender, "昭和32年3月1日")
    assert "令和9年2月28日（2027年2月28日）" in texts(servers.say(sender, "カードは持っていません"))


@pytest.mark.parametrize(
    "question, definition",
    [
        ("マイナ保険証とは", "利用登録）をしたマイナンバーカード"),
        ("しかくかくにんしょって なに", "マイナ保険証をお持ちでない方"),
    ],
)
def test_a_definition_question_gets_the_definition_also_inside_the_form(
    servers: Servers, question: str, definition: str
) -> None:
    assert definition in texts(servers.say(new_sender(), question))
    sender = new_sender()
    servers.say(sender, "私の場合に届く書類と有効期限を調べてください")
    digression = texts(servers.say(sender, question))
    assert definition in digression and "生年月日を教えてください" in digression


def test_stop_still_works_after_a_digression(servers: Servers) -> None:
    sender = new_sender()
    servers.say(sender, "私の場合に届く書類と有効期限を調べてください")
    servers.say(sender, "暗証番号を忘れたときは？")
    assert "終了しました" in texts(servers.say(sender, "やめる"))
