"""End to end: the real client against the sandbox, in-process, on a manual clock."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from messente_omnichannel import (
    SMS,
    AsyncOmnichannel,
    AuthenticationError,
    DeliveryStatus,
    ErrorResponse,
    NotFoundError,
    Omnichannel,
    Omnimessage,
    OmnimessageCreated,
    RateLimitError,
    SendOutcomeUnknownError,
    Viber,
    WhatsApp,
)
from messente_omnichannel.sandbox import Faults, ManualClock, Sandbox

START = datetime(2030, 1, 1, tzinfo=UTC)
ACCOUNTS = {"demo": "demo-password", "other": "other-password"}


@pytest.fixture
def sandbox() -> Iterator[Sandbox[ManualClock]]:
    with Sandbox(accounts=ACCOUNTS, clock=ManualClock(start=START)) as sb:
        yield sb


def _client(sb: Sandbox[ManualClock], user: str = "demo", **kwargs: Any) -> Omnichannel:
    return Omnichannel(
        user,
        ACCOUNTS.get(user, "wrong"),
        transport=sb.transport(),
        sleep=lambda _: None,
        **kwargs,
    )


def _chain(to: str = "+37251000001") -> Omnimessage:
    return Omnimessage(
        to=to,
        messages=[
            WhatsApp.template("order_update", "en", body=["4242"], sender="MyBrand"),
            Viber(text="Your order 4242 has shipped.", sender="MyBrand"),
            SMS("Your order 4242 has shipped.", sender="MyBrand"),
        ],
    )


def test_three_channel_fallback_and_its_status(sandbox: Sandbox[ManualClock]) -> None:
    with _client(sandbox) as client:
        created = client.send(_chain())  # ...001: the first channel fails, the second delivers
        assert [str(m.channel) for m in created.messages] == ["whatsapp", "viber", "sms"]
        sandbox.clock.advance(600)
        report = client.status(created.omnimessage_id)
    first, second = report.statuses
    assert first.status is DeliveryStatus.UNDELIV
    assert report.delivered is second
    assert second.timestamp is not None and second.timestamp.tzinfo is not None
    assert len(sandbox.ledger) == 1


def test_cancel_a_scheduled_one(sandbox: Sandbox[ManualClock]) -> None:
    later = (START + timedelta(days=1)).replace(tzinfo=None)  # naive: read as UTC
    with _client(sandbox) as client:
        scheduled = client.send(
            Omnimessage(to="+37251000000", messages=[SMS("Later")], time_to_send=later)
        )
        client.cancel(scheduled.omnimessage_id)
        with pytest.raises(NotFoundError):
            client.cancel(scheduled.omnimessage_id)


def test_bulk(sandbox: Sandbox[ManualClock]) -> None:
    with _client(sandbox) as client:
        results = client.send_bulk([_chain("+37251000000"), _chain("+37251000009")])
    assert all(isinstance(r, OmnimessageCreated) for r in results)
    assert len(sandbox.ledger) == 2
    assert not any(isinstance(r, ErrorResponse) for r in results)


def test_wrong_password_is_an_authentication_error(sandbox: Sandbox[ManualClock]) -> None:
    with _client(sandbox, user="nobody") as client, pytest.raises(AuthenticationError):
        client.send(_chain())
    assert len(sandbox.ledger) == 0


def test_another_accounts_omnimessage_is_not_found(sandbox: Sandbox[ManualClock]) -> None:
    with _client(sandbox) as demo, _client(sandbox, user="other") as other:
        created = demo.send(_chain())
        with pytest.raises(NotFoundError):
            other.status(created.omnimessage_id)
        with pytest.raises(NotFoundError):
            other.cancel(created.omnimessage_id)


def test_dropped_after_processing_is_unknown_and_sent_once(
    sandbox: Sandbox[ManualClock],
) -> None:
    sandbox.faults = Faults(drop_after=1.0)
    with _client(sandbox) as client:
        with pytest.raises(SendOutcomeUnknownError) as caught:
            client.send(_chain())
        assert caught.value.payload["to"] == "+37251000001"
        sandbox.faults = None
    assert len(sandbox.ledger) == 1
    assert sandbox.ledger.entries[0].answered is False


@pytest.mark.parametrize(
    "faults",
    [Faults(unavailable=1.0), Faults(server_error=1.0), Faults(drop_before=1.0)],
    ids=["503", "500", "drop-before"],
)
def test_uncertain_failures_never_send_twice(sandbox: Sandbox[ManualClock], faults: Faults) -> None:
    sandbox.faults = faults
    with _client(sandbox) as client, pytest.raises(SendOutcomeUnknownError):
        client.send(_chain())
    assert len(sandbox.ledger) <= 1


def test_rate_limited_sends_are_retried_then_given_up(sandbox: Sandbox[ManualClock]) -> None:
    sandbox.faults = Faults(too_many_requests=1.0, retry_after=1)
    with _client(sandbox) as client, pytest.raises(RateLimitError):
        client.send(_chain())
    assert len(sandbox.ledger) == 0


def test_reads_ride_out_intermittent_faults(sandbox: Sandbox[ManualClock]) -> None:
    with _client(sandbox, max_retries=10) as client:
        created = client.send(_chain())
        sandbox.faults = Faults(unavailable=0.2, server_error=0.1, drop_after=0.1, seed=7)
        for _ in range(20):
            assert client.status(created.omnimessage_id).omnimessage_id == created.omnimessage_id
    assert len(sandbox.ledger) == 1


def test_opt_in_retries_and_the_ledger_shows_the_cost(sandbox: Sandbox[ManualClock]) -> None:
    sandbox.faults = Faults(drop_after=0.5, seed=3)
    sent = 0
    with _client(sandbox, retry_uncertain_sends=True, max_retries=10) as client:
        for _ in range(10):
            client.send(_chain("+37251000000"))
            sent += 1
    # Every send succeeded from the caller's view, but a dropped answer means a duplicate.
    duplicates = sum(1 for entry in sandbox.ledger if not entry.answered)
    assert len(sandbox.ledger) == sent + duplicates


@pytest.mark.anyio
async def test_async_client_against_the_sandbox(sandbox: Sandbox[ManualClock]) -> None:
    async with AsyncOmnichannel(
        "demo", "demo-password", transport=sandbox.async_transport()
    ) as client:
        created = await client.send(_chain("+37251000000"))
        sandbox.clock.advance(600)
        report = await client.status(created.omnimessage_id)
    assert report.delivered is not None


def test_served_on_a_loopback_port(sandbox: Sandbox[ManualClock]) -> None:
    with (
        sandbox.serve(port=0) as base_url,
        Omnichannel("demo", "demo-password", base_url=base_url) as client,
    ):
        created = client.send(_chain("+37251000000"))
        assert client.status(created.omnimessage_id).to == "+37251000000"
