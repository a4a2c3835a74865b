"""The report as one self-contained HTML page (inline CSS and SVG charts), for staff's browser."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any, Iterable

from bot.core.profiles import ProfileError, load_profile
from bot.report import charts
from bot.report.summary import DOOR_LABELS, JST

COUNTING_NOTE = (
    "「回答できた」は FAQ の回答か書類の確認をしたもの（👎 がついたものも含みます）。"
    "あいさつやお礼は質問に数えていません。"
)
PRIVACY_NOTE = (
    "この記録には、お名前・生年月日・電話番号などの個人情報は残していません（［氏名］［日付］などに置き換えています）。"
)
GROUPS_NOTE = "似た質問をまとめ、多い順に並べています。例文の個人情報は［日付］［氏名］などに置き換えています。"
STYLE = """
body{font-family:'BIZ UDPGothic','Hiragino Kaku Gothic ProN',Meiryo,'Noto Sans JP','IPAPGothic','IPAGothic',sans-serif;
 margin:0;color:#111;background:#f4f6f8;line-height:1.6}
main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.5rem;margin:0 0 .2rem}
h2{font-size:1.15rem;margin:2rem 0 .6rem;border-left:6px solid #0b4f9c;padding-left:.5rem}
.meta{color:#444;margin:0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.8rem;margin:1.2rem 0}
.card{background:#fff;border:1px solid #ccd3da;border-radius:8px;padding:.7rem .9rem}
.card .n{font-size:1.7rem;font-weight:bold;display:block}.card .k{color:#333;font-size:.9rem}
section{background:#fff;border:1px solid #ccd3da;border-radius:8px;padding:.2rem 1rem 1rem;margin-top:1rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.95rem}
th,td{border-bottom:1px solid #dde2e7;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
svg{max-width:100%;height:auto}
.group{border-top:1px solid #dde2e7;padding:.6rem 0}.group:first-of-type{border-top:0}
.group h3{font-size:1rem;margin:0}.group ul{margin:.3rem 0 0;padding-left:1.2rem}
.note{color:#444;font-size:.9rem}.empty{color:#444}
.warn{background:#fff4d6;border:1px solid #b07800;border-radius:8px;padding:.5rem .8rem}
"""


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _city_names(ids: Iterable[str]) -> str:
    names = []
    for municipality in ids:
        try:
            names.append(load_profile(municipality).name)
        except ProfileError:
            names.append(municipality)
    return "、".join(names)


def _table(headers: list[str], rows: list[list[Any]], numeric: Iterable[int] = ()) -> str:
    numbers = set(numeric)
    head = "".join(
        f'<th scope="col"{" class=n" if i in numbers else ""}>{escape(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=n' if i in numbers else ''}>{escape(str(v))}</td>" for i, v in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cards(totals: dict[str, Any]) -> str:
    cards = [
        (totals["questions"], "質問の数（あいさつ等を除く）"),
        (_percent(totals["answer_rate"]), f"回答できた割合（{totals['answered']}件）"),
        (_percent(totals["fallback_rate"]), f"「分かりませんでした」の割合（{totals['fell_back']}件）"),
        (f"👍{totals['up']}・👎{totals['down']}", f"評価（役に立った割合 {_percent(totals['helpful_rate'])}）"),
        (_percent(totals["answered_not_rated_down_rate"]), "回答でき、👎がつかなかった割合"),
    ]
    return (
        '<div class="cards">'
        + "".join(
            f'<div class="card"><span class="n">{escape(str(n))}</span><span class="k">{escape(k)}</span></div>'
            for n, k in cards
        )
        + "</div>"
    )


def _section(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>"


def _per_day(report: dict[str, Any]) -> str:
    title = "日ごとの質問の数（窓口別）"
    chart = charts.questions_per_day(report["per_day"], DOOR_LABELS, title)
    doors = _table(
        ["窓口", "質問", "回答できた", "「分かりませんでした」", "👎"],
        [[d["label"], d["questions"], d["answered"], d["fell_back"], d["down"]] for d in report["per_door"]],
        numeric=(1, 2, 3, 4),
    )
    return _section(title, chart + doors)


def _topics(report: dict[str, Any]) -> str:
    rows = report["top_topics"]
    if not rows:
        return _section("よく聞かれた話題", '<p class="empty">この期間の記録はありません。</p>')
    chart = charts.horizontal_bars([r["label"] for r in rows], [r["questions"] for r in rows], "よく聞かれた話題")
    entries = report["top_entries"]
    table = (
        _table(["FAQ の項目", "質問"], [[e["label"], e["questions"]] for e in entries], numeric=(1,)) if entries else ""
    )
    return _section("よく聞かれた話題", chart + table)


def _ratings(report: dict[str, Any]) -> str:
    rows = report["ratings"]
    if not rows:
        return _section("回答ごとの評価（悪い順）", '<p class="empty">この期間の評価はありません。</p>')
    table = _table(
        ["回答", "👎", "👍", "👎の割合"],
        [[r["label"], r["down"], r["up"], _percent(r["down_rate"])] for r in rows],
        numeric=(1, 2, 3),
    )
    return _section("回答ごとの評価（悪い順）", charts.ratings(rows[:15], "回答ごとの評価") + table)


def _groups(report: dict[str, Any]) -> str:
    groups = report["unknown_topics"]
    if not groups:
        return _section(
            "答えられなかった質問", '<p class="empty">答えられなかった質問や👎のついた質問はありません。</p>'
        )
    items = []
    for number, group in enumerate(groups, 1):
        words = "・".join(group["keywords"]) or "（ことばを特定できませんでした）"
        examples = "".join(f"<li>{escape(text)}</li>" for text in group["examples"])
        items.append(
            f'<div class="group"><h3>{number}. {escape(words)}：{group["size"]}件'
            f"（答えられなかった {group['unanswered']}件、👎 {group['rated_down']}件）</h3><ul>{examples}</ul></div>"
        )
    intro = f'<p class="note">{GROUPS_NOTE}</p>'
    return _section("答えられなかった質問（似たものをまとめて上位5つ）", intro + "".join(items))


def _comments(report: dict[str, Any]) -> str:
    rows = report["comments"]
    if not rows:
        return ""
    return _section(
        "👎のご意見（新しい順）",
        _table(["日付", "回答", "ご意見"], [[c["date"], c["answer"], c["comment"]] for c in rows]),
    )


def render(report: dict[str, Any], generated: datetime | None = None) -> str:
    """The whole page for the numbers of a report (bot.report.build.Report.as_dict)."""
    generated = generated or datetime.now(JST)
    period = report["period"]
    cities = _city_names(report["municipalities"]) or "（記録なし）"
    warnings = ""
    if report.get("damaged_records"):
        warnings = (
            f'<p class="warn">読めなかった記録が {report["damaged_records"]} 件ありました（集計から除いています）。</p>'
        )
    if not report["totals"]["messages"]:
        warnings += '<p class="warn">この期間の質問の記録はありません。</p>'
    title = f"チャットの利用状況 {period['since']}～{period['until']}"
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body><main>
<h1>国民健康保険 チャットの利用状況</h1>
<p class="meta">{escape(cities)}　期間：{escape(period["since"])}～{escape(period["until"])}（日本時間）
　作成：{generated:%Y-%m-%d %H:%M}</p>
{warnings}{_cards(report["totals"])}
<p class="note">{COUNTING_NOTE}</p>
{_per_day(report)}{_topics(report)}{_ratings(report)}{_groups(report)}{_comments(report)}
<p class="note">{PRIVACY_NOTE}</p>
</main></body></html>
"""
