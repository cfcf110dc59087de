from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.omnimessage import Omnimessage
from ...models.omnimessage_created import OmnimessageCreated
from ...types import Response


def _get_kwargs(
    *,
    body: Omnimessage,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/omnimessage",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | OmnimessageCreated | None:
    if response.status_code == 201:
        response_201 = OmnimessageCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | OmnimessageCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: Omnimessage,
) -> Response[ErrorResponse | OmnimessageCreated]:
    """Send an omnimessage

     Sends one message to `to` over the channels in `messages`, tried in list order.

    Rules JSON Schema cannot state, enforced by clients and by the sandbox:
    - `time_to_send` without a timezone is read as UTC, and its date must exist (the pattern
      alone lets 30 February through).
    - `create_calendar_event_action.end_time` must be after its `start_time`.
    - `dlr_url` must name a host, and its port, if it has one, must be from 1 to 65535.
    - A WhatsApp `template` must be approved by WhatsApp, and `sender` must be a sender registered
      for the account and channel; only the live API can check these.
    - There is no idempotency key: a request whose answer was lost may or may not have been
      accepted. Check before sending it again.

    Args:
        body (Omnimessage): An omnimessage to send to one recipient over an ordered fallback chain
            of channels.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OmnimessageCreated]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: Omnimessage,
) -> ErrorResponse | OmnimessageCreated | None:
    """Send an omnimessage

     Sends one message to `to` over the channels in `messages`, tried in list order.

    Rules JSON Schema cannot state, enforced by clients and by the sandbox:
    - `time_to_send` without a timezone is read as UTC, and its date must exist (the pattern
      alone lets 30 February through).
    - `create_calendar_event_action.end_time` must be after its `start_time`.
    - `dlr_url` must name a host, and its port, if it has one, must be from 1 to 65535.
    - A WhatsApp `template` must be approved by WhatsApp, and `sender` must be a sender registered
      for the account and channel; only the live API can check these.
    - There is no idempotency key: a request whose answer was lost may or may not have been
      accepted. Check before sending it again.

    Args:
        body (Omnimessage): An omnimessage to send to one recipient over an ordered fallback chain
            of channels.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OmnimessageCreated
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Omnimessage,
) -> Response[ErrorResponse | OmnimessageCreated]:
    """Send an omnimessage

     Sends one message to `to` over the channels in `messages`, tried in list order.

    Rules JSON Schema cannot state, enforced by clients and by the sandbox:
    - `time_to_send` without a timezone is read as UTC, and its date must exist (the pattern
      alone lets 30 February through).
    - `create_calendar_event_action.end_time` must be after its `start_time`.
    - `dlr_url` must name a host, and its port, if it has one, must be from 1 to 65535.
    - A WhatsApp `template` must be approved by WhatsApp, and `sender` must be a sender registered
      for the account and channel; only the live API can check these.
    - There is no idempotency key: a request whose answer was lost may or may not have been
      accepted. Check before sending it again.

    Args:
        body (Omnimessage): An omnimessage to send to one recipient over an ordered fallback chain
            of channels.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OmnimessageCreated]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: Omnimessage,
) -> ErrorResponse | OmnimessageCreated | None:
    """Send an omnimessage

     Sends one message to `to` over the channels in `messages`, tried in list order.

    Rules JSON Schema cannot state, enforced by clients and by the sandbox:
    - `time_to_send` without a timezone is read as UTC, and its date must exist (the pattern
      alone lets 30 February through).
    - `create_calendar_event_action.end_time` must be after its `start_time`.
    - `dlr_url` must name a host, and its port, if it has one, must be from 1 to 65535.
    - A WhatsApp `template` must be approved by WhatsApp, and `sender` must be a sender registered
      for the account and channel; only the live API can check these.
    - There is no idempotency key: a request whose answer was lost may or may not have been
      accepted. Check before sending it again.

    Args:
        body (Omnimessage): An omnimessage to send to one recipient over an ordered fallback chain
            of channels.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OmnimessageCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
