import pytest

from bot.core.elderly_certificate import Need, ShownAtClinic, elderly_certificate_need
from bot.core.profiles import load_profile


@pytest.mark.parametrize(
    "profile, shown, need",
    [
        ("takasaki", ShownAtClinic.MY_NUMBER_ONLINE, Need.NOT_NEEDED),
        ("takasaki", ShownAtClinic.CERTIFICATE, Need.NOT_NEEDED),  # prints the ratio (002)
        ("minato", ShownAtClinic.CERTIFICATE, Need.BRING),  # 004
        ("fukutsu", ShownAtClinic.CERTIFICATE, Need.ASK_DESK),  # seeds silent
        ("takasaki", ShownAtClinic.OLD_CARD, Need.BRING),
    ],
)
def test_need_for_72_year_old(profile: str, shown: ShownAtClinic, need: Need) -> None:
    assert elderly_certificate_need(72, shown, load_profile(profile)).need is need


def test_not_applicable_outside_70_74_but_local_programme_listed() -> None:
    answer = elderly_certificate_need(68, "certificate", load_profile("takasaki"))
    assert answer.need is Need.NOT_APPLICABLE
    assert [p.name for p in answer.local_programmes] == ["高齢者医療費受給資格者証"]
