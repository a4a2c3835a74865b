"""The LINE channel in the real Rasa server, with the real action server and a fake LINE platform.

"Nothing happened" is shown without waiting for time to pass: the events of one LINE user are
handled in order, so once a later event of the same user is answered, an earlier one that was to
be ignored would have been answered already.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Iterator

import pytest

from tests.fake_line import FakeLine, event, new_token, new_user, postback_event, text_event
from tests.servers import Servers, http_json, running_servers

SECRET, TOKEN, USER_ID_KEY = "test-channel-secret", "test-access-token", "test-user-id-key"
LOST_CARD = "マイナンバーカードをなくしてしまいました"


@pytest.fixture(scope="module")
def line(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Servers, FakeLine]]:
    """Rasa with the LINE channel pointed at the fake platform; Takasaki, reference date 2026-11-22."""
    with FakeLine(SECRET, TOKEN) as fake:
        block = {
            "channel_secret": SECRET,
            "channel_access_token": TOKEN,
            "user_id_key": USER_ID_KEY,
            "api_base_url": fake.url,
        }
        with running_servers(
            tmp_path_factory.mktemp("line"),
            env={"BOT_TODAY": "2026-11-22", "BOT_MUNICIPALITY": "takasaki"},
            credentials={"bot.channels.line.LineInput": block},
        ) as servers:
            fake.webhook_url = f"{servers.rasa_url}/webhooks/line/webhook"
            yield servers, fake
        assert not fake.refused(), "LINE would have refused these calls"


@pytest.fixture
def fake(line: tuple[Servers, FakeLine]) -> FakeLine:
    return line[1]


@pytest.fixture
def servers(line: tuple[Servers, FakeLine]) -> Servers:
    return line[0]


def hashed(user_id: str) -> str:
    """The sender id the tracker must hold: the keyed hash, computed here independently of the channel."""
    return "line-" + hmac.new(USER_ID_KEY.encode(), user_id.encode(), hashlib.sha256).hexdigest()


def ask(fake: FakeLine, user_id: str, text: str) -> str:
    """Send a signed text message and return the text of the reply it got."""
    token = new_token()
    assert fake.deliver([text_event(user_id, text, token)])[0] == 200
    return fake.reply_to(token).text


def test_verification_request_gets_200(fake: FakeLine) -> None:
    assert fake.deliver([])[0] == 200


def test_signed_text_message_is_answered_through_the_reply_api(fake: FakeLine) -> None:
    user, token = new_user(), new_token()
    assert fake.deliver([text_event(user, LOST_CARD, token)])[0] == 200
    reply = fake.reply_to(token)
    assert "0120-95-0178" in reply.text
    assert reply.headers["authorization"] == f"Bearer {TOKEN}"
    assert not fake.calls_with(to=user), "no push when the reply token works"


@pytest.mark.parametrize("signature", [None, "", "bm90IHRoZSBzaWduYXR1cmU=", "other-secret"])
def test_bad_signature_is_401_and_nothing_is_done(fake: FakeLine, servers: Servers, signature: str | None) -> None:
    user, token = new_user(), new_token()
    body = json.dumps(
        {"destination": "Ufake", "events": [text_event(user, "昭和23年9月17日 悪意のある依頼", token)]}
    ).encode()
    if signature == "other-secret":
        signature = base64.b64encode(hmac.new(b"other-secret", body, hashlib.sha256).digest()).decode()
    status, _ = fake.deliver([], signature=signature, raw=body)
    assert status == 401
    assert "0120-95-0178" in ask(fake, user, LOST_CARD)  # handled after the refused request would have been
    assert not fake.calls_with(reply_token=token) and not fake.calls_with(to=user)
    _, tracker = http_json(servers.api(f"/conversations/{hashed(user)}/tracker"))
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == [LOST_CARD]
    assert "悪意のある依頼" not in servers.logs()


def test_signature_is_checked_before_the_json(fake: FakeLine) -> None:
    assert fake.deliver([], signature="bm90IHRoZSBzaWduYXR1cmU=", raw=b"{not json")[0] == 401
    assert fake.deliver([], raw=b"{not json")[0] == 400
    assert fake.deliver([], raw=b"[1, 2]")[0] == 400


def test_webhook_answers_before_the_work_is_done(fake: FakeLine) -> None:
    user, token = new_user(), new_token()
    fake.hold()  # LINE keeps the assistant's reply request waiting
    try:
        assert fake.deliver([text_event(user, LOST_CARD, token)])[0] == 200
        assert not fake.calls_with(reply_token=token), "the reply was sent before the webhook answered"
    finally:
        fake.release()
    assert "0120-95-0178" in fake.reply_to(token).text


def test_document_form_with_the_date_picker_and_quick_replies(fake: FakeLine, servers: Servers) -> None:
    user = new_user()
    question = fake.reply_to(_deliver(fake, text_event(user, "私の資格確認書の有効期限を調べてください")))
    assert "生年月日を教えてください" in question.text
    picker = next(a for a in question.quick_reply_actions if a["type"] == "datetimepicker")
    assert picker["mode"] == "date" and picker["max"] == "2026-11-22"
    assert "1900-01-01" <= picker["min"] <= picker["initial"] <= picker["max"]

    status_question = fake.reply_to(_deliver(fake, postback_event(user, picker["data"], params={"date": "1957-03-01"})))
    assert "カードの状況" in status_question.text
    buttons = [a for a in status_question.quick_reply_actions if a["type"] == "postback"]
    assert len(buttons) == 9 and all(len(a["label"]) <= 20 for a in buttons)
    no_card = next(a for a in buttons if "no_card" in a["data"])
    assert no_card["displayText"] == "マイナンバーカードを持っていない"

    answer = fake.reply_to(_deliver(fake, postback_event(user, no_card["data"]))).text
    assert "資格確認書" in answer and "令和9年2月28日（2027年2月28日）" in answer and "027-321-1235" in answer
    logs = servers.logs()
    for secret in ("1957-03-01", "昭和32年3月1日", user):
        assert secret not in logs


def _deliver(fake: FakeLine, e: dict) -> str:
    assert fake.deliver([e])[0] == 200
    return e["replyToken"]


def test_redelivered_event_is_not_answered_twice(fake: FakeLine) -> None:
    user = new_user()
    first = text_event(user, LOST_CARD)
    fake.reply_to(_deliver(fake, first))
    again = {**first, "replyToken": new_token(), "deliveryContext": {"isRedelivery": True}}
    assert fake.deliver([again])[0] == 200
    assert "0120-95-0178" in ask(fake, user, LOST_CARD)
    assert not fake.calls_with(reply_token=again["replyToken"]) and not fake.calls_with(to=user)


def test_expired_reply_token_falls_back_to_push(fake: FakeLine) -> None:
    user, token = new_user(), new_token()
    fake.expire(token)
    assert fake.deliver([text_event(user, LOST_CARD, token)])[0] == 200
    fake.wait_for(lambda calls: any(c.kind == "push" and c.body.get("to") == user for c in calls))
    (tried,) = fake.calls_with(reply_token=token)
    (pushed,) = fake.calls_with(to=user)
    assert tried.status == 400 and pushed.status == 200
    assert "0120-95-0178" in pushed.text and pushed.headers.get("x-line-retry-key")


@pytest.mark.parametrize(
    "message",
    [
        {"type": "sticker", "packageId": "446", "stickerId": "1988"},
        {"type": "image", "contentProvider": {"type": "line"}},
        {"type": "location", "title": "市役所", "address": "高崎市", "latitude": 36.3, "longitude": 139.0},
    ],
)
def test_sticker_image_and_location_get_a_polite_text(fake: FakeLine, message: dict) -> None:
    token = _deliver(fake, event("message", new_user(), message={"id": "1", **message}))
    reply = fake.reply_to(token)
    assert "文字で入力してください" in reply.text and [m["type"] for m in reply.messages] == ["text"]


def test_follow_greets_and_unfollow_forgets(fake: FakeLine, servers: Servers) -> None:
    user = new_user()
    greeting = fake.reply_to(_deliver(fake, event("follow", user)))
    assert "友だち追加ありがとうございます" in greeting.text and "お答えします" in greeting.text
    assert any(a["data"] == '/which_document{"document_check":"personal"}' for a in greeting.quick_reply_actions)
    assert "生年月日" in ask(fake, user, "届く書類を調べたい")

    url = servers.api(f"/conversations/{hashed(user)}/tracker")
    _, tracker = http_json(url)
    assert [e for e in tracker["events"] if e["event"] == "user"], "the tracker is kept under the keyed hash"
    assert user not in json.dumps(tracker), "the raw LINE user id is in the tracker"

    assert fake.deliver([event("unfollow", user, reply_token=None)])[0] == 200
    wait_until_forgotten(url)


def wait_until_forgotten(tracker_url: str) -> None:
    """Poll the tracker until it holds no message (the unfollow is handled in the background)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        _, tracker = http_json(tracker_url)
        if not [e for e in tracker["events"] if e["event"] in ("user", "bot")]:
            return
        time.sleep(0.5)
    raise AssertionError("the conversation was not erased after unfollow")


def test_group_chat_and_standby_are_not_answered_and_join_leaves(fake: FakeLine) -> None:
    group = {"type": "group", "groupId": "C" + new_token(), "userId": new_user()}
    joined = event("join", "", source={"type": "group", "groupId": group["groupId"]})
    notice = fake.reply_to(_deliver(fake, joined))
    assert "1対1のトーク" in notice.text
    fake.wait_for(lambda calls: any(c.kind == "leave" and group["groupId"] in c.path for c in calls))

    in_group = text_event("", LOST_CARD, source=group)
    user, sentinel = new_user(), new_token()
    standby = {**text_event(user, LOST_CARD), "mode": "standby"}  # another channel owns the chat
    assert fake.deliver([in_group, standby, text_event(user, LOST_CARD, sentinel)])[0] == 200
    fake.reply_to(sentinel)
    assert not fake.calls_with(reply_token=in_group["replyToken"]) and not fake.calls_with(to=group["userId"])
    assert not fake.calls_with(reply_token=standby["replyToken"])
