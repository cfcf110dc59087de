"""The built wheel, not the source tree, installs and works.

The wheel is built from the repo, installed into a fresh virtual environment, and imported there
from a directory outside the repo with ``python -I``, so nothing can leak in from the source tree.
"""

import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

# Runs inside the fresh venv: imports everything from the wheel (but the modules named in
# argv) and reports what it found.
_PROBE = """
import importlib, importlib.resources, json, pkgutil, sys
import messente_omnichannel, messente_omnichannel_client
from messente_omnichannel import _spec

skip = tuple(sys.argv[1:])
modules = []
for package in (messente_omnichannel, messente_omnichannel_client):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name.startswith(skip):
            continue
        importlib.import_module(info.name)
        modules.append(info.name)

spec = _spec.load_spec()
print(json.dumps({
    "files": [messente_omnichannel.__file__, messente_omnichannel_client.__file__],
    "typed": {
        name: importlib.resources.files(name).joinpath("py.typed").is_file()
        for name in ("messente_omnichannel", "messente_omnichannel_client")
    },
    "version": messente_omnichannel.__version__,
    "openapi": spec["openapi"],
    "spec_path": str(_spec.spec_path()),
    "modules": modules,
    "sys_path": sys.path,
}))
"""

# The pytest plugin needs pytest, which the wheel does not bring.
_PLUGIN = "messente_omnichannel.pytest_plugin"
# Serving needs uvicorn, from the sandbox extra; it is imported only when something is served.
_SERVING = "messente_omnichannel._serving"
# The aiohttp transport needs the aiohttp extra; the async client falls back without it.
_AIOHTTP = "messente_omnichannel._client._aiohttp"
# Without uvicorn, serving the receiver must say how to get it.
_SERVE_RECEIVER = """
from messente_omnichannel import MessenteError, ReportReceiver
try:
    with ReportReceiver(print, password="pw").serve():
        pass
except MessenteError as exc:
    print(exc)
"""


def _run(args: list[str], cwd: Path) -> str:
    """Run a command outside the repo; fail the test with its output if it fails."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(
            f"{args} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result.stdout


def _project_version() -> str:
    # pyproject.toml declares the version dynamic; hatchling reads this literal.
    text = (REPO / "overlays/messente_omnichannel/_version.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    assert match is not None
    return match.group(1)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel with the venv's pinned hatchling (no download, no isolation)."""
    outdir = tmp_path_factory.mktemp("dist")
    _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir), "."],
        cwd=REPO,
    )
    (built,) = outdir.glob("messente_omnichannel-*.whl")
    return built


@pytest.fixture(scope="module")
def venv_dir(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Create a fresh venv and install the wheel (its dependencies come from the index)."""
    env_dir = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", str(env_dir)], cwd=env_dir)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "install", "--quiet", str(wheel)], cwd=env_dir)
    return env_dir


def _probe(venv_dir: Path, workdir: Path, *skip: str) -> dict[str, Any]:
    python = str(venv_dir / "bin" / "python")
    report = json.loads(_run([python, "-I", "-c", _PROBE, *skip], cwd=workdir))
    assert isinstance(report, dict)
    return report


@pytest.fixture(scope="module")
def bare_probe(venv_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Import the packages of the wheel installed without extras: all but the sandbox and serving.

    Also records what importing the sandbox and serving the receiver say there, before
    :func:`probe` adds the extra.
    """
    workdir = tmp_path_factory.mktemp("elsewhere")
    report = _probe(venv_dir, workdir, _PLUGIN, _SERVING, _AIOHTTP, "messente_omnichannel.sandbox")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    sandbox = subprocess.run(
        [str(venv_dir / "bin" / "python"), "-I", "-c", "import messente_omnichannel.sandbox"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report["sandbox_import"] = (sandbox.returncode, sandbox.stderr)
    report["receiver_serve"] = _run(
        [str(venv_dir / "bin" / "python"), "-I", "-c", _SERVE_RECEIVER], cwd=workdir
    )
    return report


@pytest.fixture(scope="module")
def probe(
    bare_probe: dict[str, Any],
    wheel: Path,
    venv_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    """Add the ``sandbox`` and ``aiohttp`` extras to the same venv, then import every module."""
    pip = [str(venv_dir / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "install", "--quiet", f"{wheel}[sandbox,aiohttp]"], cwd=venv_dir)
    return _probe(venv_dir, tmp_path_factory.mktemp("elsewhere"), _PLUGIN)


def test_wheel_without_extras_imports_the_client(bare_probe: dict[str, Any]) -> None:
    assert "messente_omnichannel._client._sync" in bare_probe["modules"]
    assert not [m for m in bare_probe["modules"] if m.startswith("messente_omnichannel.sandbox")]


def test_sandbox_without_its_extra_says_how_to_install_it(bare_probe: dict[str, Any]) -> None:
    returncode, stderr = bare_probe["sandbox_import"]
    assert returncode == 1
    assert "pip install 'messente-omnichannel[sandbox]'" in stderr


def test_serving_the_receiver_without_the_extra_says_how_to_install_it(
    bare_probe: dict[str, Any],
) -> None:
    assert "pip install 'messente-omnichannel[sandbox]'" in bare_probe["receiver_serve"]


def test_wheel_holds_both_packages_and_the_real_spec(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for required in (
            "messente_omnichannel/__init__.py",
            "messente_omnichannel/py.typed",
            "messente_omnichannel/_spec.py",
            "messente_omnichannel/openapi.yaml",
            "messente_omnichannel/openapi.json",
            "messente_omnichannel_client/__init__.py",
            "messente_omnichannel_client/py.typed",
            "messente_omnichannel_client/client.py",
        ):
            assert required in names
        assert not [n for n in names if n.startswith(("generated/", "overlays/", "tests/"))]
        info = zf.getinfo("messente_omnichannel/openapi.yaml")
        assert not stat.S_ISLNK(info.external_attr >> 16), "spec shipped as a symlink"
        assert zf.read(info) == (REPO / "openapi.yaml").read_bytes()
        shipped_json = zf.read("messente_omnichannel/openapi.json")
        assert shipped_json == (REPO / "overlays/messente_omnichannel/openapi.json").read_bytes()


def test_installed_wheel_imports_outside_the_repo(probe: dict[str, Any], venv_dir: Path) -> None:
    for module_file in probe["files"]:
        path = Path(module_file).resolve()
        assert path.is_relative_to(venv_dir.resolve())
        assert not path.is_relative_to(REPO)
    assert not [p for p in probe["sys_path"] if p and Path(p).resolve().is_relative_to(REPO)]
    assert "messente_omnichannel_client.client" in probe["modules"]
    assert "messente_omnichannel.sandbox._app" in probe["modules"]
    assert _SERVING in probe["modules"]
    assert _AIOHTTP in probe["modules"]
    assert probe["version"] == _project_version()


def test_installed_packages_are_typed(probe: dict[str, Any]) -> None:
    assert probe["typed"] == {"messente_omnichannel": True, "messente_omnichannel_client": True}


def test_installed_spec_loads(probe: dict[str, Any], venv_dir: Path) -> None:
    assert re.fullmatch(r"3\.1\.\d+", probe["openapi"])
    spec_path = Path(probe["spec_path"])
    assert spec_path.is_file()
    assert not spec_path.is_symlink()
    assert spec_path.resolve().is_relative_to(venv_dir.resolve())


def test_console_script_reports_version(venv_dir: Path) -> None:
    out = _run([str(venv_dir / "bin" / "messente-omnichannel"), "--version"], cwd=venv_dir)
    assert out.strip() == f"messente-omnichannel {_project_version()}"
