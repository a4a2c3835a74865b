"""Drive the chat widget in Debian's headless Chromium with Playwright (no browser download)."""

from __future__ import annotations

import contextlib
import shutil
from typing import Iterator

from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# What this machine needs (docs of the machine: "End-to-end tests in headless Chromium").
# Playwright adds --headless and a fresh, empty --user-data-dir of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPLY_TIMEOUT_MS = 120_000  # an upper bound for the assistant's answer on a busy 2-core machine


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless; installed by scripts/setup_browser.sh."""
    if not shutil.which(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/setup_browser.sh")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_demo(page: Page, rasa_url: str, path: str = "") -> Widget:
    """The widget on the assistant's demo city page (`path`: "" or "/mynumber")."""
    page.goto(f"{rasa_url}/webhooks/widget/demo{path}")
    return Widget(page)


class Widget:
    """The widget on a page; locators pierce its open shadow root."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.input: Locator = page.locator("#nhi-chat-widget textarea")
        self.log: Locator = page.locator("#nhi-chat-widget [role=log]")
        self.launcher: Locator = page.locator("#nhi-chat-widget .launcher")
        self.banner: Locator = page.locator("#nhi-chat-widget .banner")
        self.typing: Locator = page.locator("#nhi-chat-widget .typing")
        self.panel: Locator = page.locator("#nhi-chat-widget .panel")

    def user_messages(self) -> Locator:
        return self.log.locator(".msg.user")

    def bot_messages(self) -> Locator:
        return self.log.locator(".msg.bot:not(.welcome)")

    def ask(self, text: str) -> None:
        """Type `text` and press Enter."""
        self.input.fill(text)
        self.input.press("Enter")

    def wait_for_bot(self, fragment: str) -> Locator:
        """The bot message that contains `fragment`, once it is shown."""
        message = self.bot_messages().filter(has_text=fragment).last
        expect(message).to_be_visible(timeout=REPLY_TIMEOUT_MS)
        return message

    def wait_until_idle(self) -> None:
        """Every message sent and answered."""
        expect(self.log.locator(".pending")).to_have_count(0, timeout=REPLY_TIMEOUT_MS)
        expect(self.typing).to_have_text("", timeout=REPLY_TIMEOUT_MS)

    def choice(self, title: str) -> Locator:
        return self.log.locator(".choices button").filter(has_text=title).last
