"""Fixtures of the campaign tests: a sandbox in real time, and numbered omnimessages."""

from collections.abc import Iterator

import pytest

from messente_omnichannel import SMS, ItemResult, ItemStatus, Omnimessage
from messente_omnichannel.sandbox import Ledger, Sandbox, SystemClock


@pytest.fixture
def anyio_backend() -> str:
    # aiolimiter (the rate limit) runs on asyncio only.
    return "asyncio"


@pytest.fixture
def sandbox() -> Iterator[Sandbox[SystemClock]]:
    with Sandbox() as sb:
        yield sb


def number(index: int) -> str:
    """A recipient of its own for each item, so the ledger tells items apart."""
    return f"+3725{index:07d}"


def messages(count: int, *, invalid: frozenset[int] = frozenset()) -> Iterator[Omnimessage]:
    """Numbered SMS omnimessages, lazily; the ones in ``invalid`` break a rule (empty text)."""
    for index in range(count):
        text = "" if index in invalid else f"Campaign message {index}"
        yield Omnimessage(to=number(index), messages=[SMS(text, sender="Brand")])


def created(to: str = "+37250000000") -> dict[str, object]:
    """An OmnimessageCreated body, for mock transports."""
    return {"to": to, "omnimessage_id": "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a", "messages": []}


def ledger_counts(ledger: Ledger) -> dict[str, int]:
    """How many times the sandbox accepted an omnimessage to each recipient."""
    counts: dict[str, int] = {}
    for entry in ledger:
        counts[entry.to] = counts.get(entry.to, 0) + 1
    return counts


def check_against_ledger(results: list[ItemResult], ledger: Ledger, total: int) -> None:
    """No duplicate, no silent loss: every result agrees with what the sandbox accepted."""
    assert sorted(r.index for r in results) == list(range(total))
    accepted = ledger_counts(ledger)
    assert all(count == 1 for count in accepted.values()), "an omnimessage was accepted twice"
    by_id = {entry.omnimessage_id for entry in ledger}
    for result in results:
        to = number(result.index)
        if result.status is ItemStatus.SENT:
            assert result.omnimessage_id in by_id
        elif result.status in (ItemStatus.FAILED, ItemStatus.INVALID, ItemStatus.NOT_SENT):
            assert to not in accepted, f"{result} says not sent, but the sandbox accepted it"
        else:
            assert result.status is ItemStatus.UNKNOWN
    for to in accepted:
        index = int(to[5:])
        assert any(r.index == index and r.status is not ItemStatus.FAILED for r in results)
