#!/usr/bin/env bash
# Starts the action server (5055) and the Rasa server (5005) on localhost; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
model=$(scripts/model_path.sh)
mkdir -p var
ACTION_PORT=${ACTION_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}
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
.venv/bin/python -m bot.rasa_cli run --enable-api --interface 127.0.0.1 --port "$RASA_PORT" --model "$model" \
  --credentials credentials.yml --endpoints endpoints.yml --cors "http://localhost:$RASA_PORT" &
pids+=($!)
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$RASA_PORT/status" >/dev/null 2>&1 \
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
  Action server: http://localhost:$ACTION_PORT/health
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
