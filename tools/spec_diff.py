"""Compare two OpenAPI 3.1 documents and say which differences break whom.

Every difference is first described by what it does to the set of values a schema accepts
(:class:`Effect`), then judged by who writes those values (:class:`Role`): the API's users write
requests (and answer webhooks), so a request that accepts less than before breaks them; the API
writes responses (and webhook payloads), so a response that may carry more than before breaks
the code reading it. Whatever cannot be proven one way or the other counts as breaking.
"""

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

Json = Mapping[str, Any]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Keywords that document a schema without constraining it.
_DOC_KEYWORDS = frozenset(
    {"description", "title", "examples", "example", "$comment", "externalDocs", "xml", "summary"}
)
_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_HANDLED = frozenset(
    {
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties",
        "items", "prefixItems", "oneOf", "anyOf", "allOf", "not", "if", "then", "else",
        "dependentSchemas", "dependentRequired", "discriminator", "pattern", "format", "default",
        "deprecated", "uniqueItems", *_LOWER_BOUNDS, *_UPPER_BOUNDS,
    }
)  # fmt: skip


class Role(Enum):
    """Who writes the values a schema describes."""

    INPUT = "input"
    """The API's users write, the API reads: request parameters and bodies, webhook answers."""
    OUTPUT = "output"
    """The API writes, its users read: responses, webhook payloads and headers."""


class Effect(Enum):
    """What a difference does to the set of values a schema accepts."""

    NARROWS = "narrows"
    """Some value accepted before is rejected now."""
    WIDENS = "widens"
    """Some value rejected before is accepted now."""
    ALTERS = "alters"
    """Both, or not provably either: breaking whoever writes or reads."""
    NEUTRAL = "neutral"
    """Breaks no one (for example a new optional property of an open object)."""

    def flipped(self) -> "Effect":
        """Return the effect seen through a ``not``."""
        swap = {Effect.NARROWS: Effect.WIDENS, Effect.WIDENS: Effect.NARROWS}
        return swap.get(self, self)


def is_breaking(effect: Effect, role: Role) -> bool:
    """Say whether a difference with ``effect`` on values written by ``role`` breaks someone.

    Args:
        effect: What the difference does to the accepted values.
        role: Who writes the values.

    Returns:
        True when some existing writer or reader of the values is broken.
    """
    if effect is Effect.ALTERS:
        return True
    if effect is Effect.NARROWS:
        return role is Role.INPUT
    if effect is Effect.WIDENS:
        return role is Role.OUTPUT
    return False


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two documents.

    Attributes:
        where: Where it is: a JSON pointer into the new document (the old one for removals).
        message: What changed, in words.
        breaking: Whether it breaks existing users of the API.
        context: The operation through which it was found, for example ``POST /omnimessage``.
    """

    where: str
    message: str
    breaking: bool
    context: str = ""

    def __str__(self) -> str:
        """Return the change as one line of a report."""
        via = f" (via {self.context})" if self.context else ""
        return f"{self.where}: {self.message}{via}"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _show(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def resolve(document: Json, schema: Any) -> tuple[Any, str | None]:
    """Resolve a local ``$ref``, merging the keywords written beside it (OpenAPI 3.1).

    Args:
        document: The document the schema belongs to.
        schema: A schema, possibly a ``$ref``.

    Returns:
        The schema without ``$ref`` and the pointer it came from (None if it was no ``$ref``).

    Raises:
        ValueError: The reference is not local to the document, or points at nothing.
    """
    if not isinstance(schema, Mapping) or "$ref" not in schema:
        return schema, None
    pointer = schema["$ref"]
    if not isinstance(pointer, str) or not pointer.startswith("#/"):
        raise ValueError(f"only local references are supported, not {pointer!r}")
    target: Any = document
    try:
        for token in pointer[2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
    except (KeyError, IndexError, TypeError):
        raise ValueError(f"$ref {pointer!r} points at nothing") from None
    target, _ = resolve(document, target)
    siblings = {k: v for k, v in schema.items() if k != "$ref"}
    if isinstance(target, Mapping):
        return {**target, **siblings}, pointer
    return target, pointer


class SchemaComparer:
    """Compares the schemas of one place (a body, a parameter) of two documents."""

    def __init__(self, old_doc: Json, new_doc: Json, role: Role, context: str) -> None:
        """Prepare a comparison.

        Args:
            old_doc: The released document.
            new_doc: The current document.
            role: Who writes the values the compared schemas describe.
            context: The operation being compared, for messages.
        """
        self.old_doc = old_doc
        self.new_doc = new_doc
        self.role = role
        self.context = context
        self.changes: list[Change] = []
        self._seen: set[tuple[str | None, str | None, bool]] = set()

    def emit(self, where: str, effect: Effect, message: str, flipped: bool = False) -> None:
        """Record one difference.

        Args:
            where: Its location.
            effect: What it does to the accepted values (before any ``not``).
            message: What changed.
            flipped: Whether the location is under an odd number of ``not``.
        """
        effect = effect.flipped() if flipped else effect
        self.changes.append(Change(where, message, is_breaking(effect, self.role), self.context))

    def equal(self, old: Any, new: Any) -> bool:
        """Say whether two schemas accept the same values, as far as this comparer can tell."""
        probe = SchemaComparer(self.old_doc, self.new_doc, self.role, self.context)
        probe.compare(old, new, "")
        return not probe.changes

    def compare(self, old: Any, new: Any, where: str, flipped: bool = False) -> None:
        """Compare two schemas, recording every difference.

        Args:
            old: The schema in the released document.
            new: The schema in the current document.
            where: The location of ``new``.
            flipped: Whether the schemas are under an odd number of ``not``.
        """
        old, old_ref = resolve(self.old_doc, old)
        new, new_ref = resolve(self.new_doc, new)
        if old_ref is not None or new_ref is not None:
            key = (old_ref, new_ref, flipped)
            if key in self._seen:  # Shared or recursive schemas are compared once.
                return
            self._seen.add(key)
            where = new_ref or old_ref or where
        if isinstance(old, bool) or isinstance(new, bool):
            self._booleans(old, new, where, flipped)
            return
        if not isinstance(old, Mapping) or not isinstance(new, Mapping):
            if old != new:
                self.emit(where, Effect.ALTERS, "schema replaced", flipped)
            return
        self._types(old, new, where, flipped)
        self._values(old, new, where, flipped)
        self._bounds(old, new, where, flipped)
        self._objects(old, new, where, flipped)
        self._arrays(old, new, where, flipped)
        self._unions(old, new, where, flipped)
        self._conditions(old, new, where, flipped)
        self._annotations(old, new, where, flipped)

    def _booleans(self, old: Any, new: Any, where: str, flipped: bool) -> None:
        # In JSON Schema `true` (or `{}`) accepts everything and `false` nothing.
        def accepts_all(s: Any) -> bool:
            return s is True or (isinstance(s, Mapping) and not s)

        if old == new or (accepts_all(old) and accepts_all(new)):
            return
        if old is False:
            self.emit(where, Effect.WIDENS, "was forbidden, now allowed", flipped)
        elif new is False:
            self.emit(where, Effect.NARROWS, "was allowed, now forbidden", flipped)
        elif accepts_all(old):
            self.emit(where, Effect.NARROWS, "was unconstrained, now constrained", flipped)
        else:
            self.emit(where, Effect.WIDENS, "was constrained, now unconstrained", flipped)

    def _types(self, old: Json, new: Json, where: str, flipped: bool) -> None:
        def types(s: Json) -> set[str] | None:
            t = s.get("type")
            return None if t is None else ({t} if isinstance(t, str) else set(t))

        def covered(t: str, by: set[str] | None) -> bool:
            return by is None or t in by or (t == "integer" and "number" in by)

        before, after = types(old), types(new)
        if before == after:
            return
        if before is None:
            self.emit(
                where, Effect.NARROWS, f"type now restricted to {sorted(after or ())}", flipped
            )
            return
        if after is None:
            self.emit(where, Effect.WIDENS, "type no longer restricted", flipped)
            return
        lost = sorted(t for t in before if not covered(t, after))
        gained = sorted(t for t in after if not covered(t, before))
        if lost and gained:
            self.emit(where, Effect.ALTERS, f"type changed from {lost} to {gained}", flipped)
        elif lost:
            self.emit(where, Effect.NARROWS, f"type no longer allows {lost}", flipped)
        elif gained:
            self.emit(where, Effect.WIDENS, f"type now also allows {gained}", flipped)

    def _values(self, old: Json, new: Json, where: str, flipped: bool) -> None:
        def allowed(s: Json) -> set[str] | None:
            if "const" in s:
                return {_show(s["const"])}
            return None if "enum" not in s else {_show(v) for v in s["enum"]}

        before, after = allowed(old), allowed(new)
        if before == after:
            pass
        elif before is None:
            self.emit(where, Effect.NARROWS, f"now limited to {sorted(after or ())}", flipped)
        elif after is None:
            self.emit(where, Effect.WIDENS, "no longer limited to a set of values", flipped)
        else:
            for value in sorted(before - after):
                self.emit(where, Effect.NARROWS, f"value {value} removed", flipped)
            for value in sorted(after - before):
                self.emit(where, Effect.WIDENS, f"value {value} added", flipped)
        for keyword in ("pattern", "format", "multipleOf"):
            if old.get(keyword) == new.get(keyword):
                continue
            if keyword not in old:
                self.emit(where, Effect.NARROWS, f"{keyword} {new[keyword]!r} added", flipped)
            elif keyword not in new:
                self.emit(where, Effect.WIDENS, f"{keyword} {old[keyword]!r} removed", flipped)
            else:
                message = f"{keyword} changed from {old[keyword]!r} to {new[keyword]!r}"
                self.emit(where, Effect.ALTERS, message, flipped)

    def _bounds(self, old: Json, new: Json, where: str, flipped: bool) -> None:
        for keyword, lower in [(k, True) for k in _LOWER_BOUNDS] + [
            (k, False) for k in _UPPER_BOUNDS
        ]:
            before, after = old.get(keyword), new.get(keyword)
            if before == after:
                continue
            if before is None:
                tighter = True
            elif after is None:
                tighter = False
            else:
                tighter = after > before if lower else after < before
            effect = Effect.NARROWS if tighter else Effect.WIDENS
            self.emit(where, effect, f"{keyword} changed from {before} to {after}", flipped)
        if bool(old.get("uniqueItems")) != bool(new.get("uniqueItems")):
            effect = Effect.NARROWS if new.get("uniqueItems") else Effect.WIDENS
            self.emit(where, effect, "uniqueItems changed", flipped)

    def _objects(self, old: Json, new: Json, where: str, flipped: bool) -> None:
        old_props: Json = old.get("properties", {})
        new_props: Json = new.get("properties", {})
        old_closed = old.get("additionalProperties", True) is False
        for name in old_props.keys() - new_props.keys():
            # A reader loses the field, a writer's field is rejected or silently ignored.
            self.emit(
                f"{where}/properties/{_escape(name)}", Effect.ALTERS, "property removed", flipped
            )
        for name in sorted(new_props.keys() - old_props.keys()):
            at = f"{where}/properties/{_escape(name)}"
            if old_closed:
                self.emit(at, Effect.WIDENS, "property added to a closed object", flipped)
            else:
                self.emit(at, Effect.NEUTRAL, "property added", flipped)
        for name in sorted(old_props.keys() & new_props.keys()):
            at = f"{where}/properties/{_escape(name)}"
            self.compare(old_props[name], new_props[name], at, flipped)
        before, after = set(old.get("required", ())), set(new.get("required", ()))
        for name in sorted(after - before):
            self.emit(f"{where}/required", Effect.NARROWS, f"{name!r} is now required", flipped)
        for name in sorted(before - after):
            self.emit(
                f"{where}/required", Effect.WIDENS, f"{name!r} is no longer required", flipped
            )
        if "additionalProperties" in old or "additionalProperties" in new:
            self.compare(
                old.get("additionalProperties", True),
                new.get("additionalProperties", True),
                f"{where}/additionalProperties",
                flipped,
            )
        self._keyed(old, new, "dependentSchemas", where, flipped)
        old_dep: Json = old.get("dependentRequired", {})
        new_dep: Json = new.get("dependentRequired", {})
        if old_dep != new_dep:
            self.emit(
                f"{where}/dependentRequired", Effect.ALTERS, "dependentRequired changed", flipped
            )

    def _keyed(self, old: Json, new: Json, keyword: str, where: str, flipped: bool) -> None:
        old_map: Json = old.get(keyword, {})
        new_map: Json = new.get(keyword, {})
        for key in sorted(old_map.keys() | new_map.keys()):
            at = f"{where}/{keyword}/{_escape(key)}"
            if key not in new_map:
                self.emit(at, Effect.WIDENS, f"{keyword} entry removed", flipped)
            elif key not in old_map:
                self.emit(at, Effect.NARROWS, f"{keyword} entry added", flipped)
            else:
                self.compare(old_map[key], new_map[key], at, flipped)

    def _arrays(self, old: Json, new: Json, where: str, flipped: bool) -> None:
        if "items" in old or "items" in new:
            self.compare(old.get("items", True), new.get("items", True), f"{where}/items", flipped)
        old_prefix = old.get("prefixItems", [])
        new_prefix = new.get("prefixItems", [])
        for index in range(max(len(old_prefix), len(new_prefix))):
            self.compare(
                old_prefix[index] if index < len(old_prefix) else True,
                new_prefix[index] if index < len(new_prefix) else True,
                f"{where}/prefixItems/{index}",
                flipped,
            )

    def _branches(self, schemas: list[Any]) -> dict[str, Any]:
        # Match alternatives by what they refer to, else by their description, else by position.
        keyed: dict[str, Any] = {}
        for index, schema in enumerate(schemas):
            key = f"#{index}"
            if isinstance(schema, Mapping):
                key = schema.get("$ref") or schema.get("description") or key
            keyed[str(key)] = schema
        return keyed

    def _unions(self, old: Json, new: Json, where: str, flipped: bool) -> None:
        for keyword in ("oneOf", "anyOf"):
            if keyword not in old and keyword not in new:
                continue
            at = f"{where}/{keyword}"
            if keyword not in old or keyword not in new:
                self._union_appeared(old, new, keyword, at, flipped)
                continue
            before, after = self._branches(old[keyword]), self._branches(new[keyword])
            for key in sorted(before.keys() - after.keys()):
                self.emit(at, Effect.NARROWS, f"alternative {key} removed", flipped)
            for key in sorted(after.keys() - before.keys()):
                self.emit(at, Effect.WIDENS, f"alternative {key} added", flipped)
            open_types = self._open_types(self.old_doc, old[keyword]) & self._open_types(
                self.new_doc, new[keyword]
            )
            for key in sorted(before.keys() & after.keys()):
                self._branch(before[key], after[key], at, flipped, open_types)
        old_mapping: Json = old.get("discriminator", {}).get("mapping", {})
        new_mapping: Json = new.get("discriminator", {}).get("mapping", {})
        for value in sorted(old_mapping.keys() - new_mapping.keys()):
            self.emit(f"{where}/discriminator", Effect.NARROWS, f"kind {value!r} removed", flipped)
        for value in sorted(new_mapping.keys() - old_mapping.keys()):
            self.emit(f"{where}/discriminator", Effect.WIDENS, f"kind {value!r} added", flipped)
        old_name = old.get("discriminator", {}).get("propertyName")
        new_name = new.get("discriminator", {}).get("propertyName")
        if old_name and new_name and old_name != new_name:
            self.emit(
                f"{where}/discriminator", Effect.ALTERS, "discriminator property changed", flipped
            )
        old_all, new_all = old.get("allOf", []), new.get("allOf", [])
        for index in range(max(len(old_all), len(new_all))):
            at = f"{where}/allOf/{index}"
            if index >= len(new_all):
                self.emit(at, Effect.WIDENS, "allOf member removed", flipped)
            elif index >= len(old_all):
                self.emit(at, Effect.NARROWS, "allOf member added", flipped)
            else:
                self.compare(old_all[index], new_all[index], at, flipped)

    def _open_types(self, document: Json, branches: list[Any]) -> set[str]:
        # The types some alternative accepts whole, like the `{type: string}` of an open enum.
        types: set[str] = set()
        for branch in branches:
            schema, _ = resolve(document, branch)
            if isinstance(schema, Mapping) and set(schema) & _HANDLED <= {"type"}:
                types |= _declared_types(schema)
        return types

    def _branch(self, old: Any, new: Any, at: str, flipped: bool, open_types: set[str]) -> None:
        probe = SchemaComparer(self.old_doc, self.new_doc, self.role, self.context)
        probe._seen = self._seen
        probe.compare(old, new, at, flipped)
        old_types = _declared_types(resolve(self.old_doc, old)[0])
        new_types = _declared_types(resolve(self.new_doc, new)[0])
        if old_types and new_types and old_types | new_types <= open_types:
            # Whatever this alternative gains or loses, an open one of the same type accepts.
            for change in probe.changes:
                absorbed = f"{change.message} (an open alternative still accepts any value)"
                self.changes.append(Change(change.where, absorbed, False, change.context))
        else:
            self.changes.extend(probe.changes)

    def _union_appeared(self, old: Json, new: Json, keyword: str, at: str, flipped: bool) -> None:
        # A plain schema that became a union of itself and more widens; the reverse narrows.
        plain = {k: v for k, v in (old if keyword in new else new).items() if k in _HANDLED}
        plain = {k: v for k, v in plain.items() if k not in ("oneOf", "anyOf", "discriminator")}
        union = (new if keyword in new else old)[keyword]
        if keyword in new:
            if any(self.equal(plain, branch) for branch in union):
                self.emit(at, Effect.WIDENS, f"became a {keyword} that still accepts it", flipped)
            else:
                self.emit(at, Effect.ALTERS, f"became a {keyword}", flipped)
        elif any(self.equal(branch, plain) for branch in union):
            self.emit(at, Effect.NARROWS, f"was a {keyword}, now one of its alternatives", flipped)
        else:
            self.emit(at, Effect.ALTERS, f"{keyword} replaced by a single schema", flipped)

    def _conditions(self, old: Json, new: Json, where: str, flipped: bool) -> None:
        if "not" in old and "not" in new:
            self.compare(old["not"], new["not"], f"{where}/not", not flipped)
        elif "not" in new:
            self.emit(f"{where}/not", Effect.NARROWS, "not added", flipped)
        elif "not" in old:
            self.emit(f"{where}/not", Effect.WIDENS, "not removed", flipped)
        if "if" not in old and "if" not in new:
            return
        if "if" in old and "if" in new and self.equal(old["if"], new["if"]):
            for branch in ("then", "else"):
                self.compare(
                    old.get(branch, True), new.get(branch, True), f"{where}/{branch}", flipped
                )
        elif "if" in new and "if" not in old:
            self.emit(f"{where}/if", Effect.NARROWS, "condition added", flipped)
        elif "if" in old and "if" not in new:
            self.emit(f"{where}/if", Effect.WIDENS, "condition removed", flipped)
        else:
            self.emit(f"{where}/if", Effect.ALTERS, "condition changed", flipped)

    def _annotations(self, old: Json, new: Json, where: str, flipped: bool) -> None:
        if (
            "default" in old
            and old.get("default") != new.get("default")
            and self.role is Role.INPUT
        ):
            # Whoever omits the field now gets different behavior.
            message = f"default changed from {old['default']!r} to {new.get('default')!r}"
            self.emit(where, Effect.ALTERS, message, flipped)
        if new.get("deprecated") and not old.get("deprecated"):
            self.emit(where, Effect.NEUTRAL, "deprecated", flipped)
        for keyword in sorted((old.keys() | new.keys()) - _HANDLED - _DOC_KEYWORDS):
            if keyword.startswith("x-") or old.get(keyword) == new.get(keyword):
                continue
            self.emit(where, Effect.ALTERS, f"{keyword} changed (not compared)", flipped)


def _declared_types(schema: Any) -> set[str]:
    if not isinstance(schema, Mapping):
        return set()
    declared = schema.get("type")
    return {declared} if isinstance(declared, str) else set(declared or ())


def _operations(document: Json) -> Iterator[tuple[str, str, Json, bool]]:
    """Yield (key, pointer, operation, is_webhook) for every operation, webhook and callback.

    A callback is a webhook whose URL the request gave: both are keyed by their name, so moving
    a webhook into an operation's ``callbacks`` (or back) under its name is no removal.
    """
    for section, webhook in (("paths", False), ("webhooks", True)):
        for name, item in document.get(section, {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    key = f"{'webhook ' if webhook else ''}{method.upper()} {name}"
                    yield key, f"#/{section}/{_escape(name)}/{method}", item[method], webhook
    seen: set[str] = set()
    for path, item in document.get("paths", {}).items():
        for method in HTTP_METHODS:
            callbacks = item.get(method, {}).get("callbacks", {})
            for name, raw in callbacks.items():
                callback, pointer = resolve(document, raw)
                at = pointer or f"#/paths/{_escape(path)}/{method}/callbacks/{_escape(name)}"
                for expression, hook in callback.items():
                    for hook_method in HTTP_METHODS:
                        where = f"{at}/{_escape(expression)}/{hook_method}"
                        if hook_method in hook and where not in seen:
                            seen.add(where)
                            key = f"webhook {hook_method.upper()} {name}"
                            yield key, where, hook[hook_method], True


def _parameters(document: Json, operation: Json, item: Json) -> dict[tuple[str, str], Json]:
    found: dict[tuple[str, str], Json] = {}
    for raw in [*item.get("parameters", []), *operation.get("parameters", [])]:
        parameter, _ = resolve(document, raw)
        name = parameter["name"].lower() if parameter["in"] == "header" else parameter["name"]
        found[(parameter["in"], name)] = parameter
    return found


class DocumentComparer:
    """Compares two whole documents: operations, webhooks, security and named schemas."""

    def __init__(self, old_doc: Json, new_doc: Json) -> None:
        """Prepare a comparison of a released document with the current one.

        Args:
            old_doc: The released document.
            new_doc: The current document.
        """
        self.old_doc = old_doc
        self.new_doc = new_doc
        self.changes: list[Change] = []

    def run(self) -> list[Change]:
        """Compare the documents.

        Returns:
            Every difference found, de-duplicated, breaking ones first.
        """
        self._servers_and_security()
        old_ops = {key: (at, op, hook) for key, at, op, hook in _operations(self.old_doc)}
        new_ops = {key: (at, op, hook) for key, at, op, hook in _operations(self.new_doc)}
        for key in sorted(old_ops.keys() - new_ops.keys()):
            self._add(old_ops[key][0], f"{key} removed", True)
        for key in sorted(new_ops.keys() - old_ops.keys()):
            self._add(new_ops[key][0], f"{key} added", False)
        for key in sorted(old_ops.keys() & new_ops.keys()):
            (_, old_op, webhook), (at, new_op, _) = old_ops[key], new_ops[key]
            self._operation(key, at, old_op, new_op, webhook)
        old_schemas = self.old_doc.get("components", {}).get("schemas", {})
        new_schemas = self.new_doc.get("components", {}).get("schemas", {})
        for name in sorted(old_schemas.keys() - new_schemas.keys()):
            message = "schema removed (the type generated from it disappears)"
            self._add(f"#/components/schemas/{_escape(name)}", message, True)
        for name in sorted(new_schemas.keys() - old_schemas.keys()):
            self._add(f"#/components/schemas/{_escape(name)}", "schema added", False)
        unique: dict[tuple[str, str, bool], Change] = {}
        for change in self.changes:
            unique.setdefault((change.where, change.message, change.breaking), change)
        return sorted(unique.values(), key=lambda c: (not c.breaking, c.where, c.message))

    def _add(self, where: str, message: str, breaking: bool, context: str = "") -> None:
        self.changes.append(Change(where, message, breaking, context))

    def _schemas(self, old: Any, new: Any, where: str, role: Role, context: str) -> None:
        comparer = SchemaComparer(self.old_doc, self.new_doc, role, context)
        comparer.compare(old, new, where)
        self.changes.extend(comparer.changes)

    def _servers_and_security(self) -> None:
        old_urls = {s.get("url") for s in self.old_doc.get("servers", [])}
        new_urls = {s.get("url") for s in self.new_doc.get("servers", [])}
        for url in sorted(str(u) for u in old_urls - new_urls):
            self._add("#/servers", f"server {url} removed", True)
        old_schemes = self.old_doc.get("components", {}).get("securitySchemes", {})
        new_schemes = self.new_doc.get("components", {}).get("securitySchemes", {})
        for name in sorted(old_schemes.keys() | new_schemes.keys()):
            if old_schemes.get(name, {}).get("type") != new_schemes.get(name, {}).get("type") or {
                k: v for k, v in old_schemes.get(name, {}).items() if k != "description"
            } != {k: v for k, v in new_schemes.get(name, {}).items() if k != "description"}:
                self._add(f"#/components/securitySchemes/{_escape(name)}", "changed", True)
        if self.old_doc.get("security") != self.new_doc.get("security"):
            self._add("#/security", "default security requirements changed", True)

    def _operation(self, key: str, at: str, old: Json, new: Json, webhook: bool) -> None:
        # A webhook is a request the API sends: its roles are the other way round.
        writes_request = Role.OUTPUT if webhook else Role.INPUT
        writes_response = Role.INPUT if webhook else Role.OUTPUT
        if old.get("operationId") != new.get("operationId"):
            message = (
                f"operationId changed from {old.get('operationId')} to {new.get('operationId')}"
            )
            self._add(f"{at}/operationId", message, True, key)
        if old.get("security") != new.get("security"):
            self._add(f"{at}/security", "security requirements changed", True, key)
        self._parameters_of(key, at, old, new, writes_request)
        self._request_body(key, at, old, new, writes_request)
        old_responses: Json = old.get("responses", {})
        new_responses: Json = new.get("responses", {})
        for status in sorted(old_responses.keys() - new_responses.keys()):
            self._add(f"{at}/responses/{status}", "response removed", True, key)
        for status in sorted(new_responses.keys() - old_responses.keys()):
            self._add(f"{at}/responses/{status}", "response added", False, key)
        for status in sorted(old_responses.keys() & new_responses.keys()):
            old_response, _ = resolve(self.old_doc, old_responses[status])
            new_response, _ = resolve(self.new_doc, new_responses[status])
            where = f"{at}/responses/{status}"
            self._content(key, where, old_response, new_response, writes_response)
            self._headers(key, where, old_response, new_response, writes_response)
            self._links(key, where, old_response, new_response)

    def _parameters_of(self, key: str, at: str, old: Json, new: Json, role: Role) -> None:
        path = key.split(" ")[-1]
        old_params = _parameters(self.old_doc, old, self.old_doc.get("paths", {}).get(path, {}))
        new_params = _parameters(self.new_doc, new, self.new_doc.get("paths", {}).get(path, {}))
        for place, name in sorted(old_params.keys() - new_params.keys()):
            self._add(f"{at}/parameters", f"{place} parameter {name!r} removed", True, key)
        for place, name in sorted(new_params.keys() - old_params.keys()):
            required = bool(new_params[(place, name)].get("required"))
            breaking = required and role is Role.INPUT
            kind = "required" if required else "optional"
            self._add(f"{at}/parameters", f"{kind} {place} parameter {name!r} added", breaking, key)
        for place, name in sorted(old_params.keys() & new_params.keys()):
            before, after = old_params[(place, name)], new_params[(place, name)]
            where = f"{at}/parameters/{place}/{_escape(name)}"
            if bool(before.get("required")) != bool(after.get("required")):
                effect = Effect.NARROWS if after.get("required") else Effect.WIDENS
                breaking = is_breaking(effect, role)
                self._add(
                    where, f"required changed to {bool(after.get('required'))}", breaking, key
                )
            if before.get("style") != after.get("style") or before.get("explode") != after.get(
                "explode"
            ):
                self._add(where, "serialization (style/explode) changed", True, key)
            self._schemas(before.get("schema", True), after.get("schema", True), where, role, key)

    def _request_body(self, key: str, at: str, old: Json, new: Json, role: Role) -> None:
        if "requestBody" not in old and "requestBody" not in new:
            return
        where = f"{at}/requestBody"
        if "requestBody" not in new:
            self._add(where, "request body removed", True, key)
            return
        before, _ = resolve(self.old_doc, old.get("requestBody", {}))
        after, _ = resolve(self.new_doc, new["requestBody"])
        if bool(before.get("required")) != bool(after.get("required")):
            effect = Effect.NARROWS if after.get("required") else Effect.WIDENS
            message = f"request body required changed to {bool(after.get('required'))}"
            self._add(where, message, is_breaking(effect, role), key)
        self._content(key, where, before, after, role)

    def _content(self, key: str, at: str, old: Json, new: Json, role: Role) -> None:
        old_content: Json = old.get("content", {})
        new_content: Json = new.get("content", {})
        for media in sorted(old_content.keys() - new_content.keys()):
            self._add(f"{at}/content", f"media type {media} removed", True, key)
        for media in sorted(new_content.keys() - old_content.keys()):
            self._add(f"{at}/content", f"media type {media} added", role is Role.OUTPUT, key)
        for media in sorted(old_content.keys() & new_content.keys()):
            where = f"{at}/content/{_escape(media)}/schema"
            old_schema = old_content[media].get("schema", True)
            new_schema = new_content[media].get("schema", True)
            self._schemas(old_schema, new_schema, where, role, key)

    def _headers(self, key: str, at: str, old: Json, new: Json, role: Role) -> None:
        old_headers = {k.lower(): v for k, v in old.get("headers", {}).items()}
        new_headers = {k.lower(): v for k, v in new.get("headers", {}).items()}
        for name in sorted(old_headers.keys() - new_headers.keys()):
            self._add(f"{at}/headers", f"header {name!r} removed", True, key)
        for name in sorted(old_headers.keys() & new_headers.keys()):
            before, _ = resolve(self.old_doc, old_headers[name])
            after, _ = resolve(self.new_doc, new_headers[name])
            where = f"{at}/headers/{_escape(name)}"
            self._schemas(before.get("schema", True), after.get("schema", True), where, role, key)

    def _links(self, key: str, at: str, old: Json, new: Json) -> None:
        old_links: Json = old.get("links", {})
        new_links: Json = new.get("links", {})
        for name in sorted(old_links.keys() | new_links.keys()):
            where = f"{at}/links/{_escape(name)}"
            before = {k: v for k, v in old_links.get(name, {}).items() if k != "description"}
            after = {k: v for k, v in new_links.get(name, {}).items() if k != "description"}
            if name not in new_links:
                self._add(where, "link removed", True, key)
            elif name not in old_links:
                self._add(where, "link added", False, key)
            elif before != after:
                self._add(where, "link target or parameters changed", True, key)


def compare_documents(old_doc: Json, new_doc: Json) -> list[Change]:
    """Compare a released document with the current one.

    Args:
        old_doc: The released document.
        new_doc: The current document.

    Returns:
        Every difference of the contract (descriptions and examples are not compared),
        breaking ones first.
    """
    return DocumentComparer(old_doc, new_doc).run()
