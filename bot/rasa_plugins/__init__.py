"""Plug-ins that need Rasa: the NLU input guard, the profile-aware response generator, the private
conversation store, the start-up guard against an open server, and the log filter for dates."""
