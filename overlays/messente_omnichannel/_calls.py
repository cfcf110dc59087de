"""Per-call state carried into httpx through event hooks.

The generated endpoint functions take no per-request auth or timeout and swallow the raw response
when its body fails to parse. The hooks put the call's ``Authorization`` header and timeout on the
request and keep the raw response, reading both from a context variable so that one shared
``httpx.Client`` serves many threads and tasks, and copies made by ``with_options``.
"""

import logging
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import httpx

from messente_omnichannel._logging import logger, redact_headers


@dataclass(slots=True)
class Call:
    """The state of one attempt.

    Attributes:
        authorization: Value of the ``Authorization`` header.
        timeout: httpx's timeout extension for the request.
        response: The raw response, once it arrives.
    """

    authorization: str = field(repr=False)
    timeout: dict[str, float]
    response: httpx.Response | None = None


current: ContextVar[Call | None] = ContextVar("messente_omnichannel_call", default=None)


def on_request(request: httpx.Request) -> None:
    """Apply the current call's auth and timeout to a request, and log it.

    Args:
        request: The outgoing request; untouched when no call of this package is running.
    """
    call = current.get()
    if call is None:
        return
    request.headers["Authorization"] = call.authorization
    request.extensions["timeout"] = call.timeout
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "HTTP request: %s %s headers=%s",
            request.method,
            request.url,
            redact_headers(request.headers.items()),
        )


def on_response(response: httpx.Response) -> None:
    """Keep the raw response of the current call, and log it.

    Args:
        response: The incoming response (its body is read afterwards by httpx).
    """
    call = current.get()
    if call is None:
        return
    call.response = response
    logger.debug(
        "HTTP response: %s %s -> %s",
        response.request.method,
        response.request.url,
        response.status_code,
    )


async def on_request_async(request: httpx.Request) -> None:
    """Async form of :func:`on_request`.

    Args:
        request: The outgoing request.
    """
    on_request(request)


async def on_response_async(response: httpx.Response) -> None:
    """Async form of :func:`on_response`.

    Args:
        response: The incoming response.
    """
    on_response(response)


def install(client: httpx.Client | httpx.AsyncClient, base_url: str) -> None:
    """Prepare an ``httpx`` client for this package: base URL and hooks.

    Args:
        client: A client built here or given by the user.
        base_url: The API's base URL.
    """
    client.base_url = httpx.URL(base_url)
    hooks = client.event_hooks
    pairs: tuple[tuple[str, Callable[..., Any]], ...] = (
        (("request", on_request_async), ("response", on_response_async))
        if isinstance(client, httpx.AsyncClient)
        else (("request", on_request), ("response", on_response))
    )
    for name, hook in pairs:
        if hook not in hooks[name]:
            hooks[name].append(hook)
    client.event_hooks = hooks
