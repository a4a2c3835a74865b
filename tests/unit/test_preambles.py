"""The membership openings copied in front of FAQ examples at training (bot.core.preambles)."""

from __future__ import annotations

from bot.core.knowledge import FAQ_INTENTS
from bot.core.preambles import NOT_COPIED, PREAMBLES, with_preamble


def test_the_openings_are_taken_in_turn() -> None:
    texts = [with_preamble("マイナ保険証をなくしました", i) for i in range(len(PREAMBLES) + 1)]
    assert [t.removesuffix("マイナ保険証をなくしました") for t in texts] == [*PREAMBLES, PREAMBLES[0]]


def test_each_opening_ends_a_clause_and_states_membership() -> None:
    for opening in PREAMBLES:
        assert opening.endswith(("、", "。")), opening
        assert "国保" in opening or "国民健康保険" in opening, opening


def test_the_intent_left_alone_is_an_faq_intent() -> None:
    assert NOT_COPIED in FAQ_INTENTS
