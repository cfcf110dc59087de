"""Logging through ``logging.getLogger("messente_omnichannel")``, secrets redacted."""

import logging
from collections.abc import Iterable

logger = logging.getLogger("messente_omnichannel")
# A library leaves output to the application: without this, logging's last-resort handler would
# print every warning to stderr a second time, beside the exception that reports it.
logger.addHandler(logging.NullHandler())

_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Return headers fit for a log line.

    Args:
        headers: Header names and values.

    Returns:
        The headers, with ``Authorization`` and other secrets replaced by ``<redacted>``.
    """
    return {
        name: "<redacted>" if name.lower() in _SECRET_HEADERS else value for name, value in headers
    }
