"""The desk's feedback loop end to end: real Rasa and action servers, conversations through the
widget (headless Chromium), LINE (the fake platform) and REST, some answers rated 👎, some questions
unanswered. Then the question log, python -m bot.report and the dashboard route must count them
right, group the unanswered ones, and hold no birthdate, phone number or name from the
conversations."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import expect

from bot.report.summary import JST
from tests.fake_line import FakeLine, new_token, new_user, postback_event, text_event
from tests.servers import API_TOKEN, ROOT, Servers, http_json, running_servers
from tests.widget_page import REPLY_TIMEOUT_MS, chromium, open_demo

SECRET, ACCESS, USER_ID_KEY = "log-channel-secret", "log-access-token", "log-user-id-key"
DESK_PHONE = "027-321-1235"  # Takasaki's main desk
# Personal data typed in the conversations: none of it may reach the log or the report.
SECRETS = [
    "山田太郎", "鈴木一郎", "佐藤花子", "高橋", "伊藤", "昭和32年3月1日", "1957-03-01", "昭和40年5月5日", "1965",
    "090-1234-5678", "090-1111-2222", "03-1234-5678", "09012345678", "1234-5678",
]  # fmt: skip
LOST = "山田太郎です。マイナンバーカードをなくしてしまいました"
JUMINHYO = ["住民票の写しはどこで取れますか", "住民票が欲しいのですが", "住民票ってコンビニで取れる?"]
GOMI = ["ごみの分別方法を教えてください", "粗大ごみの出し方は?"]


@dataclass
class Scenario:
    servers: Servers
    workdir: Path
    replies: dict[str, Any] = field(default_factory=dict)


def rest(servers: Servers, body: dict[str, Any]) -> tuple[int, Any]:
    return http_json(f"{servers.rasa_url}/webhooks/rest/webhook", body)


def offered(replies: list[dict[str, Any]]) -> str:
    return next(r["custom"]["nhi_rating"]["answer_id"] for r in replies if "nhi_rating" in (r.get("custom") or {}))


def through_rest(s: Scenario) -> None:
    servers = s.servers
    lost = servers.say("rest-1", LOST)
    answer_id = offered(lost)
    s.replies["rest_down"] = rest(servers, {"sender": "rest-1", "rating": {"answer_id": answer_id, "value": "down"}})
    comment = {"answer_id": answer_id, "value": "down", "comment": "佐藤花子の件です。090-1111-2222まで"}
    s.replies["rest_comment"] = rest(servers, {"sender": "rest-1", "rating": comment})
    s.replies["rest_again"] = rest(servers, {"sender": "rest-1", "rating": {"answer_id": answer_id, "value": "up"}})
    s.replies["rest_unknown"] = rest(servers, {"sender": "rest-1", "rating": {"answer_id": "0" * 32, "value": "up"}})
    s.replies["rest_malformed"] = rest(servers, {"sender": "rest-1", "rating": {"answer_id": answer_id, "value": 5}})
    s.replies["rest_both"] = rest(servers, {"sender": "rest-1", "message": "こんにちは", "rating": comment})
    for text in JUMINHYO[:2]:
        s.replies.setdefault("rest_unanswered", []).append(servers.say("rest-2", text))


def through_widget(s: Scenario) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ja-JP")
        widget = open_demo(page, s.servers.rasa_url)
        widget.ask("鈴木一郎です。私の資格確認書の有効期限を調べてください")
        widget.wait_for_bot("生年月日を教えてください")
        widget.ask("昭和32年3月1日")
        widget.wait_for_bot("カードの状況")
        widget.choice("マイナンバーカードを持っていない").click()
        widget.wait_for_bot("令和9年2月28日")
        rating = widget.log.get_by_role("group", name="この回答は役に立ちましたか？").last
        up = rating.get_by_role("button", name="役に立った", exact=True)
        up.focus()
        page.keyboard.press("Enter")  # keyboard only
        expect(rating.get_by_role("status")).to_have_text("ご評価ありがとうございます。", timeout=REPLY_TIMEOUT_MS)
        expect(up).to_have_attribute("aria-pressed", "true")
        expect(rating.get_by_role("button", name="役に立たなかった")).to_be_disabled()

        widget.ask("マイナ保険証の利用登録を解除したいです")
        widget.wait_for_bot("解除")
        rating = widget.log.get_by_role("group", name="この回答は役に立ちましたか？").last
        rating.get_by_role("button", name="役に立たなかった").click()
        status = rating.get_by_role("status")
        expect(status).to_contain_text(DESK_PHONE, timeout=REPLY_TIMEOUT_MS)
        expect(status.locator(f'a[href="tel:{DESK_PHONE.replace("-", "")}"]')).to_have_count(1)
        comment = rating.get_by_label("ご意見（任意・1行）")
        expect(comment).to_be_focused()
        comment.fill("分かりにくいです。高橋と申します、03-1234-5678")
        comment.press("Enter")
        expect(status).to_contain_text("ご意見ありがとうございます", timeout=REPLY_TIMEOUT_MS)
        expect(rating.get_by_label("ご意見（任意・1行）")).to_have_count(0)
        s.replies["widget_buttons_after"] = rating.get_by_role("button").evaluate_all(
            "bs => bs.map(b => [b.textContent.trim(), b.disabled, b.getAttribute('aria-pressed')])"
        )

        widget.ask(GOMI[0])
        widget.wait_for_bot("国民健康保険")
        widget.wait_until_idle()
        s.replies["widget_ratings_after_unanswered"] = widget.log.locator(".rate").count()
        page.reload()  # the ratings given stay shown as given
        expect(widget.log.locator(".rate-btn[aria-pressed=true]")).to_have_count(2)
        page.close()


def through_line(s: Scenario, fake: FakeLine) -> None:
    user = new_user()

    def say(event: dict[str, Any]) -> Any:
        assert fake.deliver([event])[0] == 200
        return fake.reply_to(event["replyToken"])

    answer = say(
        text_event(user, "伊藤です。マイナンバーカードを保険証として使うにはどうすればいいですか", new_token())
    )
    rating = {a["label"]: a for a in answer.quick_reply_actions if a["data"].startswith("nhi-rating:")}
    s.replies["line_rating_labels"] = sorted(rating)
    down = say(postback_event(user, rating["👎 役に立たなかった"]["data"]))
    s.replies["line_down"] = down.text
    comments = [a for a in down.quick_reply_actions if a["type"] == "postback"]
    s.replies["line_comment_labels"] = [a["label"] for a in comments]
    s.replies["line_comment"] = say(postback_event(user, comments[1]["data"])).text
    s.replies["line_again"] = say(postback_event(user, rating["👍 役に立った"]["data"])).text
    for text in (GOMI[1], JUMINHYO[2], "昭和40年5月5日"):
        say(text_event(user, text, new_token()))


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    workdir = tmp_path_factory.mktemp("question_log")
    with FakeLine(SECRET, ACCESS) as fake:
        block = {"channel_secret": SECRET, "channel_access_token": ACCESS, "user_id_key": USER_ID_KEY}
        with running_servers(
            workdir,
            env={"BOT_TODAY": "2026-11-22", "BOT_MUNICIPALITY": "takasaki"},
            credentials={"bot.channels.line.LineInput": {**block, "api_base_url": fake.url}},
        ) as servers:
            fake.webhook_url = f"{servers.rasa_url}/webhooks/line/webhook"
            s = Scenario(servers, workdir)
            through_rest(s)
            through_widget(s)
            through_line(s, fake)
            wait_for_questions(s, 9)
            yield s


def days() -> tuple[str, str]:
    today = datetime.now(JST).date()
    return (today - timedelta(days=1)).isoformat(), today.isoformat()


def summary(s: Scenario, headers: dict[str, str] | None = None, **query: str) -> tuple[int, Any]:
    since, until = days()
    params = urllib.parse.urlencode({"since": since, "until": until, **query})
    url = f"{s.servers.rasa_url}/webhooks/report/summary?{params}"
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


BEARER = {"Authorization": f"Bearer {API_TOKEN}"}


def wait_for_questions(s: Scenario, count: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status, body = summary(s, BEARER)
        if status == 200 and body["totals"]["questions"] >= count:
            return
        time.sleep(0.5)
    raise AssertionError(f"the log did not reach {count} questions: {body}")


def logged_words(s: Scenario) -> list[str]:
    """Every word-bearing cell of the question log: not the ids (random hex) nor the times and
    confidences (random digits), which could hold a secret's digits by chance."""
    with sqlite3.connect(s.workdir / "tracker.db") as db:
        rows = [
            *db.execute("SELECT door, municipality, intent, faq_entry, answer, text FROM nhi_questions"),
            *db.execute("SELECT rating, comment FROM nhi_answer_ratings"),
        ]
    return [str(cell) for row in rows for cell in row if cell is not None]


def holds(text: str, secret: str) -> bool:
    """Whether the secret is in the text as itself, not as digits inside a longer number."""
    return re.search(rf"(?<![0-9.]){re.escape(secret)}(?![0-9])", text) is not None


def report(s: Scenario, fmt: str) -> str:
    since, until = days()
    result = subprocess.run(
        [sys.executable, "-m", "bot.report", "--endpoints", str(s.workdir / "endpoints.yml"), "--since", since,
         "--until", until, "--format", fmt],
        cwd=ROOT, capture_output=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8-sig")


def test_ratings_are_answered_before_rasa_with_the_desk_after_a_down(scenario: Scenario) -> None:
    r = scenario.replies
    assert r["rest_down"][0] == 200 and DESK_PHONE in r["rest_down"][1][0]["text"]
    assert r["rest_comment"][0] == 200 and "ご意見ありがとうございます" in r["rest_comment"][1][0]["text"]
    assert r["rest_again"][0] == 409 and r["rest_unknown"][0] == 404
    assert r["rest_malformed"][0] == 400 and r["rest_both"][0] == 400
    assert r["line_rating_labels"] == ["👍 役に立った", "👎 役に立たなかった"]
    assert DESK_PHONE in r["line_down"] and len(r["line_comment_labels"]) == 4
    assert "ご意見ありがとうございます" in r["line_comment"] and "すでに評価" in r["line_again"]
    assert [(text, disabled) for text, disabled, _ in r["widget_buttons_after"]] == [
        ("👍 役に立った", True),
        ("👎 役に立たなかった", True),
    ]
    assert r["widget_ratings_after_unanswered"] == 2, "an unanswered question gets no rating buttons"
    for replies in r["rest_unanswered"]:
        assert not any("nhi_rating" in (x.get("custom") or {}) for x in replies)


def test_ratings_never_reach_the_conversation(scenario: Scenario) -> None:
    _, tracker = http_json(scenario.servers.api("/conversations/rest-1/tracker"))
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == [LOST]


def test_the_route_needs_the_api_token(scenario: Scenario) -> None:
    assert summary(scenario)[0] == 401
    assert summary(scenario, {"Authorization": "Bearer wrong"})[0] == 401
    assert summary(scenario, token="wrong")[0] == 401
    assert summary(scenario, token=API_TOKEN)[0] == 200
    assert summary(scenario, BEARER, since="2026-99-01")[0] == 400


def test_the_report_counts_every_door_right(scenario: Scenario) -> None:
    status, numbers = summary(scenario, BEARER)
    assert status == 200
    totals = numbers["totals"]
    assert (totals["questions"], totals["answered"], totals["unanswered"]) == (9, 4, 5), totals
    assert (totals["up"], totals["down"], totals["small_talk"]) == (1, 3, 0), totals
    doors = {d["door"]: (d["questions"], d["answered"], d["down"]) for d in numbers["per_door"]}
    assert doors == {"rest": (3, 1, 1), "widget": (3, 2, 1), "line": (3, 1, 1)}
    assert sum(day["total"] for day in numbers["per_day"]) == 9
    rated = {r["label"]: (r["up"], r["down"]) for r in numbers["ratings"]}
    # ratings per knowledge entry: topic（entry key）
    assert rated == {
        "マイナ保険証をなくした（general）": (0, 1),
        "登録の解除（general）": (0, 1),
        "保険証としての登録のしかた（general）": (0, 1),
        "届く書類と有効期限（personal）": (1, 0),
    }
    assert len(numbers["comments"]) == 3
    assert json.loads(report(scenario, "json"))["totals"] == totals


def test_the_unanswered_questions_are_grouped(scenario: Scenario) -> None:
    groups = summary(scenario, BEARER)[1]["unknown_topics"]
    juminhyo = next(g for g in groups if set(g["examples"]) & set(JUMINHYO))
    assert (juminhyo["size"], juminhyo["unanswered"], set(juminhyo["examples"])) == (3, 3, set(JUMINHYO))
    assert "住民票" in juminhyo["keywords"]
    gomi = next(g for g in groups if set(g["examples"]) & set(GOMI))
    assert (gomi["size"], set(gomi["examples"])) == (2, set(GOMI))


def test_the_csv_has_one_row_per_question_and_no_form_answer(scenario: Scenario) -> None:
    rows = list(csv.DictReader(io.StringIO(report(scenario, "csv"))))
    assert len(rows) == 9
    assert {row["窓口"] for row in rows} == {"REST API", "ウェブサイトのチャット", "LINE"}
    groups = {row["質問（個人情報は伏せています）"]: row["似た質問のグループ"] for row in rows}
    assert len({groups[text] for text in JUMINHYO}) == 1 and groups[JUMINHYO[0]]


def test_no_birthdate_phone_or_name_in_the_log_the_report_or_the_server_logs(scenario: Scenario) -> None:
    cells = logged_words(scenario)
    escaped = [json.dumps(cell, ensure_ascii=True) for cell in cells]
    outputs = {fmt: report(scenario, fmt) for fmt in ("html", "csv", "json")}
    outputs["route"] = json.dumps(summary(scenario, BEARER)[1], ensure_ascii=False)
    outputs["route-escaped"] = json.dumps(summary(scenario, BEARER)[1], ensure_ascii=True)
    for secret in SECRETS:
        escaped_secret = json.dumps(secret, ensure_ascii=True)[1:-1]
        assert not any(holds(cell, secret) or holds(cell, escaped_secret) for cell in cells + escaped), secret
        for name, text in outputs.items():
            assert not holds(text, secret) and not holds(text, escaped_secret), (secret, name)
    assert any("［氏名］" in cell for cell in cells) and any("［電話番号］" in cell for cell in cells)
    for name in ("山田太郎", "鈴木一郎", "佐藤花子"):
        assert name not in scenario.servers.logs()
