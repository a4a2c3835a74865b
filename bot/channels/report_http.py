"""The report's numbers over HTTP, read-only, for the city's own dashboards (docs/report.md).

  GET /webhooks/report/summary?since=YYYY-MM-DD&until=YYYY-MM-DD
      → 200 with the JSON of python -m bot.report --format json (days in Japan time, both
        included; default: the last 7 days)
  GET /webhooks/report/   {"status": "ok"}

The same credential as the Rasa HTTP API: the token in NHI_API_TOKEN, sent as
"Authorization: Bearer <token>" or "?token=<token>" (401 otherwise). Without NHI_API_TOKEN the route
is off (404). The records are read in a worker thread; grouping uses the server's GiNZA on the
event loop (bot.question_log.ginza), so keep periods and polling modest.
"""

from __future__ import annotations

import asyncio
import hmac
import os
from datetime import datetime
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.webhook_http import bad_request, channel_blueprint
from bot.question_log.recorder import question_log
from bot.question_log.store import LogError
from bot.report.build import load_records
from bot.report.cli import period_of
from bot.report.groups import unknown_topics
from bot.report.summary import JST

TOKEN_ENV = "NHI_API_TOKEN"
OFF = {"error": f"This route is off: set {TOKEN_ENV} to the Rasa HTTP API token to turn it on."}
UNAUTHORISED = {"error": "A valid token is needed: 'Authorization: Bearer <token>' or '?token=<token>'."}
NO_LOG = {"error": "The question log is off: it needs an SQL tracker store (endpoints.yml)."}


def token_matches(request: Request, expected: str) -> bool:
    """Whether the request carries `expected` as a bearer token or a token query parameter."""
    header = request.headers.get("Authorization", "")
    given = header[len("Bearer ") :].strip() if header.startswith("Bearer ") else request.args.get("token", "")
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


class ReportInput(InputChannel):
    """Registered in credentials.yml like a channel, to serve the read-only report route."""

    @classmethod
    def name(cls) -> str:
        return "report"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = channel_blueprint(self)

        @hook.route("/summary", methods=["GET"])
        async def summary(request: Request) -> HTTPResponse:
            expected = os.environ.get(TOKEN_ENV, "")
            if not expected:
                return response.json(OFF, status=404)
            if not token_matches(request, expected):
                return response.json(UNAUTHORISED, status=401, headers={"WWW-Authenticate": "Bearer"})
            log = question_log(getattr(request.app.ctx, "agent", None))
            if log is None:
                return response.json(NO_LOG, status=503)
            try:
                period = period_of(request.args.get("since"), request.args.get("until"), datetime.now(JST).date())
            except LogError as err:
                return bad_request(str(err))
            try:
                report = await asyncio.get_running_loop().run_in_executor(None, load_records, log.engine, period)
            except LogError as err:
                return response.json({"error": str(err)}, status=503)
            report.groups = unknown_topics(report.records)
            return response.json(report.as_dict(), headers={"Cache-Control": "no-store"})

        return hook
