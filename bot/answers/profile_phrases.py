"""Japanese phrases built from a municipality profile, for answers and the NLG placeholders."""

from __future__ import annotations

from bot.core.profiles import Contact, Profile

UNKNOWN_HOURS = "受付時間は、この案内の元になった資料に書かれていません。お電話でご確認ください。"


def contact_phrase(contact: Contact) -> str:
    """'name（電話 0000）', or the name alone where the profile has no phone."""
    return f"{contact.name}（電話 {contact.phone}）" if contact.phone else contact.name


def place_phrase(profile: Profile, key: str) -> str:
    """Where a procedure is done; the main desk when the profile does not say."""
    return profile.places.get(key) or contact_phrase(profile.main_desk)


def general_contact_phrase(profile: Profile) -> str:
    """The city's general contact; the NHI main desk when the profile gives none."""
    return contact_phrase(profile.general_contact or profile.main_desk)


def elderly_care_phrase(profile: Profile) -> str | None:
    """The 後期高齢者医療 contact, or None when the profile gives none."""
    return contact_phrase(profile.elderly_care_contact) if profile.elderly_care_contact else None


def desk_list(profile: Profile) -> str:
    """Every desk and branch, one per line, for the contact answer."""
    lines = [f"・{contact_phrase(d)}：{d.handles}" if d.handles else f"・{contact_phrase(d)}" for d in profile.desks]
    lines += [f"・{contact_phrase(b)}" for b in profile.branches]
    return "\n".join(lines)


def placeholders(profile: Profile, intent: str | None = None) -> dict[str, str]:
    """Values the domain responses may name as {placeholder}; {topic_desk} handles `intent`."""
    values = {
        "city_name": profile.name,
        "notice_name": profile.notice_name,
        "desk": contact_phrase(profile.main_desk),
        "desk_phone": profile.main_desk.phone or "",
        "desk_list": desk_list(profile),
        "hours": profile.hours or UNKNOWN_HOURS,
        "general_contact": general_contact_phrase(profile),
        "elderly_care_contact": elderly_care_phrase(profile) or contact_phrase(profile.main_desk),
    }
    values["topic_desk"] = contact_phrase(profile.desk_for_intent(intent))
    for key in profile.places:
        values[f"place_{key}"] = place_phrase(profile, key)
    return values
