"""No date in a log line above DEBUG: messages, arguments, tracebacks, JSON escapes, warnings."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
import warnings
from typing import Iterator

import pytest

from bot.core import log_privacy
from tests.servers import ROOT

BIRTHDATE = "昭和31年12月10日"


@pytest.fixture()
def stream() -> Iterator[io.StringIO]:
    """A handler on the root logger, installed before log_privacy.install() like Rasa's own."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    root = logging.getLogger()
    root.addHandler(handler)
    old_level, old_format = root.level, warnings.formatwarning
    root.setLevel(logging.DEBUG)
    log_privacy.install()
    yield out
    root.removeHandler(handler)
    root.setLevel(old_level)
    warnings.formatwarning = old_format


def test_messages_arguments_and_tracebacks_are_masked(stream: io.StringIO) -> None:
    log = logging.getLogger("rasa.some.module")
    log.warning("Failed to parse arguments in line '/greet{%s}'", BIRTHDATE)
    log.info(json.dumps({"event": "message.parsing.failed", "user_text": f"/{BIRTHDATE}"}))  # structlog's JSON
    try:
        raise ValueError(f'body=\'{{"text": "{BIRTHDATE}", "iso": "1956-12-10"}}\'')
    except ValueError:
        log.exception("Encountered an exception while running action")
    text = stream.getvalue()
    assert text.count("［日付］") >= 4 and "Traceback" in text
    for secret in (BIRTHDATE, "1956-12-10", "\\u662d\\u548c"):
        assert secret not in text


def test_a_handler_added_later_is_masked_without_another_install(stream: io.StringIO) -> None:
    later = io.StringIO()
    handler = logging.StreamHandler(later)
    logger = logging.getLogger("sanic.access.test")
    logger.addHandler(handler)
    try:
        logger.warning("request body '%s'", BIRTHDATE)
    finally:
        logger.removeHandler(handler)
    assert "［日付］" in later.getvalue() and BIRTHDATE not in later.getvalue()


def test_debug_stays_whole(stream: io.StringIO) -> None:
    logging.getLogger("rasa.core.processor").debug("Received user message '%s'", BIRTHDATE)
    assert BIRTHDATE in stream.getvalue()


WARN = f"""
import rasa.shared.utils.io
from bot.core import log_privacy
log_privacy.install()
rasa.shared.utils.io.raise_warning("Failed to parse arguments in line '/nosuch{{{{\\"x\\": \\"{BIRTHDATE}\\"}}}}'")
"""


def test_rasa_warnings_are_masked() -> None:
    """Rasa's warnings go to standard error through the warnings module, not logging."""
    result = subprocess.run([sys.executable, "-c", WARN], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "Failed to parse arguments" in result.stderr and "［日付］" in result.stderr, result.stderr
    assert BIRTHDATE not in result.stderr
