"""Answer rendering: the citizen's Japanese text, from the core and the profile (no Rasa)."""
