"""Whether a citizen aged 70-74 must still bring the 高齢受給者証 (shared/domain-rules.md)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.core.profiles import Profile, Programme


class ShownAtClinic(str, Enum):
    """What the citizen shows at the clinic."""

    MY_NUMBER_ONLINE = "my_number_online"  # マイナ保険証 at a clinic with online checking
    CERTIFICATE = "certificate"  # 資格確認書
    OLD_CARD = "old_card"  # old paper 保険証


class Need(str, Enum):
    NOT_APPLICABLE = "not_applicable"  # not aged 70-74
    NOT_NEEDED = "not_needed"
    BRING = "bring"
    ASK_DESK = "ask_desk"  # the profile does not say: the seeds are silent


@dataclass(frozen=True)
class ElderlyCertificateAnswer:
    need: Need
    seeds: tuple[str, ...]
    local_programmes: tuple[Programme, ...]


def elderly_certificate_need(age: int, shown: ShownAtClinic | str, profile: Profile) -> ElderlyCertificateAnswer:
    """Decide for one citizen; local programmes of the profile for their age are listed too."""
    shown = ShownAtClinic(shown)
    programmes = tuple(p for p in profile.local_programmes if p.must_bring and p.ages and age in p.ages)
    need: Need
    seeds: tuple[str, ...]
    if not 70 <= age <= 74:
        need, seeds = Need.NOT_APPLICABLE, ("000",)
    elif shown is ShownAtClinic.MY_NUMBER_ONLINE:
        need, seeds = Need.NOT_NEEDED, ("004",)
    elif shown is ShownAtClinic.OLD_CARD:
        need, seeds = Need.BRING, ("004",)
    else:
        need, seeds = _certificate_need(profile.certificate_prints_ratio)
    return ElderlyCertificateAnswer(need, seeds, programmes)


def _certificate_need(prints_ratio: bool | None) -> tuple[Need, tuple[str, ...]]:
    if prints_ratio is True:
        return Need.NOT_NEEDED, ("001", "002")
    if prints_ratio is False:
        return Need.BRING, ("004",)
    return Need.ASK_DESK, ()
