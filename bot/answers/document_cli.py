"""Command line for the desk: prints the answer a citizen would read (python -m bot.answers)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Sequence

from bot.answers.document_service import answer_document
from bot.core.card_status import CardStatus
from bot.core.dates import DateParseError, parse_date
from bot.core.documents import InputError
from bot.core.profiles import ProfileError, active_profile, available_profiles, load_profile
from bot.core.reference_date import today as reference_today


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.answers",
        description="Which NHI document a citizen holds and until when, as the assistant would answer.",
    )
    parser.add_argument("--birthdate", required=True, help="e.g. 昭和32年3月1日, S32.3.1, 1957-03-01")
    parser.add_argument("--card-status", required=True, choices=[s.value for s in CardStatus])
    parser.add_argument("--today", help="reference date YYYY-MM-DD (default: BOT_TODAY or the real date)")
    parser.add_argument("--municipality", help=f"profile id or YAML path (shipped: {', '.join(available_profiles())})")
    parser.add_argument("--residence-end", help="end of a foreign national's residence period (any date form)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        ref: date = date.fromisoformat(args.today) if args.today else reference_today()
        profile = load_profile(args.municipality) if args.municipality else active_profile()
        born = parse_date(args.birthdate, ref)
        residence = parse_date(args.residence_end, ref, allow_future=True, max_age=200) if args.residence_end else None
        text = answer_document(born, args.card_status, profile, ref, residence)
    except (DateParseError, InputError) as err:
        print(err.message_ja, file=sys.stderr)
        return 2
    except (ProfileError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(text)
    return 0
