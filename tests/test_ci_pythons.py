"""CI tests every Python the package claims: `make test` on one, `make test-pythons` on the rest."""

import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _claimed() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    prefix = "Programming Language :: Python :: "
    return {
        c.removeprefix(prefix)
        for c in project["classifiers"]
        if c.startswith(prefix) and re.fullmatch(r"3\.\d+", c.removeprefix(prefix))
    }


def _test_pythons() -> set[str]:
    match = re.search(r"^TEST_PYTHONS \?= (.+)$", (REPO / "mk/pythons.mk").read_text(), re.M)
    assert match is not None
    return set(match.group(1).split())


def test_every_claimed_python_is_tested_in_ci() -> None:
    ci = (REPO / ".ci/run").read_text()
    assert re.search(r"^make test$", ci, re.M)
    assert re.search(r"^make .*\btest-pythons$", ci, re.M)
    # `make test` runs on .venv's Python (the default python3); test-pythons on the others.
    config = REPO / ".venv/pyvenv.cfg"
    if not config.is_file():
        pytest.skip("no .venv: `make test` creates it")
    match = re.search(r"^version(?:_info)? = (\d+\.\d+)", config.read_text(), re.M)
    assert match is not None
    default = match.group(1)
    assert _claimed() == _test_pythons() | {default}
    assert default not in _test_pythons()


def test_requires_python_is_the_oldest_claimed() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    oldest = min(_claimed(), key=lambda v: tuple(map(int, v.split("."))))
    assert project["requires-python"] == f">={oldest}"


@pytest.mark.parametrize("version", sorted(_test_pythons()))
def test_each_python_is_found(version: str) -> None:
    found = subprocess.run(
        [str(REPO / "scripts/find-python"), version], capture_output=True, text=True, check=False
    )
    if found.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(found.stderr)
        pytest.skip(f"no Python {version} on this machine; CI has it ({found.stderr.strip()})")
    interpreter = found.stdout.strip()
    ran = subprocess.run(
        [interpreter, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert ran.stdout.strip() == version
