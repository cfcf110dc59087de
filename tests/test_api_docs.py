"""`make api-docs` renders the Python API reference, and it works in a browser, offline.

The pages are opened in headless Chromium (scripts/check-api-docs.mjs), as `make
spec-docs-check` does for the spec's reference: every public name has its section and
docstring, search finds the client, nothing asks for the network. Without Chromium (which only
CI, as root, installs) the test is skipped, loudly, except in CI, where it fails.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE = REPO / ".venv/bin/node"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def api_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    make = shutil.which("make")
    assert make is not None
    out = tmp_path_factory.mktemp("docs") / "api-docs"
    built = _run(
        [make, "--no-print-directory", "-o", ".venv/.stamp", "api-docs", f"API_DOCS={out}"]
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return out


def test_the_reference_has_a_page_per_public_module(api_docs: Path) -> None:
    pages = sorted(str(p.relative_to(api_docs)) for p in api_docs.rglob("*.html"))
    assert pages == [
        "index.html",
        "messente_omnichannel.html",
        "messente_omnichannel/pytest_plugin.html",
        "messente_omnichannel/sandbox.html",
    ]
    assert (api_docs / "search.js").is_file()


def test_the_reference_renders_in_headless_chromium(api_docs: Path) -> None:
    if _run(["scripts/ensure-chromium"]).returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing in CI: scripts/ensure-chromium could not install it")
        pytest.skip("no Chromium (Debian's chromium package); CI runs this check")
    if not (REPO / "node_modules/puppeteer-core").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("node_modules is missing in CI: `make test` installs it first")
        pytest.skip("node_modules is missing: `make test` installs it (npm ci)")
    checked = _run([str(NODE), "scripts/check-api-docs.mjs", str(api_docs)])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "search works offline" in checked.stdout
