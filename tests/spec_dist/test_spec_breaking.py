"""tools/spec_breaking.py: a contract change must be announced by info.version and CHANGELOG.md."""

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from spec_breaking import Version, changelog_versions, judge, main, released_versions

# Several tests dump, parse and compare whole specs (PyYAML): seconds apiece.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
HISTORY = ROOT / "spec-history"
CHANGELOG = ROOT / "CHANGELOG.md"

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def released() -> Doc:
    """The newest released spec of the repository, numbered 1.0.0.

    The tests bump it to 1.1.0 and 2.0.0; renumbering the real document keeps them true
    whatever the repository has released since.
    """
    newest = released_versions(HISTORY)[-1]
    document: Doc = yaml.safe_load((HISTORY / str(newest) / "openapi.yaml").read_text())
    document["info"]["version"] = "1.0.0"
    return document


def bumped(document: Doc, version: str) -> Doc:
    new = copy.deepcopy(document)
    new["info"]["version"] = version
    return new


def require_priority(document: Doc) -> Doc:
    """A breaking change: a new required field of the send request."""
    new = copy.deepcopy(document)
    new["components"]["schemas"]["Omnimessage"]["required"].append("priority")
    return new


def add_optional_field(document: Doc) -> Doc:
    """A compatible change: a new optional field of the send request."""
    new = copy.deepcopy(document)
    new["components"]["schemas"]["Omnimessage"]["properties"]["label"] = {"type": "string"}
    return new


def changelog_for(*versions: str) -> str:
    return "# Changelog\n\n" + "".join(f"## [{v}] - 2030-01-01\n\n- x\n\n" for v in versions)


def test_the_repository_passes_its_own_check() -> None:
    args = ["--spec", str(SPEC), "--history", str(HISTORY), "--changelog", str(CHANGELOG)]
    assert main(args) == 0


def test_history_directories_match_their_info_version() -> None:
    for version in released_versions(HISTORY):
        document = yaml.safe_load((HISTORY / str(version) / "openapi.yaml").read_text())
        assert document["info"]["version"] == str(version)


def test_the_current_version_is_in_the_changelog() -> None:
    version = yaml.safe_load(SPEC.read_text())["info"]["version"]
    assert version in changelog_versions(CHANGELOG.read_text())


def test_unannounced_breaking_change_fails(released: Doc) -> None:
    verdict = judge(released, require_priority(released), CHANGELOG.read_text())
    assert not verdict.ok
    assert "breaking change" in verdict.problems[0]
    assert [c.where for c in verdict.breaking] == ["#/components/schemas/Omnimessage/required"]


def test_breaking_change_with_minor_bump_fails(released: Doc) -> None:
    new = bumped(require_priority(released), "1.1.0")
    verdict = judge(released, new, changelog_for("1.1.0"))
    assert not verdict.ok
    assert "new major version" in verdict.problems[0]


def test_breaking_change_with_major_bump_and_changelog_passes(released: Doc) -> None:
    new = bumped(require_priority(released), "2.0.0")
    assert judge(released, new, changelog_for("2.0.0", "1.0.0")).ok


def test_major_bump_without_changelog_entry_fails(released: Doc) -> None:
    verdict = judge(released, bumped(require_priority(released), "2.0.0"), changelog_for("1.0.0"))
    assert verdict.problems == ["CHANGELOG.md has no '## [2.0.0]' section describing this version"]


def test_compatible_change_needs_a_higher_version(released: Doc) -> None:
    verdict = judge(released, add_optional_field(released), CHANGELOG.read_text())
    assert not verdict.ok
    assert "info.version was not raised" in verdict.problems[0]
    assert judge(released, bumped(add_optional_field(released), "1.1.0"), changelog_for("1.1.0")).ok


def test_description_edit_needs_no_version(released: Doc) -> None:
    new = copy.deepcopy(released)
    new["components"]["schemas"]["SMS"]["description"] = "An SMS attempt, reworded."
    verdict = judge(released, new, "")
    assert verdict.ok
    assert verdict.changes == []


def test_version_going_backwards_fails(released: Doc) -> None:
    verdict = judge(released, bumped(released, "0.9.0"), changelog_for("0.9.0"))
    assert "lower than the released" in verdict.problems[0]


def test_breaking_change_below_1_0_needs_a_minor_bump(released: Doc) -> None:
    base = bumped(released, "0.3.1")
    assert judge(base, bumped(require_priority(base), "0.4.0"), changelog_for("0.4.0")).ok
    assert not judge(base, bumped(require_priority(base), "0.3.2"), changelog_for("0.3.2")).ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.0.0", Version(1, 0, 0)),
        ("2.10.3-rc.1", Version(2, 10, 3, 0, ("rc", "1"))),
    ],
)
def test_version_parse(text: str, expected: Version) -> None:
    assert Version.parse(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize("text", ["1.0", "v1.0.0", "01.0.0", "1.0.0+build", ""])
def test_version_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="semantic version"):
        Version.parse(text)


def test_prerelease_sorts_before_release() -> None:
    assert Version.parse("2.0.0-rc.1") < Version.parse("2.0.0") < Version.parse("2.0.1")


def test_release_records_the_spec(tmp_path: Path, released: Doc) -> None:
    history = tmp_path / "history"
    (history / "1.0.0").mkdir(parents=True)
    (history / "1.0.0" / "openapi.yaml").write_text(yaml.safe_dump(released))
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(bumped(add_optional_field(released), "1.1.0")))
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(changelog_for("1.1.0", "1.0.0"))
    args = ["--spec", str(spec), "--history", str(history), "--changelog", str(changelog)]

    assert main([*args, "--release"]) == 0
    assert (history / "1.1.0" / "openapi.yaml").read_bytes() == spec.read_bytes()
    assert released_versions(history) == [Version(1, 0, 0), Version(1, 1, 0)]
    assert main(args) == 0
    assert main([*args, "--release"]) == 1  # released already


def test_release_refuses_an_unannounced_breaking_change(
    tmp_path: Path, released: Doc, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "history"
    (history / "1.0.0").mkdir(parents=True)
    (history / "1.0.0" / "openapi.yaml").write_text(yaml.safe_dump(released))
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(bumped(require_priority(released), "1.1.0")))
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(changelog_for("1.1.0"))
    args = ["--spec", str(spec), "--history", str(history), "--changelog", str(changelog)]

    assert main([*args, "--release"]) == 1
    assert not (history / "1.1.0").exists()
    assert "'priority' is now required" in capsys.readouterr().err


def test_no_history_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--spec", str(SPEC), "--history", str(tmp_path), "--changelog", str(CHANGELOG)]
    assert main(args) == 1
    assert "make spec-release" in capsys.readouterr().err
