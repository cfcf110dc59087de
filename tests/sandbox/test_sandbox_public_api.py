"""The sandbox's public surface is curated and pinned."""

import importlib
import pkgutil

import messente_omnichannel
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


def test_no_sandbox_name_shadows_a_public_name_of_the_client() -> None:
    # The sandbox's own error items and stored omnimessages once read as the client's
    # ApiError and Omnimessage in tracebacks and imports.
    public = set(messente_omnichannel.__all__)
    clashes = []
    for info in pkgutil.iter_modules(sandbox.__path__, f"{sandbox.__name__}."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if getattr(value, "__module__", None) == module.__name__ and name in public:
                clashes.append(f"{module.__name__}.{name}")
    assert clashes == []
