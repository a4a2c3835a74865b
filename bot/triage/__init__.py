"""Triage of phone-line transcripts: intent, priority, desk and the chat's answer for each call.

Command line: python -m bot.triage (bot/triage/cli.py); over HTTP: bot/channels/triage_http.py;
documentation: docs/triage.md.
"""
