# make run   - set up everything on a fresh machine and start the assistant on localhost
# make test  - set up the same way and run every test (lint and types included)
# make bench - accuracy, latency under load, memory and training time -> docs/benchmarks.md
# make cluster N=2 - the assistant scaled out: PostgreSQL, Redis, N replicas, nginx (docs/deployment.md)
# make report [SINCE=2026-11-01] [UNTIL=2026-11-30] [FORMAT=html|csv|json] - the staff report (docs/report.md)
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
VENV := .venv
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)
DEV_STAMP := $(VENV)/.dev-installed-$(shell sha256sum requirements-dev.lock | cut -c1-16)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
# pip repeats this warning for every package on machines with local find-links folders.
PIP_NOISE := is ignored: it is neither a file nor a directory
PIP := $(VENV)/bin/python -m pip install --quiet

.PHONY: run test setup dev model unit lint types bench cluster report clean
N ?= 2

run: setup model
	scripts/run.sh

test: dev model lint types
	scripts/setup_browser.sh
	scripts/setup_cluster.sh
	NHI_MODEL=$$(scripts/model_path.sh) $(VENV)/bin/python -m pytest tests

bench: dev model
	NHI_MODEL=$$(scripts/model_path.sh) $(VENV)/bin/python -m bench

cluster: setup model
	scripts/cluster.sh $(N)

FORMAT ?= html
REPORT_OUT ?= var/reports/nhi-report-$(shell date +%Y%m%d-%H%M%S).$(FORMAT)
report: setup
	@mkdir -p $(dir $(REPORT_OUT))
	$(VENV)/bin/python -m bot.report $(if $(SINCE),--since $(SINCE)) $(if $(UNTIL),--until $(UNTIL)) \
	  --format $(FORMAT) --output $(REPORT_OUT)
	@echo "Report written: $(REPORT_OUT)"

unit: dev
	$(VENV)/bin/python -m pytest tests/unit -q

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: dev
	$(VENV)/bin/mypy

setup: $(STAMP)

dev: $(DEV_STAMP)

$(STAMP): requirements.lock pyproject.toml scripts/find_python310.sh
	@PY=$$(scripts/find_python310.sh) && \
	  if [ ! -x $(VENV)/bin/python ] || ! $(VENV)/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	    rm -rf $(VENV) && $$PY -m venv $(VENV); fi
	@echo "Installing the pinned packages into $(VENV) (about 2 minutes the first time)..."
	$(PIP) --upgrade pip==24.0 2>&1 | { grep -v "$(PIP_NOISE)" || true; }
	$(PIP) -r requirements.lock 2>&1 | { grep -v "$(PIP_NOISE)" || true; }
	$(PIP) --no-deps --no-build-isolation -e . 2>&1 | { grep -v "$(PIP_NOISE)" || true; }
	rm -f $(VENV)/.installed-* && touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PIP) -r requirements-dev.lock 2>&1 | { grep -v "$(PIP_NOISE)" || true; }
	rm -f $(VENV)/.dev-installed-* && touch $@

model: setup
	scripts/train_if_changed.sh

clean:
	rm -rf models results var .pytest_cache
