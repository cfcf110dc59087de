"""Client-side validation: the spec's own JSON Schema, with every problem reported at once.

Each request body is checked against the schema shipped in ``openapi.yaml``, so the rules live in
one place. JSON Schema errors are turned into field paths (``messages[1].ttl``) and, where the
spec gives a rule a ``description`` sentence, into that sentence. ``discriminator`` is not a JSON
Schema keyword: a message is checked against the one kind its ``channel`` names, so the problems
reported are that kind's, not every kind's. Rules JSON Schema cannot state are checked after it.
"""

import functools
import re
import urllib.parse
import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from messente_omnichannel._errors import InvalidMessageError, Problem
from messente_omnichannel._spec import load_spec

Path = tuple[str | int, ...]

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    datetime.fromisoformat(value.upper())  # rejects out-of-range fields such as month 13
    return True


@_FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urllib.parse.urlsplit(value)
    return bool(parts.scheme and parts.netloc) and not any(c.isspace() for c in value)


@_FORMATS.checks("uuid", raises=ValueError)
def _is_uuid(value: object) -> bool:
    if isinstance(value, str):
        uuid.UUID(value)
    return True


_FORMAT_HINTS = {
    "date-time": "RFC 3339 with a timezone offset, for example 2030-06-22T09:05:07+00:00",
    "uri": "an absolute URL",
    "uuid": "a UUID, for example 632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a",
}


@functools.cache
def _validator(ref: str) -> Draft202012Validator:
    # The spec's components become the root document, so its "#/components/..." refs resolve.
    schema = {"$ref": ref, "components": load_spec()["components"]}
    return Draft202012Validator(schema, format_checker=_FORMATS)


def format_path(path: Path) -> str:
    """Format a path as ``messages[1].ttl``.

    Args:
        path: Property names and array indexes.

    Returns:
        The dotted path; empty for the whole request.
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _explain(error: ValidationError, prefix: Path) -> Iterator[tuple[Path, str]]:
    path = prefix + tuple(error.absolute_path)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    keyword: Any = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    description = schema.get("description")
    schema_path = list(error.absolute_schema_path)
    in_rule = len(schema_path) >= 2 and schema_path[-2] in ("then", "else")

    if keyword == "oneOf" and "discriminator" in schema:
        yield from _explain_union(schema, instance, path)
    elif keyword == "not" and isinstance(value, Mapping) and (value.get("description") or in_rule):
        required = value.get("required") or []
        where = (*path, required[0]) if required else path
        yield where, value.get("description") or description or error.message
    elif keyword == "oneOf" and description and "dependentSchemas" in schema_path:
        yield path, _explain_combination(description, value, instance)
    elif in_rule and description:
        yield path, description
    elif keyword == "required" and isinstance(instance, Mapping):
        for name in value:
            if name not in instance:
                yield (*path, name), "is required"
    elif keyword == "additionalProperties" and value is False and isinstance(instance, Mapping):
        known = schema.get("properties", {})
        for name in instance:
            if name not in known:
                yield (*path, str(name)), "is not a field of this object"
    elif keyword in ("minProperties", "maxProperties") and description:
        yield path, description
    elif keyword == "pattern":
        yield path, f"{instance!r} is not valid: {description or 'must match ' + str(value)}"
    elif keyword == "format":
        yield path, f"{instance!r} is not valid: must be {_FORMAT_HINTS.get(value, value)}"
    else:
        yield path, error.message


def _explain_union(
    schema: Mapping[str, Any], instance: Any, path: Path
) -> Iterator[tuple[Path, str]]:
    discriminator = schema["discriminator"]
    name = discriminator["propertyName"]
    mapping: Mapping[str, str] = discriminator["mapping"]
    kinds = ", ".join(mapping)
    if not isinstance(instance, Mapping):
        yield path, f"must be a message object with a {name} ({kinds})"
        return
    chosen = instance.get(name)
    if not isinstance(chosen, str) or chosen not in mapping:
        got = "missing" if chosen is None else repr(chosen)
        yield (*path, name), f"must be one of {kinds} (got {got})"
        return
    yield from _problems(_validator(mapping[chosen]), instance, path)


def _explain_combination(description: str, branches: Sequence[Any], instance: Any) -> str:
    names = [b.get("description", "?") for b in branches if isinstance(b, Mapping)]
    fields = {f for b in branches if isinstance(b, Mapping) for f in b.get("required", ())}
    given = sorted(f for f in fields if isinstance(instance, Mapping) and f in instance)
    return f"{description} Valid: {'; '.join(names)}. Given: {' + '.join(given) or 'none'}."


def _problems(
    validator: Draft202012Validator, instance: Any, prefix: Path
) -> Iterator[tuple[Path, str]]:
    for error in validator.iter_errors(instance):
        yield from _explain(error, prefix)


def _not_after(end: str, start: str) -> bool:
    try:
        return datetime.fromisoformat(end.upper()) <= datetime.fromisoformat(start.upper())
    except (ValueError, TypeError):
        return False  # a malformed or naive time is reported by the format check


def _calendar_problems(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Check what JSON Schema cannot: a calendar event ends after it starts."""
    if isinstance(value, Mapping):
        event = value.get("create_calendar_event_action")
        if isinstance(event, Mapping):
            start, end = event.get("start_time"), event.get("end_time")
            if isinstance(start, str) and isinstance(end, str) and _not_after(end, start):
                where = (*path, "create_calendar_event_action", "end_time")
                yield where, "must be after start_time"
        for key, item in value.items():
            yield from _calendar_problems(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _calendar_problems(item, (*path, index))


def _sort_key(item: tuple[Path, str]) -> tuple[tuple[tuple[int, int, str], ...], str]:
    path, message = item
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path), message


def schema_problems(schema_name: str, payload: Any) -> list[Problem]:
    """Check JSON data against one of the spec's component schemas.

    Args:
        schema_name: The name under ``components/schemas``, for example ``Omnimessage``.
        payload: The decoded JSON.

    Returns:
        Every problem found, sorted by field path; empty when the data is valid.
    """
    found = set(_problems(_validator(f"#/components/schemas/{schema_name}"), payload, ()))
    found.update(_calendar_problems(payload, ()))
    return [Problem(format_path(path), message) for path, message in sorted(found, key=_sort_key)]


def _check(schema_name: str, payload: Any) -> None:
    problems = schema_problems(schema_name, payload)
    if problems:
        raise InvalidMessageError(problems)


def validate_omnimessage(payload: Any) -> None:
    """Check an omnimessage body before it is sent.

    Args:
        payload: The JSON body of ``POST /omnimessage``.

    Raises:
        InvalidMessageError: With every problem found, each with its field path.
    """
    _check("Omnimessage", payload)


def validate_bulk(payload: Any) -> None:
    """Check a bulk body before it is sent.

    Args:
        payload: The JSON body of ``POST /omnimessages``.

    Raises:
        InvalidMessageError: With every problem found, each with its field path.
    """
    _check("BulkOmnimessage", payload)
