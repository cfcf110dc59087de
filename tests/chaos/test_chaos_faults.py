"""The fault campaign, CI size: 200 calls under 20 % faults, judged against the ledger."""

import uuid
from datetime import UTC, datetime

import pytest

from messente_omnichannel import RateLimitError, SendOutcomeUnknownError, ServerError
from messente_omnichannel.sandbox import Ledger, LedgerEntry

from ._calls import CallRecord, check_calls, says_not_sent
from ._faults import fault_campaign
from ._tally import Tally


@pytest.mark.slow
def test_sends_under_faults_keep_every_guarantee() -> None:
    tally = fault_campaign(200, seed=11)
    assert tally.ok, tally.table()
    ended = {row.case: row for row in tally.rows}
    # The run exercised what it claims: successes, unknown outcomes and bulk sends.
    assert ended["success: its id is in the ledger"].count > 100
    assert ended["SendOutcomeUnknownError: accepted once or never"].count > 10


def _ledger(*recipients: str) -> Ledger:
    ledger = Ledger()
    for to in recipients:
        ledger.append(LedgerEntry(uuid.uuid4(), "demo", to, datetime.now(UTC), "plaintext", ()))
    return ledger


def _failed(tally: Tally) -> set[str]:
    return {row.case for row in tally.rows if not row.ok}


def test_the_checks_catch_a_duplicate_a_stray_type_and_a_false_not_sent() -> None:
    unknown = SendOutcomeUnknownError("x", payload={}, path="/omnimessage")
    refused = ServerError("refused", status=503)
    records = [
        CallRecord("sync send", ("+1",), unknown, 0.1, 3, 1),
        CallRecord("sync send", ("+2",), KeyError("bug"), 0.1, 3, 1),
        CallRecord("sync send", ("+3",), RateLimitError("429", status=429), 0.1, 3, 1),
        CallRecord("sync send", ("+4",), refused, 5.0, 3, 1),
    ]
    tally = Tally("t")
    check_calls(tally, records, _ledger("+1", "+1", "+3"))
    assert _failed(tally) == {
        "every call: a success or a documented exception",
        "no call past its deadline by more than one timeout",
        "duplicates (not opted in)",
        "SendOutcomeUnknownError: accepted once or never",
        'an error that says "not sent": never accepted',
    }


def test_an_unknown_outcome_never_says_not_sent() -> None:
    unknown = SendOutcomeUnknownError("x", payload={}, path="/omnimessage")
    assert "not sent" in str(unknown)  # its advice mentions it, which must not count
    assert not says_not_sent(unknown)
    assert says_not_sent(RateLimitError("429", status=429))
