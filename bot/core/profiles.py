"""Municipality profiles: one YAML file per municipality under profiles/, validated on load.

Everything a city may differ in (desk names and phones, the お知らせ/通知書 name, the renewal
date, local programmes, ...) lives in the profile, never in code. BOT_MUNICIPALITY chooses the
profile by id (the file name without .yml) or by a path to a YAML file; the default is takasaki.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

import yaml

ENV_VAR = "BOT_MUNICIPALITY"
DIR_ENV_VAR = "BOT_PROFILE_DIR"
DEFAULT_ID = "takasaki"
PROFILE_DIR = Path(__file__).resolve().parents[2] / "profiles"
PLACE_KEYS = (
    "reissue_certificate",
    "request_certificate",
    "cancel_registration",
    "registration_support",
    "register_card",
    "organ_donation_sticker",
)
NOTE_KEYS = ("request_certificate",)


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Contact:
    """A named desk or office with an optional phone number."""

    name: str
    phone: str | None
    seed: str
    id: str = ""
    handles: str = ""
    address: str | None = None


@dataclass(frozen=True)
class Programme:
    """A local medical-expense programme whose certificate must still be shown."""

    name: str
    colour: str | None
    ages: tuple[int, ...] | None
    must_bring: bool
    seed: str


@dataclass(frozen=True)
class Profile:
    """A validated municipality profile."""

    id: str
    name: str
    notice_name: str
    renewal_month: int
    renewal_day: int
    certificate_prints_ratio: bool | None
    elderly_certificate_issued: bool | None
    hours: str | None
    general_contact: Contact | None
    desks: tuple[Contact, ...]
    main_desk_id: str
    routes: dict[str, str]
    branches: tuple[Contact, ...]
    places: dict[str, str | None]
    elderly_care_contact: Contact | None
    local_programmes: tuple[Programme, ...]
    notes: dict[str, str | None] = field(default_factory=dict)
    seeds: tuple[str, ...] = field(default=())
    path: str = ""

    @property
    def main_desk(self) -> Contact:
        return self.desk(self.main_desk_id)

    def desk(self, desk_id: str) -> Contact:
        for desk in self.desks:
            if desk.id == desk_id:
                return desk
        raise KeyError(desk_id)

    def desk_for_intent(self, intent: str | None) -> Contact:
        """The desk that handles `intent`; the main desk when the profile names none."""
        return self.desk(self.routes.get(intent or "", self.main_desk_id))

    def renewal_date(self, year: int) -> date:
        return date(year, self.renewal_month, self.renewal_day)


class _Reader:
    """Typed access to a YAML mapping that reports errors as 'file: key: problem'."""

    def __init__(self, path: Path, data: Any, prefix: str = "") -> None:
        self.path, self.data, self.prefix = path, data, prefix
        if not isinstance(data, dict):
            self.fail("", "must be a mapping")

    def fail(self, key: str, problem: str) -> NoReturn:
        where = f"{self.prefix}{key}" if key else (self.prefix.rstrip(".") or "(top level)")
        raise ProfileError(f"{self.path}: key '{where}': {problem}")

    def get(self, key: str, kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
        if key not in self.data:
            if optional:
                return None
            self.fail(key, "is missing")
        value = self.data[key]
        if value is None and optional:
            return None
        if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.fail(key, f"must be {names}{' or null' if optional else ''}, got {value!r}")
        if isinstance(value, str) and not value.strip():
            self.fail(key, "must not be empty")
        return value

    def text(self, key: str) -> str:
        return str(self.get(key, str))

    def optional_text(self, key: str) -> str | None:
        value = self.get(key, str, optional=True)
        return None if value is None else str(value)

    def phone(self, key: str, *, optional: bool = False) -> str | None:
        value = self.get(key, (str, int), optional=optional)
        if isinstance(value, int):  # YAML read an unquoted number such as 0120950178
            self.fail(key, "must be a quoted string (a number loses its leading zero)")
        return value

    def child(self, key: str) -> _Reader:
        return _Reader(self.path, self.get(key, dict), f"{self.prefix}{key}.")

    def optional_child(self, key: str) -> _Reader | None:
        value = self.get(key, dict, optional=True)
        return None if value is None else _Reader(self.path, value, f"{self.prefix}{key}.")

    def items(self, key: str) -> list[_Reader]:
        values = self.get(key, list)
        return [_Reader(self.path, v, f"{self.prefix}{key}[{i}].") for i, v in enumerate(values)]


def _contact(reader: _Reader, *, needs_id: bool = False) -> Contact:
    seed = reader.get("seed", (str, int))
    return Contact(
        id=reader.text("id") if needs_id else "",
        name=reader.text("name"),
        phone=reader.phone("phone", optional=not needs_id),
        seed=str(seed),
        handles=reader.optional_text("handles") or "",
        address=reader.optional_text("address"),
    )


def _optional_contact(reader: _Reader | None) -> Contact | None:
    return None if reader is None else _contact(reader)


def _programme(reader: _Reader) -> Programme:
    ages = reader.get("ages", list, optional=True)
    if ages is not None and not all(isinstance(a, int) and 0 <= a <= 120 for a in ages):
        reader.fail("ages", f"must be a list of ages, got {ages!r}")
    return Programme(
        name=reader.text("name"),
        colour=reader.optional_text("colour"),
        ages=tuple(ages) if ages is not None else None,
        must_bring=reader.get("must_bring", bool),
        seed=str(reader.get("seed", (str, int))),
    )


def parse_profile(data: Any, path: Path) -> Profile:
    """Validate a loaded YAML document and build a Profile; raises ProfileError."""
    top = _Reader(path, data)
    renewal = top.child("renewal")
    month, day = renewal.get("month", int), renewal.get("day", int)
    try:
        date(2001, month, day)  # a common year: 29 February is no renewal date
    except ValueError:
        renewal.fail("day", f"{month}/{day} is not a date in every year")
    notice_name = top.text("notice_name")
    if notice_name not in ("資格情報のお知らせ", "資格情報通知書"):
        top.fail("notice_name", "must be 資格情報のお知らせ or 資格情報通知書")
    desks = tuple(_contact(r, needs_id=True) for r in top.items("desks"))
    if not desks:
        top.fail("desks", "must list at least one desk")
    desk_ids = {d.id for d in desks}
    main_desk = top.text("main_desk")
    if main_desk not in desk_ids:
        top.fail("main_desk", f"names no desk in 'desks' ({sorted(desk_ids)})")
    routes = top.get("routes", dict)
    for intent, desk_id in routes.items():
        if desk_id not in desk_ids:
            top.fail(f"routes.{intent}", f"names no desk in 'desks' ({sorted(desk_ids)})")
    places_reader = top.child("places")
    places = {key: places_reader.optional_text(key) for key in PLACE_KEYS}
    notes_reader = top.child("notes")
    notes = {key: notes_reader.optional_text(key) for key in NOTE_KEYS}
    return Profile(
        id=top.text("id"),
        name=top.text("name"),
        notice_name=notice_name,
        renewal_month=month,
        renewal_day=day,
        certificate_prints_ratio=top.get("certificate_prints_ratio", bool, optional=True),
        elderly_certificate_issued=top.get("elderly_certificate_issued", bool, optional=True),
        hours=top.optional_text("hours"),
        general_contact=_optional_contact(top.optional_child("general_contact")),
        desks=desks,
        main_desk_id=main_desk,
        routes=dict(routes),
        branches=tuple(_contact(r) for r in top.items("branches")),
        places=places,
        elderly_care_contact=_optional_contact(top.optional_child("elderly_care_contact")),
        local_programmes=tuple(_programme(r) for r in top.items("local_programmes")),
        notes=notes,
        seeds=tuple(str(s) for s in top.get("seeds", list)),
        path=str(path),
    )


def profile_path(name: str) -> Path:
    """Resolve a profile id or a path to a YAML file."""
    if name.endswith((".yml", ".yaml")) or os.sep in name:
        return Path(name)
    directory = Path(os.environ.get(DIR_ENV_VAR) or PROFILE_DIR)
    return directory / f"{name}.yml"


@lru_cache(maxsize=16)
def load_profile(name: str = DEFAULT_ID) -> Profile:
    """Load and validate one profile by id or path; raises ProfileError."""
    path = profile_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read the profile ({exc.strerror})") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: not valid YAML: {exc}") from exc
    return parse_profile(data, path)


def active_profile() -> Profile:
    """The profile BOT_MUNICIPALITY names (default: takasaki)."""
    return load_profile(os.environ.get(ENV_VAR, "").strip() or DEFAULT_ID)


def available_profiles() -> list[str]:
    """Ids of the profiles shipped in the profile directory."""
    directory = Path(os.environ.get(DIR_ENV_VAR) or PROFILE_DIR)
    return sorted(p.stem for p in directory.glob("*.yml"))
