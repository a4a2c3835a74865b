#!/usr/bin/env bash
# Starts the action server (ACTION_PORT, 5055) and the Rasa server (RASA_PORT, 5005) on 127.0.0.1;
# Ctrl-C stops both. Rasa's HTTP API is on only with a token: NHI_API_TOKEN=$(openssl rand -hex 24).
set -euo pipefail
cd "$(dirname "$0")/.."
model=$(scripts/model_path.sh)
ACTION_PORT=${ACTION_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}
# endpoints.yml as it is, with the action server's port (the conversation store creates var/ itself).
mkdir -p -m 700 var
.venv/bin/python - "$ACTION_PORT" endpoints.yml > var/endpoints.yml <<'PY'
import sys

import yaml

port, source = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8") as f:
    endpoints = yaml.safe_load(f)
endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{port}/webhook"
print(yaml.safe_dump(endpoints, allow_unicode=True, sort_keys=False), end="")
PY
api=()
api_note="off (set NHI_API_TOKEN to turn it on, with that token)"
if [ -n "${NHI_API_TOKEN:-}" ]; then
  api=(--enable-api --auth-token "$NHI_API_TOKEN")
  api_note="http://localhost:$RASA_PORT/status?token=\$NHI_API_TOKEN"
fi
pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping the assistant..."
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT
SANIC_HOST=127.0.0.1 .venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" &
pids+=($!)
# bot.rasa_cli: Rasa's command line without jax, which TensorFlow would load for nothing (~65 MB).
.venv/bin/python -m bot.rasa_cli run ${api[@]+"${api[@]}"} --interface 127.0.0.1 --port "$RASA_PORT" --model "$model" \
  --credentials credentials.yml --endpoints var/endpoints.yml --cors "http://localhost:$RASA_PORT" &
pids+=($!)
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$RASA_PORT/webhooks/rest/" >/dev/null 2>&1 \
     && curl -fs "http://127.0.0.1:$ACTION_PORT/health" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done
cat <<MSG

The assistant is running (municipality: ${BOT_MUNICIPALITY:-takasaki}).
  Widget demo: http://localhost:$RASA_PORT/webhooks/widget/demo   (a city NHI page with the chat open)
  REST:        POST http://localhost:$RASA_PORT/webhooks/rest/webhook  {"sender": "me", "message": "保険証をなくしました"}
  socket.io:   http://localhost:$RASA_PORT/socket.io
  Triage:      POST http://localhost:$RASA_PORT/webhooks/triage/webhook  {"id": 1, "text": "..."}
  LINE:        POST http://localhost:$RASA_PORT/webhooks/line/webhook (see docs/line.md)
  HTTP API:    $api_note
  Action server: http://localhost:$ACTION_PORT/health
Conversations: var/tracker.db (docs/privacy.md). Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
