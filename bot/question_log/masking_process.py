"""Name masking in a child process of the Rasa server.

GiNZA's NER is the dearest part of logging a question: about 5 ms of matrix products per question.
In a thread of the server it cost the turns more than its own CPU (session 9). In a child process,
8 citizens got ×1.21 the turns/s, p95 209 → 175 ms, and CPU per turn ×0.86 with the child's counted
(8 rounds side by side; bench/analysis.md, session 11).

The server masks dates, numbers and addresses itself (bot.core.masking), so a birthdate never leaves
it. The child gets those texts and sends them back with the names masked, a line of JSON each way
over its stdin and stdout. It loads GiNZA's tokenizer and NER on its own (about 3 s and 300 MB; the
server no longer loads the NER, 60 MB), and it exits when its stdin closes, which happens when the
server exits, even after kill -9. If the child cannot answer (it died, timed out or replied wrong),
a new one is started for the next batch, and the server masks this one itself
(bot.question_log.recorder): a question is never lost and never written unmasked. No text is ever
logged.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from bot.question_log import masker

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
# A batch is 100 questions at most (about 0.5 s); the first one also waits for GiNZA to load.
REPLY_SECONDS = 120.0
MODULE = "bot.question_log.masking_process"


class MaskingProcess:
    """The child that masks names, started on first use; `names_masked` is safe from any thread."""

    def __init__(self, reply_seconds: float = REPLY_SECONDS) -> None:
        self.reply_seconds = reply_seconds
        self._child: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def names_masked(self, texts: list[str], seconds: float | None = None) -> list[str] | None:
        """`texts` (dates and numbers already masked) with their names masked by the child; None if
        it could not, or gave no answer within `seconds` in all, waiting for another batch included
        (default: reply_seconds). The next call starts a new one."""
        seconds = self.reply_seconds if seconds is None else seconds
        deadline = time.monotonic() + seconds
        if not self._lock.acquire(timeout=seconds):
            return None  # another batch holds the child that long: it has hung, and will be replaced
        try:
            return self._ask(texts, max(deadline - time.monotonic(), 0.0))
        except (OSError, ValueError) as exc:
            logger.error("question log: the masking process failed (%s)", type(exc).__name__)
            self._stop()
            return None
        finally:
            self._lock.release()

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None and self._child.poll() is None else None

    def _ask(self, texts: list[str], seconds: float) -> list[str]:
        child = self._running()
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(_line(texts))
        child.stdin.flush()
        readable, _, _ = select.select([child.stdout], [], [], seconds)
        if not readable:
            raise TimeoutError("no reply")
        reply = json.loads(child.stdout.readline() or b"null")
        if not (isinstance(reply, list) and len(reply) == len(texts) and all(isinstance(t, str) for t in reply)):
            raise ValueError("a reply that is not the batch")
        return reply

    def _running(self) -> subprocess.Popen[bytes]:
        if self._child is None or self._child.poll() is not None:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
            self._child = subprocess.Popen(
                [sys.executable, "-m", MODULE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                cwd=ROOT,
            )
        return self._child

    def _stop(self) -> None:
        if self._child is not None:
            self._child.kill()
            self._child.wait()
            self._child = None


def _line(texts: list[str]) -> bytes:
    """One JSON line, ASCII-escaped: lone surrogates, NUL and line breaks travel unharmed."""
    return json.dumps(texts, ensure_ascii=True).encode("ascii") + b"\n"


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The child's loop: a JSON list of texts in, the same texts with names masked out."""
    for line in requests:
        try:
            reply = _line(masker.names_masked(json.loads(line)))
        except Exception as exc:  # a batch it cannot read: the server masks it itself
            logger.error("question log: the masking process could not mask a batch (%s)", type(exc).__name__)
            reply = b"null\n"
        replies.write(reply)
        replies.flush()


def prepare() -> None:
    """The child's process set-up: thinc would import TensorFlow (360 MB for nothing), and spaCy's
    Japanese tokenizer would leak 2.5 KB a question without bot.rasa_plugins.ja_morph_cache."""
    sys.modules["tensorflow"] = None  # type: ignore[assignment]
    from bot.rasa_plugins import ja_morph_cache

    ja_morph_cache.install()


def main() -> None:
    """Replies go to the stdout the server reads; anything a library prints goes to stderr. Ctrl-C
    and SIGTERM reach the whole process group: the child lets the server write what it still holds,
    and exits when the server has gone (its stdin closes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    prepare()
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    main()
