#!/usr/bin/env bash
# make cluster N=2: the assistant scaled out on this machine (docs/deployment.md). PostgreSQL,
# Redis and nginx from Debian (installed if missing), N Rasa replicas with their action servers,
# all on loopback; nginx on 127.0.0.1:${CLUSTER_PORT:-8080} is the only entry. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup_cluster.sh
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2
exec .venv/bin/python -m cluster --replicas "${1:-2}" --port "${CLUSTER_PORT:-8080}" --model "$(scripts/model_path.sh)"
