"""End to end: the generated ``api/`` functions, on their own, against the sandbox in-process.

The overlay does not go through them, so this is what keeps them a working typed client. The
generated endpoint functions take an ``AuthenticatedClient`` (the spec secures every operation),
which knows only ``<prefix> <token>`` headers: basic auth is the prefix ``Basic`` with the
base64 of ``username:password`` as the token.
"""

import base64
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME, ManualClock, Sandbox
from messente_omnichannel_client import AuthenticatedClient, Client, models
from messente_omnichannel_client.api.bulk import send_bulk_omnimessage
from messente_omnichannel_client.api.cancel import cancel_scheduled_message
from messente_omnichannel_client.api.delivery_report import retrieve_delivery_report
from messente_omnichannel_client.api.omnimessage import send_omnimessage
from messente_omnichannel_client.models import DeliveryStatus, ErrorCode, ErrorResponse
from messente_omnichannel_client.types import Response

BASE_URL = "http://sandbox/v1"
WRONG_PASSWORD = "not-the-demo-password"  # noqa: S105 - a deliberately wrong test credential
START = datetime(2030, 1, 1, tzinfo=UTC)
CHAIN: dict[str, Any] = {
    "to": "+37251000001",  # the sandbox fails the first channel and delivers the second
    "messages": [
        {
            "channel": "whatsapp",
            "sender": "MyBrand",
            "template": {
                "name": "order_update",
                "language": {"code": "en"},
                "components": [{"type": "body", "parameters": [{"type": "text", "text": "4242"}]}],
            },
        },
        {"channel": "viber", "sender": "MyBrand", "text": "Your order 4242 has shipped."},
        {"channel": "sms", "sender": "MyBrand", "text": "Your order 4242 has shipped."},
    ],
}


def basic_token(username: str, password: str) -> str:
    return base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.fixture
def sandbox() -> Iterator[Sandbox[ManualClock]]:
    reports = httpx.MockTransport(lambda request: httpx.Response(200))
    with Sandbox(clock=ManualClock(start=START), dlr_transport=reports) as sb:
        yield sb


def authenticated(
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport, password: str = DEMO_PASSWORD
) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=BASE_URL,
        token=basic_token(DEMO_USERNAME, password),
        prefix="Basic",
        httpx_args={"transport": transport},
        raise_on_unexpected_status=True,
    )


@pytest.fixture
def api(sandbox: Sandbox[ManualClock]) -> Iterator[AuthenticatedClient]:
    with authenticated(sandbox.transport()) as client:
        yield client


def created_id(response: Response[ErrorResponse | models.OmnimessageCreated]) -> UUID:
    """The ``omnimessage_id`` of a 201, checked to be one."""
    assert response.status_code == 201, response.content
    assert isinstance(response.parsed, models.OmnimessageCreated)
    return response.parsed.omnimessage_id


def error_of(response: Response[Any], status: int) -> models.ErrorItem:
    """The single error item of an error answer, checked to have the status."""
    assert response.status_code == status, response.content
    assert isinstance(response.parsed, ErrorResponse)
    (item,) = response.parsed.errors
    assert isinstance(item, models.ErrorItem)
    return item


def test_send_omnimessage(api: AuthenticatedClient, sandbox: Sandbox[ManualClock]) -> None:
    response = send_omnimessage.sync_detailed(client=api, body=models.Omnimessage.from_dict(CHAIN))
    assert created_id(response) == sandbox.ledger.entries[0].omnimessage_id
    created = response.parsed
    assert isinstance(created, models.OmnimessageCreated)
    assert created.to == CHAIN["to"]
    assert [str(m.channel) for m in created.messages] == ["whatsapp", "viber", "sms"]
    assert all(isinstance(m.message_id, UUID) and m.sender == "MyBrand" for m in created.messages)


def test_send_bulk_omnimessage_answers_per_item(
    api: AuthenticatedClient, sandbox: Sandbox[ManualClock]
) -> None:
    # Schema-valid, but its calendar event ends before it starts: only that item is refused.
    event = {
        "start_time": "2030-06-22T10:00:00+00:00",
        "end_time": "2030-06-22T09:00:00+00:00",
        "title": "Parcel delivery",
        "description": "Your parcel arrives.",
    }
    rcs = {
        "channel": "rcs",
        "sender": "MyBrand",
        "text": "Add the delivery to your calendar?",
        "suggestions": [{"action": {"text": "Add", "create_calendar_event_action": event}}],
    }
    body = models.BulkOmnimessage.from_dict(
        {"messages": [CHAIN, {"to": "+37251000000", "messages": [rcs]}]}
    )
    response = send_bulk_omnimessage.sync_detailed(client=api, body=body)
    assert response.status_code == 201, response.content
    assert isinstance(response.parsed, models.BulkOmnimessageCreated)
    accepted, refused = response.parsed.messages
    assert isinstance(accepted, models.OmnimessageCreated)
    assert accepted.to == CHAIN["to"]
    assert isinstance(refused, ErrorResponse)
    (error,) = refused.errors
    assert error.code == ErrorCode.INVALID_DATA
    assert error.source is not None and error.source.endswith("end_time")
    assert [entry.omnimessage_id for entry in sandbox.ledger] == [accepted.omnimessage_id]


def test_retrieve_delivery_report(api: AuthenticatedClient, sandbox: Sandbox[ManualClock]) -> None:
    sent = send_omnimessage.sync_detailed(client=api, body=models.Omnimessage.from_dict(CHAIN))
    omnimessage_id = created_id(sent)
    sandbox.clock.advance(600)
    response = retrieve_delivery_report.sync_detailed(omnimessage_id, client=api)
    assert response.status_code == 200, response.content
    report = response.parsed
    assert isinstance(report, models.DeliveryReport)
    assert report.omnimessage_id == omnimessage_id
    assert report.to == CHAIN["to"]
    first, second = report.statuses
    assert (first.channel, first.status) == (models.Channel.WHATSAPP, DeliveryStatus.UNDELIV)
    assert (second.channel, second.status) == (models.Channel.VIBER, DeliveryStatus.DELIVRD)
    assert isinstance(second.price_info, models.PriceInfo)


def test_retrieve_an_unknown_omnimessage_is_a_parsed_404(api: AuthenticatedClient) -> None:
    response = retrieve_delivery_report.sync_detailed(uuid4(), client=api)
    assert error_of(response, 404).code == ErrorCode.NOT_FOUND


def test_cancel_a_scheduled_message_then_cancel_again(
    api: AuthenticatedClient, sandbox: Sandbox[ManualClock]
) -> None:
    later = sandbox.clock.now() + timedelta(hours=1)
    body = {**CHAIN, "time_to_send": later.isoformat()}
    omnimessage_id = created_id(
        send_omnimessage.sync_detailed(client=api, body=models.Omnimessage.from_dict(body))
    )
    cancelled = cancel_scheduled_message.sync_detailed(omnimessage_id, client=api)
    assert cancelled.status_code == 202, cancelled.content
    assert isinstance(cancelled.parsed, models.CancelledOmnimessage)

    again = cancel_scheduled_message.sync_detailed(omnimessage_id, client=api)
    item = error_of(again, 404)
    assert item.code == ErrorCode.NOT_FOUND
    assert item.title == models.ErrorTitle.NOT_FOUND
    assert str(omnimessage_id) in item.detail
    # A cancelled omnimessage is gone: its delivery report is a 404 too.
    report = retrieve_delivery_report.sync_detailed(omnimessage_id, client=api)
    assert error_of(report, 404).code == ErrorCode.NOT_FOUND


def test_wrong_credentials_are_a_parsed_401(sandbox: Sandbox[ManualClock]) -> None:
    with authenticated(sandbox.transport(), password=WRONG_PASSWORD) as client:
        response = send_omnimessage.sync_detailed(
            client=client, body=models.Omnimessage.from_dict(CHAIN)
        )
    item = error_of(response, 401)
    assert item.code == ErrorCode.UNAUTHORIZED
    assert WRONG_PASSWORD not in response.content.decode()
    assert response.headers["WWW-Authenticate"].startswith("Basic ")
    assert len(sandbox.ledger) == 0


def test_a_plain_client_with_httpx_basic_auth_works_at_run_time(
    sandbox: Sandbox[ManualClock],
) -> None:
    """The recipe of the tooling notes: ``Client`` plus ``httpx.BasicAuth``.

    It works, but the endpoint functions are typed to take an ``AuthenticatedClient`` only, so
    a type checker refuses it; the other tests use ``AuthenticatedClient`` with ``Basic``.
    """
    auth = httpx.BasicAuth(DEMO_USERNAME, DEMO_PASSWORD)
    plain = Client(base_url=BASE_URL, httpx_args={"transport": sandbox.transport(), "auth": auth})
    with plain:
        response = send_omnimessage.sync_detailed(
            client=plain,  # type: ignore[arg-type]
            body=models.Omnimessage.from_dict(CHAIN),
        )
    created_id(response)


@pytest.mark.anyio
async def test_the_async_functions(sandbox: Sandbox[ManualClock]) -> None:
    async with authenticated(sandbox.async_transport()) as client:
        sent = await send_omnimessage.asyncio_detailed(
            client=client, body=models.Omnimessage.from_dict(CHAIN)
        )
        omnimessage_id = created_id(sent)
        sandbox.clock.advance(600)
        response = await retrieve_delivery_report.asyncio_detailed(omnimessage_id, client=client)
        assert response.status_code == 200, response.content
        assert isinstance(response.parsed, models.DeliveryReport)
        assert [r.status for r in response.parsed.statuses] == [
            DeliveryStatus.UNDELIV,
            DeliveryStatus.DELIVRD,
        ]
        parsed = await retrieve_delivery_report.asyncio(omnimessage_id, client=client)
        assert isinstance(parsed, models.DeliveryReport)
