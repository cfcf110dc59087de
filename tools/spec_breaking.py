"""Fail on a change of the contract that its version and changelog do not announce.

The released versions of the spec live in ``spec-history/<version>/openapi.yaml``; the newest
is the baseline. ``openapi.yaml`` is compared with it (see :mod:`spec_diff`), and the change is
*announced* when:

- a breaking change comes with a new major version (a new minor while the major is 0);
- any other change of the contract comes with a higher version;
- a version other than the baseline's has a ``## [<version>]`` section in ``CHANGELOG.md``.

Descriptions and examples are not part of the contract: editing them needs no new version.

Usage::

    python tools/spec_breaking.py [--spec FILE] [--history DIR] [--changelog FILE] [--release]

``--release`` records ``openapi.yaml`` as the release of its ``info.version`` instead.
"""

import argparse
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from spec_diff import Change, compare_documents

# Semantic Versioning 2.0.0, without build metadata (a spec version is never a build).
_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
    r"(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$"
)
_CHANGELOG_HEADING = re.compile(r"^## \[([^\]]+)\]", re.MULTILINE)


@dataclass(frozen=True, order=True, slots=True)
class Version:
    """A semantic version; pre-releases sort before their release.

    Attributes:
        major: Incremented for a breaking change.
        minor: Incremented for a compatible addition.
        patch: Incremented for a compatible fix.
        release: 1 for a release, 0 for a pre-release (so that it sorts first).
        pre: The pre-release identifiers, for example ``("rc", "1")``.
    """

    major: int
    minor: int
    patch: int
    release: int = 1
    pre: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> "Version":
        """Parse ``MAJOR.MINOR.PATCH[-PRERELEASE]``.

        Args:
            text: The version.

        Returns:
            The version.

        Raises:
            ValueError: ``text`` is not a semantic version.
        """
        match = _SEMVER.match(text)
        if match is None:
            raise ValueError(f"{text!r} is not a semantic version (MAJOR.MINOR.PATCH)")
        major, minor, patch, pre = match.groups()
        pre_ids = tuple(pre.split(".")) if pre else ()
        return cls(int(major), int(minor), int(patch), 0 if pre else 1, pre_ids)

    def __str__(self) -> str:
        """Return the version as written, for example ``1.2.0-rc.1``."""
        core = f"{self.major}.{self.minor}.{self.patch}"
        return f"{core}-{'.'.join(self.pre)}" if self.pre else core

    def allows_breaking_since(self, base: "Version") -> bool:
        """Say whether this version may break what ``base`` promised.

        Args:
            base: The released version.

        Returns:
            True for a higher major version, or a higher minor one while the major is 0.
        """
        if self.major != base.major:
            return self.major > base.major
        return self.major == 0 and self.minor > base.minor


@dataclass(slots=True)
class Verdict:
    """The outcome of a check.

    Attributes:
        base: The released version compared with.
        version: The version of the current spec.
        changes: Every difference of the contract.
        problems: Why the change is not announced; empty when it is.
    """

    base: Version
    version: Version
    changes: list[Change]
    problems: list[str] = field(default_factory=list)

    @property
    def breaking(self) -> list[Change]:
        """The breaking changes."""
        return [c for c in self.changes if c.breaking]

    @property
    def ok(self) -> bool:
        """Whether the change is announced."""
        return not self.problems


def load_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML document that must be a mapping.

    Args:
        path: The file.

    Returns:
        The document.

    Raises:
        ValueError: The file does not hold a mapping.
    """
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError(f"{path} is not an OpenAPI document")
    return document


def spec_version(document: dict[str, Any]) -> Version:
    """Return the ``info.version`` of a document, parsed.

    Args:
        document: An OpenAPI document.

    Returns:
        Its version.
    """
    return Version.parse(str(document.get("info", {}).get("version", "")))


def released_versions(history: Path) -> list[Version]:
    """List the versions recorded under ``history``, oldest first.

    Args:
        history: The directory holding ``<version>/openapi.yaml``.

    Returns:
        The versions whose directory holds an ``openapi.yaml``.
    """
    versions = []
    for entry in history.iterdir() if history.is_dir() else ():
        if (entry / "openapi.yaml").is_file():
            versions.append(Version.parse(entry.name))
    return sorted(versions)


def changelog_versions(text: str) -> set[str]:
    """Return the versions that have a ``## [version]`` section in a Keep a Changelog file.

    Args:
        text: The changelog.

    Returns:
        The versions (and ``Unreleased``, if present).
    """
    return set(_CHANGELOG_HEADING.findall(text))


def judge(base_doc: dict[str, Any], new_doc: dict[str, Any], changelog: str) -> Verdict:
    """Decide whether the current spec's change since its baseline is announced.

    Args:
        base_doc: The newest released spec.
        new_doc: The current spec.
        changelog: The text of CHANGELOG.md.

    Returns:
        The verdict; ``problems`` says what to fix.
    """
    base = spec_version(base_doc)
    version = spec_version(new_doc)
    verdict = Verdict(base, version, compare_documents(base_doc, new_doc))
    problems = verdict.problems
    if version < base:
        problems.append(f"info.version {version} is lower than the released {base}")
    elif verdict.breaking and not version.allows_breaking_since(base):
        needed = "minor (0.x)" if base.major == 0 else "major"
        problems.append(
            f"{len(verdict.breaking)} breaking change(s) since {base}, but info.version is "
            f"{version}: make it a new {needed} version, or make the change compatible"
        )
    elif verdict.changes and version == base:
        problems.append(
            f"the contract changed since {base} but info.version was not raised: use a new "
            "minor version for additions, a patch version for fixes"
        )
    if version != base and str(version) not in changelog_versions(changelog):
        problems.append(f"CHANGELOG.md has no '## [{version}]' section describing this version")
    return verdict


def report(verdict: Verdict) -> str:
    """Render a verdict for people.

    Args:
        verdict: The verdict.

    Returns:
        Several lines of text.
    """
    lines = [f"spec-breaking: openapi.yaml {verdict.version} against released {verdict.base}"]
    breaking = verdict.breaking
    compatible = [c for c in verdict.changes if not c.breaking]
    if breaking:
        lines.append(f"Breaking changes ({len(breaking)}):")
        lines += [f"  - {change}" for change in breaking]
    if compatible:
        lines.append(f"Compatible changes ({len(compatible)}):")
        lines += [f"  - {change}" for change in compatible]
    if not verdict.changes:
        lines.append("No change of the contract.")
    if verdict.ok:
        lines.append("OK: every change is announced.")
    else:
        lines += [f"FAIL: {problem}" for problem in verdict.problems]
    return "\n".join(lines)


def release(spec: Path, history: Path, changelog: str) -> Path:
    """Record the current spec as the release of its ``info.version``.

    Args:
        spec: The current spec.
        history: The directory of released specs.
        changelog: The text of CHANGELOG.md.

    Returns:
        The path written.

    Raises:
        ValueError: The version is released already, or has no changelog section.
    """
    version = spec_version(load_yaml(spec))
    target = history / str(version) / "openapi.yaml"
    if target.exists():
        raise ValueError(f"{version} is released already ({target}); raise info.version first")
    if str(version) not in changelog_versions(changelog):
        raise ValueError(f"CHANGELOG.md has no '## [{version}]' section: write it first")
    target.parent.mkdir(parents=True)
    shutil.copyfile(spec, target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """Run the check (or the release) from the command line.

    Args:
        argv: The arguments; None reads ``sys.argv``.

    Returns:
        0 when every change is announced (or the release was recorded), 1 otherwise.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--spec", type=Path, default=Path("openapi.yaml"))
    parser.add_argument("--history", type=Path, default=Path("spec-history"))
    parser.add_argument("--changelog", type=Path, default=Path("CHANGELOG.md"))
    parser.add_argument("--release", action="store_true", help="record --spec as released")
    args = parser.parse_args(argv)
    changelog = args.changelog.read_text(encoding="utf-8") if args.changelog.is_file() else ""
    try:
        versions = released_versions(args.history)
        if args.release:
            if versions:
                verdict = judge(
                    load_yaml(args.history / str(versions[-1]) / "openapi.yaml"),
                    load_yaml(args.spec),
                    changelog,
                )
                if not verdict.ok:
                    print(report(verdict), file=sys.stderr)
                    return 1
            print(f"spec-release: wrote {release(args.spec, args.history, changelog)}")
            return 0
        if not versions:
            print(
                f"spec-breaking: no released spec under {args.history}/: run 'make spec-release'",
                file=sys.stderr,
            )
            return 1
        base_path = args.history / str(versions[-1]) / "openapi.yaml"
        base_doc = load_yaml(base_path)
        if str(spec_version(base_doc)) != str(versions[-1]):
            print(
                f"spec-breaking: {base_path} says info.version {spec_version(base_doc)}",
                file=sys.stderr,
            )
            return 1
        verdict = judge(base_doc, load_yaml(args.spec), changelog)
    except (OSError, ValueError) as exc:
        print(f"spec-breaking: {exc}", file=sys.stderr)
        return 1
    print(report(verdict), file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1


if __name__ == "__main__":
    sys.exit(main())
