"""De-duplication by message ID + status + timestamp: at-least-once delivery, handled once."""

import threading
from typing import Any

import pytest

from messente_omnichannel import Deduplicator, DeliveryUpdate, parse_delivery_report, sign_report

from .conftest import PASSWORD


def update(**fields: Any) -> DeliveryUpdate:
    signed = sign_report(password=PASSWORD, **fields)
    return parse_delivery_report(signed.body, signed.headers, PASSWORD)


def test_a_report_is_new_once() -> None:
    dedupe = Deduplicator()
    assert dedupe.add(update()) is True
    assert dedupe.add(update()) is False
    assert update() in dedupe
    assert len(dedupe) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"status": "ACK"},
        {"timestamp": "2020-02-04T08:09:43"},
        {"message_id": "00000000-0000-4000-8000-000000000000"},
    ],
)
def test_another_status_timestamp_or_message_is_new(change: dict[str, Any]) -> None:
    dedupe = Deduplicator()
    dedupe.add(update())
    assert dedupe.add(update(**change)) is True


def test_the_same_moment_written_differently_is_a_duplicate() -> None:
    dedupe = Deduplicator()
    dedupe.add(update(timestamp="2020-02-04T08:09:42.389630"))
    assert dedupe.add(update(timestamp="2020-02-04T10:09:42.389630+02:00")) is False


def test_fields_outside_the_key_do_not_make_a_report_new() -> None:
    dedupe = Deduplicator()
    dedupe.add(update())
    assert dedupe.add(update(sender="Other", price_info=None)) is False


def test_a_discarded_report_is_new_again() -> None:
    dedupe = Deduplicator()
    dedupe.add(update())
    dedupe.discard(update())
    assert update() not in dedupe
    assert dedupe.add(update()) is True


def test_memory_is_bounded_oldest_first() -> None:
    dedupe = Deduplicator(max_entries=2)
    first, second, third = (update(timestamp=f"2020-02-04T08:09:4{i}") for i in range(3))
    dedupe.add(first)
    dedupe.add(second)
    dedupe.add(first)  # seen again: now the most recent
    dedupe.add(third)
    assert len(dedupe) == 2
    assert second not in dedupe
    assert first in dedupe
    assert third in dedupe


def test_max_entries_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Deduplicator(max_entries=0)


def test_other_objects_are_never_contained() -> None:
    assert "report" not in Deduplicator()


def test_concurrent_redeliveries_are_new_exactly_once() -> None:
    dedupe = Deduplicator()
    report = update()
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def deliver() -> None:
        barrier.wait()
        results.extend(dedupe.add(report) for _ in range(100))

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 1
    assert len(results) == 800
