"""The chat widget's script and demo pages, filled from the active municipality profile.

Sources live under widget/ (no build step). The script gets the desk to call when the server is
unreachable, so a citizen sees a real phone number from the profile even when offline.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from bot.answers.profile_phrases import contact_phrase
from bot.core.input_text import MAX_CHARS
from bot.core.names import DATE_ANSWER_ENTITY, DATE_ANSWER_INTENT, DATE_INPUT, INPUT_HINT
from bot.core.profiles import Profile

WIDGET_DIR = Path(__file__).resolve().parents[2] / "widget"
SCRIPT_NAME = "nhi-chat.js"
CONFIG_MARKER = "/*NHI_SERVER_CONFIG*/{}"
# Demo pages: URL name under /webhooks/widget/demo -> (content file under widget/demo/, title, script attributes).
DEMO_PAGES = {
    "": ("index.html", "国民健康保険", 'data-open="true"'),
    "mynumber": ("mynumber.html", "マイナ保険証", ""),
}
DEMO_URL = "/webhooks/widget/demo"
DEMO_ASSETS = {"demo.css": "text/css; charset=utf-8"}


def widget_config(profile: Profile) -> dict[str, Any]:
    """What the script needs from the server: city, desk to call, input limit, and how to read the
    picker hint and answer it (bot/core/names.py)."""
    return {
        "city": profile.name,
        "desk": contact_phrase(profile.main_desk),
        "maxChars": MAX_CHARS,
        "picker": {"hint": INPUT_HINT, "date": DATE_INPUT, "intent": DATE_ANSWER_INTENT, "entity": DATE_ANSWER_ENTITY},
    }


def widget_script(profile: Profile) -> str:
    """The widget's JavaScript with the profile's settings filled in."""
    source = (WIDGET_DIR / SCRIPT_NAME).read_text(encoding="utf-8")
    if CONFIG_MARKER not in source:
        raise RuntimeError(f"{SCRIPT_NAME} lost its config marker {CONFIG_MARKER}")
    return source.replace(CONFIG_MARKER, json.dumps(widget_config(profile), ensure_ascii=True), 1)


def _desk_items(profile: Profile) -> str:
    rows = []
    for desk in (*profile.desks, *profile.branches):
        phone = f"<br>電話 {html.escape(desk.phone)}" if desk.phone else ""
        rows.append(f"<li><strong>{html.escape(desk.name)}</strong>{phone}</li>")
    return "\n".join(rows)


def _nav(current: str) -> str:
    items = []
    for name, (_, title, _) in DEMO_PAGES.items():
        href = f"{DEMO_URL}/{name}" if name else DEMO_URL
        mark = ' aria-current="page"' if name == current else ""
        items.append(f'    <li><a href="{href}"{mark}>{html.escape(title)}</a></li>')
    return "\n".join(items)


def demo_page(name: str, profile: Profile) -> str | None:
    """A demo page of a city NHI site (None for an unknown name), with the widget on it."""
    if name not in DEMO_PAGES:
        return None
    file, title, widget_attrs = DEMO_PAGES[name]
    values = {
        "main": (WIDGET_DIR / "demo" / file).read_text(encoding="utf-8"),
        "nav": _nav(name),
        "desks": _desk_items(profile),
        "widget_attrs": widget_attrs,
        "page_title": html.escape(title),
        "city": html.escape(profile.name),
    }
    page = (WIDGET_DIR / "demo" / "layout.html").read_text(encoding="utf-8")
    for key, value in values.items():
        page = page.replace("{{" + key + "}}", value)
    return page


def demo_asset(name: str) -> tuple[str, str] | None:
    """(text, content type) of a demo page's asset, None for an unknown name."""
    kind = DEMO_ASSETS.get(name)
    return None if kind is None else ((WIDGET_DIR / "demo" / name).read_text(encoding="utf-8"), kind)
