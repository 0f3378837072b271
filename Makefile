# The two commands a new user needs: `make run` and `make test`. Everything else is set up on demand.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
# A machine without uv gets a pinned one in var/bootstrap, installed with the system's pip.
UV := $(or $(shell command -v uv 2>/dev/null),var/bootstrap/bin/uv)
RUN := $(UV) run --frozen

.PHONY: help run test lint typecheck unit screening mi-figures nlu nlu-fit setup

help:
	@echo "make run   - set up what is missing, train if bot/ changed, run the whole system"
	@echo "make test  - every check: format, lint, types, and the test suite with coverage"

var/bootstrap/bin/uv:
	python3 -m venv var/bootstrap
	var/bootstrap/bin/pip install --quiet uv==$(UV_VERSION)

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

setup: .venv/.synced

run: setup
	$(RUN) warmline run

lint: setup
	$(RUN) ruff format --check .
	$(RUN) ruff check .

typecheck: setup
	$(RUN) mypy

# Two workers (pytest-xdist), a whole test file each at a time: the suite spends much of its
# time waiting on servers, browsers and engines. Both models are built first, once, so the
# workers never train them side by side.
PYTEST_WORKERS ?= 2
unit: setup
	$(RUN) warmline engine
	$(RUN) pytest -n $(PYTEST_WORKERS) --dist loadfile --cov --cov-report=term

# The risk-screening figures by role, printed on every test run: fit (train), tune, test, public;
# fails only if the held-out test sets (escalation/evaluation/test/), which nothing is trained or
# tuned on, miss a target and fall below its floor (escalation/evaluation/gate.py). The sealed set
# is not read (see the report's --unseal).
screening: setup
	$(RUN) warmline evaluate-screening

# The MI figures over the test conversations, printed on every test run; fails if a target is
# missed (open questions over 70%, reflections to questions 1:1, none untagged or non-adherent).
mi-figures: setup
	$(RUN) warmline mi-figures

# The assistant's intent classification, gated: one training, scored on the held-out test split
# nobody trained or chose anything on (bot/heldout/); fails if macro F1 is under 0.90 or affirm,
# deny or answer under 0.85.
nlu: setup
	$(RUN) warmline nlu-heldout --split test

# The 5-fold cross-validation over the training data (five trainings, several minutes): a fit,
# printed, never gated, so not part of `make test`.
nlu-fit: setup
	$(RUN) warmline nlu-figures --no-gate

test: lint typecheck unit screening mi-figures nlu
