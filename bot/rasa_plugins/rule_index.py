"""RulePolicy's rules looked up by the previous action first.

Rasa 3.6's RulePolicy finds the rules that apply to a conversation by testing every rule of its
lookup against the conversation's states, newest first (`_get_possible_keys`): every rule, every
prediction, each state compared feature by feature. Under load that was about 5% of the Rasa
server's CPU (bench/analysis.md, session 11). Yet a rule applies only if its last state fits the
conversation's current one, and a rule state that names a previous action fits only a state with
that previous action (`_is_rule_applicable`, `_does_rule_match_state`).

`install()` indexes each lookup's rules once by the previous action their last state names, and
runs Rasa's own test on the rules filed under the current previous action and on those that name
none: the same rules, found among fewer. `ProfileNLG` installs it; tests/rasa/test_rule_index.py
compares it with Rasa's method on every lookup of a conversation and fails if a Rasa upgrade
changes what it relies on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET
from rasa.shared.nlu.constants import ACTION_NAME

RASA_GET_POSSIBLE_KEYS = RulePolicy._get_possible_keys
INDEX_ATTRIBUTE = "_nhi_rule_index"

State = dict[str, Any]


def required_action(state: State) -> str | None:
    """The previous action a rule state asks for, if it names one."""
    name = (state.get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)
    return name if isinstance(name, str) and name and name != SHOULD_NOT_BE_SET else None


@dataclass
class RuleIndex:
    """A lookup's rule keys, by the previous action their last state asks for."""

    keys: frozenset[str]
    by_action: dict[str, list[str]] = field(default_factory=dict)
    any_action: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, lookup: dict[str, str]) -> RuleIndex:
        index = cls(frozenset(lookup))
        for key in lookup:
            states = json.loads(key)
            name = required_action(states[-1]) if states else None
            (index.by_action.setdefault(name, []) if name else index.any_action).append(key)
        return index

    def candidates(self, current: State) -> set[str]:
        """The keys whose last state may fit `current`: the others cannot apply."""
        found = set(self.any_action)
        name = (current.get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)
        if isinstance(name, str):
            found.update(self.by_action.get(name, ()))
        return found


def index_of(policy: RulePolicy, lookup: dict[str, str]) -> RuleIndex:
    """The index of `lookup`, built once (again if its keys change, as while the policy trains)."""
    indexes: dict[int, tuple[dict[str, str], RuleIndex]] = policy.__dict__.setdefault(INDEX_ATTRIBUTE, {})
    known = indexes.get(id(lookup))
    if known is None or known[0] is not lookup or known[1].keys != lookup.keys():
        known = (lookup, RuleIndex.of(lookup))
        indexes[id(lookup)] = known
    return known[1]


def get_possible_keys(self: RulePolicy, lookup: dict[str, str], states: list[State]) -> set[str]:
    """Rasa's `_get_possible_keys`, started from the index's candidates."""
    if not states:
        return RASA_GET_POSSIBLE_KEYS(self, lookup, states)
    possible = index_of(self, lookup).candidates(states[-1])
    for turn, state in enumerate(reversed(states)):
        possible = {key for key in possible if self._is_rule_applicable(key, turn, state)}
    return possible


def install() -> None:
    """Look rules up through the index (idempotent)."""
    RulePolicy._get_possible_keys = get_possible_keys


def installed() -> bool:
    return RulePolicy._get_possible_keys is get_possible_keys
