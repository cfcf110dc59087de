"""docs/python-changelog.md keeps its versioning policy: each release names the spec it ships."""

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CHANGELOG = (REPO / "docs/python-changelog.md").read_text()


def _sections() -> dict[str, str]:
    """The text of each ``## [version]`` section, by version (``Unreleased`` too)."""
    parts = re.split(r"^## \[([^\]]+)\][^\n]*\n", CHANGELOG, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _package_version() -> str:
    text = (REPO / "overlays/messente_omnichannel/_version.py").read_text()
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    assert match is not None
    return match.group(1)


def test_the_policy_covers_both_versions_and_how_they_relate() -> None:
    policy = CHANGELOG.split("\n## [", 1)[0]
    assert "## Versions" in policy
    for needed in ("Semantic Versioning", "info.version", "breaking", "spec **major**"):
        assert needed in policy


def test_the_package_version_has_a_section() -> None:
    assert _package_version() in _sections()


def test_the_next_release_names_the_spec_it_ships() -> None:
    spec_version = yaml.safe_load((REPO / "openapi.yaml").read_text())["info"]["version"]
    newest = next(iter(_sections().values()))  # Unreleased, or the release being made
    assert f"Ships spec {spec_version}" in newest
