"""How fast a campaign goes: its rate limit, the pauses the API asks for, and stopping midway."""

from datetime import timedelta

import anyio
import httpx
import pytest

from messente_omnichannel import AsyncOmnichannel, ItemResult, ItemStatus
from messente_omnichannel.sandbox import Faults, Sandbox, SystemClock

from .conftest import created, ledger_counts, messages, number

USER, PASSWORD = "demo", "demo-password"


def busiest_second(sandbox: Sandbox[SystemClock]) -> int:
    """The most omnimessages the sandbox accepted within any one second of its clock."""
    times = sorted(entry.accepted_at for entry in sandbox.ledger)
    most, start = 0, 0
    for end, when in enumerate(times):
        while when - times[start] >= timedelta(seconds=1):
            start += 1
        most = max(most, end - start + 1)
    return most


@pytest.mark.slow
@pytest.mark.anyio
@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "single"])
async def test_the_rate_limit_holds_within_ten_percent(
    sandbox: Sandbox[SystemClock], bulk: bool
) -> None:
    rate = 300
    async with (
        AsyncOmnichannel(USER, PASSWORD, transport=sandbox.async_transport()) as client,
        client.send_many(messages(450), bulk=bulk, batch_size=10, rate=rate) as run,
    ):
        results = [result async for result in run]
    assert len(results) == 450 and run.summary.complete
    assert busiest_second(sandbox) <= rate * 1.10


class FakeTime:
    """A clock that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await anyio.sleep(0)


@pytest.mark.anyio
async def test_retry_after_slows_the_whole_run() -> None:
    time = FakeTime()
    seen: list[tuple[float, int]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append((time.now, len(seen)))
        if len(seen) == 1:
            return httpx.Response(429, headers={"Retry-After": "5"}, json={"errors": []})
        return httpx.Response(201, json=created())

    async with (
        AsyncOmnichannel(
            USER,
            PASSWORD,
            transport=httpx.MockTransport(answer),
            clock=time.clock,
            sleep=time.sleep,
        ) as client,
        client.send_many(messages(30), bulk=False, concurrency=4) as run,
    ):
        results = [result async for result in run]
    assert {r.status for r in results} == {ItemStatus.SENT}
    early = [n for when, n in seen if when < 5]
    # Only the requests already in flight when the 429 came went before the pause ended.
    assert len(early) <= 4
    assert len(seen) == 31  # the 429's item was retried after the pause, once


@pytest.mark.anyio
@pytest.mark.parametrize("how", ["break", "cancel"])
async def test_stopping_midway_leaves_a_clear_record(
    sandbox: Sandbox[SystemClock], how: str
) -> None:
    sandbox.faults = Faults(latency=0.002)
    streamed: list[ItemResult] = []
    async with AsyncOmnichannel(USER, PASSWORD, transport=sandbox.async_transport()) as client:
        with anyio.CancelScope() as scope:
            async with client.send_many(messages(2000), bulk=False, concurrency=16) as run:
                async for result in run:
                    streamed.append(result)
                    if len(streamed) == 50:
                        if how == "break":
                            break
                        scope.cancel()
    summary = run.summary
    assert summary.stopped
    # Every item taken is reported exactly once: streamed, or in the run's unread results.
    everything = sorted([r.index for r in streamed] + [r.index for r in run.unread])
    assert everything == list(range(summary.total))
    assert [r.index for r in run.unread if r.status is ItemStatus.UNKNOWN] == summary.unknown
    assert {r.index for r in run.unread if r.status is ItemStatus.NOT_SENT} == set(summary.not_sent)
    streamed += [r for r in run.unread if r.status is ItemStatus.SENT]
    accepted = ledger_counts(sandbox.ledger)
    sent = {r.index for r in streamed if r.status is ItemStatus.SENT}
    assert all(n == 1 for n in accepted.values())
    for index in sent:
        assert number(index) in accepted
    for index in summary.not_sent:
        assert number(index) not in accepted
    # Whatever the sandbox accepted is either reported sent or listed as unknown.
    assert {int(to[5:]) for to in accepted} <= sent | set(summary.unknown)
    assert summary.total < 2000


@pytest.mark.anyio
async def test_a_rate_outside_asyncio_is_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    import sniffio

    from messente_omnichannel._campaign._pacer import Pacer

    monkeypatch.setattr(sniffio, "current_async_library", lambda: "trio")
    time = FakeTime()
    with pytest.raises(RuntimeError, match="needs asyncio"):
        Pacer(10, clock=time.clock, sleep=time.sleep)
    assert Pacer(None, clock=time.clock, sleep=time.sleep).paused_for == 0
