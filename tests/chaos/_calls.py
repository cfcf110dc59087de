"""One call of the client under faults, and what the sandbox's ledger says about it.

The checks are the README's guarantees, read from the calls' results and the ledger of what the
sandbox really accepted: no duplicate unless opted in, every call a success or a documented
exception, every unknown outcome accepted once or never, every "not sent" never accepted, and
no call past its deadline by more than one timeout.
"""

import contextvars
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass

import anyio

from messente_omnichannel import (
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    ApiUnreachableError,
    AsyncOmnichannel,
    InvalidMessageError,
    MessenteError,
    Omnimessage,
    OmnimessageCreated,
    SendOutcomeUnknownError,
)
from messente_omnichannel.sandbox import Ledger
from messente_omnichannel_client.models import ErrorResponse

from ._tally import Tally

DOCUMENTED = (ApiError, ApiConnectionError, InvalidMessageError)
"""What a call may raise: the package's documented exception families (see ``_errors.py``)."""


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One call and how it ended.

    Attributes:
        kind: How it was made (``sync send``, ``async send_bulk``, ...).
        recipients: The ``to`` of each omnimessage it sent; unique in a run, so the ledger
            tells what became of each.
        result: What the call returned, or the exception it raised.
        elapsed: Seconds it took, on the client's own clock.
        deadline: The client's deadline.
        timeout: The client's per-request read timeout.
        opted_in: The client had ``retry_uncertain_sends=True``.
    """

    kind: str
    recipients: tuple[str, ...]
    result: object
    elapsed: float
    deadline: float
    timeout: float
    opted_in: bool = False


SendManyHook = Callable[
    [AsyncOmnichannel, Ledger, Sequence[Omnimessage]], Awaitable[list[CallRecord]]
]
"""A sender the fault campaign runs beside its own: given a client (its sleep and clock
virtual), the sandbox's ledger and the omnimessages to send (each with its own recipient), it
sends them and returns one :class:`CallRecord` per omnimessage (``recipients`` its one ``to``,
``result`` what became of it: ``OmnimessageCreated`` or the exception).
"""


class VirtualTime:
    """A client clock that counts waits as time without waiting: real time plus slept time.

    The slept time is kept per thread and per task (a context variable), so concurrent calls
    do not age each other.
    """

    def __init__(self) -> None:
        self._slept: contextvars.ContextVar[float] = contextvars.ContextVar("slept", default=0.0)

    def clock(self) -> float:
        """Return the monotonic time of this context, waits included."""
        return time.monotonic() + self._slept.get()

    def sleep(self, seconds: float) -> None:
        """Count a wait without waiting."""
        self._slept.set(self._slept.get() + seconds)

    async def async_sleep(self, seconds: float) -> None:
        """Count a wait without waiting, still yielding to other tasks."""
        self.sleep(seconds)
        await anyio.sleep(0)


def says_not_sent(error: BaseException) -> bool:
    """Tell whether an error tells the caller that nothing was accepted.

    Args:
        error: What a send raised.

    Returns:
        ``True`` for a failed connection, a timeout before anything could be sent, and an
        error answer below 500 (refused unprocessed); never for an unknown outcome.
    """
    if isinstance(error, SendOutcomeUnknownError):
        return False
    if isinstance(error, ApiUnreachableError | ApiTimeoutError | InvalidMessageError):
        return True
    return isinstance(error, ApiError) and error.status < 500


def _created(result: object) -> list[tuple[int, OmnimessageCreated | ErrorResponse]]:
    if isinstance(result, OmnimessageCreated):
        return [(0, result)]
    if isinstance(result, list):
        return list(enumerate(result))
    return []


def check_calls(
    tally: Tally, records: Sequence[CallRecord], ledger: Ledger, *, killed: bool = False
) -> None:
    """Add the guarantees' rows for a set of calls to a tally.

    Args:
        tally: Where the rows go.
        records: The calls.
        ledger: What the sandbox accepted during them.
        killed: The sandbox was killed during the calls, so its ledger is not whole: the
            checks that need one are left out.
    """
    accepted: dict[str, list[str]] = defaultdict(list)
    for entry in ledger:
        accepted[entry.to].append(str(entry.omnimessage_id))

    typed: list[str] = []
    for r in records:
        if isinstance(r.result, BaseException) and not isinstance(r.result, DOCUMENTED):
            typed.append(f"{r.kind} {r.recipients[0]}: {type(r.result).__name__}: {r.result}")
        elif not isinstance(r.result, BaseException) and not _created(r.result):
            typed.append(f"{r.kind} {r.recipients[0]}: returned {r.result!r}")
    tally.check(
        "every call: a success or a documented exception", len(records), "0 other outcomes", typed
    )

    late = [
        f"{r.kind} {r.recipients[0]}: {r.elapsed:.3f} s > {r.deadline} + {r.timeout} s"
        for r in records
        if r.elapsed > r.deadline + r.timeout
    ]
    slowest = max((r.elapsed - r.deadline for r in records), default=0.0)
    row = tally.check(
        "no call past its deadline by more than one timeout",
        len(records),
        "elapsed <= deadline + timeout",
        late,
    )
    row.figure = f"worst {slowest:+.3f} s against the deadline"

    ids_missing = []
    for r in records:
        for index, item in _created(r.result):
            if isinstance(item, OmnimessageCreated) and not killed:
                if str(item.omnimessage_id) not in accepted.get(r.recipients[index], []):
                    ids_missing.append(f"{r.kind} {r.recipients[index]}: {item.omnimessage_id}")
            elif isinstance(item, OmnimessageCreated) and not str(item.omnimessage_id):
                ids_missing.append(f"{r.kind} {r.recipients[index]}: success without an id")
    successes = sum(
        1 for r in records for _, item in _created(r.result) if isinstance(item, OmnimessageCreated)
    )
    tally.check(
        "success: its id is in the ledger" if not killed else "success: it has an id",
        successes,
        "every one",
        ids_missing,
    )
    if killed:
        return

    counts = Counter(entry.to for entry in ledger)
    plain = [r for r in records if not r.opted_in]
    duplicates = [
        f"{r.kind} {to}: accepted {counts[to]} times"
        for r in plain
        for to in r.recipients
        if counts[to] > 1
    ]
    tally.check("duplicates (not opted in)", sum(len(r.recipients) for r in plain), "0", duplicates)
    opted = [r for r in records if r.opted_in]
    if opted:
        extra = sum(max(counts[to] - 1, 0) for r in opted for to in r.recipients)
        tally.note("duplicates with retry_uncertain_sends=True", len(opted), f"{extra} extra")

    unknown = [r for r in records if isinstance(r.result, SendOutcomeUnknownError)]
    wrong = [
        f"{r.kind} {to}: accepted {counts[to]} times"
        for r in unknown
        for to in r.recipients
        if counts[to] > 1 and not r.opted_in
    ]
    once = sum(1 for r in unknown for to in r.recipients if counts[to] == 1)
    row = tally.check(
        "SendOutcomeUnknownError: accepted once or never",
        len(unknown),
        "ledger count 0 or 1",
        wrong,
    )
    row.figure = f"{once} accepted, {sum(len(r.recipients) for r in unknown) - once} not"

    not_sent = [
        r for r in records if isinstance(r.result, BaseException) and says_not_sent(r.result)
    ]
    sent_anyway = [
        f"{r.kind} {to}: {type(r.result).__name__} but accepted {counts[to]} times"
        for r in not_sent
        for to in r.recipients
        if counts[to]
    ]
    tally.check(
        'an error that says "not sent": never accepted',
        len(not_sent),
        "ledger count 0",
        sent_anyway,
    )


def kinds(records: Iterable[CallRecord]) -> str:
    """Summarise how calls ended, for a tally's figure.

    Args:
        records: The calls.

    Returns:
        For example ``ok 1630, SendOutcomeUnknownError 301, RateLimitError 12``.
    """
    ended = Counter(
        type(r.result).__name__ if isinstance(r.result, MessenteError | Exception) else "ok"
        for r in records
    )
    return ", ".join(f"{name} {count}" for name, count in ended.most_common())
