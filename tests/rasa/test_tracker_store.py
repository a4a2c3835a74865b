"""The conversation store on its own: a private SQLite file created however Rasa is started, a
loud refusal when it cannot be used, and birthdates redacted in what is written."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import stat
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered
from sanic import Sanic

from bot.core.birthdate_redaction import REDACTED_TEXT
from bot.rasa_plugins.saved_conversation import Saved, kept_during_turn
from bot.rasa_plugins.tracker_store import PrivateSQLTrackerStore, StoreError
from tests.servers import ROOT, unwritable, unwritable_store

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_creates_its_folder_and_a_private_file(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "var" / "tracker.db"
    PrivateSQLTrackerStore(DOMAIN, db=str(db))
    assert mode(db) == 0o600 and mode(db.parent) == 0o700


def test_narrows_a_readable_file(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    db.touch(mode=0o644)
    db.chmod(0o644)
    PrivateSQLTrackerStore(DOMAIN, db=str(db))
    assert mode(db) == 0o600


def test_refuses_a_store_it_cannot_open(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("x")
    with pytest.raises(StoreError, match="not-a-folder"):
        PrivateSQLTrackerStore(DOMAIN, db=str(tmp_path / "not-a-folder" / "tracker.db"))


def test_refuses_a_store_it_cannot_write(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    PrivateSQLTrackerStore(DOMAIN, db=str(db))
    with unwritable(db), pytest.raises(StoreError, match="(?i)readonly|permission|not permitted"):
        PrivateSQLTrackerStore(DOMAIN, db=str(db))


def test_a_failed_save_is_an_error_without_the_text(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = PrivateSQLTrackerStore(DOMAIN, db=str(db))
    tracker = asyncio.run(store.get_or_create_tracker("citizen"))
    tracker.update(UserUttered("昭和31年12月10日です"))
    with unwritable_store(db), pytest.raises(StoreError) as failure:
        asyncio.run(store.save(tracker))
    assert "昭和31年" not in str(failure.value) and "INSERT" not in str(failure.value)


def test_the_birthdate_answer_is_never_written_and_the_slot_goes_when_the_form_closes(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = PrivateSQLTrackerStore(DOMAIN, db=str(db))
    tracker = asyncio.run(store.get_or_create_tracker("citizen"))
    for event in (
        ActiveLoop("document_form"),
        SlotSet("requested_slot", "birthdate"),
        UserUttered("昭和31年12月10日です"),
        SlotSet("birthdate", "昭和31年12月10日です"),
        SlotSet("birthdate", "1956-12-10"),
    ):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    query = "SELECT json_extract(data, '$.text'), json_extract(data, '$.value') FROM events"
    rows = sqlite3.connect(db).execute(query).fetchall()
    assert (REDACTED_TEXT, None) in rows and (None, "1956-12-10") in rows
    assert all("昭和31年" not in json.dumps(r, ensure_ascii=False) for r in rows)

    tracker = asyncio.run(store.retrieve("citizen"))
    assert tracker is not None and tracker.get_slot("birthdate") == "1956-12-10"
    tracker.update(ActiveLoop(None))
    asyncio.run(store.save(tracker))
    stored = "".join(d for (d,) in sqlite3.connect(db).execute("SELECT data FROM events"))
    assert "1956-12-10" not in stored and "\\u662d\\u548c31" not in stored and "昭和31年" not in stored


def test_errors_pass_through_rasas_fail_safe_wrapper(tmp_path: Path) -> None:
    """Rasa wraps the store in a FailSafeTrackerStore, which would answer a failed read with a new,
    empty conversation and keep a failed write in memory. Inside the server, ours gets through."""
    db = tmp_path / "tracker.db"
    store = PrivateSQLTrackerStore(DOMAIN, db=str(db))
    wrapped = FailSafeTrackerStore(store)
    Sanic.test_mode = True
    app = Sanic(f"store_test_{uuid.uuid4().hex[:8]}")
    app.ctx.agent = SimpleNamespace(tracker_store=wrapped)
    try:
        db.write_bytes(b"not a database" * 100)
        with pytest.raises(StoreError, match="cannot read a conversation"):
            asyncio.run(wrapped.retrieve("citizen"))
    finally:
        Sanic._app_registry.pop(app.name, None)


def test_a_turn_hands_on_what_it_saved_as_a_second_read_would_give_it(tmp_path: Path) -> None:
    """The question log reads the turn's save (bot.rasa_plugins.saved_conversation), redacted as
    stored; other turns' tasks and code outside a turn see nothing of it."""
    store = PrivateSQLTrackerStore(DOMAIN, db=str(tmp_path / "tracker.db"))

    async def turn(sender: str, events: list) -> tuple[Saved, list]:
        with kept_during_turn() as saved:
            tracker = await store.get_or_create_tracker(sender)
            for event in events:
                tracker.update(event)
            await asyncio.sleep(0)  # the other citizen's turn runs here
            await store.save(tracker)
        read = await store.retrieve(sender)
        assert read is not None
        return saved, [e.as_dict() for e in read.events]

    async def both() -> list[tuple[Saved, list]]:
        form = [ActiveLoop("document_form"), SlotSet("requested_slot", "birthdate")]
        form.append(UserUttered("昭和31年12月10日です"))
        return await asyncio.gather(turn("citizen-a", form), turn("citizen-b", [UserUttered("保険証をなくした")]))

    (saved_a, read_a), (saved_b, read_b) = asyncio.run(both())
    assert saved_a == {"citizen-a": read_a} and saved_b == {"citizen-b": read_b}
    assert REDACTED_TEXT in json.dumps(saved_a, ensure_ascii=False)
    assert "昭和31年" not in json.dumps(saved_a, ensure_ascii=False)
    with kept_during_turn() as outside:
        pass
    asyncio.run(store.save(asyncio.run(store.get_or_create_tracker("citizen-c"))))
    assert outside == {}
