"""The OpenAPI document shipped inside the package as ``messente_omnichannel/openapi.yaml``."""

import copy
import functools
import importlib.resources
import pathlib
from typing import Any

import yaml

_PACKAGE = "messente_omnichannel"
_SPEC_NAME = "openapi.yaml"


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


@functools.cache
def _parsed_spec() -> dict[str, Any]:
    text = importlib.resources.files(_PACKAGE).joinpath(_SPEC_NAME).read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    if not isinstance(spec, dict):
        raise ValueError(f"{_PACKAGE}/{_SPEC_NAME} is not a YAML mapping")
    return spec


def load_spec() -> dict[str, Any]:
    """Return the shipped OpenAPI document as plain Python data.

    The file is read and parsed once per process; each call returns a deep copy, so a caller
    may change its copy (for example override ``servers``) without affecting other callers.

    Returns:
        The parsed OpenAPI document.

    Raises:
        ValueError: The shipped file is not a YAML mapping.
    """
    return copy.deepcopy(_parsed_spec())
