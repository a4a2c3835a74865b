"""The report as CSV for Excel: one row per question, UTF-8 with a BOM, CRLF, cells that Excel
never runs as a formula (the triage output's rules: bot.triage.output.csv_cell)."""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

from bot.question_log.store import DOWN, UP, Record
from bot.report.build import Report
from bot.report.summary import answer_key, answer_label, door_label, is_question, local_time, topic_label
from bot.triage.output import csv_cell

COLUMNS = (
    "日時",
    "窓口",
    "自治体",
    "種別",
    "話題",
    "意図",
    "意図の確信度",
    "FAQの項目",
    "FAQの確信度",
    "回答",
    "回答できた",
    "分かりませんでした",
    "評価",
    "ご意見",
    "質問（個人情報は伏せています）",
    "似た質問のグループ",
)
RATING_LABELS = {UP: "👍 役に立った", DOWN: "👎 役に立たなかった"}


def _row(record: Record, group: int | None) -> list[str]:
    asked = is_question(record)
    values = [
        local_time(record.asked_at).strftime("%Y-%m-%d %H:%M:%S"),
        door_label(record.door),
        record.municipality,
        "質問" if asked else "あいさつ等",
        topic_label(record.intent),
        record.intent,
        None if record.intent_confidence is None else round(record.intent_confidence, 3),
        record.faq_entry,
        None if record.faq_confidence is None else round(record.faq_confidence, 3),
        answer_label(answer_key(record)) if record.answer else None,
        ("はい" if record.answer else "いいえ") if asked else None,
        "はい" if record.fell_back else "いいえ",
        RATING_LABELS.get(record.rating or ""),
        record.comment,
        record.text,
        group,
    ]
    return [csv_cell(value) for value in values]


def write_csv(report: Report, out: BinaryIO) -> None:
    """Write the rows as they are made, so that a long period does not wait for the end."""
    groups = report.group_of()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    out.write(buffer.getvalue().encode("utf-8-sig"))
    for record in report.records:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(_row(record, groups.get(record.id)))
        out.write(buffer.getvalue().encode("utf-8"))
    out.flush()
