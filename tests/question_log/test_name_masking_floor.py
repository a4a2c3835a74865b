"""The masker's recall of names and its over-masking, as bench.name_masking measures them, held at
what session 9 reached: a change that lets more names through, or masks many nameless questions,
fails here (bench/analysis.md, "names the masker missed")."""

from __future__ import annotations

from bench.heldout import load_set
from bench.name_masking import named_questions
from bench.nlu_data import training_examples
from bot.core.masking import NAME
from bot.question_log.masker import mask_all

NAMES_LEFT_AT_MOST = 12  # of 751 made-up named questions (42 before session 9)
OVER_MASKED_AT_MOST = 0.013  # share of the nameless questions given ［氏名］ (42 of 3,776 in session 9)


def test_few_names_are_left() -> None:
    named = named_questions()
    masked = mask_all([question for question, _ in named])
    left = [out for (_, name), out in zip(named, masked, strict=True) if name in out]
    assert len(named) == 751
    assert len(left) <= NAMES_LEFT_AT_MOST, left


def test_few_nameless_questions_lose_a_word() -> None:
    plain = [text for text, _ in training_examples()] + [q["text"] for q in load_set("real") + load_set("casual")]
    placed = [out for out in mask_all(plain) if NAME in out]
    assert len(placed) <= OVER_MASKED_AT_MOST * len(plain), placed
