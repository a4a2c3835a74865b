"""Plug-ins that need Rasa: the NLU input guard and the profile-aware response generator."""
