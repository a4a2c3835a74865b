"""Rasa input channels of the assistant (REST, LINE, phone triage)."""
