"""The ``messente_sandbox`` fixture's clock starts at real now and then stands still."""

from datetime import UTC, datetime, timedelta

import pytest

from messente_omnichannel import SMS, NotFoundError, Omnichannel, Omnimessage
from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME, ManualClock, Sandbox


def test_the_clock_starts_at_the_real_current_time(
    messente_sandbox: "Sandbox[ManualClock]",
) -> None:
    after = datetime.now(UTC)
    started = messente_sandbox.clock.now()
    # The fixture ran before this test: its clock was set a moment before `after`.
    assert after - timedelta(minutes=5) <= started <= after


def test_the_clock_stands_still_until_advanced(messente_sandbox: "Sandbox[ManualClock]") -> None:
    first = messente_sandbox.clock.now()
    assert messente_sandbox.clock.now() == first
    assert messente_sandbox.clock.advance(90) == first + timedelta(seconds=90)


def test_the_readme_schedule_and_cancel_works_on_the_fixture(
    messente_sandbox: "Sandbox[ManualClock]",
) -> None:
    with Omnichannel(
        DEMO_USERNAME,
        DEMO_PASSWORD,
        base_url="https://sandbox.test/v1",
        transport=messente_sandbox.transport(),
    ) as client:
        later = client.send(
            Omnimessage(
                to="+37251000000",
                messages=[SMS("See you tomorrow", sender="MyBrand")],
                time_to_send=datetime.now(UTC) + timedelta(hours=2),
            )
        )
        client.cancel(later.omnimessage_id)
        sent = client.send(
            Omnimessage(
                to="+37251000000",
                messages=[SMS("See you tomorrow", sender="MyBrand")],
                time_to_send=datetime.now(UTC) + timedelta(hours=2),
            )
        )
        messente_sandbox.clock.advance(2 * 3600 + 5)
        with pytest.raises(NotFoundError):
            client.cancel(sent.omnimessage_id)
