"""Logging through ``logging.getLogger("messente_omnichannel")``, secrets redacted.

httpx and httpcore log what a server answered (httpcore's DEBUG lines hold the status line and
the response headers), and a server may echo the credentials there. Each client registers its
credentials with :data:`secret_filter`, installed on those loggers, which redacts them from
every record before any handler sees it.

``MESSENTE_LOG=debug`` (or ``info``) switches logging on without code, as Stainless SDKs'
``ANTHROPIC_LOG`` does: see :func:`log_from_environment`.
"""

import logging
import os
import threading
import weakref
from collections.abc import Iterable, Mapping
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


LOG_ENV = "MESSENTE_LOG"
"""The environment variable that switches logging on: ``debug`` or ``info``."""
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_FORMAT = "[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"


def log_from_environment(environ: Mapping[str, str] = os.environ) -> int | None:
    """Switch logging on when ``MESSENTE_LOG`` asks for it; runs once, at import.

    ``info`` logs each retry and each send or cancel whose outcome is unknown; ``debug`` adds
    every request (its headers with ``Authorization`` redacted) and every answer's status. The
    ``httpx`` logger gets the same level, for an ``httpx.Client`` given as ``http_client``
    (its line per request). Where the application has configured no logging, the lines go to stderr
    (``logging.basicConfig``); otherwise to its handlers. Another value changes nothing.

    Args:
        environ: Where to read the variable.

    Returns:
        The level set on the ``messente_omnichannel`` and ``httpx`` loggers, or ``None``.
    """
    level = _LEVELS.get(environ.get(LOG_ENV, "").strip().lower())
    if level is None:
        return None
    logging.basicConfig(format=_FORMAT)
    for name in (logger.name, "httpx"):
        logging.getLogger(name).setLevel(level)
    return level


log_from_environment()
