"""Exports the knowledge base (knowledge/) as Rasa training data: one file per FAQ intent under
data/nlu/knowledge/, with the retrieval intents' examples (intent/key) and their responses
(utter_intent/key). The files are generated: edit knowledge/ and run

    python -m bot.answers.knowledge_export           # writes data/nlu/knowledge/
    python -m bot.answers.knowledge_export --check   # exit 1 when the files are out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.core.knowledge import KNOWLEDGE_DIR, Entry, KnowledgeBase, load_knowledge
from bot.core.names import Entity, response_payload

OUT_DIR = KNOWLEDGE_DIR.parent / "data" / "nlu" / "knowledge"
SOURCES_DOC = KNOWLEDGE_DIR.parent / "docs" / "knowledge-sources.md"
DOCUMENT_INTENT = "which_document"
PERSONAL_KEY = "personal"  # which_document/personal starts the document form
PERSONAL_CHECK_BUTTON = {
    "title": "あなたの場合を調べる",
    "payload": response_payload(DOCUMENT_INTENT, {Entity.DOCUMENT_CHECK: "personal"}),
}
# Rasa reads "[text](entity)" and "[text]{...}" in examples as entity annotations.
_ANNOTATION = re.compile(r"\[([^\]]*)\](?=[({])")


def _plain(example: str) -> str:
    """The example without brackets Rasa would read as an entity annotation."""
    return _ANNOTATION.sub(r"(\1)", " ".join(example.split()))


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def buttons_for(entry: Entry) -> list[dict[str, str]]:
    """General answers about documents offer the personal check."""
    if entry.intent == DOCUMENT_INTENT and entry.key != PERSONAL_KEY:
        return [PERSONAL_CHECK_BUTTON]
    return []


def intent_file(kb: KnowledgeBase, intent: str) -> str:
    """The Rasa YAML of one FAQ intent's entries."""
    lines = [
        f"# Generated from knowledge/faq/{intent}.yml by bot.answers.knowledge_export: do not edit.",
        'version: "3.1"',
        "nlu:",
    ]
    entries = kb.for_intent(intent)
    for entry in entries:
        lines += [f"- intent: {entry.name}", "  examples: |"]
        lines += [f"    - {_plain(ex)}" for ex in entry.examples]
    lines.append("responses:")
    for entry in entries:
        publishers = sorted({kb.sources[s].publisher for s in entry.sources})
        lines += [f"  # sources: {', '.join(entry.sources)} ({', '.join(publishers)})", f"  utter_{entry.name}:"]
        lines.append(f"  - text: {_quoted(entry.answer)}")
        for button in buttons_for(entry):
            lines += [
                "    buttons:",
                f"    - title: {_quoted(button['title'])}",
                f"      payload: {_quoted(button['payload'])}",
            ]
    return "\n".join(lines) + "\n"


def sources_markdown(kb: KnowledgeBase) -> str:
    """docs/knowledge-sources.md: every source with the entries that use it."""
    used: dict[str, list[str]] = {}
    for entry in kb.entries:
        for sid in entry.sources:
            used.setdefault(sid, []).append(entry.name)
    lines = [
        "# Sources of the knowledge base",
        "",
        "Generated from `knowledge/sources/` by `python -m bot.answers.knowledge_export`: do not edit.",
        f"{len(kb.entries)} entries from {len(kb.sources)} sources. The facts taken from each page, in our",
        "own words, are in `knowledge/sources/*.yml`.",
        "",
        "| source | publisher | page | seen | entries |",
        "|---|---|---|---|---|",
    ]
    for sid, source in sorted(kb.sources.items(), key=lambda kv: (kv[1].publisher, kv[0])):
        entries = ", ".join(used.get(sid, [])) or "—"
        lines.append(f"| {sid} | {source.publisher} | {source.url} | {source.seen.isoformat()} | {entries} |")
    return "\n".join(lines) + "\n"


def exported_files(kb: KnowledgeBase) -> dict[str, str]:
    """File name -> content, one per FAQ intent."""
    intents = sorted({e.intent for e in kb.entries})
    return {f"{intent}.yml": intent_file(kb, intent) for intent in intents}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.answers.knowledge_export", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check that data/nlu/knowledge is up to date")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    kb = load_knowledge()
    files = exported_files(kb)
    doc = sources_markdown(kb)
    doc_ok = SOURCES_DOC.is_file() and SOURCES_DOC.read_text(encoding="utf-8") == doc
    present = {p.name: p.read_text(encoding="utf-8") for p in args.out.glob("*.yml")} if args.out.is_dir() else {}
    if args.check:
        if present != files or not doc_ok:
            stale = sorted(n for n in set(files) | set(present) if files.get(n) != present.get(n))
            stale += [] if doc_ok else [str(SOURCES_DOC.name)]
            print(f"out of date: {', '.join(stale)}; run python -m bot.answers.knowledge_export", file=sys.stderr)
            return 1
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in set(present) - set(files):
        (args.out / name).unlink()
    for name, content in files.items():
        (args.out / name).write_text(content, encoding="utf-8")
    SOURCES_DOC.write_text(doc, encoding="utf-8")
    print(f"wrote {len(files)} files to {args.out}, and {SOURCES_DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
