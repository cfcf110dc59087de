"""Logging through ``logging.getLogger("messente_omnichannel")``, secrets redacted.

httpx and httpcore log what a server answered (httpcore's DEBUG lines hold the status line and
the response headers), and a server may echo the credentials there. Each client registers its
credentials with :data:`secret_filter`, installed on those loggers, which redacts them from
every record before any handler sees it.
"""

import logging
import threading
import weakref
from collections.abc import Iterable
from typing import Protocol

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


class _Scrubber(Protocol):
    def scrub(self, text: str) -> str: ...


# A logger's filters see only the records logged on that logger, not those its children pass
# up, so each logger httpx and httpcore write to is named.
_THIRD_PARTY_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


class SecretFilter(logging.Filter):
    """Redacts the secrets of every live client from log records, whoever logs them."""

    def __init__(self) -> None:
        super().__init__()
        # Weak: a closed and forgotten client's password does not stay reachable from here.
        self._owners: weakref.WeakSet[_Scrubber] = weakref.WeakSet()
        self._installed = False
        self._lock = threading.Lock()

    def protect(self, owner: _Scrubber) -> None:
        """Redact ``owner``'s secrets from now on, and install the filter on first use.

        Args:
            owner: Something that knows its secrets (a client's credentials).
        """
        with self._lock:
            self._owners.add(owner)
            install, self._installed = not self._installed, True
        if install:
            for name in (logger.name, *_THIRD_PARTY_LOGGERS):
                logging.getLogger(name).addFilter(self)

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message without secrets; never drops a record."""
        with self._lock:
            owners = list(self._owners)
        if not owners:
            return True
        message = record.getMessage()
        scrubbed = message
        for owner in owners:
            scrubbed = owner.scrub(scrubbed)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


secret_filter = SecretFilter()
"""The one filter of this process; :meth:`SecretFilter.protect` registers credentials."""
