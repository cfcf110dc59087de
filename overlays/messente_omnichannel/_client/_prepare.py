"""Request bodies: checked against the spec, then encoded once into the bytes that are sent.

What :func:`validate` accepts is exactly what a send puts on the wire: the checked JSON is
encoded once, and those bytes are the request body of every attempt.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from uuid import UUID

from messente_omnichannel._builders.omnimessage import Omnimessage
from messente_omnichannel._errors import InvalidMessageError, Problem
from messente_omnichannel._numbers import with_number_hint
from messente_omnichannel._validation import Path, format_path, schema_problems

MessageLike = Omnimessage | Mapping[str, Any]
"""An omnimessage: built with :class:`Omnimessage`, or the API's JSON as a mapping."""


def _as_json(message: MessageLike) -> dict[str, Any]:
    if isinstance(message, Omnimessage):
        # Not a copy: validating and encoding only read it (the deep copy of to_dict() cost
        # about a quarter of preparing an omnimessage).
        return message._json()
    if isinstance(message, Mapping):
        return dict(message)
    raise InvalidMessageError(
        [
            Problem(
                "",
                f"must be an Omnimessage or a mapping of the API's JSON, not "
                f"{type(message).__name__}",
            )
        ]
    )


def _encode(schema_name: str, data: dict[str, Any]) -> bytes:
    problems = schema_problems(schema_name, data)
    if problems:
        raise with_number_hint(InvalidMessageError(problems))
    try:
        # Not ASCII-escaped: UTF-8 is shorter for non-Latin text, and a lone surrogate (which no
        # UTF-8 decoder on the server could read) is refused here instead of sent.
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        where = format_path(_path_to(data, bad) or ())
        message = f"holds {bad!r}, which is not Unicode text (a lone surrogate); remove it"
        raise InvalidMessageError([Problem(where, message)]) from None
    except (TypeError, ValueError) as exc:
        raise InvalidMessageError([Problem("", f"is not JSON: {exc}")]) from None


def _path_to(node: Any, bad: str, path: Path = ()) -> Path | None:
    """Return where a string holding ``bad`` sits in decoded JSON, if anywhere."""
    if isinstance(node, str):
        return path if bad in node else None
    if isinstance(node, Mapping):
        children: Iterable[tuple[str | int, Any]] = node.items()
    elif isinstance(node, list):
        children = enumerate(node)
    else:
        return None
    for key, child in children:
        found = _path_to(child, bad, (*path, key))
        if found is not None:
            return found
    return None


def prepare_omnimessage(message: MessageLike) -> bytes:
    """Check an omnimessage and encode it as the body of ``POST /omnimessage``.

    Args:
        message: The omnimessage, built or as the API's JSON.

    Returns:
        The exact bytes that will be sent.

    Raises:
        InvalidMessageError: With every problem found, each with its field path.
    """
    return _encode("Omnimessage", _as_json(message))


def prepare_bulk(messages: Iterable[MessageLike]) -> bytes:
    """Check omnimessages and encode them as the body of ``POST /omnimessages``.

    Args:
        messages: The omnimessages.

    Returns:
        The exact bytes that will be sent.

    Raises:
        InvalidMessageError: With every problem found, paths starting at ``messages[i]``.
    """
    return _encode("BulkOmnimessage", {"messages": [_as_json(m) for m in messages]})


def join_bulk(items: Sequence[bytes]) -> bytes:
    """Join omnimessages encoded by :func:`prepare_omnimessage` into one bulk body.

    The result is byte for byte what :func:`prepare_bulk` writes for the same omnimessages:
    ``BulkOmnimessage`` adds nothing to check beyond each item being an ``Omnimessage``.

    Args:
        items: Encoded omnimessages, at least one.

    Returns:
        The body of ``POST /omnimessages``.
    """
    return b'{"messages":[' + b",".join(items) + b"]}"


def validate(message: MessageLike) -> None:
    """Check an omnimessage as :meth:`Omnichannel.send` does, without sending it.

    Args:
        message: The omnimessage, built or as the API's JSON.

    Raises:
        InvalidMessageError: With every problem found, each with its field path.
    """
    prepare_omnimessage(message)


def omnimessage_uuid(value: UUID | str) -> UUID:
    """Check an omnimessage ID.

    Args:
        value: The ID returned by a send.

    Returns:
        The ID as a UUID.

    Raises:
        InvalidMessageError: It is not a UUID.
    """
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise InvalidMessageError(
            [Problem("omnimessage_id", f"{value!r} is not a UUID such as the one send() returns")]
        ) from None
