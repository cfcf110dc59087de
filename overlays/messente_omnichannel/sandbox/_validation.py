"""Requests checked against ``openapi.yaml`` itself, and rejections a person can act on.

The checks are :mod:`messente_omnichannel._validation`, shared with the client: each
operation's request body and path parameters are checked by the spec's own schemas, compiled
once with ``jsonschema_rs``, so a valid request costs microseconds. Here each problem becomes an
error item: ``106 Missing data`` for an absent required field, ``105 Invalid data`` otherwise,
with the field path as ``source`` and the problem's message as ``detail``.
"""

from collections.abc import Sequence
from typing import Any

from messente_omnichannel._validation import (
    SchemaCheck,
    Violation,
    calendar_problems,
    dlr_url_problems,
    parse_datetime,
    send_time_problems,
    too_deep,
    uncheckable,
)
from messente_omnichannel.sandbox._errors import ErrorEntry, ErrorKind

__all__ = ["SpecValidator", "check_rules", "parse_datetime"]

_METHODS = ("get", "put", "post", "delete", "patch")


class SpecValidator:
    """The request checks of every operation, from the spec.

    Args:
        spec: The parsed OpenAPI document.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        self._check = SchemaCheck(spec.get("components", {}))
        self._bodies: dict[str, str] = {}
        self._params: dict[tuple[str, str], str] = {}
        for item in spec["paths"].values():
            for method, operation in item.items():
                if method not in _METHODS:
                    continue
                op_id = operation["operationId"]
                content = operation.get("requestBody", {}).get("content", {})
                if "application/json" in content:
                    schema = content["application/json"]["schema"]
                    self._bodies[op_id] = self._check.ref_for(schema)
                for param in [*item.get("parameters", []), *operation.get("parameters", [])]:
                    param = _resolve(spec, param)
                    self._params[op_id, param["name"]] = self._check.ref_for(param["schema"])
        for ref in [*self._bodies.values(), *self._params.values()]:
            self._check.is_valid(ref, None)  # compile now, not on the first request

    def check_body(self, operation_id: str, body: Any) -> list[ErrorEntry]:
        """Check a parsed request body against the operation's schema.

        Args:
            operation_id: The operation.
            body: The parsed JSON body.

        Returns:
            The errors; empty when the body is valid.

        Raises:
            ValueError: ``jsonschema_rs`` cannot represent the body (an integer beyond 64 bits).
        """
        try:
            return _error_entries(self._check.violations(self._bodies[operation_id], body))
        except RecursionError as exc:
            return _error_entries([uncheckable(body, exc)])
        except ValueError as exc:
            if not too_deep(body):
                raise
            return _error_entries([uncheckable(body, exc)])

    def check_param(self, operation_id: str, name: str, value: str) -> list[ErrorEntry]:
        """Check a path parameter.

        Args:
            operation_id: The operation.
            name: The parameter's name.
            value: Its raw value.

        Returns:
            The errors; empty when the value is valid.
        """
        ref = self._params[operation_id, name]
        return _error_entries(self._check.violations(ref, value, prefix=(name,)))


def check_rules(body: dict[str, Any], prefix: Sequence[str | int] = ()) -> list[ErrorEntry]:
    """Check the rules of one schema-valid omnimessage that JSON Schema cannot state.

    Args:
        body: The omnimessage.
        prefix: Where it sits in the request body (for bulk requests).

    Returns:
        The errors; empty when every rule holds.
    """
    at = tuple(prefix)
    return _error_entries(
        [
            *calendar_problems(body, at),
            *send_time_problems(body, at),
            *dlr_url_problems(body, at),
        ]
    )


def _error_entries(violations: Sequence[Violation]) -> list[ErrorEntry]:
    errors = []
    for violation in violations:
        kind = ErrorKind.MISSING_DATA if violation.missing else ErrorKind.INVALID_DATA
        problem = violation.problem
        detail = problem.message
        if not problem.path and detail[:1].islower():
            detail = f"The request body {detail}."  # with no source, say what the message is of
        errors.append(ErrorEntry(kind, detail, problem.path or None))
    return errors


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node and len(node) == 1:
        for part in node["$ref"].removeprefix("#/").split("/"):
            spec = spec[part]
        node = spec
    return node
