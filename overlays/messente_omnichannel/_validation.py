"""JSON checked against the spec's component schemas, for the client and the sandbox alike.

The schemas of ``openapi.yaml`` are compiled once with ``jsonschema_rs`` (JSON Schema 2020-12,
the dialect of OpenAPI 3.1, with its ``date-time``, ``uri`` and ``uuid`` formats), so a valid
document costs microseconds. A rejected one is explained from the same spec: ``discriminator`` is
not a JSON Schema keyword, so a message's problems are those of the kind its ``channel`` names;
the ``description`` of a failing ``not``, ``then``, ``else`` or ``dependentSchemas`` rule is the
message. The one rule JSON Schema cannot state, a calendar event ending after it starts, is
:func:`calendar_problems`; only RCS messages can hold one, so no other message is walked.
"""

import re
import threading
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jsonschema_rs

from messente_omnichannel._errors import Problem
from messente_omnichannel._spec import shared_spec

Path = tuple[str | int, ...]

# RFC 3339, and the spec's SendTime without a timezone (seconds optional there).
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))?$"
)
_NAIVE_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_LATEST = datetime(9000, 1, 1, tzinfo=UTC)
_HTTP_URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://")
_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem, with what the sandbox needs to choose its error code.

    Attributes:
        path: Property names and array indexes from the document's root.
        message: What is wrong, in the spec's words where it has them.
        missing: A required field is absent (the API's ``106 Missing data``, not ``105``).
        unlisted: Not a problem itself: the count of problems left out, always listed last.
    """

    path: Path
    message: str
    missing: bool = False
    unlisted: bool = False

    @property
    def problem(self) -> Problem:
        """The problem as the client reports it, for example ``messages[1].ttl: ...``."""
        return Problem(format_path(self.path), self.message)


def format_path(path: Sequence[str | int]) -> str:
    """Format a path as ``messages[1].ttl``.

    Args:
        path: Property names and array indexes from the document's root.

    Returns:
        The dotted path; empty for the document itself.
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def schema_ref(name: str) -> str:
    """Return the ``$ref`` of a component schema, for example of ``Omnimessage``."""
    return f"#/components/schemas/{name}"


class SchemaCheck:
    """The component schemas of one OpenAPI document, compiled on first use.

    Args:
        components: The document's ``components``.
    """

    def __init__(self, components: Mapping[str, Any]) -> None:
        self._components = dict(components)
        self._inline: dict[str, Any] = {}
        self._compiled: dict[str, tuple[jsonschema_rs.Validator, dict[str, Any]]] = {}
        # Threads sharing a cold check wait for one compilation instead of each compiling.
        self._lock = threading.Lock()

    def ref_for(self, schema: Mapping[str, Any]) -> str:
        """Return a ``$ref`` for a schema of the document, registering it if it is inline.

        Args:
            schema: A ``{"$ref": ...}`` to a component, or a schema written in place (such as
                a path parameter's).

        Returns:
            The reference to pass to :meth:`is_valid` and :meth:`violations`.
        """
        if set(schema) == {"$ref"}:
            return str(schema["$ref"])
        name = f"inline{len(self._inline)}"
        self._inline[name] = dict(schema)
        return f"#/$defs/{name}"

    def _compile(self, ref: str) -> tuple[jsonschema_rs.Validator, dict[str, Any]]:
        compiled = self._compiled.get(ref)
        if compiled is not None:
            return compiled
        with self._lock:
            compiled = self._compiled.get(ref)
            if compiled is not None:
                return compiled
            # The components become the root document, so "#/components/..." refs resolve and an
            # error's schema_path is a location in that root.
            root = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$ref": ref,
                "components": self._components,
                "$defs": self._inline,
            }
            compiled = jsonschema_rs.validator_for(root, validate_formats=True), root
            self._compiled[ref] = compiled
            return compiled

    def is_valid(self, ref: str, data: Any) -> bool:
        """Return whether data is valid against a schema (the fast path of a valid request).

        Args:
            ref: The schema, for example ``#/components/schemas/Omnimessage``.
            data: The decoded JSON.

        Raises:
            ValueError: ``jsonschema_rs`` cannot represent the data (an integer beyond 64 bits
                where it must compare it).
        """
        return bool(self._compile(ref)[0].is_valid(data))

    def violations(self, ref: str, data: Any, prefix: Path = ()) -> list[Violation]:
        """Check data against a schema.

        Args:
            ref: The schema, for example ``#/components/schemas/Omnimessage``.
            data: The decoded JSON.
            prefix: Where the data sits, prepended to every path.

        Returns:
            The problems, sorted by path; empty when the data is valid. At most
            :data:`MAX_PROBLEMS` are described; when there are more, a last problem at the
            data's own path counts the rest.

        Raises:
            ValueError: ``jsonschema_rs`` cannot represent the data.
        """
        listed, more = self._collect(ref, data, prefix, MAX_PROBLEMS)
        found = _sorted(listed)
        if more:
            found.append(Violation(prefix, _more_problems(more), unlisted=True))
        return found

    def _collect(
        self, ref: str, data: Any, prefix: Path, budget: int
    ) -> tuple[list[Violation], int]:
        """Describe up to ``budget`` problems; return them and how many more there are at least."""
        validator, root = self._compile(ref)
        if validator.is_valid(data):
            return [], 0
        split = self._long_array(ref, data)
        if split is None:
            explainer = _Explainer(root)
            found = _sorted(
                [
                    Violation(prefix + path, message, missing)
                    for error in validator.iter_errors(data)
                    for path, message, missing in explainer.explain(error)
                ]
            )
            return found[:budget], max(0, len(found) - budget)
        # jsonschema_rs collects every error of a document before the first is read, in time
        # that grows faster than their number (25,000 bad items: 30 s). A long array is checked
        # item by item instead: the cheap yes/no for each, the explanations only while the
        # budget lasts, so a huge invalid request costs about what a valid one does.
        name, item_ref = split
        items: list[Any] = data[name]
        listed, more = self._collect(ref, {**data, name: items[:1]}, prefix, budget)
        item_validator = self._compile(item_ref)[0]
        for index in range(1, len(items)):
            if item_validator.is_valid(items[index]):
                continue
            left = budget - len(listed)
            if left <= 0:
                more += 1  # an invalid item has one problem at least
                continue
            found, uncounted = self._collect(item_ref, items[index], (*prefix, name, index), left)
            listed += found
            more += uncounted
        return listed, more

    def _long_array(self, ref: str, data: Any) -> tuple[str, str] | None:
        """Find a property of ``data`` to check item by item: a long array of one schema."""
        if not isinstance(data, Mapping):
            return None
        schema = self._schema(ref)
        properties = schema.get("properties") if isinstance(schema, Mapping) else None
        for name, prop in (properties or {}).items():
            value = data.get(name)
            if not (isinstance(value, list) and len(value) > _ITEM_BY_ITEM and _plain(prop)):
                continue
            return str(name), str(prop["items"]["$ref"])
        return None

    def _schema(self, ref: str) -> Any:
        node: Any = {"components": self._components, "$defs": self._inline}
        for part in ref.removeprefix("#/").split("/"):
            node = node.get(part) if isinstance(node, Mapping) else None
        while isinstance(node, Mapping) and set(node) == {"$ref"}:
            node = self._schema(str(node["$ref"]))
        return node


MAX_PROBLEMS = 100
"""The most problems one check describes; a last one counts the rest ("at least N more")."""
# Arrays up to this long are checked in one go, exactly as before.
_ITEM_BY_ITEM = 50


def _plain(prop: Any) -> bool:
    """An array schema whose only rules are its item schema and a minimum of at most 1 item."""
    return (
        isinstance(prop, Mapping)
        and prop.get("type") == "array"
        and set(prop) <= {"type", "items", "description", "minItems", "examples"}
        and prop.get("minItems", 0) <= 1
        and isinstance(prop.get("items"), Mapping)
        and set(prop["items"]) == {"$ref"}
    )


def _more_problems(count: int) -> str:
    return (
        f"has at least {count} more problem{'s' if count != 1 else ''}, not listed: at most "
        f"{MAX_PROBLEMS} are; fix these and check again"
    )


_shipped_lock = threading.Lock()
_shipped: SchemaCheck | None = None


def shipped() -> SchemaCheck:
    """Return the checks of the spec shipped in this package, built once per process."""
    global _shipped
    check = _shipped
    if check is None:
        with _shipped_lock:
            if _shipped is None:
                _shipped = SchemaCheck(shared_spec()["components"])
            check = _shipped
    return check


def schema_problems(schema_name: str, data: Any) -> list[Problem]:
    """Check JSON data against one of the shipped spec's component schemas and its rules.

    Args:
        schema_name: The name under ``components/schemas``, for example ``Omnimessage``.
        data: The decoded JSON.

    Returns:
        Every problem found, sorted by path; empty when the data is valid.
    """
    try:
        checked = shipped().violations(schema_ref(schema_name), data)
        rules = [*calendar_problems(data), *send_time_problems(data), *dlr_url_problems(data)]
        # A field the schema refused already is not reported twice.
        refused = {v.path for v in checked}
        found = [*checked, *(v for v in rules if v.path not in refused)]
    except (ValueError, OverflowError, RecursionError) as exc:
        found = [uncheckable(data, exc)]
    return [v.problem for v in _sorted(found)]


_MAX_DEPTH = 64
"""Nesting deeper than any request of the API can be (its deepest is about a dozen levels)."""


def uncheckable(data: Any, error: Exception) -> Violation:
    """Say why data could not be checked at all.

    Args:
        data: The decoded JSON.
        error: What the check raised (``jsonschema_rs`` refuses integers beyond 64 bits and
            nesting beyond its recursion limit).

    Returns:
        One problem about the whole document.
    """
    if isinstance(error, RecursionError) or too_deep(data):
        message = f"is nested too deeply to be a request of this API (over {_MAX_DEPTH} levels)"
        return Violation((), message)
    return Violation((), f"cannot be checked: {error}")


def too_deep(data: Any) -> bool:
    """Tell whether decoded JSON is nested deeper than any request of the API can be."""
    # Iterative: the data may be nested deeper than Python's own recursion limit.
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return True
        if isinstance(node, Mapping):
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)
    return False


def dlr_url_problems(data: Any, prefix: Path = ()) -> list[Violation]:
    """Check what the ``HttpUrl`` schema does not: a ``dlr_url`` has a host and a valid port.

    Args:
        data: Decoded JSON (an omnimessage, a bulk request); anything else is ignored.
        prefix: Where the data sits, prepended to every path.

    Returns:
        One problem per ``dlr_url`` that no report could be POSTed to.
    """
    return [found for path, item in _omnimessages(data, prefix) for found in _dlr_url(item, path)]


def _dlr_url(omnimessage: Mapping[str, Any], prefix: Path) -> list[Violation]:
    url = omnimessage.get("dlr_url")
    if not isinstance(url, str) or not _HTTP_URL.match(url):
        return []  # absent or not http(s): the schema check has the last word
    where = (*prefix, "dlr_url")
    bad_port = Violation(where, "has a port that is not a number from 1 to 65535")
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return [bad_port]
    if not parts.hostname:
        return [Violation(where, "has no host: give one, as in https://example.com/dlr")]
    return [bad_port] if port == 0 else []


def parse_datetime(value: str) -> datetime:
    """Parse an RFC 3339 date-time, or the spec's ``SendTime`` without a timezone (UTC).

    A leap second becomes the last microsecond of the second before, and dates beyond what
    Python represents are clamped, so a value ``format: date-time`` accepts never fails here.

    Args:
        value: An RFC 3339 date and time, or one without a timezone (read as UTC, seconds
            optional).

    Returns:
        The moment, in UTC.

    Raises:
        ValueError: ``value`` is neither, or names a date that does not exist (30 February).
    """
    match = _DATETIME.match(value)
    if match is None or (match.group(6) is None and match.group(8, 9) != (None, None)):
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    second = int(match.group(6) or "0")
    micros = int((match.group(7) or "0")[:6].ljust(6, "0"))
    offset = timedelta(0)
    if match.group(9):
        sign = 1 if match.group(9) == "+" else -1
        offset = sign * timedelta(hours=int(match.group(10)), minutes=int(match.group(11)))
    if year < 1:
        return _EARLIEST
    if second == 60:  # a leap second: after every other moment of its minute
        second, micros = 59, 999_999
    local = datetime(year, month, day, hour, minute, second, micros, tzinfo=UTC)
    try:
        return min(local - offset, _LATEST)
    except OverflowError:
        return _LATEST if offset < timedelta(0) else _EARLIEST


def calendar_problems(data: Any, prefix: Path = ()) -> list[Violation]:
    """Check what JSON Schema cannot: every calendar event ends after it starts.

    Args:
        data: Decoded JSON (an omnimessage, a bulk request); anything else is ignored.
        prefix: Where the data sits, prepended to every path.

    Returns:
        One problem per event that does not; a malformed time is left to the schema check.
    """
    problems = []
    events = (
        found
        for path, rcs in _rcs_messages(data, prefix)
        for found in _find(rcs, "create_calendar_event_action", path)
    )
    for path, event in events:
        start, end = event.get("start_time"), event.get("end_time")
        if not (isinstance(start, str) and isinstance(end, str)):
            continue
        try:
            if parse_datetime(end) <= parse_datetime(start):
                problems.append(Violation((*path, "end_time"), "must be after start_time"))
        except ValueError:
            continue  # a malformed time is reported by the schema check
    return problems


def send_time_problems(data: Any, prefix: Path = ()) -> list[Violation]:
    """Check what the ``SendTime`` pattern cannot: a time without a timezone names a real date.

    Args:
        data: Decoded JSON (an omnimessage, a bulk request); anything else is ignored.
        prefix: Where the data sits, prepended to every path.

    Returns:
        One problem per ``time_to_send`` without a timezone whose date does not exist.
    """
    return [
        Violation((*path, "time_to_send"), f"is not a date that exists: {_show(value)}")
        for path, item in _omnimessages(data, prefix)
        if isinstance(value := item.get("time_to_send"), str) and not _naive_date_exists(value)
    ]


def _naive_date_exists(value: str) -> bool:
    """Whether a ``time_to_send`` without a timezone names a real date (others: ``True``)."""
    match = _DATETIME.match(value)
    if match is None or match.group(8, 9) != (None, None):
        return True  # malformed or with an offset: the schema check has the last word
    try:
        parse_datetime(value)
    except ValueError:
        return False
    return True


def _omnimessages(data: Any, prefix: Path) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    """Yield an omnimessage, or each omnimessage of a bulk request, with its path."""
    if not isinstance(data, Mapping):
        return
    if "to" in data:
        yield prefix, data
        return
    items = data.get("messages")
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, Mapping) and "to" in item:
                yield (*prefix, "messages", index), item


def _rcs_messages(data: Any, prefix: Path) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    """Yield the RCS messages of an omnimessage, or of each omnimessage of a bulk request."""
    messages = data.get("messages") if isinstance(data, Mapping) else None
    if not isinstance(messages, list):
        return
    for index, message in enumerate(messages):
        if not isinstance(message, Mapping):
            continue
        path = (*prefix, "messages", index)
        if message.get("channel") == "rcs":
            yield path, message
        elif "to" in message:
            yield from _rcs_messages(message, path)


def _find(node: Any, key: str, path: Path) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    if isinstance(node, Mapping):
        for name, child in node.items():
            if name == key and isinstance(child, Mapping):
                yield (*path, name), child
            else:
                yield from _find(child, key, (*path, str(name)))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _find(child, key, (*path, index))


def _sorted(found: Sequence[Violation]) -> list[Violation]:
    """Sort by path (indexes before names), merging repeats; a repeat may add ``missing``."""
    merged: dict[tuple[Path, str], bool] = {}
    for item in found:
        if item.unlisted:
            continue
        key = (item.path, item.message)
        merged[key] = merged.get(key, False) or item.missing
    order = sorted(merged, key=lambda key: (_path_key(key[0]), key[1]))
    listed = [Violation(path, message, merged[path, message]) for path, message in order]
    return listed + [item for item in found if item.unlisted]


def _path_key(path: Path) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)


Explained = tuple[Path, str, bool]


class _Explainer:
    """Turns one ``jsonschema_rs`` error into problems, reading the schema it came from."""

    def __init__(self, root: dict[str, Any]) -> None:
        self._root = root

    def _at(self, schema_path: Sequence[str | int]) -> Any:
        node: Any = self._root
        for part in schema_path:
            node = node[part]
        return node

    def explain(self, error: jsonschema_rs.ValidationError) -> Iterator[Explained]:
        name = type(error.kind).__name__
        info = error.kind.as_dict()
        path: Path = tuple(error.instance_path)
        schema_path = list(error.schema_path)
        instance = error.instance
        if name in ("OneOfNotValid", "OneOfMultipleValid", "AnyOf"):
            yield from self._explain_choice(error, path, schema_path)
        elif name == "Required":
            rule = self._rule_description(schema_path)
            yield (*path, info["property"]), rule or "is required", True
        elif name == "Not":
            negated = info["schema"] if isinstance(info.get("schema"), dict) else {}
            required = negated.get("required")
            where = (*path, required[0]) if required else path
            yield where, self._rule_description(schema_path) or "is not allowed here", False
        elif name == "AdditionalProperties":
            channel = instance.get("channel") if isinstance(instance, Mapping) else None
            if isinstance(channel, str):
                message = f"is not allowed in this {channel} message; remove it"
            else:
                message = "is not a field of this object; remove it"
            for extra in info["unexpected"]:
                yield (*path, extra), message, False
        else:
            rule = self._rule_description(schema_path)
            yield path, rule or self._describe(error, name, info, schema_path), False

    def _explain_choice(
        self, error: jsonschema_rs.ValidationError, path: Path, schema_path: list[Any]
    ) -> Iterator[Explained]:
        parent = self._at(schema_path[:-1])
        parent = parent if isinstance(parent, dict) else {}
        branches: list[list[jsonschema_rs.ValidationError]] = error.kind.as_dict()["context"]
        instance = error.instance
        discriminator = parent.get("discriminator")
        if isinstance(discriminator, dict) and type(error.kind).__name__ != "OneOfMultipleValid":
            prop = discriminator["propertyName"]
            mapping: dict[str, str] = discriminator.get("mapping", {})
            choices = ", ".join(_show(value) for value in mapping)
            if not isinstance(instance, Mapping):
                yield path, f"must be an object with a {prop} ({choices})", False
                return
            if prop not in instance:
                yield (*path, prop), f"is required: one of {choices}", True
                return
            value = instance[prop]
            if not isinstance(value, str) or value not in mapping:
                yield (*path, prop), f"must be one of {choices}, not {_show(value)}", False
                return
            refs = [branch.get("$ref") for branch in parent[schema_path[-1]]]
            for inner in branches[refs.index(mapping[value])]:
                yield from self.explain(inner)
            return
        rule = self._rule_description([*schema_path, 0]) or parent.get("description")
        options = [b for b in parent.get(schema_path[-1], []) if isinstance(b, dict)]
        labels = [b["description"] for b in options if isinstance(b.get("description"), str)]
        if (
            options
            and len(labels) == len(options)
            and all(b.get("type") == "string" for b in options)
        ):
            # Forms of one value (SendTime's two spellings): say which ones it may take.
            yield path, "must be " + " or ".join(_lower_first(label) for label in labels), False
            return
        message = str(rule) if rule else "does not match exactly one of the allowed forms"
        if len(labels) > 1:
            fields = {f for b in options for f in b.get("required", ())}
            given = sorted(f for f in fields if isinstance(instance, Mapping) and f in instance)
            valid = "; ".join(labels)
            message = f"{message} Valid: {valid}. Given: {' + '.join(given) or 'none'}."
        yield path, message, False

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
            container[-1] in ("not", "then", "else")
            or (len(container) > 1 and container[-2] == "dependentSchemas")
        )
        if is_rule:
            description = self._at(container).get("description")
            if isinstance(description, str):
                return description
        return None

    def _describe(
        self,
        error: jsonschema_rs.ValidationError,
        name: str,
        info: dict[str, Any],
        schema_path: list[Any],
    ) -> str:
        schema = self._at(schema_path[:-1])
        schema = schema if isinstance(schema, dict) else {}
        example = _example(schema)
        value = error.instance
        if name == "Type":
            return "must be " + " or ".join(_TYPE_NAMES.get(t, t) for t in info["types"])
        if name == "Constant":
            return f"must be {_show(info['expected_value'])}"
        if name == "Enum":
            options = ", ".join(_show(option) for option in info["options"])
            return f"must be one of {options}, not {_show(value)}"
        if name == "Format":
            return _describe_format(info["format"], value, example)
        if name == "Pattern":
            what = str(schema.get("description", "")).rstrip(".") or "the expected format"
            return f"is not valid: {_lower_first(what)}{example}"
        if name in ("MinProperties", "MaxProperties") and schema.get("description"):
            return str(schema["description"])
        if name == "MinItems" and info["limit"] == 1:
            return "must not be empty"
        if name in _LIMITS:
            return _LIMITS[name].format(limit=info["limit"])
        if name == "FalseSchema":
            return "is not allowed here"
        return f"is not valid: {error.message}"


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
    "MinLength": "is too short: at least {limit} characters",
    "MaxLength": "is too long: at most {limit} characters",
    "Minimum": "is below the minimum of {limit}",
    "Maximum": "is above the maximum of {limit}",
    "ExclusiveMinimum": "must be more than {limit}",
    "ExclusiveMaximum": "must be less than {limit}",
    "MinItems": "has too few items: at least {limit}",
    "MaxItems": "has too many items: at most {limit}",
    "MinProperties": "has too few fields: at least {limit}",
    "MaxProperties": "has too many fields: at most {limit}",
}


def _show(value: Any) -> str:
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _example(schema: Mapping[str, Any]) -> str:
    examples = schema.get("examples")
    if isinstance(examples, list) and examples and isinstance(examples[0], str | int):
        return f", for example {_show(examples[0])}"
    return ""


def _describe_format(fmt: str, value: Any, example: str) -> str:
    if fmt == "date-time":
        if isinstance(value, str) and _NAIVE_DATETIME.match(value):
            return (
                f'has no timezone: add one, for example "{value[:16].replace(" ", "T")}:00+00:00" '
                "for UTC (RFC 3339 needs an offset; Messente reads a time without one as UTC)"
            )
        return f"must be an RFC 3339 date and time with a timezone offset{example}"
    if fmt == "uri":
        return f"must be an absolute URL{example}"
    if fmt == "uuid":
        return f"must be a UUID{example}"
    return f"must be a valid {fmt}{example}"
