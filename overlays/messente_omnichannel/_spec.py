"""The OpenAPI document shipped inside the package, as ``openapi.yaml`` and its JSON form.

At run time the package reads ``openapi.json``, which ``make generate`` writes from
``openapi.yaml`` (``make check-generated`` keeps the two in step): it loads in a few milliseconds,
where the YAML takes hundreds with PyYAML's pure-Python loader.
"""

import copy
import importlib.resources
import json
import pathlib
import threading
from typing import Any

_PACKAGE = "messente_omnichannel"
_SPEC_NAME = "openapi.yaml"
_SPEC_JSON = "openapi.json"

_lock = threading.Lock()
_document: dict[str, Any] | None = None


def spec_path() -> pathlib.Path:
    """Return the path of the shipped OpenAPI document.

    Returns:
        The path of ``openapi.yaml`` inside the installed package.

    Raises:
        FileNotFoundError: The package is not installed as plain files (for example it is
            imported from a zip archive); use :func:`load_spec` there.
    """
    resource = importlib.resources.files(_PACKAGE).joinpath(_SPEC_NAME)
    if not isinstance(resource, pathlib.Path) or not resource.is_file():
        raise FileNotFoundError(f"{_PACKAGE}/{_SPEC_NAME} is not available as a file")
    return resource


def shared_spec() -> dict[str, Any]:
    """Return the shipped OpenAPI document, parsed once per process; never change it.

    Threads that ask at the same time wait for one parse instead of each parsing it.

    Returns:
        The parsed document, shared by every caller.

    Raises:
        ValueError: The shipped file is not a JSON object.
    """
    global _document
    document = _document
    if document is None:
        with _lock:
            if _document is None:
                raw = importlib.resources.files(_PACKAGE).joinpath(_SPEC_JSON).read_bytes()
                parsed = json.loads(raw)
                if not isinstance(parsed, dict):
                    raise ValueError(f"{_PACKAGE}/{_SPEC_JSON} is not a JSON object")
                _document = parsed
            document = _document
    return document


def load_spec() -> dict[str, Any]:
    """Return a copy of the shipped OpenAPI document as plain Python data.

    The file is parsed once per process (:func:`shared_spec`); each call returns a deep copy, so
    a caller may change its copy (for example override ``servers``).

    Returns:
        The parsed OpenAPI document.
    """
    return copy.deepcopy(shared_spec())
