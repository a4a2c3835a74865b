"""The knowledge base invents nothing: every phone number and date of an answer is in a source or a
profile, every placeholder is filled by every profile, the key facts are in the answers, and the
held-out questions' pages were never used for it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from bench.eval_sets import SETS, VALIDATION, load_set, validation_pages
from bot.answers.knowledge_answer import render_entry
from bot.answers.knowledge_export import main as export_main
from bot.core.knowledge import FAQ_INTENTS, KnowledgeError, knowledge, load_knowledge
from bot.core.profiles import available_profiles, load_profile

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 25)
KB = knowledge()
PROFILES = [load_profile(p) for p in available_profiles()]
PHONE = re.compile(r"0\d{1,4}[-‐－]\d{1,4}[-‐－]\d{3,4}")
DATE = re.compile(r"(?:令和|平成|昭和)(?:\d+|元)年\d+月\d+日|\d{4}年\d+月\d+日")
HELD_OUT_HOSTS = {
    line.strip()
    for line in (ROOT / "knowledge" / "heldout_hosts.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}


def profile_texts() -> str:
    return "\n".join((ROOT / "profiles" / f"{p.id}.yml").read_text(encoding="utf-8") for p in PROFILES)


def test_at_least_100_entries_from_at_least_10_public_pages() -> None:
    assert len(KB.entries) >= 100
    pages = [s for s in KB.sources.values() if s.url.startswith("https://")]
    assert len(pages) >= 10
    assert {e.intent for e in KB.entries} == set(FAQ_INTENTS)


def test_every_source_is_recorded_with_url_publisher_and_date() -> None:
    for source in KB.sources.values():
        assert source.url and source.publisher and source.facts, source.id
        assert source.seen <= date.today(), source.id  # read by now (TODAY is the answers' reference date)


def test_no_source_is_a_held_out_page() -> None:
    hosts = {urlparse(s.url).hostname for s in KB.sources.values() if s.url.startswith("http")}
    assert not hosts & HELD_OUT_HOSTS


@pytest.mark.parametrize("entry", KB.entries, ids=lambda e: e.name)
def test_phone_numbers_and_dates_come_from_the_sources(entry) -> None:  # type: ignore[no-untyped-def]
    facts = KB.facts_of(entry)
    for phone in PHONE.findall(entry.answer):
        assert phone in facts, f"{entry.name}: {phone} is in no source of the entry"
    for day in DATE.findall(entry.answer):
        assert day in facts, f"{entry.name}: {day} is in no source of the entry"


@pytest.mark.parametrize("entry", KB.entries, ids=lambda e: e.name)
def test_answers_render_for_every_profile_with_their_key_facts(entry) -> None:  # type: ignore[no-untyped-def]
    known_phones = KB.facts_of(entry) + profile_texts()
    for profile in PROFILES:
        text = render_entry(entry, profile, TODAY)
        assert "{" not in text and "}" not in text, (entry.name, profile.id)
        for fact in entry.key_facts:
            assert fact in text, (entry.name, profile.id, fact)
        for phone in PHONE.findall(text):
            assert phone in known_phones, (entry.name, profile.id, phone)


@pytest.mark.parametrize("entry", KB.entries, ids=lambda e: e.name)
def test_answers_are_short_polite_japanese_without_urls(entry) -> None:  # type: ignore[no-untyped-def]
    assert "http" not in entry.answer and "www." not in entry.answer
    assert re.search(r"です|ます|ください", entry.answer), entry.name
    sentences = [s for s in re.split(r"[。\n]", entry.answer) if s.strip()]
    assert 1 <= len(sentences) <= 8, entry.name
    assert all(len(s) <= 160 for s in sentences), entry.name


def test_uncertain_answers_point_to_a_desk() -> None:
    for entry in KB.entries:
        if entry.uncertain:
            assert re.search(r"\{(desk|topic_desk|elderly_care_contact|general_contact|place_\w+)\}", entry.answer), (
                entry.name
            )


def _spaced(text: str) -> str:
    return " ".join(text.split())


TRAINING_TEXTS = {_spaced(x) for e in KB.entries for x in e.examples}


def held_out_texts() -> list[str]:
    """The questions of both held-out sets."""
    return [item["text"] for name in SETS for item in load_set(name)]


def test_held_out_questions_are_not_training_examples() -> None:
    for text in held_out_texts():
        assert _spaced(text) not in TRAINING_TEXTS, text


def test_validation_headings_come_from_training_side_pages_and_are_never_trained_or_held_out() -> None:
    """The validation headings (bench/candidates/real_headings_session*.yml) choose between candidates:
    none of their pages is on a held-out host, and none of them is a training example or a held-out question."""
    held_out = {_spaced(text) for text in held_out_texts()}
    entries = {e.name for e in KB.entries}
    files = sorted((ROOT / "bench" / "candidates").glob("real_headings_session*.yml"))
    assert len(files) >= 2 and files == sorted(VALIDATION)  # every collection is scored
    for page in validation_pages():
        host = urlparse(page["url"]).hostname or ""
        assert not {host, host.removeprefix("www."), f"www.{host}"} & HELD_OUT_HOSTS, page["url"]
        for heading in page["headings"]:
            text = _spaced(heading["text"])
            assert text not in TRAINING_TEXTS and text not in held_out, text
            assert heading["entry"] in entries, heading


def test_held_out_questions_come_from_recorded_pages_on_held_out_hosts() -> None:
    """A page of the real held-out set is recorded, and its host reserved, so that no later source uses it."""
    sources = yaml.safe_load((ROOT / "tests" / "knowledge" / "real_sources.yml").read_text(encoding="utf-8"))
    hosts = {s["id"]: urlparse(s["url"]).hostname for s in sources}
    for item in load_set("real"):
        assert hosts.get(item["source"]) in HELD_OUT_HOSTS, item


def test_the_rasa_training_data_is_exported_from_the_knowledge_base() -> None:
    assert export_main(["--check"]) == 0


def test_a_broken_knowledge_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "faq").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "faq" / "lost_card.yml").write_text(
        "intent: lost_card\nentries:\n- key: general\n  question: q\n  answer: a\n  key_facts: []\n"
        "  sources: [nowhere]\n  examples: [a, b, c, d, e]\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="lost_card.yml.*unknown sources"):
        load_knowledge(tmp_path)
