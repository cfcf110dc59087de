"""``send_many`` (issue 10) under the fault campaign, through its ``EXTRA_SENDERS`` hook.

Each item's result becomes one :class:`CallRecord`, so the campaign's ledger checks judge it
like any send: ``SENT`` must be in the ledger once, ``UNKNOWN`` (a ``SendOutcomeUnknownError``)
accepted once or never, ``FAILED`` for a refusal or a connection never made never accepted.
Its status must agree with its error, which the campaign checks here.
"""

from collections.abc import Sequence

from messente_omnichannel import (
    AsyncOmnichannel,
    Omnimessage,
    SendOutcomeUnknownError,
)
from messente_omnichannel._campaign._results import ItemResult, ItemStatus
from messente_omnichannel.sandbox import Ledger

from ._calls import CallRecord, SendManyHook, says_not_sent


class StatusMismatch(Exception):  # noqa: N818 (a finding, recorded as an outcome)
    """An item whose status disagrees with its error: reported as an undocumented outcome."""


def _outcome(item: ItemResult) -> object:
    if item.status is ItemStatus.SENT and item.created is not None:
        return item.created
    error = item.error
    if item.status is ItemStatus.UNKNOWN and isinstance(error, SendOutcomeUnknownError):
        return error
    failed = item.status in (ItemStatus.FAILED, ItemStatus.INVALID)
    if failed and error is not None and says_not_sent(error):
        return error
    return StatusMismatch(f"{item.status.name} with {type(error).__name__}: {error}")


def _sender(bulk: bool) -> SendManyHook:
    async def send(
        client: AsyncOmnichannel, ledger: Ledger, messages: Sequence[Omnimessage]
    ) -> list[CallRecord]:
        options = client.options
        results: dict[int, ItemResult] = {}
        async with client.send_many(messages, bulk=bulk, batch_size=10) as run:
            async for item in run:
                results[item.index] = item
        kind = "send_many (bulk)" if bulk else "send_many (one by one)"
        # Each item's deadline is its request's; the run as a whole has none, so no elapsed
        # time is judged here (the requests' own calls are: they go through the same client).
        return [
            CallRecord(
                kind,
                (message.to,),
                _outcome(results[index]) if index in results else StatusMismatch("no result"),
                0.0,
                options.deadline,
                float(options.timeout.read or 0),
            )
            for index, message in enumerate(messages)
        ]

    return send


SENDERS: dict[str, SendManyHook] = {
    "send_many (bulk)": _sender(bulk=True),
    "send_many (one by one)": _sender(bulk=False),
}
"""The campaign's senders beside its own, by name (see ``_faults.EXTRA_SENDERS``)."""
