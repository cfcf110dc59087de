"""The Node tooling of the spec is pinned exactly, and its lock names no registry."""

import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((ROOT / name).read_text(encoding="utf-8"))
    return document


def test_dev_dependencies_are_exact_versions() -> None:
    pins = load("package.json")["devDependencies"]
    loose = {name: spec for name, spec in pins.items() if not re.fullmatch(r"\d+\.\d+\.\d+", spec)}
    assert loose == {}


def test_lock_matches_package_json() -> None:
    pins = load("package.json")["devDependencies"]
    locked = load("package-lock.json")["packages"]
    assert locked[""]["devDependencies"] == pins
    assert {name: locked[f"node_modules/{name}"]["version"] for name in pins} == pins


def test_lock_records_no_registry_and_runs_no_install_script() -> None:
    # .npmrc sets omit-lockfile-registry-resolved, so every machine writes the same lock.
    packages = load("package-lock.json")["packages"]
    assert [name for name, entry in packages.items() if "resolved" in entry] == []
    assert [name for name, entry in packages.items() if entry.get("hasInstallScript")] == []
    assert all("integrity" in entry for name, entry in packages.items() if name)
