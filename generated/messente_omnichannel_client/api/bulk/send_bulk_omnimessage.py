from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_omnimessage import BulkOmnimessage
from ...models.bulk_omnimessage_created import BulkOmnimessageCreated
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: BulkOmnimessage,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/omnimessages",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BulkOmnimessageCreated | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = BulkOmnimessageCreated.from_dict(response.json())

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
) -> Response[BulkOmnimessageCreated | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BulkOmnimessage,
) -> Response[BulkOmnimessageCreated | ErrorResponse]:
    """Send many omnimessages

     Sends each omnimessage in `messages` as `sendOmnimessage` would. The answer has one item per
    omnimessage, in order: either its created omnimessage or its error body. A 201 therefore does not
    mean every omnimessage was accepted; check each item. The rules listed under `sendOmnimessage` apply
    to each omnimessage. A body that does not match `BulkOmnimessage` (any item included) is refused as
    a whole with 400; the per-item errors report what only the API can check.

    Args:
        body (BulkOmnimessage): Several omnimessages sent in one request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkOmnimessageCreated | ErrorResponse]
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
    body: BulkOmnimessage,
) -> BulkOmnimessageCreated | ErrorResponse | None:
    """Send many omnimessages

     Sends each omnimessage in `messages` as `sendOmnimessage` would. The answer has one item per
    omnimessage, in order: either its created omnimessage or its error body. A 201 therefore does not
    mean every omnimessage was accepted; check each item. The rules listed under `sendOmnimessage` apply
    to each omnimessage. A body that does not match `BulkOmnimessage` (any item included) is refused as
    a whole with 400; the per-item errors report what only the API can check.

    Args:
        body (BulkOmnimessage): Several omnimessages sent in one request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkOmnimessageCreated | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BulkOmnimessage,
) -> Response[BulkOmnimessageCreated | ErrorResponse]:
    """Send many omnimessages

     Sends each omnimessage in `messages` as `sendOmnimessage` would. The answer has one item per
    omnimessage, in order: either its created omnimessage or its error body. A 201 therefore does not
    mean every omnimessage was accepted; check each item. The rules listed under `sendOmnimessage` apply
    to each omnimessage. A body that does not match `BulkOmnimessage` (any item included) is refused as
    a whole with 400; the per-item errors report what only the API can check.

    Args:
        body (BulkOmnimessage): Several omnimessages sent in one request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkOmnimessageCreated | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BulkOmnimessage,
) -> BulkOmnimessageCreated | ErrorResponse | None:
    """Send many omnimessages

     Sends each omnimessage in `messages` as `sendOmnimessage` would. The answer has one item per
    omnimessage, in order: either its created omnimessage or its error body. A 201 therefore does not
    mean every omnimessage was accepted; check each item. The rules listed under `sendOmnimessage` apply
    to each omnimessage. A body that does not match `BulkOmnimessage` (any item included) is refused as
    a whole with 400; the per-item errors report what only the API can check.

    Args:
        body (BulkOmnimessage): Several omnimessages sent in one request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkOmnimessageCreated | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
