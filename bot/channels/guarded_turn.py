"""One citizen turn, guarded: the one path every channel uses to hand a message to Rasa.

It never raises and never logs the text (it may hold a birthdate), and hands Rasa a text that
Rasa will not quote in a warning (bot.channels.replies.without_stray_command). It tells the
channel whether the turn failed, so that the channel adds the apology with the desk's phone
(bot.channels.replies.complete_replies): an exception or a time-out while handling the message
(a conversation store that cannot be read or written, say), or a custom action that could not
run. After an exception, what the turn had said so far is dropped: the turn was not saved, so
the citizen is asked to try again rather than shown answers the assistant will not remember.
After the turn, the question goes to the question log and a rateable answer gets the rating
offer (bot.question_log.recorder.after_turn).
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.replies import without_stray_command
from bot.core import log_privacy
from bot.question_log.recorder import after_turn
from bot.rasa_plugins import action_failures
from bot.rasa_plugins.saved_conversation import kept_during_turn

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]


async def run_turn(on_new_message: Handler, message: UserMessage) -> bool:
    """Hands `message` to Rasa; True when the citizen did not get a complete answer."""
    action_failures.install()
    action_failures.reset()
    log_privacy.install()
    if isinstance(message.text, str):
        message.text = without_stray_command(message.text)
    channel = message.input_channel or "channel"
    try:
        with kept_during_turn() as saved:
            await on_new_message(message)
    except CancelledError:
        logger.error("%s: message handling timed out", channel)
        return True
    except Exception as exc:  # the text is not logged: it may hold personal data
        logger.error("%s: message handling failed: %s", channel, type(exc).__name__)
        if isinstance(message.output_channel, CollectingOutputChannel):
            message.output_channel.messages.clear()
        return True
    failed = action_failures.action_failed()
    await after_turn(message, failed, saved.get(str(message.sender_id)))
    return failed
