"""Conversations never exposed and kept no longer than needed, against the real servers: the HTTP
API needs the token, every request names its citizen, birthdates leave the store once answered
(checked with json_extract and in \\u escapes, not only by a plain search) and never reach a log,
old conversations are deleted by the retention command."""

from __future__ import annotations

import ipaddress
import json
import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from bot.channels.webhook_http import NO_SENDER
from tests.servers import ROOT, Servers, http_json

DESK_PHONE = "027-321-1235"


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def new_sender() -> str:
    return f"p-{uuid.uuid4().hex[:8]}"


def spellings(birthdate: str, iso: str) -> list[str]:
    """How a birthdate can sit in a file: as typed, ISO, compact, and JSON-escaped (ensure_ascii)."""
    return [birthdate, iso, iso.replace("-", ""), json.dumps(birthdate)[1:-1]]


FIELDS = ("type", "name", "text", "value", "parse_text", "entities", "data")


def store_rows(servers: Servers, sender: str) -> list[dict[str, str | None]]:
    """Each stored event of `sender`: the fields a birthdate could be in, read by SQLite's JSON
    functions, and the raw JSON (where non-ASCII text may be \\u-escaped)."""
    query = """
        SELECT type_name, json_extract(data, '$.name'), json_extract(data, '$.text'), json_extract(data, '$.value'),
               json_extract(data, '$.parse_data.text'), json_extract(data, '$.parse_data.entities'), data
        FROM events WHERE sender_id = ? ORDER BY id"""
    with sqlite3.connect(servers.workdir / "tracker.db") as db:
        return [dict(zip(FIELDS, row, strict=True)) for row in db.execute(query, (sender,))]


def assert_not_stored(servers: Servers, sender: str, birthdate: str, iso: str) -> None:
    rows = store_rows(servers, sender)
    assert rows, "nothing stored"
    for row in rows:
        for secret in spellings(birthdate, iso):
            assert all(secret not in str(value) for value in row.values()), (secret, row)


def form_until_status(servers: Servers, sender: str, birthdate: str) -> None:
    assert "生年月日を教えてください" in texts(servers.say(sender, "届く書類と有効期限を調べたい"))
    assert "カードの状況" in texts(servers.say(sender, birthdate))


# ---------------------------------------------------------------- the HTTP API


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/conversations/{sender}/tracker", None),
        (
            "POST",
            "/conversations/{sender}/tracker/events",
            {"event": "slot", "name": "birthdate", "value": "1950-01-01"},
        ),
        ("PUT", "/conversations/{sender}/tracker/events", []),
        ("POST", "/conversations/{sender}/messages", {"text": "こんにちは", "sender": "user"}),
        ("POST", "/model/parse", {"text": "保険証をなくした"}),
        ("DELETE", "/model", None),
        ("PUT", "/model", {"model_file": "/tmp/other.tar.gz"}),
        ("GET", "/status", None),
    ],
)
def test_api_refuses_without_the_token(servers: Servers, method: str, path: str, body: object) -> None:
    sender = new_sender()
    form_until_status(servers, sender, "昭和32年3月1日")
    for token in ("", "?token=", "?token=wrong-token-wrong-token"):
        url = servers.rasa_url + path.format(sender=sender) + token
        status, answer = http_json(url, body, method=method)
        assert status == 401, (method, path, token, status, answer)
    status, tracker = http_json(servers.api(f"/conversations/{sender}/tracker"))
    assert status == 200 and tracker["slots"]["birthdate"] == "1957-03-01"  # nothing was changed
    assert "資格確認書" in texts(servers.say(sender, "カードは持っていません"))  # the model is still loaded


# ---------------------------------------------------------------- senders


@pytest.mark.parametrize("body", [{"message": "届く書類を調べたい"}, {"sender": "", "message": "x"}, {"sender": "  "}])
def test_a_request_without_sender_is_refused_politely(servers: Servers, body: dict) -> None:
    status, answer = http_json(f"{servers.rasa_url}/webhooks/rest/webhook", body)
    assert status == 400 and answer["error"] == NO_SENDER


def test_two_senderless_clients_never_share_a_conversation(servers: Servers) -> None:
    url = f"{servers.rasa_url}/webhooks/rest/webhook"
    http_json(url, {"message": "届く書類を調べたい"})
    status, answer = http_json(url, {"message": "昭和32年3月1日"})
    assert status == 400 and "1957" not in json.dumps(answer, ensure_ascii=False)
    _, default = http_json(servers.api("/conversations/default/tracker"))
    assert not [e for e in default["events"] if e["event"] == "user"]


# ---------------------------------------------------------------- the store


def test_store_file_is_private(servers: Servers) -> None:
    assert stat.S_IMODE((servers.workdir / "tracker.db").stat().st_mode) == 0o600


def test_no_birthdate_in_the_store_after_the_answer(servers: Servers) -> None:
    sender = new_sender()
    form_until_status(servers, sender, "昭和31年12月10日です")
    rows = store_rows(servers, sender)
    assert [r["value"] for r in rows if r["name"] == "birthdate"][-1] == "1956-12-10"  # kept for the answer
    assert all("昭和31年" not in str(r["data"]) for r in rows)  # the typed answer is never written
    answer = texts(servers.say(sender, '/inform{"card_status":"no_card"}'))
    assert "資格確認書" in answer and "令和8年12月31日（2026年12月31日）" in answer
    assert_not_stored(servers, sender, "昭和31年12月10日", "1956-12-10")
    assert all("12月31日" not in str(r["text"]) for r in store_rows(servers, sender))  # the expiry tells the birthday


@pytest.mark.parametrize(("closing", "reply"), [("やめる", "終了しました"), ("/restart", "最初からやり直します")])
def test_no_birthdate_in_the_store_after_stop_or_restart(servers: Servers, closing: str, reply: str) -> None:
    sender = new_sender()
    form_until_status(servers, sender, "1948年9月17日")
    answer = texts(servers.say(sender, closing))
    assert reply in answer and "申し訳ありません" not in answer
    assert_not_stored(servers, sender, "1948年9月17日", "1948-09-17")


def test_a_birthdate_payload_is_not_stored(servers: Servers) -> None:
    """The date picker may send the birthdate as a payload (ISO); outside the form, too."""
    sender = new_sender()
    servers.say(sender, "届く書類と有効期限を調べたい")
    servers.say(sender, '/inform{"birthdate":"1957-03-01"}')
    servers.say(sender, "やめる")
    servers.say(sender, '/inform{"card_status":"\\u662d\\u548c32\\u5e743\\u67081\\u65e5"}')
    assert_not_stored(servers, sender, "昭和32年3月1日", "1957-03-01")


def test_an_oversized_year_is_said_to_be_too_large(servers: Servers) -> None:
    sender = new_sender()
    servers.say(sender, "届く書類と有効期限を調べたい")
    answer = texts(servers.say(sender, "9999999999年1月1日"))
    assert "大きすぎます" in answer and "何年生まれ" not in answer


# ---------------------------------------------------------------- logs

SHAPES = [
    "/greet{昭和31年12月10日}",
    "／昭和31年12月10日",
    " /昭和31年12月10日です",
    '/inform{"birthdate":"1956-12-10"}',
    '/inform{"card_status":"昭和31年12月10日"}',
    '/nosuchintent{"x":"昭和31年12月10日"}',
    '/inform{"card_status": 昭和31年12月10日',
    "/greet@2.5{昭和31年12月10日}",
    "/inform{}昭和31年12月10日",
    "しょうわさんじゅういちねんじゅうにがつとおか",
    "S31.12.10",
    "19561210",
]


def test_no_birthdate_in_any_log_whatever_the_shape(servers: Servers) -> None:
    for shape in SHAPES:
        assert servers.say(new_sender(), shape)
        sender = new_sender()
        servers.say(sender, "届く書類と有効期限を調べたい")
        assert servers.say(sender, shape)
    logs = servers.logs()
    assert logs, "the servers wrote no log at all"
    for secret in [*spellings("昭和31年12月10日", "1956-12-10"), "S31.12.10", "しょうわさんじゅういち"]:
        assert secret not in logs, secret


# ---------------------------------------------------------------- retention


def test_retention_deletes_old_conversations(servers: Servers) -> None:
    old, recent = new_sender(), new_sender()
    servers.say(old, "マイナ保険証をなくしました")
    servers.say(recent, "マイナ保険証をなくしました")
    with sqlite3.connect(servers.workdir / "tracker.db") as db:  # as if `old` had spoken 31 days ago
        db.execute("UPDATE events SET timestamp = timestamp - 31 * 86400 WHERE sender_id = ?", (old,))
    command = [sys.executable, "-m", "bot.retention", "--endpoints", str(servers.workdir / "endpoints.yml")]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NHI_RETENTION_DAYS": "30"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert not store_rows(servers, old) and store_rows(servers, recent)
    _, tracker = http_json(servers.api(f"/conversations/{old}/tracker"))
    assert not [e for e in tracker["events"] if e["event"] == "user"]
    assert "0120-95-0178" in texts(servers.say(recent, "マイナ保険証をなくしました"))


def test_servers_listen_on_this_machine_only(servers: Servers) -> None:
    for url in (servers.rasa_url, servers.action_url or ""):
        port = int(url.rsplit(":", 1)[1])
        assert listening_addresses(port) == {"127.0.0.1"}, url


def listening_addresses(port: int) -> set[str]:
    """The local addresses listening on TCP `port`, IPv4 and IPv6 (from /proc/net)."""
    found = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            hex_address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                words = [bytes.fromhex(hex_address[i : i + 8])[::-1] for i in range(0, len(hex_address), 8)]
                found.add(str(ipaddress.ip_address(b"".join(words))))
    return found
