# The client benchmark: ours against Messente's own SDK and raw httpx, one table.
#
#   make bench   build build/bench-venv (the repo's package with its aiohttp extra, installed
#                non-editable, plus messente-api, everything pinned, nothing else) and run
#                benchmarks/bench_client.py in it: one Markdown table of medians and ratios,
#                a line per target, the figures also in $(BENCH_JSON). About two minutes.
#                BENCH_ARGS adds options: --scale 0.2 (a quick look), --profile 2000 (where
#                ours' sync send spends its time), --no-throughput, --budget SECONDS.
#                Then benchmarks/bench_campaign.py (send_many beside Messente's loops, thread
#                pools and bulk endpoint; the figures also in $(BENCH_CAMPAIGN_JSON); a few
#                minutes): BENCH_CAMPAIGN_ARGS="--scale 0.1" is a quick look. Its in-process
#                sandbox rows run in .venv (the sandbox extra's uvicorn brings click, which
#                httpx imports when installed: in the bench venv it would skew every import row).
#
# Included from the Makefile; uses its PYTHON and PIP_VERSION. Not part of `make test`: it
# measures, it checks nothing.

BENCH_VENV := build/bench-venv
BENCH_PY := $(BENCH_VENV)/bin/python
BENCH_BASE_STAMP := $(BENCH_VENV)/.base-stamp
BENCH_STAMP := $(BENCH_VENV)/.stamp
BENCH_CONSTRAINTS := $(BENCH_VENV)/constraints.txt
BENCH_JSON ?= build/bench-client.json
BENCH_ARGS ?=
BENCH_CAMPAIGN_JSON ?= build/bench-campaign.json
BENCH_CAMPAIGN_ARGS ?=

# Every distribution the bench venv holds, pinned (the benchmark names any it finds unpinned).
# Messente's SDK and what it needs:
BENCH_PINS := messente-api==2.7.0 pydantic==2.14.4 pydantic-core==2.50.5 annotated-types==0.8.0 \
	typing-extensions==4.16.0 typing-inspection==0.4.5 python-dateutil==4.0.0 tzdata==2026.6 \
	urllib3==2.8.0
# What our package needs, at the versions requirements-dev.txt gives the dev venv:
BENCH_PINS += anyio==4.16.0 attrs==26.1.0 httpx==0.28.1 httpcore==1.0.9 h11==0.16.0 idna==3.20 \
	certifi==2026.10.19.post1 jsonschema-rs==0.60.3 sniffio==1.3.1 aiolimiter==1.3.0 tqdm==4.70.1 \
	gsm0338==1.1.0
# Its aiohttp extra (AsyncOmnichannel's default transport when installed; the benchmark measures
# ours without it too, by hiding aiohttp from imports):
BENCH_PINS += aiohttp==3.14.5 httpx-aiohttp==0.2.0 aiohappyeyeballs==2.7.1 aiosignal==1.4.0 \
	frozenlist==1.8.0 multidict==7.2.1 propcache==0.5.4 yarl==1.25.1
BENCH_EXTRAS := aiohttp

# What the built package is made of: a change here reinstalls it (the SDK's half stays).
BENCH_SOURCES := pyproject.toml README.md \
	$(shell find overlays generated -type f ! -path '*/__pycache__/*' 2>/dev/null)

# The venv itself, pip, and Messente's SDK: remade when the pins above or our package's
# dependencies change (a fresh venv keeps no dependency that ours dropped).
$(BENCH_BASE_STAMP): mk/bench.mk pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; set PYTHON=..." >&2; exit 1; }
	rm -rf $(BENCH_VENV)
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_PY) -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	@# The venv's bundled setuptools is no dependency of either SDK: out, so only they are left.
	$(BENCH_PY) -m pip uninstall --quiet --disable-pip-version-check --yes setuptools
	printf '%s\n' $(BENCH_PINS) > $(BENCH_CONSTRAINTS)
	$(BENCH_PY) -m pip install --quiet --disable-pip-version-check -c $(BENCH_CONSTRAINTS) messente-api
	touch $@

# Our package, built from the repo (pyproject's pinned hatchling, in pip's isolated build env)
# and installed as a user gets it: not editable, no dev tools beside it.
$(BENCH_STAMP): $(BENCH_BASE_STAMP) $(BENCH_SOURCES)
	$(BENCH_PY) -m pip uninstall --quiet --disable-pip-version-check --yes messente-omnichannel
	$(BENCH_PY) -m pip install --quiet --disable-pip-version-check -c $(BENCH_CONSTRAINTS) '.[$(BENCH_EXTRAS)]'
	$(BENCH_PY) -m pip check --disable-pip-version-check
	touch $@

.PHONY: bench
bench: $(BENCH_STAMP)
	$(BENCH_PY) -m benchmarks.bench_client --pins $(BENCH_CONSTRAINTS) --json $(BENCH_JSON) $(BENCH_ARGS)
	$(BENCH_PY) -m benchmarks.bench_campaign --pins $(BENCH_CONSTRAINTS) --json $(BENCH_CAMPAIGN_JSON) \
		--sandbox-python $(BIN)/python $(BENCH_CAMPAIGN_ARGS)
