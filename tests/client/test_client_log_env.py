"""MESSENTE_LOG=debug|info switches logging on, and no line holds a secret."""

import base64
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator

import httpx
import pytest

from messente_omnichannel import SMS, Omnichannel, Omnimessage
from messente_omnichannel._logging import log_from_environment

from .conftest import OMNI_ID, PASSWORD, USERNAME, Script, created_body, report_body

MESSAGE = Omnimessage(to="+37251000000", messages=[SMS("Hi", sender="MyBrand")])
TOKEN = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
LOGGERS = ("messente_omnichannel", "httpx")


@pytest.fixture(autouse=True)
def levels_restored() -> Iterator[None]:
    saved = {name: logging.getLogger(name).level for name in LOGGERS}
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


def created(request: httpx.Request) -> httpx.Response:
    return httpx.Response(201, json=created_body(request))


@pytest.mark.parametrize("value", ["", "warning", "verbose"])
def test_without_a_known_level_nothing_changes(value: str) -> None:
    before = {name: logging.getLogger(name).level for name in LOGGERS}
    assert log_from_environment({"MESSENTE_LOG": value}) is None
    assert {name: logging.getLogger(name).level for name in LOGGERS} == before


@pytest.mark.parametrize(("value", "level"), [("debug", logging.DEBUG), ("INFO", logging.INFO)])
def test_a_level_is_set_on_the_package_and_httpx(value: str, level: int) -> None:
    assert log_from_environment({"MESSENTE_LOG": value}) == level
    assert all(logging.getLogger(name).level == level for name in LOGGERS)


def test_debug_logs_each_request_and_answer_without_secrets(
    make_client: Callable[..., Omnichannel], caplog: pytest.LogCaptureFixture
) -> None:
    log_from_environment({"MESSENTE_LOG": "debug"})
    script = Script(
        created,
        httpx.Response(503, headers={"Retry-After": "0"}),
        httpx.Response(200, json=report_body(status="ACK")),
    )
    client = make_client(script)
    client.send(MESSAGE)
    client.status(OMNI_ID)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "HTTP request: POST https://api.messente.com/v1/omnimessage" in text
    assert "'authorization': '<redacted>'" in text
    assert "HTTP response: GET" in text and "-> 503" in text
    assert "Retrying GET" in text
    assert PASSWORD not in text and TOKEN not in text and USERNAME + ":" not in text


def test_info_logs_retries_not_requests(
    make_client: Callable[..., Omnichannel], caplog: pytest.LogCaptureFixture
) -> None:
    log_from_environment({"MESSENTE_LOG": "info"})
    script = Script(httpx.Response(503), httpx.Response(200, json=report_body(status="ACK")))
    make_client(script).status(OMNI_ID)
    ours = [r for r in caplog.records if r.name == "messente_omnichannel"]
    assert [r.levelname for r in ours] == ["INFO"]
    assert ours[0].getMessage().startswith("Retrying GET /omnimessage/")


@pytest.mark.slow
def test_the_variable_works_at_import_in_a_fresh_process() -> None:
    # Set before the package is imported, as a user would; a sandbox served on loopback.
    program = """
from messente_omnichannel import SMS, Omnichannel, Omnimessage
from messente_omnichannel.sandbox import Sandbox
with Sandbox({"unit-user": "s3cr3t-Pa55word"}) as sb, sb.serve() as url:
    with Omnichannel("unit-user", "s3cr3t-Pa55word", base_url=url) as client:
        client.send(Omnimessage(to="+37251000000", messages=[SMS("Hi", sender="MyBrand")]))
"""
    env = {**os.environ, "MESSENTE_LOG": "debug"}
    run = subprocess.run(
        [sys.executable, "-c", program],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "messente_omnichannel" in run.stderr and "DEBUG] HTTP request: POST" in run.stderr
    assert "HTTP response: POST /omnimessage -> 201" in run.stderr
    assert PASSWORD not in run.stderr and TOKEN not in run.stderr
