#!/usr/bin/env bash
# Prints the path of the model for the current training inputs: models/nhi-<hash>.tar.gz.
# The hash covers everything training reads, so a changed input means a new model.
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=(config.yml domain.yml bot/core/input_text.py bot/rasa_plugins/input_guard.py bot/core/preambles.py bot/rasa_plugins/preamble_copies.py bot/rasa_plugins/ginza_nlp.py bot/rasa_plugins/entry_selector.py bot/rasa_plugins/linear_intents.py bot/rasa_plugins/code_fingerprint.py bot/rasa_plugins/stored_model.py bot/spacy_models.py bot/core/synonyms.py knowledge/synonyms.yml)
hash=$( { cat "${inputs[@]}"; grep -E '^(rasa|rasa-sdk|spacy|ginza|ja-ginza|SudachiPy|SudachiDict-core|tensorflow|scikit-learn)==' requirements.lock; find data -type f -name '*.yml' | LC_ALL=C sort | xargs cat; } | sha256sum | cut -c1-16)
echo "models/nhi-${hash}.tar.gz"
