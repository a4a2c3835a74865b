"""Screenshot of the staff report in headless Chromium (docs/report.png), from made-up demo data.

  .venv/bin/python -m tests.report_screenshot [--out docs/report.png]

Two weeks of questions through the three doors are written to a temporary question log (already
masked, as the assistant writes them), the HTML report is made by python -m bot.report's own code,
and Chromium takes the picture. Fixed seed: the same picture every time.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import sqlalchemy as sa

from bot.question_log import store
from bot.report.cli import main as report_main
from bot.report.summary import JST
from tests.servers import ROOT
from tests.widget_page import chromium

UNTIL = date(2026, 11, 22)
DAYS = 14
DOORS = (("widget", 0.55), ("line", 0.35), ("rest", 0.10))
# (intent, answer, questions as citizens type them, share of 👎 among the rated)
ANSWERED = [
    ("which_document", "document_form", ["資格確認書の有効期限はいつまでですか", "うちには何が届くの？"], 0.05),
    ("lost_card", "utter_lost_card", ["マイナ保険証をなくしました", "カードを落としたかもしれない"], 0.05),
    ("register_card", "utter_register_card", ["マイナ保険証の登録はどうやるの", "保険証として使う手続き"], 0.15),
    ("cancel_registration", "utter_cancel_registration", ["マイナ保険証の登録を解除したい"], 0.45),
    ("elderly_certificate", "utter_elderly_certificate", ["高齢受給者証はまだ要りますか"], 0.20),
    ("old_insurance_card", "utter_old_insurance_card", ["古い保険証はいつまで使えますか"], 0.10),
    ("high_cost_certificate", "utter_high_cost_certificate", ["限度額適用認定証は必要ですか"], 0.55),
]
UNANSWERED = [
    ("out_of_scope", ["住民票の写しはどこで取れますか", "住民票をコンビニで取りたい", "住民票が欲しいのですが"]),
    ("nlu_fallback", ["マイナポータルにログインできない", "マイナポータルのパスワードを忘れた"]),
    ("nlu_fallback", ["国保税の口座振替の申込み方法", "国保税を口座引き落としにしたい"]),
    ("out_of_scope", ["介護保険料はいくらですか", "介護保険の保険料を知りたい"]),
    ("nlu_fallback", ["［氏名］の扶養に入る場合は？", "扶養に入るときの手続き"]),
]
COMMENTS = ["窓口の場所も知りたかった", "手続きに何が必要か分からない", "説明が長い"]


def demo_log(url: str, seed: int = 42, first_id: int = 0) -> None:
    """Two weeks of made-up, masked questions with ratings, written to the question log at `url`."""
    rng = random.Random(seed)
    engine = sa.create_engine(url)
    store.ensure_tables(engine)
    questions, ratings = [], []
    n = first_id
    for offset in range(DAYS):
        day = UNTIL - timedelta(days=DAYS - 1 - offset)
        weekday = day.weekday() < 5
        for _ in range(rng.randint(18, 30) if weekday else rng.randint(5, 10)):
            n += 1
            asked = datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59)), JST).timestamp()
            door = rng.choices([d for d, _ in DOORS], [w for _, w in DOORS])[0]
            row = {"id": f"{n:032x}", "asked_at": asked, "door": door, "municipality": "takasaki"}
            if rng.random() < 0.78:
                intent, answer, texts, down_share = rng.choices(ANSWERED, [8, 6, 5, 3, 2, 2, 2])[0]
                row.update(intent=intent, answer=answer, fell_back=False, text=rng.choice(texts))
            else:
                intent, texts = rng.choices(UNANSWERED, [5, 3, 2, 2, 1])[0]
                row.update(intent=intent, answer=None, fell_back=intent == "nlu_fallback", text=rng.choice(texts))
            row.update(intent_confidence=round(rng.uniform(0.5, 0.99), 3), faq_entry=None, faq_confidence=None)
            questions.append(row)
            if row["answer"] and rng.random() < 0.4:
                down = rng.random() < down_share
                comment = rng.choice(COMMENTS) if down and rng.random() < 0.5 else None
                rating = store.DOWN if down else store.UP
                ratings.append({"question_id": row["id"], "rated_at": asked + 60, "rating": rating, "comment": comment})
    with engine.begin() as connection:
        connection.execute(store.questions.insert(), questions)
        connection.execute(store.ratings.insert(), ratings)


def take(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url, page_file = f"sqlite:///{Path(tmp) / 'tracker.db'}", Path(tmp) / "report.html"
        demo_log(url)
        since = (UNTIL - timedelta(days=DAYS - 1)).isoformat()
        args = ["--db", url, "--since", since, "--until", UNTIL.isoformat(), "-o", str(page_file)]
        if report_main(args) != 0:
            raise RuntimeError("the report could not be made")
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1100, "height": 900}, locale="ja-JP")
            page.goto(page_file.as_uri())
            page.screenshot(path=str(out), full_page=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    take(args.out)
    print(args.out)


if __name__ == "__main__":
    main()
