from pathlib import Path

import pytest
import yaml

from bot.core.profiles import ProfileError, active_profile, available_profiles, load_profile, parse_profile

SHIPPED = ["fukutsu", "minato", "takasaki"]


def test_shipped_profiles_load() -> None:
    assert available_profiles() == SHIPPED
    for name in SHIPPED:
        assert load_profile(name).id == name


def test_default_is_takasaki(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_MUNICIPALITY", raising=False)
    assert active_profile().name == "高崎市"


def test_env_switches_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_MUNICIPALITY", "minato")
    profile = active_profile()
    assert profile.notice_name == "資格情報通知書"
    assert profile.main_desk.phone == "03-3578-2574～8"


def test_facts_from_the_seeds() -> None:
    takasaki = load_profile("takasaki")
    assert takasaki.desk_for_intent("arrears").phone == "027-321-1223～1226"  # seed 002
    assert takasaki.desk_for_intent("lost_card") is takasaki.main_desk
    assert (takasaki.renewal_month, takasaki.renewal_day) == (8, 1)
    assert takasaki.local_programmes[0].ages == (68, 69)
    assert load_profile("fukutsu").main_desk.phone == "0940-43-8127"  # seed 000
    assert load_profile("fukutsu").certificate_prints_ratio is None  # the seed is silent


def _data(name: str = "takasaki") -> dict:
    return yaml.safe_load((Path("profiles") / f"{name}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "change, key",
    [
        (lambda d: d.pop("name"), "'name': is missing"),
        (lambda d: d["renewal"].update(month=13), "'renewal.day'"),
        (lambda d: d["renewal"].update(month=2, day=29), "'renewal.day'"),
        (lambda d: d.update(notice_name="お知らせ"), "'notice_name'"),
        (lambda d: d["desks"][0].update(phone=273211236), "'desks[0].phone'"),
        (lambda d: d.update(main_desk="nowhere"), "'main_desk'"),
        (lambda d: d["routes"].update(arrears="nowhere"), "'routes.arrears'"),
        (lambda d: d.update(certificate_prints_ratio="yes"), "'certificate_prints_ratio'"),
        (lambda d: d["local_programmes"][0].update(ages=["68"]), "'local_programmes[0].ages'"),
        (lambda d: d.update(desks=[]), "'desks'"),
    ],
)
def test_invalid_profile_names_file_and_key(change, key: str) -> None:
    data = _data()
    change(data)
    with pytest.raises(ProfileError) as err:
        parse_profile(data, Path("profiles/broken.yml"))
    assert "profiles/broken.yml" in str(err.value) and key in str(err.value)


def test_missing_file_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(str(tmp_path / "none.yml"))
    bad = tmp_path / "bad.yml"
    bad.write_text("name: [unclosed", encoding="utf-8")
    with pytest.raises(ProfileError, match="not valid YAML"):
        load_profile(str(bad))


def test_every_value_names_its_seed() -> None:
    for name in SHIPPED:
        profile = load_profile(name)
        contacts = [*profile.desks, *profile.branches]
        contacts += [c for c in (profile.general_contact, profile.elderly_care_contact) if c]
        for contact in contacts:
            assert any(Path("../shared/seeds").glob(f"{contact.seed}_*.txt")), contact


def test_every_phone_is_in_its_seed() -> None:
    """No phone number is invented: each appears in the seed the profile names."""
    for name in SHIPPED:
        profile = load_profile(name)
        for contact in [*profile.desks, *profile.branches, profile.general_contact, profile.elderly_care_contact]:
            if contact is None or contact.phone is None:
                continue
            seed_text = next(Path("../shared/seeds").glob(f"{contact.seed}_*.txt")).read_text(encoding="utf-8")
            digits = contact.phone.replace("～", "~")
            assert digits in seed_text.replace("～", "~"), (name, contact.phone)
