"""Custom actions (rasa-sdk). Kept thin: the rules and the texts live in the bot package.

A request carries the latest message, the slots, the active loop and the current turn's events only
(from the latest user message on; bot.rasa_plugins.lean_action_request), not the whole conversation.
"""

import os

from bot.core import log_privacy

# rasa-sdk listens on SANIC_HOST, every interface (0.0.0.0) when it is unset, and reads it after
# importing this package: unless configured, the action server stays on this machine.
os.environ.setdefault("SANIC_HOST", "127.0.0.1")
# No date in a log line above DEBUG, whatever rasa-sdk quotes.
log_privacy.install()
