"""LINE Messaging API helpers: signature, LINE's limits, and reply/push against the fake platform."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Iterator

import pytest

from bot.channels.line_api import (
    LineApi,
    date_picker_item,
    postback_item,
    short_label,
    signature_is_valid,
    split_text,
    text_messages,
    utf16_units,
)
from tests.fake_line import FakeLine, limit_errors, new_token, new_user

BODY = b'{"destination":"U1","events":[]}'


def signed(body: bytes, secret: str = "s3cret") -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def test_signature_accepts_only_the_hmac_of_the_exact_body() -> None:
    assert signature_is_valid("s3cret", BODY, signed(BODY))
    assert not signature_is_valid("s3cret", BODY + b" ", signed(BODY))
    assert not signature_is_valid("s3cret", BODY, signed(BODY, "other"))
    assert not signature_is_valid("s3cret", BODY, None) and not signature_is_valid("s3cret", BODY, "")
    assert not signature_is_valid("", BODY, signed(BODY, ""))  # an unconfigured channel accepts nothing
    assert not signature_is_valid("s3cret", BODY, "署名")


def test_long_text_is_split_at_line_breaks_within_5000_utf16_units() -> None:
    text = "\n".join(["あ" * 999] * 12)
    pieces = split_text(text)
    assert all(utf16_units(p) <= 5000 for p in pieces)
    assert "\n".join(pieces) == text and len(pieces) == 3


def test_emoji_count_twice_and_are_never_cut_in_half() -> None:
    pieces = split_text("🍎" * 2600)
    assert [utf16_units(p) for p in pieces] == [5000, 200]
    assert "".join(pieces) == "🍎" * 2600


def test_short_labels_are_kept_and_long_ones_cut_sensibly() -> None:
    assert short_label("マイナ保険証をなくした") == "マイナ保険証をなくした"
    assert short_label("  届く書類と\n有効期限を調べる ") == "届く書類と 有効期限を調べる"
    assert (
        short_label("マイナンバーカードを持っていない方、またはカードを返納した方")
        == "マイナンバーカードを持っていない方…"
    )
    early_break = short_label("DV等の支援措置で、住民票の閲覧制限をしている方の場合")
    assert early_break == "DV等の支援措置で、住民票の閲覧制限を…"  # a break in the first half would lose too much
    plain = short_label("あいうえおかきくけこさしすせそたちつてとなにぬねの")
    assert plain == "あいうえおかきくけこさしすせそたちつて…" and len(plain) == 20


def test_postback_item_shows_the_full_title_and_sends_the_payload() -> None:
    title = "介助が必要で、1人ではマイナ保険証を使うのが難しい"
    action = postback_item(title, '/inform{"card_status":"needs_assistance"}')["action"]
    assert action["displayText"] == title and action["data"] == '/inform{"card_status":"needs_assistance"}'
    assert len(action["label"]) <= 20


def test_messages_fit_one_request_and_carry_the_quick_replies_on_the_last() -> None:
    items = [postback_item(f"選択肢{i}", f"/x{i}") for i in range(20)]
    messages = text_messages([f"文{i}" for i in range(8)], items)
    assert len(messages) == 5 and messages[-1]["text"] == "文4\n\n文5\n\n文6\n\n文7"
    assert len(messages[-1]["quickReply"]["items"]) == 13
    assert all("quickReply" not in m for m in messages[:-1])
    assert not limit_errors(messages)


def test_texts_too_long_to_merge_stay_separate() -> None:
    messages = text_messages(["あ" * 4000] * 7)
    assert len(messages) == 7 and all(m["text"] == "あ" * 4000 for m in messages)


def test_blank_texts_make_no_message() -> None:
    assert text_messages(["", "  \n"]) == []


def test_date_picker_item() -> None:
    action = date_picker_item("カレンダーから選ぶ", "birthdate", "1966-01-01", "1906-01-01", "2026-11-22")["action"]
    assert action == {
        "type": "datetimepicker",
        "label": "カレンダーから選ぶ",
        "data": "birthdate",
        "mode": "date",
        "initial": "1966-01-01",
        "min": "1906-01-01",
        "max": "2026-11-22",
    }


@pytest.fixture
def fake() -> Iterator[FakeLine]:
    with FakeLine("s3cret", "tok") as f:
        yield f


def numbered(n: int) -> list[dict]:
    return [{"type": "text", "text": f"{i}"} for i in range(n)]


@pytest.mark.asyncio
async def test_more_than_five_messages_reply_five_and_push_the_rest(fake: FakeLine) -> None:
    user, token = new_user(), new_token()
    assert await LineApi("tok", fake.url).send(token, user, numbered(7))
    assert [(c.kind, c.text, c.status) for c in fake.calls] == [("reply", "0\n1\n2\n3\n4", 200), ("push", "5\n6", 200)]


@pytest.mark.asyncio
async def test_expired_token_pushes_everything_in_order(fake: FakeLine) -> None:
    user, token = new_user(), new_token()
    fake.expire(token)
    assert await LineApi("tok", fake.url).send(token, user, numbered(7))
    assert [(c.kind, c.status) for c in fake.calls] == [("reply", 400), ("push", 200), ("push", 200)]
    assert [c.text for c in fake.calls[1:]] == ["0\n1\n2\n3\n4", "5\n6"]
    assert all(c.body["to"] == user for c in fake.calls[1:])
    assert fake.calls[1].headers["x-line-retry-key"] != fake.calls[2].headers["x-line-retry-key"]


@pytest.mark.asyncio
async def test_a_reply_token_is_used_once(fake: FakeLine) -> None:
    user, token = new_user(), new_token()
    api = LineApi("tok", fake.url)
    await api.send(token, user, numbered(1))
    await api.send(token, user, numbered(1))
    assert [(c.kind, c.status) for c in fake.calls] == [("reply", 200), ("reply", 400), ("push", 200)]


@pytest.mark.asyncio
async def test_wrong_token_or_unreachable_platform_fails_without_raising(fake: FakeLine) -> None:
    assert not await LineApi("wrong", fake.url).send(new_token(), new_user(), numbered(1))
    assert not await LineApi("tok", "http://127.0.0.1:9").send(new_token(), new_user(), numbered(1))
    assert not await LineApi("tok", fake.url).send(None, None, numbered(1))


@pytest.mark.asyncio
async def test_leave(fake: FakeLine) -> None:
    assert await LineApi("tok", fake.url).leave("room", "R123")
    assert [(c.kind, c.path) for c in fake.calls] == [("leave", "/v2/bot/room/R123/leave")]
