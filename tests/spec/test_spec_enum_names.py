"""Enum member names are unique in the whole document, so every generator's default works.

openapi-generator's go client (with its default ``enumClassPrefix=false``) declares every enum
member beside every type in one package scope: two enums sharing a name, or a member named like
a schema, do not compile ("SEEN redeclared"). ``make spec-proofs-go`` proves it with Go; this
says which names clash without it.
"""

import re
from collections import Counter
from typing import Any

from messente_omnichannel._spec import load_spec
from messente_omnichannel_client.models import (
    Channel,
    DeliveryErrorCode,
    ErrorCode,
    ErrorTitle,
    RcsCardWidth,
    RcsWebviewViewMode,
)

SCHEMAS: dict[str, Any] = load_spec()["components"]["schemas"]


def _member_names(schema: dict[str, Any]) -> list[str]:
    """The member names openapi-generator gives an enum: x-enum-varnames, else the values."""
    names = schema.get("x-enum-varnames")
    if names is not None:
        return [str(name) for name in names]
    return [re.sub(r"\W", "_", str(value)).upper() for value in schema["enum"]]


def test_enum_members_are_unique_across_the_document_and_its_schema_names() -> None:
    members = [
        (name, member)
        for name, schema in SCHEMAS.items()
        if "enum" in schema
        for member in _member_names(schema)
    ]
    counts = Counter(member for _, member in members)
    clashes = sorted(
        f"{schema}.{member}"
        for schema, member in members
        if counts[member] > 1 or member in SCHEMAS
    )
    assert clashes == []


def test_every_name_list_has_one_name_per_value() -> None:
    for name, schema in SCHEMAS.items():
        if "x-enum-varnames" in schema:
            assert len(schema["x-enum-varnames"]) == len(schema["enum"]), name


def test_the_python_names_are_the_ones_users_already_have() -> None:
    # openapi-python-client upper-snake-cases the names: the spelling chosen for Go is invisible.
    assert DeliveryErrorCode.SEEN.value == 10
    assert [m.name for m in ErrorCode] == [m.name for m in ErrorTitle]
    assert ErrorCode.NOT_FOUND.value == "101"
    assert (Channel.SMS.value, Channel.RCS.value, Channel.VIBER.value) == ("sms", "rcs", "viber")
    assert RcsCardWidth.MEDIUM.value == "MEDIUM"
    assert RcsWebviewViewMode.FULL.value == "FULL"
