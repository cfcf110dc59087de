# `make demo`: the whole loop (send a fallback chain, watch it, receive and verify its signed
# delivery reports, schedule and cancel) against the in-process sandbox, on loopback only.
#
# It runs in build/demo-venv: the package with its [sandbox] extra and nothing else, installed
# from the working tree (editable, so it always runs the code checked out), every distribution
# pinned. Seconds to build once, not the development toolchain of .venv (a JDK, Node,
# schemathesis, mypy: about 550 MB). The venv's own pip installs it (upgrading pip first would
# cost more than the rest). Included from the Makefile; uses its PYTHON.

DEMO_VENV := build/demo-venv
DEMO_PY := $(DEMO_VENV)/bin/python
DEMO_STAMP := $(DEMO_VENV)/.stamp
DEMO_CONSTRAINTS := $(DEMO_VENV)/constraints.txt

# What the package and its sandbox extra need, at the versions requirements-dev.txt gives .venv.
DEMO_PINS := anyio==4.16.0 attrs==26.1.0 httpx==0.28.1 httpcore==1.0.9 h11==0.16.0 idna==3.20 \
	certifi==2026.10.19.post1 jsonschema-rs==0.60.3 sniffio==1.3.1 starlette==1.10.0 \
	uvicorn==0.54.0 click==8.5.1 typing-extensions==4.16.0

# Remade when the package's dependencies or these pins change: a fresh venv keeps nothing the
# package dropped.
$(DEMO_STAMP): mk/demo.mk pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python >= 3.11 or set PYTHON=..." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "error: $(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); the demo needs >= 3.11 (make PYTHON=python3.11 demo)" >&2; \
		exit 1; }
	rm -rf $(DEMO_VENV)
	$(PYTHON) -m venv $(DEMO_VENV)
	printf '%s\n' $(DEMO_PINS) > $(DEMO_CONSTRAINTS)
	$(DEMO_PY) -m pip install --quiet --disable-pip-version-check -c $(DEMO_CONSTRAINTS) -e '.[sandbox]'
	$(DEMO_PY) -m pip check --disable-pip-version-check
	touch $@

.PHONY: demo-venv
demo-venv: $(DEMO_STAMP)

.PHONY: demo
demo: $(DEMO_STAMP)
	@$(DEMO_PY) examples/demo.py
