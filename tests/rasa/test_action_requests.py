"""What Rasa sends the action server: no domain (selective domain), so the form's slots are known in
actions/document_form.py, and must be the domain's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from actions.document_form import FORM_SLOTS, ValidateDocumentForm
from bot.core.names import CustomAction

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "deploy/endpoints.yml"])
@pytest.mark.parametrize("action", [CustomAction.VALIDATE_DOCUMENT_FORM, CustomAction.NLU_FALLBACK])
def test_no_action_request_carries_the_domain(endpoints: str, action: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in re.findall(r"\$\{(\w+)\}", (ROOT / endpoints).read_text(encoding="utf-8")):
        monkeypatch.setenv(variable, "1")
    endpoint = read_endpoint_config(str(ROOT / endpoints), "action_endpoint")
    tracker = DialogueStateTracker.from_events("someone", [], DOMAIN.slots)
    request = RemoteAction(action, endpoint)._action_call_format(tracker, DOMAIN)
    assert "domain" not in request and request["tracker"]["sender_id"] == "someone"


def test_the_forms_slots_are_the_domains() -> None:
    assert list(FORM_SLOTS) == DOMAIN.forms["document_form"]["required_slots"]
    assert ValidateDocumentForm().domain_slots({}) == list(FORM_SLOTS)
