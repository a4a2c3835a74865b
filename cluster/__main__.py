"""make cluster N=2: python -m cluster --replicas 2 [--port 8080] [--dir var/cluster]; Ctrl-C stops all."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import Sequence

from cluster.cluster import running_cluster
from cluster.replicas import ROOT


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster", description=__doc__)
    parser.add_argument("--replicas", type=int, default=2, help="Rasa replicas (each with its action server)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1: the public entry")
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "cluster", help="data, configuration, logs")
    parser.add_argument("--model", required=True, help="the trained model (scripts/model_path.sh)")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    token = os.environ.get("NHI_API_TOKEN") or None
    # Ctrl-C and SIGTERM both end the wait below; the servers run in their own sessions and are
    # stopped in order by running_cluster.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Starting PostgreSQL, Redis, {args.replicas} replica(s) and nginx under {args.dir} ...", flush=True)
    with running_cluster(args.dir.resolve(), args.replicas, args.model, args.port, token) as cluster:
        replicas = "\n".join(
            f"  replica {r.index}: Rasa {r.rasa_url} (API {'on, token NHI_API_TOKEN' if token else 'off'}),"
            f" actions {r.action_url}"
            for r in cluster.replicas
        )
        print(
            f"""
The assistant is running behind nginx: {cluster.url}
  REST:   POST {cluster.url}/webhooks/rest/webhook  {{"sender": "me", "message": "保険証をなくしました"}}
  Widget: {cluster.url}/webhooks/widget/nhi-chat.js (messages: /webhooks/widget/webhook)
  LINE:   POST {cluster.url}/webhooks/line/webhook   socket.io: {cluster.url}/socket.io/
Behind it, on loopback only:
{replicas}
  PostgreSQL 127.0.0.1:{cluster.postgres.port}, Redis 127.0.0.1:{cluster.redis.port}; logs in {cluster.logs}
Press Ctrl-C to stop everything.""",
            flush=True,
        )
        try:
            signal.pause()
        except KeyboardInterrupt:
            print("\nStopping the cluster...", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
