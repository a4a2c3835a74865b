"""Response generator that fills {placeholders} from the active municipality profile."""

from __future__ import annotations

from typing import Any, Dict

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.answers.knowledge_answer import answer_values
from bot.core.profiles import active_profile
from bot.core.reference_date import today
from bot.rasa_plugins import (
    action_keepalive,
    empty_domain_check,
    fast_action_validation,
    fast_event_types,
    fast_graph_run,
    ja_morph_cache,
    lean_action_request,
    lean_model_load,
    rule_index,
)


def response_values(intent: str | None) -> Dict[str, str]:
    """Every placeholder value for the active profile, the reference date and the topic."""
    return answer_values(active_profile(), intent, today())


class ProfileNLG(TemplatedNaturalLanguageGenerator):
    """Domain responses with the profile's desk names, phones and document names filled in.

    Every Rasa server loads it (endpoints.yml), so it also installs the plug-ins that make a turn
    cheaper: the compiled check of action-server responses (bot.rasa_plugins.fast_action_validation),
    event classes found by name through a table (bot.rasa_plugins.fast_event_types),
    the model graph run without dask (bot.rasa_plugins.fast_graph_run), RulePolicy's rules looked up
    by the previous action (bot.rasa_plugins.rule_index), the empty-domain check without a new empty
    domain each parse (bot.rasa_plugins.empty_domain_check) and keep-alive connections to
    the action server (bot.rasa_plugins.action_keepalive), which get the current turn's events only
    (bot.rasa_plugins.lean_action_request); the fix of spaCy's Japanese tokenizer
    that leaked memory on every message (bot.rasa_plugins.ja_morph_cache); and the models loaded for
    prediction only (bot.rasa_plugins.lean_model_load: Rasa creates the generator before it loads
    the model)."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        active_profile()  # fail at start-up, naming file and key, if the profile is invalid
        fast_action_validation.install()
        fast_event_types.install()
        fast_graph_run.install()
        action_keepalive.install()
        lean_action_request.install()
        ja_morph_cache.install()
        lean_model_load.install()
        rule_index.install()
        empty_domain_check.install()

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> Dict[str, Any] | None:
        intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
        values = {**response_values(intent), **tracker.current_slot_values()}
        return self.generate_from_slots(utter_action, values, output_channel, **kwargs)
