"""Sends under injected faults: single and bulk, sync and async, judged against the ledger.

Each call goes to an in-process sandbox whose every request draws a fault: ``503``, ``500``
and ``429`` unprocessed, a connection dropped before or after processing (about 20 % in all),
and, for a share of the calls, latency beyond the client's read timeout (the sandbox finishes
processing after the client gave up). Retries wait on a virtual clock, so a deadline of
seconds costs no seconds.

``send_many`` (issue 10) joins through :data:`EXTRA_SENDERS` (see ``_calls.SendManyHook``).
"""

import asyncio
import time

from messente_omnichannel import (
    SMS,
    AsyncOmnichannel,
    Omnichannel,
    Omnimessage,
    Viber,
    WhatsApp,
)
from messente_omnichannel.sandbox import Faults, ManualClock, Sandbox

from ._calls import CallRecord, SendManyHook, VirtualTime, check_calls, kinds
from ._send_many import SENDERS
from ._tally import Tally

AUTH = ("demo", "demo-password")
URL = "http://127.0.0.1/v1"  # in-process: the transport is the sandbox itself
RETRIES = 3
DEADLINE = 3.0
TIMEOUT = 1.0
SLOW_TIMEOUT = 0.02
"""The read timeout of the calls that meet latency (the sandbox then takes 0.05 s)."""
RATE = 0.04
"""Per fault kind; five kinds make 20 % of requests."""

EXTRA_SENDERS: dict[str, SendManyHook] = dict(SENDERS)
"""Senders run beside the campaign's own, by name: ``send_many``, bulk and one by one
(``_send_many.py``). Add one as ``EXTRA_SENDERS["name"] = hook`` (a :data:`SendManyHook`)."""


def omnimessage(number: int) -> Omnimessage:
    """Return the omnimessage of one recipient: a fallback chain whose length varies.

    Args:
        number: Makes the recipient unique in the run.

    Returns:
        The omnimessage.
    """
    to = f"+3726{number:08d}"
    chains: list[list[SMS | Viber | WhatsApp]] = [
        [SMS("Order shipped", sender="MyBrand")],
        [Viber(text="Order shipped", sender="MyBrand"), SMS("Order shipped")],
        [
            WhatsApp.template("order_update", "en", body=[str(number)], sender="MyBrand"),
            Viber(text="Order shipped"),
            SMS("Order shipped"),
        ],
    ]
    return Omnimessage(to=to, messages=chains[number % 3])


class _Numbers:
    def __init__(self) -> None:
        self.next = 0

    def take(self, count: int) -> list[Omnimessage]:
        start, self.next = self.next, self.next + count
        return [omnimessage(n) for n in range(start, start + count)]


def _sync_calls(
    client: Omnichannel, numbers: _Numbers, count: int, vt: VirtualTime, opted_in: bool
) -> list[CallRecord]:
    records = []
    for index in range(count):
        bulk = index % 4 == 3
        batch = numbers.take(3 if bulk else 1)
        started = vt.clock()
        result: object
        try:
            result = client.send_bulk(batch) if bulk else client.send(batch[0])
        except Exception as exc:
            result = exc
        records.append(
            CallRecord(
                "sync send_bulk" if bulk else "sync send",
                tuple(m.to for m in batch),
                result,
                vt.clock() - started,
                client.options.deadline,
                float(client.options.timeout.read or 0),
                opted_in,
            )
        )
    return records


async def _async_calls(
    client: AsyncOmnichannel, numbers: _Numbers, count: int, vt: VirtualTime, opted_in: bool
) -> list[CallRecord]:
    async def one(index: int) -> CallRecord:
        bulk = index % 4 == 3
        batch = numbers.take(3 if bulk else 1)
        started = vt.clock()
        result: object
        try:
            result = await (client.send_bulk(batch) if bulk else client.send(batch[0]))
        except Exception as exc:
            result = exc
        return CallRecord(
            "async send_bulk" if bulk else "async send",
            tuple(m.to for m in batch),
            result,
            vt.clock() - started,
            client.options.deadline,
            float(client.options.timeout.read or 0),
            opted_in,
        )

    records: list[CallRecord] = []
    for start in range(0, count, 25):  # 25 in flight, like a modest worker pool
        records += await asyncio.gather(*(one(i) for i in range(start, min(start + 25, count))))
    return records


def _faults(seed: int, latency: float = 0.0) -> Faults:
    return Faults(
        unavailable=RATE,
        server_error=RATE,
        too_many_requests=RATE,
        drop_before=RATE,
        drop_after=RATE,
        latency=latency,
        retry_after=1,
        seed=seed,
    )


def fault_campaign(sends: int, seed: int = 11) -> Tally:
    """Make about ``sends`` calls under faults and check them against the ledger.

    Of the calls, 35 % are sync and 35 % async (a quarter of each bulk, of three
    omnimessages), 10 % are not retried (``max_retries=0``, so a ``429`` ends the call), 10 %
    meet latency beyond their read timeout and 10 % opt in to ``retry_uncertain_sends``.
    Each of :data:`EXTRA_SENDERS` sends 5 % more omnimessages (``send_many`` bulk and one by
    one), each item judged as one call.

    Args:
        sends: The number of calls.
        seed: Seed of the fault draws.

    Returns:
        The tally.
    """
    tally = Tally(f"Faults: {sends:,} calls, {RATE * 5:.0%} of requests faulted, seed {seed}")
    vt = VirtualTime()
    numbers = _Numbers()
    records: list[CallRecord] = []
    share = max(sends // 10, 1)
    with Sandbox(clock=ManualClock(), faults=_faults(seed)) as sb:
        with Omnichannel(
            *AUTH,
            base_url=URL,
            deadline=DEADLINE,
            timeout=TIMEOUT,
            max_retries=RETRIES,
            transport=sb.transport(),
            sleep=vt.sleep,
            clock=vt.clock,
        ) as client:
            records += _sync_calls(client, numbers, 7 * share // 2, vt, False)
            records += _sync_calls(
                client.with_options(max_retries=0), numbers, share // 2, vt, False
            )
            records += _sync_calls(
                client.with_options(retry_uncertain_sends=True), numbers, share // 2, vt, True
            )

        async def run_async() -> list[CallRecord]:
            done: list[CallRecord] = []
            async with AsyncOmnichannel(
                *AUTH,
                base_url=URL,
                deadline=DEADLINE,
                timeout=TIMEOUT,
                max_retries=RETRIES,
                transport=sb.async_transport(),
                sleep=vt.async_sleep,
                clock=vt.clock,
            ) as aclient:
                done += await _async_calls(aclient, numbers, 7 * share // 2, vt, False)
                once = aclient.with_options(max_retries=0)
                done += await _async_calls(once, numbers, share - share // 2, vt, False)
                opted = aclient.with_options(retry_uncertain_sends=True)
                done += await _async_calls(opted, numbers, share - share // 2, vt, True)
                for name, hook in EXTRA_SENDERS.items():
                    tally.note(f"{name} (EXTRA_SENDERS)", share // 2, "omnimessages sent")
                    done += await hook(aclient, sb.ledger, numbers.take(share // 2))
                slow = aclient.with_options(timeout=SLOW_TIMEOUT)
                sb.faults = _faults(seed + 1, latency=0.05)
                done += await _async_calls(slow, numbers, share // 2, vt, False)
            return done

        records += asyncio.run(run_async())
        with Omnichannel(
            *AUTH,
            base_url=URL,
            deadline=DEADLINE,
            timeout=SLOW_TIMEOUT,
            max_retries=RETRIES,
            transport=sb.transport(),
            sleep=vt.sleep,
            clock=vt.clock,
        ) as slow:
            records += _sync_calls(slow, numbers, share - share // 2, vt, False)
        # What the sandbox still processes after the clients gave up must land before counting.
        time.sleep(0.2)
        sb.faults = None
        ledger = sb.ledger
        for kind in sorted({r.kind for r in records}):
            of_kind = [r for r in records if r.kind == kind]
            tally.note(f"{kind}: how the calls ended", len(of_kind), kinds(of_kind))
        check_calls(tally, records, ledger)
    return tally
