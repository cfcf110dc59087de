"""Requests checked against ``openapi.yaml`` itself, and rejections a person can act on.

The spec is read once at start-up; each operation's request body schema and path parameter
schemas are compiled with ``jsonschema_rs`` (JSON Schema 2020-12, the dialect of OpenAPI 3.1), so
the spec stays the single source of truth and a valid request costs microseconds. A rejected one is
explained from the same spec: the discriminator picks the message kind to blame, and the
``description`` of a failing ``not``, ``then``, ``else`` or ``dependentSchemas`` rule becomes the
error's ``detail``. Rules JSON Schema cannot state are checked in :func:`check_rules`.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import jsonschema_rs

from messente_omnichannel.sandbox._errors import ApiError, ErrorKind

_NAIVE_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$"
)
_RULE_KEYWORDS = frozenset({"not", "then", "else"})
_LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def source_of(path: Sequence[str | int]) -> str | None:
    """Format a JSON path as the spec's ``source``.

    Args:
        path: Keys and indexes from the body's root.

    Returns:
        For example ``messages[1].text``; ``None`` for the body itself.
    """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or None


def parse_datetime(value: str) -> datetime:
    """Parse an RFC 3339 date-time that the spec's ``format: date-time`` accepted.

    Leap seconds become the second before, and dates beyond what Python represents are clamped,
    so a value the schema accepts never fails here.

    Args:
        value: An RFC 3339 date and time, with an offset.

    Returns:
        The moment, in UTC.

    Raises:
        ValueError: ``value`` is not RFC 3339.
    """
    match = _RFC3339.match(value)
    if match is None:
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    micros = int((match.group(7) or "0")[:6].ljust(6, "0"))
    offset = timedelta(0)
    if match.group(9):
        sign = 1 if match.group(9) == "+" else -1
        offset = sign * timedelta(hours=int(match.group(10)), minutes=int(match.group(11)))
    if year < 1:
        return datetime.min.replace(tzinfo=UTC)
    local = datetime(year, month, day, hour, minute, min(second, 59), micros, tzinfo=UTC)
    try:
        return min(local - offset, _LATEST)
    except OverflowError:
        return _LATEST if offset < timedelta(0) else datetime.min.replace(tzinfo=UTC)


class SpecValidator:
    """The request checks of every operation, compiled from the spec.

    Args:
        spec: The parsed OpenAPI document.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec
        self._bodies: dict[str, jsonschema_rs.Validator] = {}
        self._params: dict[tuple[str, str], jsonschema_rs.Validator] = {}
        components = spec.get("components", {})
        for item in spec["paths"].values():
            for method, operation in item.items():
                if method not in ("get", "put", "post", "delete", "patch"):
                    continue
                op_id = operation["operationId"]
                content = operation.get("requestBody", {}).get("content", {})
                if "application/json" in content:
                    schema = content["application/json"]["schema"]
                    self._bodies[op_id] = self._compile(schema, components)
                for param in [*item.get("parameters", []), *operation.get("parameters", [])]:
                    param = self._resolve_ref(param)
                    self._params[op_id, param["name"]] = self._compile(param["schema"], components)

    @staticmethod
    def _compile(schema: dict[str, Any], components: dict[str, Any]) -> jsonschema_rs.Validator:
        root = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        root["components"] = components
        return jsonschema_rs.validator_for(root, validate_formats=True)

    def _resolve_ref(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node and len(node) == 1:
            node = self._at(node["$ref"].removeprefix("#/").split("/"))
        return node

    def _at(self, path: Iterable[str | int]) -> Any:
        node: Any = self._spec
        for part in path:
            node = node[part]
        return node

    def check_body(self, operation_id: str, body: Any) -> list[ApiError]:
        """Check a parsed request body.

        Args:
            operation_id: The operation.
            body: The parsed JSON body.

        Returns:
            The errors; empty when the body is valid.
        """
        validator = self._bodies[operation_id]
        if validator.is_valid(body):
            return []
        errors: list[ApiError] = []
        for error in validator.iter_errors(body):
            for item in self._explain(error):
                if item not in errors:
                    errors.append(item)
        return errors or [ApiError(ErrorKind.INVALID_DATA, "The request body is not valid.")]

    def check_param(self, operation_id: str, name: str, value: str) -> list[ApiError]:
        """Check a path parameter.

        Args:
            operation_id: The operation.
            name: The parameter's name.
            value: Its raw value.

        Returns:
            The errors; empty when the value is valid.
        """
        if self._params[operation_id, name].is_valid(value):
            return []
        schema = next(
            self._resolve_ref(p)["schema"]
            for item in self._spec["paths"].values()
            for op in item.values()
            if isinstance(op, dict) and op.get("operationId") == operation_id
            for p in op.get("parameters", [])
            if self._resolve_ref(p)["name"] == name
        )
        kind = "a UUID" if schema.get("format") == "uuid" else "valid"
        example = _example(schema)
        detail = f"{name} must be {kind}{example}, not {value!r}."
        return [ApiError(ErrorKind.INVALID_DATA, detail, name)]

    # ------------------------------------------------------------------- explanations

    def _explain(self, error: jsonschema_rs.ValidationError) -> list[ApiError]:
        name = type(error.kind).__name__
        info = error.kind.as_dict()
        path = list(error.instance_path)
        schema_path = list(error.schema_path)
        source = source_of(path)
        label = f'"{source}"' if source else "The request body"
        if name in ("OneOfNotValid", "AnyOf") and isinstance(info.get("context"), list):
            return self._explain_choice(error, path, schema_path)
        if name == "Required":
            prop = info["property"]
            child = source_of([*path, prop])
            rule = self._rule_description(schema_path)
            return [
                ApiError(ErrorKind.MISSING_DATA, rule or f'Field "{child}" is required.', child)
            ]
        if name == "Not":
            negated = info["schema"] if isinstance(info.get("schema"), dict) else {}
            detail = self._rule_description(schema_path) or "This combination is not allowed."
            required = negated.get("required")
            field = source_of([*path, required[0]]) if required else source
            return [ApiError(ErrorKind.INVALID_DATA, detail, field)]
        if name == "AdditionalProperties":
            instance = error.instance
            where = (
                f"this {instance['channel']} message"
                if isinstance(instance, dict) and isinstance(instance.get("channel"), str)
                else (source or "the request body")
            )
            return [
                ApiError(
                    ErrorKind.INVALID_DATA,
                    f'Field "{extra}" is not allowed in {where}; remove it.',
                    source_of([*path, extra]),
                )
                for extra in info["unexpected"]
            ]
        return [ApiError(ErrorKind.INVALID_DATA, self._describe(error, name, label), source)]

    def _explain_choice(
        self, error: jsonschema_rs.ValidationError, path: list[str | int], schema_path: list[Any]
    ) -> list[ApiError]:
        parent = self._at(schema_path[:-1])
        branches: list[list[jsonschema_rs.ValidationError]] = error.kind.as_dict()["context"]
        instance = error.instance
        source = source_of(path)
        discriminator = parent.get("discriminator") if isinstance(parent, dict) else None
        if isinstance(discriminator, dict):
            prop = discriminator["propertyName"]
            mapping: dict[str, str] = discriminator.get("mapping", {})
            choices = ", ".join(f'"{value}"' for value in mapping)
            field = source_of([*path, prop])
            if not isinstance(instance, dict):
                detail = f'"{source}" must be an object with a "{prop}" field.'
                return [ApiError(ErrorKind.INVALID_DATA, detail, source)]
            value = instance.get(prop)
            if prop not in instance:
                detail = f'Field "{field}" is required: one of {choices}.'
                return [ApiError(ErrorKind.MISSING_DATA, detail, field)]
            if not isinstance(value, str) or value not in mapping:
                detail = f'"{field}" must be one of {choices}, not {_show(value)}.'
                return [ApiError(ErrorKind.INVALID_DATA, detail, field)]
            refs = [branch.get("$ref") for branch in parent[schema_path[-1]]]
            chosen = branches[refs.index(mapping[value])]
            return [item for inner in chosen for item in self._explain(inner)]
        rule = self._rule_description([*schema_path, 0]) or (
            parent.get("description") if isinstance(parent, dict) else None
        )
        labels = [
            branch["description"]
            for branch in parent.get(schema_path[-1], [])
            if isinstance(branch, dict) and isinstance(branch.get("description"), str)
        ]
        detail = rule or "The combination of fields is not valid."
        if labels and len(labels) > 1:
            detail = f"{detail.rstrip('.')}: {'; '.join(labels)}."
        return [ApiError(ErrorKind.INVALID_DATA, detail, source)]

    def _rule_description(self, schema_path: list[Any]) -> str | None:
        """Return the description of the rule a failing keyword belongs to, if it has one."""
        keyword_value = self._at(schema_path)
        if (
            schema_path
            and schema_path[-1] == "not"
            and isinstance(keyword_value, dict)
            and isinstance(keyword_value.get("description"), str)
        ):
            return str(keyword_value["description"])
        container = schema_path[:-1]
        is_rule = bool(container) and (
            container[-1] in _RULE_KEYWORDS
            or (len(container) > 1 and container[-2] == "dependentSchemas")
        )
        if is_rule:
            description = self._at(container).get("description")
            if isinstance(description, str):
                return description
        return None

    def _describe(self, error: jsonschema_rs.ValidationError, name: str, label: str) -> str:
        info = error.kind.as_dict()
        schema = self._at(list(error.schema_path)[:-1])
        schema = schema if isinstance(schema, dict) else {}
        example = _example(schema)
        value = error.instance
        if name == "Type":
            types = " or ".join(_TYPE_NAMES.get(t, t) for t in info["types"])
            return f"{label} must be {types}."
        if name == "Constant":
            return f"{label} must be {_show(info['expected_value'])}."
        if name == "Enum":
            options = ", ".join(_show(option) for option in info["options"])
            return f"{label} must be one of {options}, not {_show(value)}."
        if name == "Format":
            return _describe_format(info["format"], label, value, example)
        if name == "Pattern":
            what = str(schema.get("description", "")).rstrip(".") or "the expected format"
            return f"{label} is not valid: {_lower_first(what)}{example}."
        if name in ("MinProperties", "MaxProperties") and schema.get("description"):
            return f"{label} is not valid: {_lower_first(str(schema['description']))}"
        if name == "MinItems" and info["limit"] == 1:
            return f"{label} must not be empty."
        if name in _LIMITS:
            return f"{label} {_LIMITS[name].format(limit=info['limit'])}."
        if name == "FalseSchema":
            return f"{label} is not allowed here."
        return f"{label} is not valid: {error.message}."


_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object",
    "array": "an array",
    "null": "null",
}
_LIMITS = {
    "MinLength": "must be at least {limit} characters long",
    "MaxLength": "must be at most {limit} characters long",
    "Minimum": "must be at least {limit}",
    "Maximum": "must be at most {limit}",
    "ExclusiveMinimum": "must be more than {limit}",
    "ExclusiveMaximum": "must be less than {limit}",
    "MinItems": "must have at least {limit} items",
    "MaxItems": "must have at most {limit} items",
    "MinProperties": "must have at least {limit} fields",
    "MaxProperties": "must have at most {limit} fields",
}


def _show(value: Any) -> str:
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _example(schema: dict[str, Any]) -> str:
    examples = schema.get("examples")
    if isinstance(examples, list) and examples and isinstance(examples[0], str | int):
        return f", for example {_show(examples[0])}"
    return ""


def _describe_format(fmt: str, label: str, value: Any, example: str) -> str:
    if fmt == "date-time":
        if isinstance(value, str) and _NAIVE_DATETIME.match(value):
            return (
                f"{label} has no timezone: add one, for example "
                f'"{value[:16].replace(" ", "T")}:00+00:00" for UTC '
                "(Messente reads a time without a timezone as UTC)."
            )
        return f"{label} must be an RFC 3339 date and time with a timezone{example}."
    if fmt == "uri":
        return f"{label} must be an absolute URL{example}."
    if fmt == "uuid":
        return f"{label} must be a UUID{example}."
    return f"{label} must be a valid {fmt}{example}."


def check_rules(body: dict[str, Any], prefix: Sequence[str | int] = ()) -> list[ApiError]:
    """Check the rules of one schema-valid omnimessage that JSON Schema cannot state.

    Args:
        body: The omnimessage.
        prefix: Where it sits in the request body (for bulk requests).

    Returns:
        The errors; empty when every rule holds.
    """
    errors: list[ApiError] = []
    for path, action in _find(body, "create_calendar_event_action", [*prefix]):
        start, end = parse_datetime(action["start_time"]), parse_datetime(action["end_time"])
        if end <= start:
            where = source_of([*path, "end_time"])
            detail = f'"{where}" must be after "start_time" ({action["start_time"]}).'
            errors.append(ApiError(ErrorKind.INVALID_DATA, detail, where))
    return errors


def _find(node: Any, key: str, path: list[str | int]) -> Iterable[tuple[list[str | int], Any]]:
    if isinstance(node, dict):
        for name, child in node.items():
            if name == key and isinstance(child, dict):
                yield [*path, name], child
            else:
                yield from _find(child, key, [*path, name])
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _find(child, key, [*path, index])
