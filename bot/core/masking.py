"""Personal data in a citizen's text replaced by placeholders, for the question log.

Dates (和暦, 西暦, kanji and kana numerals), phone numbers, 12-digit My Number-like runs, other long
digit runs (insurance numbers), postal codes and e-mail addresses become ［日付］, ［電話番号］, ...
Personal names need GiNZA's named-entity recogniser; bot.question_log.masker adds them on top of
this (NAME). Over-masking is preferred to a leak: every date is masked, not only birthdates.
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.date_mask import DATE_MASK, mask_dates
from bot.core.input_text import clean_text

DATE = DATE_MASK
PHONE = "［電話番号］"
MY_NUMBER = "［個人番号］"
NUMBER = "［番号］"
POSTAL = "［郵便番号］"
EMAIL = "［メール］"
NAME = "［氏名］"
PLACEHOLDERS = (DATE, PHONE, MY_NUMBER, NUMBER, POSTAL, EMAIL, NAME)

MY_NUMBER_DIGITS = 12
LONG_NUMBER_DIGITS = 6  # 被保険者番号 (8 digits) and the like; a year alone has 4
_PHONE_DIGITS = (10, 11)

# 「高橋と申します」: a self-introduction names the citizen even where the recogniser misses it.
_SELF_INTRO = re.compile(
    "(?<![\u3400-\u9fff々ァ-ヶー])([\u3400-\u9fff々]{1,6}|[ァ-ヶー]{2,10}|[ぁ-ん]{2,8})(?=\\s*と(?:申し|もうし|いい|言い)ます)"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_POSTAL_MARKED = re.compile(r"〒\s*[0-9]{3}\s*-?\s*[0-9]{4}(?![0-9])")
_POSTAL = re.compile(r"[0-9]{3}-[0-9]{4}")
# A run of digits with the separators people type in numbers: 090-1234-5678, (027)321-1235, 1234 5678 9012.
_DIGIT_RUN = re.compile(r"(?:\+81[\s\-]?)?[(（]?[0-9](?:[0-9]|[\s\-()（）](?=[0-9(（]))*[0-9][)）]?")


def _digit_run(match: re.Match[str]) -> str:
    run = match.group(0)
    digits = re.sub("[^0-9]", "", run)
    international = run.startswith("+81")
    if _POSTAL.fullmatch(run):
        return POSTAL
    if international or (digits.startswith("0") and len(digits) in _PHONE_DIGITS):
        return PHONE
    if len(digits) == MY_NUMBER_DIGITS:
        return MY_NUMBER
    if len(digits) >= LONG_NUMBER_DIGITS:
        return NUMBER
    return run


def mask_personal_data(text: object) -> str:
    """`text` cleaned (bot.core.input_text.clean_text) with dates, numbers, postal codes and
    e-mail addresses replaced by placeholders. Of the names, only a self-introduction's
    (「高橋と申します」); the others are left to the named-entity recogniser."""
    masked = _EMAIL.sub(EMAIL, clean_text(text))
    masked = mask_dates(_POSTAL_MARKED.sub(POSTAL, masked))
    masked = _DIGIT_RUN.sub(_digit_run, masked)
    return _SELF_INTRO.sub(NAME, masked)


_FILLER = re.compile(r"[\s、。,.!?！？・「」()（）]|生まれ|うまれ|産まれ|です|でした|でございます|だよ|と申します")


def is_only_a_date(text: object) -> bool:
    """True when `text` says nothing but a date (an answer to "your birthdate?"), e.g.
    「昭和32年3月1日です」 or 「1957/3/1生まれ」; a question around a date is not."""
    # A stored birthdate answer may already be masked (issue 11's store); NFKC makes ［日付］ [日付].
    masked = mask_personal_data(text).replace(unicodedata.normalize("NFKC", DATE), DATE)
    if DATE not in masked:
        return False
    return not _FILLER.sub("", masked.replace(DATE, ""))
