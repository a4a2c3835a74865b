"""One citizen turn, guarded: the one path every channel uses to hand a message to Rasa.

It never raises and never logs the text (it may hold a birthdate). It tells the channel whether
the turn failed, so that the channel adds the apology with the desk's phone
(bot.channels.replies.complete_replies): an exception or a time-out while handling the message
(a tracker store that cannot save, say), or a custom action that could not run.
After the turn, the question goes to the question log and a rateable answer gets the rating
offer (bot.question_log.recorder.after_turn).
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from bot.question_log.recorder import after_turn
from bot.rasa_plugins import action_failures

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]


async def run_turn(on_new_message: Handler, message: UserMessage) -> bool:
    """Hands `message` to Rasa; True when the citizen did not get a complete answer."""
    action_failures.install()
    action_failures.reset()
    channel = message.input_channel or "channel"
    try:
        await on_new_message(message)
    except CancelledError:
        logger.error("%s: message handling timed out", channel)
        return True
    except Exception as exc:  # the text is not logged: it may hold personal data
        logger.error("%s: message handling failed: %s", channel, type(exc).__name__)
        return True
    failed = action_failures.action_failed()
    await after_turn(message, failed)
    return failed
