"""Domain core of the NHI FAQ assistant: dates, rules, profiles, channels and triage."""
