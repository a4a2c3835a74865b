"""Openings that state the citizen's membership before the question (「国民健康保険に入っていますが、」).

Real FAQ headings often begin this way, and the intent classifier read such a question as one about
joining or leaving NHI (insurance_enrollment), whatever it asked next. The training data gets one copy
of each FAQ example of the other intents with one of these openings in front
(bot.rasa_plugins.preamble_copies), so that the opening no longer points to insurance_enrollment.
bench/analysis.md, session 13.
"""

from __future__ import annotations

PREAMBLES: tuple[str, ...] = (
    "国民健康保険に入っていますが、",
    "国保に加入しています。",
    "国民健康保険の加入者ですが、",
    "国保に入っている者です。",
    "国民健康保険被保険者ですが、",
)
# Joining and leaving NHI: the one intent whose questions such an opening belongs to.
NOT_COPIED = "insurance_enrollment"


def with_preamble(text: str, index: int) -> str:
    """`text` with the index-th opening in front (taken in turn)."""
    return PREAMBLES[index % len(PREAMBLES)] + text
