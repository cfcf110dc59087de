"""The pytest plugin's fixtures work in a user's test suite."""

import importlib.metadata

import pytest

pytest_plugins = ["pytester"]


def test_fixtures_give_a_sandbox_and_a_served_url(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
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
    )
    result = pytester.runpytest_subprocess(*_enable())
    result.assert_outcomes(passed=2)


def _enable() -> list[str]:
    """The plugin loads through its pytest11 entry point: no ``-p`` needed."""
    plugins = {ep.value for ep in importlib.metadata.entry_points(group="pytest11")}
    assert "messente_omnichannel.pytest_plugin" in plugins
    return []
