"""Fixtures shared by every test layer: the shipped spec and validators built from it."""

from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from messente_omnichannel._spec import load_spec

SPEC_URI = "urn:messente-omnichannel:openapi"


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The OpenAPI document as shipped inside the package."""
    return load_spec()


@pytest.fixture(scope="session")
def schema_validator(spec: dict[str, Any]) -> Callable[[str], Draft202012Validator]:
    """Build a JSON Schema validator for a JSON pointer into the spec, formats checked.

    OpenAPI 3.1 schemas are JSON Schema 2020-12, so the plain jsonschema validator applies;
    `$ref`s resolve against the whole document.
    """
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )

    def build(pointer: str) -> Draft202012Validator:
        return Draft202012Validator(
            {"$ref": f"{SPEC_URI}#{pointer}"},
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )

    return build
