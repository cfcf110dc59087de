"""The three columns in this process: how each prepares a body, sends it, and over what.

The libraries under test are imported by name when a row asks for them, so a broken or missing
one turns into that column's error text instead of stopping the benchmark.
"""

import importlib
import json
from collections.abc import Callable
from typing import Any

import httpx
from benchmarks._message import RAW_HEADERS, SMS_JSON, ours_sms


def ours() -> Any:
    """Import our package.

    Returns:
        The ``messente_omnichannel`` module.
    """
    return importlib.import_module("messente_omnichannel")


def messente() -> Any:
    """Import Messente's SDK.

    Returns:
        The ``messente_api`` module.
    """
    return importlib.import_module("messente_api")


def ours_prepare() -> tuple[Callable[[Any], bytes], str | None]:
    """Find how our package turns a message into its request bytes.

    Returns:
        ``prepare_omnimessage`` of the client core, or (while it is missing) a stand-in of
        ``validate`` + ``json.dumps``, and a note saying which was used.
    """
    m = ours()
    try:
        prepare: Callable[[Any], bytes] = importlib.import_module(
            "messente_omnichannel._client._prepare"
        ).prepare_omnimessage
    except (ImportError, AttributeError) as exc:

        def fallback(message: Any) -> bytes:
            m.validate(message)
            return json.dumps(message.to_dict()).encode()

        note = (
            "ours' prepare: messente_omnichannel._client._prepare.prepare_omnimessage is "
            f"missing ({type(exc).__name__}); timed validate() + json.dumps(to_dict()) instead"
        )
        return fallback, note
    return prepare, None


def messente_prepare(api: Any) -> Callable[[Any], bytes]:
    """Return what Messente's send path does to a model before urllib3 sends it.

    ``OmnimessageApi.send_omnimessage`` passes the model to ``ApiClient.param_serialize``,
    which calls ``sanitize_for_serialization`` (the model's ``to_dict``); its REST client then
    ``json.dumps`` the result, and urllib3 encodes that string as UTF-8.

    Args:
        api: The ``messente_api`` module.

    Returns:
        A function from a ``messente_api.Omnimessage`` to its request bytes.
    """
    client = api.ApiClient(api.Configuration())
    return lambda om: json.dumps(client.sanitize_for_serialization(om)).encode("utf-8")


def sms_body() -> bytes:
    """Return the bytes the raw httpx column sends: ours' prepared bytes when ours works.

    Returns:
        The body of the one-channel SMS omnimessage.
    """
    try:
        prepare, _ = ours_prepare()
        return prepare(ours_sms(ours()))
    except Exception:
        return json.dumps(SMS_JSON, separators=(",", ":")).encode()


def raw_sync_send(client: httpx.Client, url: str, body: bytes) -> Any:
    """Post the bytes as a minimal httpx-based client would, and parse the answer.

    Args:
        client: The httpx client.
        url: The full URL of ``POST /omnimessage``.
        body: The request body.

    Returns:
        The parsed JSON answer.

    Raises:
        RuntimeError: The peer did not answer 201.
    """
    response = client.post(url, content=body, headers=RAW_HEADERS)
    if response.status_code != 201:
        raise RuntimeError(f"raw httpx got {response.status_code}")
    return response.json()


async def raw_async_send(client: httpx.AsyncClient, url: str, body: bytes) -> Any:
    """Post the bytes from an ``httpx.AsyncClient``; see :func:`raw_sync_send`.

    Args:
        client: The httpx client.
        url: The full URL of ``POST /omnimessage``.
        body: The request body.

    Returns:
        The parsed JSON answer.

    Raises:
        RuntimeError: The peer did not answer 201.
    """
    response = await client.post(url, content=body, headers=RAW_HEADERS)
    if response.status_code != 201:
        raise RuntimeError(f"raw httpx got {response.status_code}")
    return response.json()


def transport_name(client: object) -> str:
    """Name the transport a client sends through.

    Args:
        client: An httpx client, or one of ours (which keeps its own transport the same way).

    Returns:
        ``module.Class`` of its transport, or ``unknown``.
    """
    transport = getattr(client, "_transport", None)
    if transport is None:
        return "unknown"
    cls = type(transport)
    return f"{cls.__module__}.{cls.__qualname__}"
