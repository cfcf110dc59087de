"""send_many against the sandbox: every input reported once, tagged, and in step with the ledger."""

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from messente_omnichannel import (
    AsyncOmnichannel,
    InvalidMessageError,
    ItemResult,
    ItemStatus,
    Omnichannel,
    SendOutcomeUnknownError,
)
from messente_omnichannel.sandbox import Faults, Sandbox, SystemClock

from .conftest import check_against_ledger, created, messages, number

USER, PASSWORD = "demo", "demo-password"


def sync_client(sandbox: Sandbox[SystemClock]) -> Omnichannel:
    return Omnichannel(USER, PASSWORD, transport=sandbox.transport())


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "single"])
def test_sync_results_are_complete_and_tagged(sandbox: Sandbox[SystemClock], bulk: bool) -> None:
    with sync_client(sandbox) as client, client.send_many(messages(120), bulk=bulk) as run:
        results = list(run)
    assert sorted(r.index for r in results) == list(range(120))
    assert all(r.status is ItemStatus.SENT and r.created is not None for r in results)
    by_to = {entry.to: entry.omnimessage_id for entry in sandbox.ledger}
    assert all(by_to[number(r.index)] == r.omnimessage_id for r in results)
    assert run.summary.counts[ItemStatus.SENT] == 120
    assert run.summary.complete
    assert str(run.summary) == "120 items: 120 sent"


@pytest.mark.anyio
@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "single"])
async def test_async_ordered_results_and_invalid_items(
    sandbox: Sandbox[SystemClock], bulk: bool
) -> None:
    invalid = frozenset({0, 7, 49, 50, 99})
    async with (
        AsyncOmnichannel(USER, PASSWORD, transport=sandbox.async_transport()) as client,
        client.send_many(messages(100, invalid=invalid), bulk=bulk, ordered=True) as run,
    ):
        results = [result async for result in run]
    assert [r.index for r in results] == list(range(100))
    for result in results:
        if result.index in invalid:
            assert result.status is ItemStatus.INVALID
            assert isinstance(result.error, InvalidMessageError)
            assert "messages[0].text" in str(result.error)
        else:
            assert result.status is ItemStatus.SENT, result
    assert len(sandbox.ledger) == 95
    assert run.summary.counts[ItemStatus.INVALID] == 5
    assert not run.summary.complete


@pytest.mark.anyio
async def test_an_async_source_is_read_lazily(sandbox: Sandbox[SystemClock]) -> None:
    taken = 0

    async def source() -> AsyncIterator[object]:
        nonlocal taken
        for message in messages(10_000):
            taken += 1
            yield message

    async with (
        AsyncOmnichannel(USER, PASSWORD, transport=sandbox.async_transport()) as client,
        client.send_many(source(), bulk=False, concurrency=4) as run,  # type: ignore[arg-type]
    ):
        async for result in run:
            if result.index >= 20:
                break
    # The source was read only a little ahead of what was sent: never the whole of it.
    assert taken < 400
    assert run.summary.stopped
    assert run.summary.total == taken


@pytest.mark.parametrize(
    "faults",
    [
        Faults(unavailable=0.1, server_error=0.1, too_many_requests=0.1, retry_after=0, seed=3),
        Faults(drop_before=0.15, drop_after=0.15, seed=5),
    ],
    ids=["statuses", "drops"],
)
@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "single"])
def test_faults_make_no_duplicate_and_no_silent_loss(
    sandbox: Sandbox[SystemClock], faults: Faults, bulk: bool
) -> None:
    sandbox.faults = faults
    with (
        Omnichannel(USER, PASSWORD, transport=sandbox.transport(), max_retries=3) as client,
        client.send_many(messages(200), bulk=bulk, batch_size=10) as run,
    ):
        results = list(run)
    check_against_ledger(results, sandbox.ledger, 200)
    statuses = {r.status for r in results}
    assert ItemStatus.SENT in statuses
    assert ItemStatus.UNKNOWN in statuses or faults.drop_after == 0
    for result in results:
        if result.status is ItemStatus.UNKNOWN:
            assert isinstance(result.error, SendOutcomeUnknownError)
    counts = run.summary.counts
    assert sum(counts.values()) == 200
    assert counts[ItemStatus.UNKNOWN] == len(run.summary.unknown)


def test_a_lost_bulk_answer_makes_every_item_in_it_unknown() -> None:
    def drop(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("connection lost", request=request)

    transport = httpx.MockTransport(drop)
    with (
        Omnichannel(USER, PASSWORD, transport=transport) as client,
        client.send_many(messages(25), bulk=True, batch_size=10) as run,
    ):
        results = list(run)
    assert len(results) == 25
    assert all(r.status is ItemStatus.UNKNOWN for r in results)
    error = results[0].error
    assert isinstance(error, SendOutcomeUnknownError)
    assert error.path == "/omnimessages"
    assert sorted(run.summary.unknown) == list(range(25))


def test_bulk_answers_refusing_some_items() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        sent = json.loads(request.content)["messages"]
        items: list[object] = []
        for index, message in enumerate(sent):
            if index % 2:
                error = {"title": "Invalid data", "code": "102", "detail": "bad number"}
                items.append({"errors": [{**error, "source": "to"}]})
            else:
                items.append(
                    {
                        "to": message["to"],
                        "omnimessage_id": "632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a",
                        "messages": [
                            {
                                "channel": "sms",
                                "message_id": "3c9a4d5e-7f8b-4c0d-9e1f-2a3b4c5d6e7f",
                                "sender": "Brand",
                            }
                        ],
                    }
                )
        return httpx.Response(201, json={"messages": items})

    with (
        Omnichannel(USER, PASSWORD, transport=httpx.MockTransport(answer)) as client,
        client.send_many(messages(6), bulk=True, batch_size=3, ordered=True) as run,
    ):
        results = list(run)
    assert [r.status for r in results] == [
        ItemStatus.SENT,
        ItemStatus.FAILED,
        ItemStatus.SENT,
        ItemStatus.SENT,
        ItemStatus.FAILED,
        ItemStatus.SENT,
    ]
    assert "bad number" in str(results[1].error)


def _refused(results: list[ItemResult]) -> list[int]:
    return [r.index for r in results if r.status is ItemStatus.FAILED]


def test_a_success_that_breaks_the_contract_is_unknown_not_failed() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(201, json={"messages": 3}))
    with (
        Omnichannel(USER, PASSWORD, transport=transport) as client,
        client.send_many(messages(4), bulk=True) as run,
    ):
        results = list(run)
    assert [r.status for r in results] == [ItemStatus.UNKNOWN] * 4


def test_an_api_error_fails_only_its_item() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if b"+37250000003" in request.content:
            return httpx.Response(400, json={"errors": [{"title": "Invalid data", "code": "102"}]})
        return httpx.Response(201, json=created())

    with (
        Omnichannel(USER, PASSWORD, transport=httpx.MockTransport(answer)) as client,
        client.send_many(messages(6), bulk=False) as run,
    ):
        results = list(run)
    assert _refused(results) == [3]
    assert run.summary.counts[ItemStatus.SENT] == 5


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"concurrency": 0}, "concurrency"),
        ({"batch_size": 0}, "batch_size"),
        ({"rate": 0}, "rate"),
        ({"rate": float("nan")}, "rate"),
        ({"timeout": httpx.Timeout(None)}, "finite"),
    ],
)
def test_options_are_checked_before_anything_runs(options: dict[str, object], message: str) -> None:
    failing = httpx.MockTransport(lambda request: httpx.Response(500))
    with Omnichannel(USER, PASSWORD, transport=failing) as c:
        with pytest.raises(ValueError, match=message):
            c.send_many(messages(1), **options)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="journal"):
            c.send_many(messages(1), journal=3)  # type: ignore[arg-type]
