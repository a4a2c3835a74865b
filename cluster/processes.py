"""Child processes of the local cluster: each with its own log file, in its own session (so that
Ctrl-C reaches only the command, which then stops them in order), stopped by signal."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def run_as(user: str | None) -> str | None:
    """`user` when we are root (then the child runs as that user: PostgreSQL refuses root), else None."""
    return user if user and os.geteuid() == 0 else None


@dataclass
class Child:
    """One server process, started by start() and stopped by stop() or kill()."""

    name: str
    argv: list[str]
    log: Path
    env: dict[str, str] | None = None
    cwd: Path | None = None
    user: str | None = None
    stop_signal: signal.Signals = signal.SIGTERM
    proc: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> Child:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("a") as out:
            self.proc = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                user=run_as(self.user),
                group=run_as(self.user),
            )
        return self

    @property
    def pid(self) -> int:
        return self.proc.pid if self.proc else 0

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout: float = 20) -> None:
        """The child's own graceful stop signal, then SIGKILL after `timeout` seconds."""
        if not self.alive():
            return
        assert self.proc is not None
        self.proc.send_signal(self.stop_signal)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        return ""


def wait_until(check: Callable[[], bool], seconds: float, what: str, child: Child | None = None) -> None:
    """Poll `check` until it is true; RuntimeError (with the child's last log lines) on time-out or exit."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if child is not None and child.proc is not None and child.proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {child.proc.returncode}:\n{child.tail()}")
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.3)
    raise RuntimeError(f"{what} was not ready within {seconds:.0f} s" + (f":\n{child.tail()}" if child else ""))
