"""Intent names that triage treats in a way of their own (all intents: docs/intents.md)."""

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

FALLBACK = DEFAULT_NLU_FALLBACK_INTENT_NAME  # the assistant is unsure what the call is about
DOCUMENT = "which_document"  # the document form: birthdate and card status → the document answer
INFORM = "inform"  # an answer to one of the form's questions
OUT_OF_SCOPE = "out_of_scope"  # not about NHI: the city's general contact
