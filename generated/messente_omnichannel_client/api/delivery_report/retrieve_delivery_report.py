from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_report import DeliveryReport
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    omnimessage_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/omnimessage/{omnimessage_id}/status".format(
            omnimessage_id=quote(str(omnimessage_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeliveryReport | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DeliveryReport.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

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
) -> Response[DeliveryReport | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    omnimessage_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[DeliveryReport | ErrorResponse]:
    """Retrieve the delivery report of an omnimessage

     Returns one delivery result per channel attempt, in send order. A channel that was not attempted yet
    has no entry; an attempt still being processed has `null` status, `err` and `error`.

    Args:
        omnimessage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryReport | ErrorResponse]
    """

    kwargs = _get_kwargs(
        omnimessage_id=omnimessage_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    omnimessage_id: UUID,
    *,
    client: AuthenticatedClient,
) -> DeliveryReport | ErrorResponse | None:
    """Retrieve the delivery report of an omnimessage

     Returns one delivery result per channel attempt, in send order. A channel that was not attempted yet
    has no entry; an attempt still being processed has `null` status, `err` and `error`.

    Args:
        omnimessage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryReport | ErrorResponse
    """

    return sync_detailed(
        omnimessage_id=omnimessage_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    omnimessage_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[DeliveryReport | ErrorResponse]:
    """Retrieve the delivery report of an omnimessage

     Returns one delivery result per channel attempt, in send order. A channel that was not attempted yet
    has no entry; an attempt still being processed has `null` status, `err` and `error`.

    Args:
        omnimessage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryReport | ErrorResponse]
    """

    kwargs = _get_kwargs(
        omnimessage_id=omnimessage_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    omnimessage_id: UUID,
    *,
    client: AuthenticatedClient,
) -> DeliveryReport | ErrorResponse | None:
    """Retrieve the delivery report of an omnimessage

     Returns one delivery result per channel attempt, in send order. A channel that was not attempted yet
    has no entry; an attempt still being processed has `null` status, `err` and `error`.

    Args:
        omnimessage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryReport | ErrorResponse
    """

    return (
        await asyncio_detailed(
            omnimessage_id=omnimessage_id,
            client=client,
        )
    ).parsed
