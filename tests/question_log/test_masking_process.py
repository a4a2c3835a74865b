"""The question log's masking process, for real: it masks names as the server would itself, survives
what it cannot read, is replaced when it dies or hangs, and leaves with the server, even after kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.question_log import masker
from bot.question_log.masking_process import MaskingProcess

TEXTS = [
    "山田太郎です。保険証をなくしました",
    "田中さんの資格確認書はいつ届きますか",
    "母の高橋が入院しました\n限度額の証明は?",
    "<b>鈴木</b> です 🙇 \x00 よろしく",
    "",
    "マイナ保険証の登録を解除したい" * 60,
]


def gone_within(pid: int, seconds: float) -> bool:
    """Whether the process ended (a zombie has ended) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def process() -> MaskingProcess:
    return MaskingProcess()


def test_it_masks_names_as_the_server_would_itself(process: MaskingProcess) -> None:
    masked = process.names_masked(TEXTS)
    assert masked == masker.names_masked(TEXTS)
    assert masked[0] == "［氏名］です。保険証をなくしました" and masked[-1] == TEXTS[-1]
    assert process.pid not in (None, os.getpid())


def test_a_batch_it_cannot_read_gets_none_and_the_next_batch_a_new_process(process: MaskingProcess) -> None:
    process.names_masked(["はじめまして"])
    first = process.pid
    assert process.names_masked(["鈴木\udc80です"]) is None  # the server never sends a lone surrogate
    assert process.pid is None
    assert process.names_masked(["鈴木一郎です"]) == ["［氏名］です"]
    assert process.pid not in (None, first)


def test_a_process_killed_is_replaced(process: MaskingProcess) -> None:
    process.names_masked(["はじめまして"])
    dead = process.pid
    assert dead is not None
    os.kill(dead, signal.SIGKILL)
    os.waitpid(dead, 0)
    assert process.names_masked(["佐藤花子と申します"]) == ["［氏名］と申します"]
    assert process.pid not in (None, dead)


def test_a_process_that_does_not_answer_in_time_is_stopped() -> None:
    hasty = MaskingProcess(reply_seconds=0.01)  # loading GiNZA alone takes longer
    assert hasty.names_masked(["鈴木一郎です"]) is None
    assert hasty.pid is None


def test_it_outlives_sigterm_to_let_the_server_write_and_leaves_with_it_after_kill_9(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from bot.question_log.masking_process import MaskingProcess\n"
         "process = MaskingProcess()\n"
         "print(process.names_masked(['鈴木一郎です'])[0], process.pid, flush=True)\n"
         "sys.stdin.readline()\n"
         "print(process.names_masked(['高橋さんです'])[0], flush=True)\n"
         "time.sleep(600)\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert server.stdin is not None and server.stdout is not None
    try:
        masked, pid = server.stdout.readline().split()
        assert masked == "［氏名］です"
        os.kill(int(pid), signal.SIGTERM)  # as a stop of the whole process group would
        server.stdin.write("\n")
        server.stdin.flush()
        assert server.stdout.readline().strip() == "［氏名］さんです"
        server.kill()
        assert gone_within(int(pid), 10)
    finally:
        server.kill()
        server.wait()


def test_the_child_runs_without_tensorflow_and_with_the_tokenizer_that_does_not_leak() -> None:
    check = (
        "import sys\n"
        "from bot.question_log.masking_process import prepare\n"
        "prepare()\n"
        "from bot.question_log import masker\n"
        "from bot.rasa_plugins import ja_morph_cache\n"
        "masker.names_masked(['鈴木一郎です'])\n"
        "print(ja_morph_cache.installed(), sys.modules['tensorflow'] is None)\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=root, timeout=300)
    assert result.stdout.split() == ["True", "True"], result.stderr[-2000:]
