"""POST /webhooks/triage/webhook on the real Rasa server: the same JSON in and out as the CLI."""

from __future__ import annotations

import json
from typing import Any, Iterator

import pytest

from bot.channels.triage_http import MAX_CALLS, NOT_JSON, TOO_MANY
from bot.triage.calls import EMPTY_TEXT, NO_TEXT, NOT_OBJECT, read_call
from tests.servers import Servers, http_json, running_servers
from tests.triage.conftest import TODAY, read_transcripts

CALLS = read_transcripts()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """The Rasa server alone: triage needs no action server."""
    env = {"BOT_TODAY": TODAY, "BOT_MUNICIPALITY": "takasaki"}
    with running_servers(tmp_path_factory.mktemp("triage_http"), env=env, with_actions=False) as s:
        yield s


def post(server: Servers, body: Any = None, raw: bytes | None = None) -> tuple[int, Any]:
    return http_json(f"{server.rasa_url}/webhooks/triage/webhook", body, raw=raw)


def test_the_route_gives_what_the_cli_gives(server: Servers, triage: Any) -> None:
    status, records = post(server, CALLS)
    assert status == 200
    assert records == json.loads(json.dumps(triage.triage([read_call(c) for c in CALLS]), ensure_ascii=False))
    assert [r["intent"] for r in records] == [c["expect"]["intent"] for c in CALLS]


def test_one_call(server: Servers) -> None:
    call = next(c for c in CALLS if c["expect"]["intent"] == "lost_card")
    status, record = post(server, {**call, "trunk": 7})
    assert status == 200
    assert record["id"] == call["id"] and record["trunk"] == 7
    assert record["priority"] == "urgent" and "0120-95-0178" in record["suggested_answer"]


def test_calls_that_cannot_be_triaged(server: Servers) -> None:
    assert post(server, {"id": "c1"}) == (400, {"id": "c1", "error": NO_TEXT})
    assert post(server, raw=b"{not json") == (400, {"error": NOT_JSON})
    assert post(server, raw=b"") == (400, {"error": NOT_OBJECT})
    status, records = post(server, [{"id": "a", "text": "もしもし"}, "text", {"id": "b", "text": ""}])
    assert status == 200 and len(records) == 3
    assert records[0]["intent"] == "greet" and records[1] == {"error": NOT_OBJECT}
    assert records[2] == {"id": "b", "text": "", "error": EMPTY_TEXT}
    assert post(server, [{"id": i, "text": "はい"} for i in range(MAX_CALLS + 1)]) == (400, {"error": TOO_MANY})


def test_health_and_the_chat_still_answers(server: Servers) -> None:
    assert http_json(f"{server.rasa_url}/webhooks/triage/")[1] == {"status": "ok"}
    assert server.say("after-triage", "こんにちは")  # the REST channel works beside the triage route


def test_nul_and_lone_surrogates_keep_their_records(server: Servers) -> None:
    raw = b'[{"id": 1, "text": "\\u4fdd\\u967a\\u8a3c\\u0000\\u306a\\u304f\\u3057\\u305f"}, '
    raw += b'{"id": 2, "text": "\\ud800 x"}]'
    status, records = post(server, raw=raw)
    assert status == 200 and [r["id"] for r in records] == [1, 2]
    assert records[0]["text"] == "保険証\x00なくした" and records[1]["text"] == "\ud800 x"
    assert all(r.get("intent") for r in records)
