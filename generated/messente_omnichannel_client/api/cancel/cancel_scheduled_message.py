from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cancelled_omnimessage import CancelledOmnimessage
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    omnimessage_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/omnimessage/{omnimessage_id}".format(
            omnimessage_id=quote(str(omnimessage_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CancelledOmnimessage | ErrorResponse | None:
    if response.status_code == 202:
        response_202 = CancelledOmnimessage.from_dict(response.json())

        return response_202

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
) -> Response[CancelledOmnimessage | ErrorResponse]:
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
) -> Response[CancelledOmnimessage | ErrorResponse]:
    """Cancel a scheduled omnimessage

     Cancels an omnimessage whose `time_to_send` has not come yet. Once it has started sending it can no
    longer be cancelled, and the answer is 404. A cancelled omnimessage is gone: its delivery report
    answers 404 too.

    Args:
        omnimessage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelledOmnimessage | ErrorResponse]
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
) -> CancelledOmnimessage | ErrorResponse | None:
    """Cancel a scheduled omnimessage

     Cancels an omnimessage whose `time_to_send` has not come yet. Once it has started sending it can no
    longer be cancelled, and the answer is 404. A cancelled omnimessage is gone: its delivery report
    answers 404 too.

    Args:
        omnimessage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelledOmnimessage | ErrorResponse
    """

    return sync_detailed(
        omnimessage_id=omnimessage_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    omnimessage_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[CancelledOmnimessage | ErrorResponse]:
    """Cancel a scheduled omnimessage

     Cancels an omnimessage whose `time_to_send` has not come yet. Once it has started sending it can no
    longer be cancelled, and the answer is 404. A cancelled omnimessage is gone: its delivery report
    answers 404 too.

    Args:
        omnimessage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelledOmnimessage | ErrorResponse]
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
) -> CancelledOmnimessage | ErrorResponse | None:
    """Cancel a scheduled omnimessage

     Cancels an omnimessage whose `time_to_send` has not come yet. Once it has started sending it can no
    longer be cancelled, and the answer is 404. A cancelled omnimessage is gone: its delivery report
    answers 404 too.

    Args:
        omnimessage_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelledOmnimessage | ErrorResponse
    """

    return (
        await asyncio_detailed(
            omnimessage_id=omnimessage_id,
            client=client,
        )
    ).parsed
