# make run   - set up everything on a fresh machine and start the assistant on localhost
# make test  - set up the same way and run every test
# make bench - accuracy, latency under load, memory and training time -> docs/benchmarks.md
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
VENV := .venv
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-16)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)
# pip repeats this warning for every package on machines with local find-links folders.
PIP_NOISE := is ignored: it is neither a file nor a directory

.PHONY: run test setup model unit bench clean

run: setup model
	scripts/run.sh

test: setup model
	scripts/setup_browser.sh
	NHI_MODEL=$$(scripts/model_path.sh) $(VENV)/bin/python -m pytest tests

bench: setup model
	NHI_MODEL=$$(scripts/model_path.sh) $(VENV)/bin/python -m bench

unit: setup
	$(VENV)/bin/python -m pytest tests/unit -q

setup: $(STAMP)

$(STAMP): requirements.lock scripts/find_python310.sh
	@PY=$$(scripts/find_python310.sh) && \
	  if [ ! -x $(VENV)/bin/python ] || ! $(VENV)/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	    rm -rf $(VENV) && $$PY -m venv $(VENV); fi
	@echo "Installing the pinned packages into $(VENV) (about 2 minutes the first time)..."
	$(VENV)/bin/python -m pip install --quiet --upgrade pip==24.0 2>&1 | { grep -v "$(PIP_NOISE)" || true; }
	$(VENV)/bin/python -m pip install --quiet -r requirements.lock 2>&1 | { grep -v "$(PIP_NOISE)" || true; }
	rm -f $(VENV)/.installed-* && touch $@

model: setup
	scripts/train_if_changed.sh

clean:
	rm -rf models results var .pytest_cache
