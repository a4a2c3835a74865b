"""Sentences of the FAQ answers that depend on the reference date or on the profile.

The domain responses name them as {placeholders}; bot.answers.profile_phrases and the Rasa NLG fill them.
"""

from __future__ import annotations

from datetime import date

from bot.core.elderly_certificate import Need, ShownAtClinic, elderly_certificate_need
from bot.core.profiles import Profile
from bot.core.wareki import format_wareki as jp

NO_NEW_CARDS = date(2024, 12, 2)  # no new 保険証 from this day (seeds 000, 001, 003, 004)
OLD_CARD_LAST_DAY = date(2025, 12, 1)  # an existing 保険証 was usable to its expiry, at most this day (001, 003)
EXPIRED_CARD_ACCEPTED_UNTIL = date(2026, 3, 31)  # temporary acceptance of expired cards (domain-rules.md)


def old_card_line(today: date) -> str:
    """Whether the old paper 保険証 is usable on `today`."""
    if today <= OLD_CARD_LAST_DAY:  # seeds 001, 003, 004
        return (
            f"お手元の保険証は、記載されている有効期限まで使えます（最長で{jp(OLD_CARD_LAST_DAY)}まで）。"
            "有効期限までは捨てないでください。"
        )
    if today <= EXPIRED_CARD_ACCEPTED_UNTIL:  # domain-rules.md, facts beyond the seeds
        return (
            f"保険証の有効期限は{jp(OLD_CARD_LAST_DAY)}までに切れています。"
            f"ただし経過措置として、{jp(EXPIRED_CARD_ACCEPTED_UNTIL)}までは医療機関で受け付けてもらえます。"
        )
    return (
        f"保険証は{jp(OLD_CARD_LAST_DAY)}までに有効期限が切れ、"
        f"経過措置も{jp(EXPIRED_CARD_ACCEPTED_UNTIL)}で終わりました。今は使えません。"
    )


_NEED_WITH_CERTIFICATE = {
    Need.NOT_NEEDED: "資格確認書に負担割合が書かれているため、別に持っていく必要はありません。",  # seeds 001, 002
    Need.BRING: "高齢受給者証も一緒にお持ちください。",  # seed 004
    Need.ASK_DESK: (
        "資格確認書に負担割合が書かれているかは、この案内の元になった資料にありません。窓口にお問い合わせください。"
    ),
}


def elderly_with_certificate_line(profile: Profile) -> str:
    """For ages 70-74 showing a 資格確認書: bring the 高齢受給者証 or not (by the profile)."""
    return _NEED_WITH_CERTIFICATE[elderly_certificate_need(72, ShownAtClinic.CERTIFICATE, profile).need]


def local_programmes_line(profile: Profile) -> str:
    """Local certificates that must still be shown, or an empty string."""
    lines = []
    for p in profile.local_programmes:
        if not p.must_bring:
            continue
        who = f"{'・'.join(str(a) for a in p.ages)}歳の方の" if p.ages else ""
        colour = f"（{p.colour}）" if p.colour else ""
        lines.append(f"{who}{p.name}{colour}は、これまでどおりお持ちください。")
    return "".join(lines)


def optional_place_line(profile: Profile, key: str, template: str) -> str:
    """`template` with the profile's place for `key`, or an empty string when it has none."""
    place = profile.places.get(key)
    return template.format(place=place) if place else ""


def answer_facts(profile: Profile, today: date) -> dict[str, str]:
    """The computed placeholders."""
    return {
        "old_card_line": old_card_line(today),
        "elderly_with_certificate": elderly_with_certificate_line(profile),
        "local_programmes_line": local_programmes_line(profile),
        "register_card_local": optional_place_line(profile, "register_card", "{place}でも登録できます。"),  # seed 002
        "organ_sticker_line": optional_place_line(
            profile,
            "organ_donation_sticker",
            "ご希望の方には、{place}で保護シールを配布しています。",  # seed 002
        ),
        "request_certificate_note": profile.notes.get("request_certificate") or "",
    }
