"""Birthdate and card status a caller gives, and when a call is taken as which_document."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.caller_facts import caller_facts, said_birthdate, said_card_status
from bot.core.card_status import CardStatus
from bot.core.form_commands import mentions_birthdate

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "text, intent, born",
    [
        ("昭和27年5月20日です", "inform", date(1952, 5, 20)),
        ("昭和27年5月20日生まれで書類を知りたい", "which_document", date(1952, 5, 20)),
        ("昭和25年4月1日うまれなんですが高齢受給者証は", "elderly_certificate", date(1950, 4, 1)),  # 生まれ names it
        ("令和6年12月2日から保険証が出ないと聞きました", "old_insurance_card", None),  # a date, not a birthdate
        ("令和9年7月31日まで使えますか", "which_document", None),  # in the future
        ("昭和64年2月1日です", "inform", None),  # no such day
        ("27年5月20日です", "inform", None),  # no era
        ("昭和25年うまれです", "inform", None),  # a year alone
        ("昭和25年4月1日生まれで平成元年5月3日に引っ越しました", "inform", None),  # which one?
    ],
)
def test_said_birthdate(text: str, intent: str, born: date | None) -> None:
    assert said_birthdate(text, intent, TODAY) == born


@pytest.mark.parametrize(
    "text, intent, status",
    [
        ("カードは持ってないです", "inform", CardStatus.NO_CARD),
        ("マイナンバーカードを落としました", "lost_card", CardStatus.LOST_OR_RENEWING),
        ("電子証明書の期限が切れました", "card_renewal", CardStatus.CERT_EXPIRED),
        ("介護が必要で資格確認書がほしい", "request_certificate", CardStatus.NEEDS_ASSISTANCE),
        ("マイナ保険証のメリットは", "benefits", None),  # the card as a topic, not the caller's own
        ("資格確認書をなくしました", "lost_certificate", None),  # not the card: no card status
    ],
)
def test_said_card_status(text: str, intent: str, status: CardStatus | None) -> None:
    assert said_card_status(text, intent) is status


@pytest.mark.parametrize("intent", ["inform", "nlu_fallback"])
def test_both_facts_make_a_document_question(intent: str) -> None:
    facts = caller_facts("昭和27年5月20日生まれでカードは持ってないです届く書類は", intent, TODAY)
    assert (facts.intent, facts.birthdate, facts.card_status) == (
        "which_document",
        date(1952, 5, 20),
        CardStatus.NO_CARD,
    )


def test_one_fact_stays_an_answer() -> None:
    facts = caller_facts("昭和27年5月20日です", "inform", TODAY)
    assert (facts.intent, facts.birthdate, facts.card_status) == ("inform", date(1952, 5, 20), None)


def test_a_confident_other_intent_stays() -> None:
    facts = caller_facts("昭和27年5月20日生まれでマイナンバーカードを落としました", "lost_card", TODAY)
    assert (facts.intent, facts.birthdate, facts.card_status) == (
        "lost_card",
        date(1952, 5, 20),
        CardStatus.LOST_OR_RENEWING,
    )


@pytest.mark.parametrize(
    "text, said",
    [("誕生日は", True), ("しょうわうまれ", True), ("生年月日", True), ("保険証", False), ("", False), (None, False)],
)
def test_mentions_birthdate(text: object, said: bool) -> None:
    assert mentions_birthdate(text) is said
