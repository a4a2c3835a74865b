"""Full conversations through the REST channel against the real Rasa and action servers."""

from __future__ import annotations

import uuid

import pytest

from bot.rasa_plugins import heap_freeze
from tests.servers import Servers, http_json


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:8]}"


def test_lost_card_answer(servers: Servers) -> None:
    replies = servers.say(new_sender(), "マイナンバーカードをなくしてしまいました")
    assert "0120-95-0178" in texts(replies)


def test_document_form_typed_birthdate_and_button(servers: Servers) -> None:
    sender = new_sender()
    first = texts(servers.say(sender, "私の資格確認書の有効期限を調べてください"))
    assert "生年月日を教えてください" in first
    second = servers.say(sender, "昭和32年3月1日です")
    buttons = [b for r in second for b in r.get("buttons", [])]
    no_card = next(b for b in buttons if "no_card" in b["payload"])
    answer = texts(servers.say(sender, no_card["payload"]))
    assert "資格確認書" in answer and "令和9年2月28日（2027年2月28日）" in answer
    assert "027-321-1235" in answer


def test_document_form_free_text_status(servers: Servers) -> None:
    sender = new_sender()
    servers.say(sender, "私の場合に届く書類を調べてください")
    servers.say(sender, "1988年4月2日")
    answer = texts(servers.say(sender, "マイナ保険証を持っています"))
    assert "資格情報のお知らせ" in answer and "有効期限はありません" in answer


def test_wrong_date_then_correction(servers: Servers) -> None:
    sender = new_sender()
    servers.say(sender, "届く書類と有効期限を調べたい")
    wrong = texts(servers.say(sender, "昭和64年2月1日"))
    assert "昭和64年は1月7日まで" in wrong and "生年月日を教えてください" in wrong
    servers.say(sender, "昭和27年5月20日")
    again = texts(servers.say(sender, "生年月日を間違えました"))
    assert "生年月日を教えてください" in again
    servers.say(sender, "S63.4.2")
    answer = texts(servers.say(sender, "カードは持っていません"))
    assert "令和9年7月31日（2027年7月31日）" in answer


def test_slots_cleared_after_the_answer(servers: Servers) -> None:
    sender = new_sender()
    servers.say(sender, "私の場合に届く書類を調べてください")
    servers.say(sender, "1988年4月2日")
    servers.say(sender, "カードは持っていません")
    status, tracker = http_json(servers.api(f"/conversations/{sender}/tracker"))
    assert status == 200
    assert tracker["slots"]["birthdate"] is None and tracker["slots"]["card_status"] is None


def test_handoff_gives_desk_phone(servers: Servers) -> None:
    assert "027-321-1235" in texts(servers.say(new_sender(), "職員の人と直接話したいです"))


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   ",
        "あ" * 20000,
        "🙂🙂🙂",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\x00\x01\x1b[31m",
        "保険証" * 8000,
    ],
)
def test_bad_input_gets_a_polite_answer(servers: Servers, message: str) -> None:
    replies = servers.say(new_sender(), message)
    assert replies and all(r.get("text") or r.get("buttons") for r in replies)


def test_long_input_is_read_in_part_and_said_so(servers: Servers) -> None:
    assert "最初の" in texts(servers.say(new_sender(), "マイナ保険証をなくした。" * 3000))


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'{"sender": "x", "message": 5}'])
def test_malformed_request_is_a_clear_400(servers: Servers, raw: bytes) -> None:
    status, body = http_json(f"{servers.rasa_url}/webhooks/rest/webhook", raw=raw)
    assert status == 400 and body["error"]


def test_no_birthdate_in_the_logs(servers: Servers) -> None:
    sender = new_sender()
    servers.say(sender, "届く書類を調べたい")
    servers.say(sender, "昭和23年9月17日")
    servers.say(sender, "登録していません")
    servers.say(new_sender(), "/昭和23年9月17日生まれです")
    logs = servers.logs()
    assert logs, "the servers wrote no log at all"
    for secret in ("昭和23年9月17日", "1948-09-17", "19480917"):
        assert secret not in logs


def test_the_started_server_froze_its_heap(servers: Servers) -> None:
    assert heap_freeze.FROZEN in servers.logs()
