"""The one way to answer "which document do I hold, and until when": used by the chat's form, the
desk's command line and the phone triage alike."""

from __future__ import annotations

from datetime import date
from typing import Union

from bot.answers.document_answer import render_document_answer
from bot.core.card_status import CardStatus
from bot.core.documents import determine_document
from bot.core.profiles import Profile


def answer_document(
    birthdate: date,
    status: Union[CardStatus, str],
    profile: Profile,
    today: date,
    residence_end: date | None = None,
) -> str:
    """The citizen's answer for the profile's renewal date; raises InputError (with message_ja) on
    input the rules cannot use."""
    answer = determine_document(birthdate, status, today, profile.renewal_month, profile.renewal_day, residence_end)
    return render_document_answer(answer, profile)
