#!/usr/bin/env bash
# Trains the model unless one for the current training inputs exists already.
set -euo pipefail
cd "$(dirname "$0")/.."
model=$(scripts/model_path.sh)
if [ -f "$model" ]; then
  echo "Model is up to date: $model"
  exit 0
fi
echo "Training data, config or domain changed: training $model (a few minutes)..."
name=$(basename "$model" .tar.gz)
.venv/bin/rasa train --fixed-model-name "$name" --out models --quiet
test -f "$model"
