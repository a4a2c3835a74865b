"""Screenshot of the widget's demo page with a conversation in progress (docs/widget-screenshot.png).

  .venv/bin/python -m tests.widget_screenshot [--url http://localhost:5005] [--out docs/widget-screenshot.png]

Without --url it starts its own action and Rasa servers (Takasaki profile) and stops them after.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from pathlib import Path
from typing import Iterator

from tests.servers import ROOT, running_servers
from tests.widget_page import chromium, open_demo


@contextlib.contextmanager
def assistant(url: str | None) -> Iterator[str]:
    if url:
        yield url.rstrip("/")
        return
    with (
        tempfile.TemporaryDirectory() as workdir,
        running_servers(Path(workdir), env={"BOT_TODAY": "2026-11-22", "BOT_MUNICIPALITY": "takasaki"}) as servers,
    ):
        yield servers.rasa_url


def take(url: str, out: Path) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="ja-JP")
        widget = open_demo(page, url)
        widget.ask("マイナ保険証をなくしてしまいました")
        widget.wait_for_bot("0120-95-0178")
        widget.ask("私の資格確認書の有効期限を調べてください")
        widget.wait_for_bot("生年月日を教えてください")
        widget.wait_until_idle()
        page.screenshot(path=str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running assistant, e.g. http://localhost:5005 (make run)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "widget-screenshot.png")
    args = parser.parse_args()
    with assistant(args.url) as url:
        take(url, args.out)
    print(args.out)


if __name__ == "__main__":
    main()
