"""The pytest plugin's fixtures work in a user's test suite."""

import importlib.metadata

import pytest

pytest_plugins = ["pytester"]
# Each test runs pytest in a subprocess: seconds apiece.
pytestmark = pytest.mark.slow


USER_TESTS = """
import httpx

def test_in_process(messente_sandbox):
    with httpx.Client(
        base_url="http://sandbox/v1",
        transport=messente_sandbox.transport(),
        auth=("demo", "demo-password"),
    ) as client:
        body = {"to": "+37251000000", "messages": [{"channel": "sms", "text": "Hi"}]}
        assert client.post("/omnimessage", json=body).status_code == 201
    messente_sandbox.clock.advance(3)
    assert len(messente_sandbox.ledger) == 1

def test_served(messente_sandbox_url):
    response = httpx.get(messente_sandbox_url + "/omnimessage")
    assert response.status_code == 405
"""


def test_the_entry_point_is_named_after_the_module() -> None:
    plugins = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="pytest11")}
    assert plugins["messente_omnichannel.pytest_plugin"] == "messente_omnichannel.pytest_plugin"


def test_fixtures_load_through_the_entry_point(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USER_TESTS)
    pytester.runpytest_subprocess().assert_outcomes(passed=2)


def test_fixtures_load_with_p_when_autoloading_is_off(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(USER_TESTS)
    pytester.runpytest_subprocess().assert_outcomes(errors=2)
    result = pytester.runpytest_subprocess("-p", "messente_omnichannel.pytest_plugin")
    result.assert_outcomes(passed=2)


@pytest.mark.parametrize("autoload", ["", "1"])
def test_fixtures_load_from_a_conftest(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, autoload: str
) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", autoload)
    pytester.makeconftest('pytest_plugins = ["messente_omnichannel.pytest_plugin"]')
    pytester.makepyfile(USER_TESTS)
    pytester.runpytest_subprocess().assert_outcomes(passed=2)
