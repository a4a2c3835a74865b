"""The city website chat widget in Debian's headless Chromium, against the real Rasa and action servers.

The servers are the session's (tests/e2e/conftest.py, Takasaki profile); the widget and its demo
page are served by the Rasa server itself at /webhooks/widget/.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.servers import Servers, http_json
from tests.widget_page import Widget, chromium

WEBHOOK = "**/webhooks/widget/webhook"
DESK_PHONE = "027-321-1235"  # Takasaki's main desk (profiles/takasaki.yml, seed 002)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (empty storage); fails the test on any script error or dialog."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(f"script error: {err}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()
    assert not problems


def demo(servers: Servers, page: Page, path: str = "") -> Widget:
    page.goto(f"{servers.rasa_url}/webhooks/widget/demo{path}")
    widget = Widget(page)
    expect(widget.input).to_be_visible()
    return widget


def sender_of(page: Page) -> str:
    return page.evaluate(
        "JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage).find(k => k.startsWith('nhi-chat:')))).sender"
    )


def user_texts(servers: Servers, sender: str) -> list[str]:
    status, tracker = http_json(servers.api(f"/conversations/{sender}/tracker"))
    assert status == 200
    return [e["text"] for e in tracker["events"] if e["event"] == "user"]


def webhook_messages(page: Page) -> list[str]:
    """Every message the page posts to the widget channel, recorded as it is sent."""
    sent: list[str] = []
    page.on(
        "request",
        lambda r: (
            sent.append(json.loads(r.post_data or "{}").get("message"))
            if r.url.endswith("/webhooks/widget/webhook")
            else None
        ),
    )
    return sent


# ---- what citizens ask ----


def test_lost_card_question_shows_the_stop_line_as_a_tel_link(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    widget.ask("マイナンバーカードをなくしてしまいました")
    answer = widget.wait_for_bot("0120-95-0178")
    expect(answer.locator('a[href="tel:0120950178"]')).to_have_text("0120-95-0178")


def test_document_form_with_a_typed_birthdate_and_a_button(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    widget.ask("私の資格確認書の有効期限を調べてください")
    widget.wait_for_bot("生年月日を教えてください")
    expect(widget.log.locator(".date-pick input[type=date]")).to_be_visible()
    widget.ask("昭和32年3月1日")
    button = widget.choice("マイナンバーカードを持っていない")
    button.click()
    answer = widget.wait_for_bot("令和9年2月28日（2027年2月28日）")
    expect(answer).to_contain_text("資格確認書")
    expect(widget.user_messages().last).to_have_text("あなた：マイナンバーカードを持っていない")
    expect(button).to_be_disabled()
    expect(widget.log.locator(".date-pick input")).to_be_disabled()


def test_birthdate_can_be_picked_from_the_calendar(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    sent = webhook_messages(page)
    widget.ask("私の場合に届く書類を調べてください")
    widget.wait_for_bot("生年月日を教えてください")
    widget.log.locator(".date-pick input[type=date]").fill("1988-04-02")
    widget.log.locator(".date-pick button").click()
    expect(widget.user_messages().last).to_have_text("あなた：1988年4月2日")
    widget.choice("マイナ保険証を持っている").click()
    expect(widget.wait_for_bot("資格情報のお知らせ")).to_contain_text("有効期限はありません")
    assert '/inform{"birthdate":"1988-04-02"}' in sent  # the ISO payload, not text to re-read


def test_did_you_mean_suggestions_are_buttons(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    widget.ask("マイナ")  # one word alone: the assistant is unsure and suggests topics
    widget.wait_for_bot("もしかして")
    suggestion = widget.log.locator(".choices button").first
    title = suggestion.inner_text()
    suggestion.click()
    expect(widget.user_messages().last).to_have_text(f"あなた：{title}")
    widget.wait_until_idle()
    expect(widget.bot_messages().last).not_to_contain_text("もしかして")
    expect(widget.bot_messages().last).not_to_contain_text("理解できませんでした")


# ---- Japanese input ----

ENTER = {"key": "Enter", "code": "Enter"}


def key_down_up(cdp: Any, key_code: int) -> None:
    for kind in ("keyDown", "keyUp"):
        cdp.send(
            "Input.dispatchKeyEvent",
            {"type": kind, **ENTER, "windowsVirtualKeyCode": key_code, "nativeVirtualKeyCode": key_code},
        )


@pytest.mark.parametrize("case", ["composing-enter", "composing-229", "safari-229-after-compositionend"])
def test_enter_that_confirms_an_ime_conversion_sends_nothing(servers: Servers, page: Page, case: str) -> None:
    widget = demo(servers, page)
    sent = webhook_messages(page)
    widget.input.focus()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "ほけんしょう", "selectionStart": 6, "selectionEnd": 6})
    if case == "composing-enter":
        key_down_up(cdp, 13)  # Chromium: isComposing is true while the IME converts
    elif case == "composing-229":
        key_down_up(cdp, 229)  # the usual keyCode of a key the IME consumed
    cdp.send("Input.insertText", {"text": "保険証をなくしました"})  # the conversion is confirmed
    if case == "safari-229-after-compositionend":
        key_down_up(cdp, 229)  # Safari: compositionend first, then the Enter keydown with keyCode 229
    expect(widget.input).to_have_value("保険証をなくしました")
    expect(widget.user_messages()).to_have_count(0)
    widget.input.press("Enter")  # a real Enter now sends, once
    widget.wait_until_idle()
    assert sent == ["保険証をなくしました"]


def test_shift_enter_makes_a_new_line(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    widget.input.type("一行目")
    widget.input.press("Shift+Enter")
    widget.input.type("二行目")
    expect(widget.input).to_have_value("一行目\n二行目")
    expect(widget.user_messages()).to_have_count(0)


# ---- safety of what is shown ----


def test_html_typed_by_the_citizen_is_shown_as_text(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    widget.ask("<img src=x onerror=alert(1)>")
    widget.wait_until_idle()
    expect(widget.user_messages().last).to_have_text("あなた：<img src=x onerror=alert(1)>")
    expect(page.locator("#nhi-chat-widget img")).to_have_count(0)
    expect(widget.bot_messages().last).not_to_be_empty()  # the assistant answered politely


def test_html_in_replies_is_text_and_only_web_and_phone_links_are_made(servers: Servers, page: Page) -> None:
    reply = [
        {
            "text": "<img src=x onerror=alert(2)><script>alert(3)</script> 詳しくは https://example.jp/a?b=1 へ。"
            f"お電話は{DESK_PHONE}まで。javascript:alert(4) 2027-02-28"
        },
        {"buttons": [{"title": "<b onmouseover=alert(5)>太字</b>", "payload": "/greet"}]},
    ]
    page.route(WEBHOOK, lambda route: route.fulfill(json=reply))
    widget = demo(servers, page)
    widget.ask("テスト")
    message = widget.wait_for_bot("詳しくは")
    expect(message).to_contain_text("<img src=x onerror=alert(2)><script>alert(3)</script>")
    links = message.locator("a")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_have_attribute("href", "https://example.jp/a?b=1")
    expect(links.nth(1)).to_have_attribute("href", "tel:0273211235")
    expect(widget.choice("<b onmouseover=alert(5)>太字</b>")).to_be_visible()
    expect(page.locator("#nhi-chat-widget img, #nhi-chat-widget script, #nhi-chat-widget b")).to_have_count(0)


# ---- a conversation that survives ----


def test_reload_and_another_page_keep_the_conversation(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    widget.ask("マイナンバーカードをなくしてしまいました")
    widget.wait_for_bot("0120-95-0178")
    sender = sender_of(page)
    page.reload()
    expect(widget.user_messages().first).to_have_text("あなた：マイナンバーカードをなくしてしまいました")
    expect(widget.bot_messages().filter(has_text="0120-95-0178")).to_have_count(1)
    page.get_by_role("link", name="マイナ保険証", exact=True).click()
    page.wait_for_url("**/demo/mynumber")
    expect(widget.bot_messages().filter(has_text="0120-95-0178")).to_have_count(1)
    widget.ask("職員の人と直接話したいです")
    widget.wait_for_bot(DESK_PHONE)
    assert sender_of(page) == sender
    assert user_texts(servers, sender) == ["マイナンバーカードをなくしてしまいました", "職員の人と直接話したいです"]


def test_offline_is_told_and_messages_typed_meanwhile_are_sent_on_reconnect(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    page.context.set_offline(True)
    widget.ask("マイナンバーカードをなくしてしまいました")
    expect(widget.banner).to_contain_text("接続できません")
    expect(widget.banner.locator(f'a[href="tel:{DESK_PHONE.replace("-", "")}"]')).to_have_text(DESK_PHONE)
    widget.ask("職員の人と直接話したいです")
    expect(widget.log.locator(".pending")).to_have_count(2)
    page.context.set_offline(False)
    widget.wait_until_idle()
    expect(widget.banner).to_contain_text("接続が戻りました")
    answers = widget.bot_messages().all_inner_texts()
    lost = next(i for i, t in enumerate(answers) if "0120-95-0178" in t)
    handoff = next(i for i, t in enumerate(answers) if DESK_PHONE in t and i > lost)
    assert lost < handoff
    assert user_texts(servers, sender_of(page)) == [
        "マイナンバーカードをなくしてしまいました",
        "職員の人と直接話したいです",
    ]


def test_unreachable_server_gives_the_desk_phone_and_a_retry_button(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    page.route(WEBHOOK, lambda route: route.abort("connectionrefused"))
    widget.ask("マイナンバーカードをなくしてしまいました")
    expect(widget.banner).to_contain_text(f"電話 {DESK_PHONE}")
    expect(widget.typing).to_have_text("")
    page.unroute(WEBHOOK)
    widget.banner.get_by_role("button", name="もう一度接続する").click()
    widget.wait_for_bot("0120-95-0178")


def test_typing_indicator_while_the_assistant_works(servers: Servers, page: Page) -> None:
    held: list[Route] = []
    page.route(WEBHOOK, lambda route: held.append(route))
    widget = demo(servers, page)
    widget.ask("マイナンバーカードをなくしてしまいました")
    expect(widget.typing).to_have_text("回答を準備しています…")
    expect(widget.typing).to_have_attribute("role", "status")
    assert len(held) == 1
    held[0].continue_()
    widget.wait_for_bot("0120-95-0178")
    expect(widget.typing).to_have_text("")


def test_a_retried_message_is_answered_once(servers: Servers) -> None:
    sender, body = f"w-{uuid.uuid4().hex[:12]}", {"message": "マイナンバーカードをなくしてしまいました"}
    url = f"{servers.rasa_url}/webhooks/widget/webhook"
    first = http_json(url, {"sender": sender, "message_id": "retry-0001", **body})
    again = http_json(url, {"sender": sender, "message_id": "retry-0001", **body})
    assert first[0] == again[0] == 200 and first[1] == again[1]
    assert "0120-95-0178" in json.dumps(first[1], ensure_ascii=False)
    assert user_texts(servers, sender) == [body["message"]]
    http_json(url, {"sender": sender, "message_id": "retry-0002", **body})
    assert len(user_texts(servers, sender)) == 2


# ---- readable and usable by everyone ----

FOCUSED_IN_WIDGET = """() => {
  const host = document.getElementById('nhi-chat-widget');
  const el = document.activeElement === host ? host.shadowRoot.activeElement : null;
  return el && (el.getAttribute('aria-label')
    || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent);
}"""


def test_keyboard_use_font_size_and_screen_reader_roles(servers: Servers, page: Page) -> None:
    widget = demo(servers, page)
    expect(widget.log).to_have_attribute("aria-live", "polite")
    expect(widget.panel).to_have_attribute("role", "region")
    expect(widget.panel).to_have_accessible_name("高崎市 国民健康保険 チャット窓口")
    expect(widget.input).to_have_accessible_name("ご質問")
    reached = []
    for _ in range(40):  # Tab from the top of the page through the widget
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED_IN_WIDGET))
    assert {"文字を小さくする", "文字を大きくする", "最初から", "閉じる", "ご質問", "送信"} <= set(reached)
    widget.input.focus()
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(widget.input).to_be_focused()

    def size():
        return page.locator("#nhi-chat-widget .msg").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")

    before = size()
    page.get_by_role("button", name="文字を大きくする").click()
    assert size() > before
    page.reload()
    assert size() > before  # the chosen size is kept


def test_restart_starts_a_new_conversation(servers: Servers, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        widget = demo(servers, page)
        widget.ask("こんにちは")
        widget.wait_until_idle()
        first = sender_of(page)
        page.get_by_role("button", name="最初から").click()
        expect(widget.user_messages()).to_have_count(0)
        assert sender_of(page) != first
    finally:
        context.close()


def test_phone_screen_shows_the_chat_full_screen(servers: Servers, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        widget = demo(servers, page)
        box = widget.panel.bounding_box()
        assert box is not None and box["x"] == 0 and box["width"] == 390
        widget.ask("マイナンバーカードをなくしてしまいました")
        widget.wait_for_bot("0120-95-0178")
        page.get_by_role("button", name="閉じる").click()
        expect(widget.launcher).to_be_visible()
    finally:
        context.close()


def test_script_tag_attributes_set_title_colour_position_and_label(servers: Servers, page: Page) -> None:
    embed = (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8"></head><body><h1>どこかの市のページ</h1>'
        '<script src="/webhooks/widget/nhi-chat.js" data-title="こくほ相談" data-color="#ffd400" '
        'data-position="left" data-launcher-label="質問はこちら"></script></body></html>'
    )
    page.route("**/embed-test.html", lambda route: route.fulfill(body=embed, content_type="text/html; charset=utf-8"))
    page.goto(f"{servers.rasa_url}/embed-test.html")
    widget = Widget(page)
    expect(widget.launcher).to_have_text("質問はこちら")
    box = widget.launcher.bounding_box()
    assert box is not None and box["x"] < 640
    expect(widget.launcher).to_have_css("color", "rgb(0, 0, 0)")  # black text on yellow for contrast
    expect(widget.launcher).to_have_css("background-color", "rgb(255, 212, 0)")
    widget.launcher.click()
    expect(page.locator("#nhi-chat-widget .title")).to_have_text("こくほ相談")


def test_widget_files_are_served_by_the_rasa_server(servers: Servers) -> None:
    status, script = http_json(f"{servers.rasa_url}/webhooks/widget/nhi-chat.js")
    assert status == 200 and "\\u9ad8\\u5d0e\\u5e02" in script  # 高崎市, from the profile
    assert "/*NHI_SERVER_CONFIG*/" not in script
    status, demo_page = http_json(f"{servers.rasa_url}/webhooks/widget/demo")
    assert status == 200 and "高崎市" in demo_page and DESK_PHONE in demo_page
    assert http_json(f"{servers.rasa_url}/webhooks/widget/demo/credentials.yml")[0] == 404
