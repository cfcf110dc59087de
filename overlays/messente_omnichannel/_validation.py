"""Client-side validation: request bodies checked by the spec's own schemas before sending.

The checks themselves are :mod:`messente_omnichannel._schema_check`, shared with the sandbox, so
the client refuses what the sandbox refuses, in the same words.
"""

from typing import Any

from messente_omnichannel._errors import InvalidMessageError
from messente_omnichannel._schema_check import schema_problems

__all__ = ["schema_problems", "validate_bulk", "validate_omnimessage"]


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
