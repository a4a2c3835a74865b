"""Simulated citizens on loopback: fixed concurrency for a fixed time, latency percentiles."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import time
import uuid
from dataclasses import dataclass
from typing import Awaitable, Callable

import aiohttp

from actions.document_form import RETRY_BUTTON

Step = Callable[[aiohttp.ClientSession, int], Awaitable[None]]


@dataclass
class LoadResult:
    workload: str
    concurrency: int
    seconds: float
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    server_cpu_ms: float = float("nan")  # the Rasa server's CPU time per request, when measured

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


async def _post(session: aiohttp.ClientSession, url: str, body: dict, latencies: list[float]) -> str | None:
    """One request: its reply as JSON text, or None unless it answered 200."""
    start = time.perf_counter()
    async with session.post(url, json=body) as resp:
        payload = await resp.read()
        ok = resp.status == 200
    latencies.append((time.perf_counter() - start) * 1000)
    return json.dumps(json.loads(payload), ensure_ascii=False) if ok else None


def parse_workload(parse_url: str, texts: list[str]):
    """Each simulated citizen sends one message after another to /model/parse (`parse_url`, with the
    API token)."""
    cycle = itertools.cycle(texts)

    async def citizen(session: aiohttp.ClientSession, latencies: list[float], deadline: float) -> int:
        errors = 0
        while time.monotonic() < deadline:
            errors += await _post(session, parse_url, {"text": next(cycle)}, latencies) is None
        return errors

    return citizen


# The document form as a citizen types it, with a piece of the reply each turn must hold. A reply
# with the form's answer (its retry button) also ends the conversation: an opening question that
# told the card status (「マイナ保険証は登録済みです」) leaves the form one question fewer to ask.
FORM_ANSWERED = RETRY_BUTTON["title"]
FORM_TURNS = [
    ("届く書類と有効期限を調べたい", "生年月日"),
    ("昭和32年3月1日", "カードの状況"),
    ("マイナ保険証は持っていません", "資格確認書"),
]


def webhook_workload(base_url: str, texts: list[str], seed: int = 42):
    """Each simulated citizen holds conversations: a question, then the whole document form, typed
    as a citizen would (the card status in words, not a button payload)."""
    rng = random.Random(seed)
    url = f"{base_url}/webhooks/rest/webhook"

    async def citizen(session: aiohttp.ClientSession, latencies: list[float], deadline: float) -> int:
        errors = 0
        while time.monotonic() < deadline:
            sender = f"bench-{uuid.uuid4().hex[:10]}"
            for message, expect in [(rng.choice(texts), ""), *FORM_TURNS]:
                if time.monotonic() >= deadline:
                    break
                reply = await _post(session, url, {"sender": sender, "message": message}, latencies)
                answered = reply is not None and FORM_ANSWERED in reply
                errors += reply is None or not (expect in reply or answered)
                if answered:
                    break
        return errors

    return citizen


async def _run(citizen, concurrency: int, seconds: float) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        start = time.monotonic()
        deadline = start + seconds
        errors = await asyncio.gather(*(citizen(session, latencies, deadline) for _ in range(concurrency)))
        elapsed = time.monotonic() - start
    return latencies, sum(errors), elapsed


def run_load(name: str, citizen, concurrency: int, seconds: float) -> LoadResult:
    latencies, errors, elapsed = asyncio.run(_run(citizen, concurrency, seconds))
    return LoadResult(
        name,
        concurrency,
        elapsed,
        len(latencies),
        errors,
        percentile(latencies, 50),
        percentile(latencies, 95),
        percentile(latencies, 99),
    )


def warm_up(parse_url: str, texts: list[str]) -> None:
    """One pass over the texts through /model/parse, so that no first-time work is measured."""

    async def once() -> None:
        async with aiohttp.ClientSession() as session:
            for text in texts:
                await _post(session, parse_url, {"text": text}, [])

    asyncio.run(once())
