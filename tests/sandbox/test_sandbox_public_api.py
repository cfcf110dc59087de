"""The sandbox's public surface is curated and pinned."""

import messente_omnichannel.sandbox as sandbox


def test_all_is_pinned() -> None:
    # The order is ruff's (RUF022): constants, classes, functions.
    assert sandbox.__all__ == [
        "DEMO_PASSWORD",
        "DEMO_USERNAME",
        "MAGIC_ENDINGS",
        "Clock",
        "Fault",
        "Faults",
        "Ledger",
        "LedgerEntry",
        "ManualClock",
        "Report",
        "ReportAttempt",
        "RetryPolicy",
        "Sandbox",
        "Scenario",
        "StoredMessage",
        "SystemClock",
        "scenario_for",
        "serve",
    ]
    for name in sandbox.__all__:
        assert getattr(sandbox, name) is not None


def test_magic_endings_are_documented() -> None:
    assert sandbox.__doc__ is not None
    for ending, scenario in sandbox.MAGIC_ENDINGS.items():
        assert f"...{ending}" in sandbox.__doc__, scenario
    assert sandbox.scenario_for("+37251000001") is sandbox.Scenario.FALLBACK
    assert sandbox.scenario_for("+37251000099") is sandbox.Scenario.DELIVERED
