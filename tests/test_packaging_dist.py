"""`make dist` builds an sdist and a wheel that are ready to publish.

What ``twine check`` would look at, without twine: the core metadata parses and validates
(``packaging.metadata``, strict), its classifiers are real trove classifiers, the license is an
SPDX expression with its LICENSE file inside both archives, and the long description is the
README, as Markdown.
"""

import email.parser
import shutil
import subprocess
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

import pytest
from packaging.metadata import Metadata

REPO = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run ``make dist`` into a temporary directory (the venv is taken as built)."""
    outdir = tmp_path_factory.mktemp("dist")
    make = shutil.which("make")
    assert make is not None
    result = subprocess.run(
        [make, "--no-print-directory", "-o", ".venv/.stamp", "dist", f"DIST={outdir}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return outdir


def _version() -> str:
    namespace: dict[str, str] = {}
    exec((REPO / "overlays/messente_omnichannel/_version.py").read_text(), namespace)  # noqa: S102
    return namespace["__version__"]


def _wheel(dist: Path) -> Path:
    return dist / f"messente_omnichannel-{_version()}-py3-none-any.whl"


def _sdist(dist: Path) -> Path:
    return dist / f"messente_omnichannel-{_version()}.tar.gz"


def _wheel_metadata(dist: Path) -> bytes:
    with zipfile.ZipFile(_wheel(dist)) as zf:
        return zf.read(f"messente_omnichannel-{_version()}.dist-info/METADATA")


def _sdist_member(dist: Path, name: str) -> bytes:
    with tarfile.open(_sdist(dist)) as tf:
        member = tf.extractfile(f"messente_omnichannel-{_version()}/{name}")
        assert member is not None
        return member.read()


def test_make_dist_writes_one_sdist_and_one_wheel(dist: Path) -> None:
    assert sorted(p.name for p in dist.iterdir()) == sorted([_sdist(dist).name, _wheel(dist).name])


@pytest.mark.parametrize("where", ["wheel", "sdist"])
def test_metadata_is_valid_and_complete(dist: Path, where: str) -> None:
    # Here, not at the top: hatchling brings it, and only the venv that builds has hatchling.
    from trove_classifiers import classifiers as known_classifiers

    raw = _wheel_metadata(dist) if where == "wheel" else _sdist_member(dist, "PKG-INFO")
    metadata = Metadata.from_email(raw, validate=True)  # raises on any invalid field
    assert str(metadata.license_expression) == "Apache-2.0"
    assert metadata.license_files == ["LICENSE"]
    assert metadata.author
    assert metadata.project_urls and "Source" in metadata.project_urls
    assert metadata.description_content_type == "text/markdown"
    assert metadata.description is not None
    assert metadata.description.strip() == (REPO / "README.md").read_text().strip()
    assert str(metadata.requires_python) == ">=3.11"
    assert metadata.classifiers is not None
    assert set(metadata.classifiers) <= known_classifiers
    # PEP 639: a license expression replaces the license classifiers, which must not be there.
    assert not [c for c in metadata.classifiers if c.startswith("License ::")]
    claimed = {c.rsplit(" ", 1)[1] for c in metadata.classifiers if c.count("::") == 2}
    assert {"3.11", "3.12", "3.13"} <= claimed


def test_the_license_is_in_the_wheel_and_the_sdist(dist: Path) -> None:
    license_text = (REPO / "LICENSE").read_bytes()
    assert b"Apache License" in license_text
    assert b"Version 2.0, January 2004" in license_text
    with zipfile.ZipFile(_wheel(dist)) as zf:
        info = f"messente_omnichannel-{_version()}.dist-info/licenses/LICENSE"
        assert zf.read(info) == license_text
    assert _sdist_member(dist, "LICENSE") == license_text


def test_the_wheel_metadata_names_the_license_expression(dist: Path) -> None:
    headers: Message = email.parser.BytesParser().parsebytes(_wheel_metadata(dist))
    assert headers["Metadata-Version"] in ("2.4", "2.5")
    assert headers["License-Expression"] == "Apache-2.0"
    assert headers.get_all("License-File") == ["LICENSE"]
