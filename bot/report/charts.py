"""The report's charts as inline SVG (matplotlib, which ships with Rasa's dependencies).

Text stays text in the SVG (svg.fonttype "none"): the browser draws it with its own Japanese
fonts, so the page needs no font file. Layout uses a Japanese font when one is installed.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

JAPANESE_FONTS = ["IPAexGothic", "IPAGothic", "IPAPGothic", "Noto Sans CJK JP", "Noto Sans JP", "TakaoGothic"]
DOOR_COLOURS = {"widget": "#0b4f9c", "line": "#06a04c", "rest": "#8a5a00", "socketio": "#6b6b6b"}
OTHER_COLOUR, BAR_COLOUR = "#5b2a86", "#0b4f9c"
UP_COLOUR, DOWN_COLOUR = "#1a7f37", "#b0003a"
_SVG_START = re.compile(r"^.*?(?=<svg)", re.S)


def _pyplot() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyparsing deprecations inside matplotlib 3.5
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.fonttype": "none",
            "font.family": "sans-serif",
            "font.sans-serif": JAPANESE_FONTS + ["DejaVu Sans"],
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def _svg(figure: Any, title: str) -> str:
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph missing" where no Japanese font is installed
        figure.savefig(buffer, format="svg", bbox_inches="tight")
    figure.clf()
    svg = _SVG_START.sub("", buffer.getvalue(), count=1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{title}" ', 1)


def questions_per_day(per_day: list[dict[str, Any]], door_labels: dict[str, str], title: str) -> str:
    """Stacked bars: questions per day, by door."""
    plt = _pyplot()
    seen = {door for day in per_day for door in day["by_door"]}
    doors = [d for d in DOOR_COLOURS if d in seen] + sorted(seen - set(DOOR_COLOURS))
    figure, axes = plt.subplots(figsize=(8, 2.8))
    positions = list(range(len(per_day)))
    bottom = [0] * len(per_day)
    for door in doors:
        counts = [day["by_door"].get(door, 0) for day in per_day]
        colour = DOOR_COLOURS.get(door, OTHER_COLOUR)
        axes.bar(positions, counts, bottom=bottom, label=door_labels.get(door, door), color=colour)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    shown = positions[:: max(1, len(positions) // 12)]
    axes.set_xticks(shown)
    axes.set_xticklabels([per_day[i]["date"][5:] for i in shown])
    axes.set_xlim(-0.6, len(positions) - 0.4)
    axes.set_ylabel("質問の数")
    axes.yaxis.get_major_locator().set_params(integer=True)
    if doors:
        axes.legend(frameon=False, ncol=len(doors), loc="upper left", bbox_to_anchor=(0, 1.18))
    return _svg(figure, title)


def horizontal_bars(labels: list[str], values: list[int], title: str, colour: str = BAR_COLOUR) -> str:
    """One bar per label, the first on top."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(8, 0.4 * max(len(labels), 1) + 0.6))
    axes.barh(labels[::-1], values[::-1], color=colour)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _svg(figure, title)


def ratings(rows: list[dict[str, Any]], title: str) -> str:
    """👍 and 👎 per answer, the worst rated on top."""
    plt = _pyplot()
    labels = [row["label"] for row in rows][::-1]
    figure, axes = plt.subplots(figsize=(8, 0.4 * max(len(rows), 1) + 0.6))
    axes.barh(labels, [row["down"] for row in rows][::-1], color=DOWN_COLOUR, label="役に立たなかった")
    axes.barh(
        labels, [row["up"] for row in rows][::-1], left=[row["down"] for row in rows][::-1], color=UP_COLOUR,
        label="役に立った",
    )  # fmt: skip
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.legend(frameon=False, ncol=2, loc="lower right", bbox_to_anchor=(1, 1))
    return _svg(figure, title)
