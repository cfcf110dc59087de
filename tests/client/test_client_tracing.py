"""OpenTelemetry spans: one per call, one child per attempt, and nothing secret on them."""

import base64
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from messente_omnichannel import (
    SMS,
    AsyncOmnichannel,
    NotFoundError,
    Omnichannel,
    Omnimessage,
    SendOutcomeUnknownError,
)
from messente_omnichannel._client import _tracing
from messente_omnichannel._client._base import Call
from messente_omnichannel._client._operations import STATUS
from messente_omnichannel.sandbox import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    Faults,
    ManualClock,
    Sandbox,
)

from ._readme import promised_output, readme_block
from .conftest import OMNI_ID, Script, report_body

BASE_URL = "http://127.0.0.1:4010/v1"
NUMBER = "+37251000000"
TEXT = "Your order 4242 has shipped"
MESSAGE = Omnimessage(to=NUMBER, messages=[SMS(TEXT, sender="MyBrand")])
AUTHORIZATION = "Basic " + base64.b64encode(f"{DEMO_USERNAME}:{DEMO_PASSWORD}".encode()).decode()


@pytest.fixture
def exporter(monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    """An SDK provider with an in-memory exporter, as the global provider for one test."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(trace, "get_tracer_provider", lambda: provider)
    yield exporter
    provider.shutdown()


@pytest.fixture
def sandbox() -> Iterator[Sandbox[ManualClock]]:
    with Sandbox(clock=ManualClock()) as sb:
        yield sb


def _heal(sb: Sandbox[ManualClock]) -> Any:
    """A retry wait that ends the injected faults, so the next attempt succeeds."""

    def sleep(seconds: float) -> None:
        sb.faults = None

    return sleep


def _by_name(spans: tuple[ReadableSpan, ...]) -> dict[str, list[ReadableSpan]]:
    named: dict[str, list[ReadableSpan]] = {}
    for span in spans:
        named.setdefault(span.name, []).append(span)
    return named


def _check_retried_status(spans: tuple[ReadableSpan, ...]) -> None:
    named = _by_name(spans)
    [call] = named["retrieveDeliveryReport"]
    first, second = named["GET /omnimessage/{omnimessageId}/status"]
    assert call.kind is trace.SpanKind.INTERNAL
    assert call.attributes == {
        "messente.operation": "retrieveDeliveryReport",
        "messente.outcome": "ok",
        "messente.attempts": 2,
        "messente.retries": 1,
        "http.response.status_code": 200,
    }
    assert call.status.status_code is trace.StatusCode.UNSET
    for attempt in (first, second):
        assert attempt.kind is trace.SpanKind.CLIENT
        assert attempt.parent is not None
        assert attempt.parent.span_id == call.context.span_id
        assert attempt.context.trace_id == call.context.trace_id
        attributes = attempt.attributes or {}
        assert attributes["http.request.method"] == "GET"
        assert attributes["server.address"] == "127.0.0.1"
        assert attributes["server.port"] == 4010
        assert attributes["url.template"] == STATUS.path
    assert first.attributes is not None and second.attributes is not None
    assert first.attributes["messente.attempt"] == 1
    assert "http.request.resend_count" not in first.attributes
    assert first.attributes["http.response.status_code"] == 503
    assert first.attributes["error.type"] == "503"
    assert first.attributes["messente.outcome"] == "error"
    assert first.attributes["messente.retry_delay"] == 1.0  # the sandbox's Retry-After
    assert first.status.status_code is trace.StatusCode.ERROR
    assert second.attributes["messente.attempt"] == 2
    assert second.attributes["http.request.resend_count"] == 1
    assert second.attributes["http.response.status_code"] == 200
    assert second.attributes["messente.outcome"] == "ok"
    assert "error.type" not in second.attributes
    assert second.status.status_code is trace.StatusCode.UNSET


def _check_unknown_send(spans: tuple[ReadableSpan, ...]) -> None:
    named = _by_name(spans)
    [call] = named["sendOmnimessage"]
    [attempt] = named["POST /omnimessage"]
    assert attempt.parent is not None and attempt.parent.span_id == call.context.span_id
    assert call.attributes == {
        "messente.operation": "sendOmnimessage",
        "messente.outcome": "unknown",
        "messente.attempts": 1,
        "messente.retries": 0,
        "error.type": "messente_omnichannel.SendOutcomeUnknownError",
    }
    assert call.status.status_code is trace.StatusCode.ERROR
    assert attempt.attributes is not None
    assert attempt.attributes["messente.outcome"] == "unknown"
    assert attempt.attributes["error.type"] == "httpx.RemoteProtocolError"
    assert "http.response.status_code" not in attempt.attributes
    assert attempt.status.status_code is trace.StatusCode.ERROR


def test_a_retried_status_call(
    exporter: InMemorySpanExporter, sandbox: Sandbox[ManualClock]
) -> None:
    with Omnichannel(
        DEMO_USERNAME,
        DEMO_PASSWORD,
        base_url=BASE_URL,
        transport=sandbox.transport(),
        sleep=_heal(sandbox),
    ) as client:
        created = client.send(MESSAGE)
        exporter.clear()
        sandbox.faults = Faults(unavailable=1.0)
        client.status(created.omnimessage_id)
    _check_retried_status(exporter.get_finished_spans())


def test_a_send_whose_outcome_is_unknown(
    exporter: InMemorySpanExporter, sandbox: Sandbox[ManualClock]
) -> None:
    sandbox.faults = Faults(drop_after=1.0)
    with (
        Omnichannel(
            DEMO_USERNAME, DEMO_PASSWORD, base_url=BASE_URL, transport=sandbox.transport()
        ) as client,
        pytest.raises(SendOutcomeUnknownError),
    ):
        client.send(MESSAGE)
    assert sandbox.ledger.count(to=NUMBER) == 1
    _check_unknown_send(exporter.get_finished_spans())


@pytest.mark.anyio
async def test_async_spans(exporter: InMemorySpanExporter, sandbox: Sandbox[ManualClock]) -> None:
    async def sleep(seconds: float) -> None:
        sandbox.faults = None

    async with AsyncOmnichannel(
        DEMO_USERNAME,
        DEMO_PASSWORD,
        base_url=BASE_URL,
        transport=sandbox.async_transport(),
        sleep=sleep,
    ) as client:
        created = await client.send(MESSAGE)
        exporter.clear()
        sandbox.faults = Faults(unavailable=1.0)
        await client.status(created.omnimessage_id)
        _check_retried_status(exporter.get_finished_spans())
        exporter.clear()
        sandbox.faults = Faults(drop_after=1.0)
        with pytest.raises(SendOutcomeUnknownError):
            await client.send(MESSAGE)
        _check_unknown_send(exporter.get_finished_spans())


def test_the_call_span_is_a_child_of_the_callers_span(
    exporter: InMemorySpanExporter, sandbox: Sandbox[ManualClock]
) -> None:
    tracer = trace.get_tracer_provider().get_tracer("app")
    with (
        tracer.start_as_current_span("checkout") as outer,
        Omnichannel(
            DEMO_USERNAME, DEMO_PASSWORD, base_url=BASE_URL, transport=sandbox.transport()
        ) as client,
    ):
        created = client.send(MESSAGE)
        with pytest.raises(NotFoundError):
            client.cancel(created.omnimessage_id)  # not scheduled
        # The caller's span is current again once the calls are over.
        assert trace.get_current_span() is outer
    named = _by_name(exporter.get_finished_spans())
    for name in ("sendOmnimessage", "cancelScheduledMessage"):
        [call] = named[name]
        assert call.parent is not None and call.parent.span_id == outer.get_span_context().span_id
    [cancel] = named["cancelScheduledMessage"]
    assert cancel.attributes is not None
    assert cancel.attributes["messente.outcome"] == "error"
    assert cancel.attributes["error.type"] == "messente_omnichannel.NotFoundError"
    assert cancel.attributes["http.response.status_code"] == 404


def test_no_span_carries_a_credential_the_text_or_the_number(
    exporter: InMemorySpanExporter, sandbox: Sandbox[ManualClock]
) -> None:
    with Omnichannel(
        DEMO_USERNAME,
        DEMO_PASSWORD,
        base_url=BASE_URL,
        transport=sandbox.transport(),
        sleep=_heal(sandbox),
    ) as client:
        created = client.send(MESSAGE)
        client.send_bulk([MESSAGE, MESSAGE])
        sandbox.faults = Faults(unavailable=1.0)
        client.status(created.omnimessage_id)
        sandbox.faults = Faults(drop_after=1.0)
        with pytest.raises(SendOutcomeUnknownError):
            client.send(MESSAGE)
        with pytest.raises(NotFoundError):
            client.cancel(created.omnimessage_id)
    spans = exporter.get_finished_spans()
    assert len(spans) >= 10
    forbidden = [DEMO_PASSWORD, AUTHORIZATION, AUTHORIZATION.split()[1], TEXT, NUMBER, NUMBER[1:]]
    for span in spans:
        shown = [span.name, str(span.status.description)]
        shown += [f"{key}={value!r}" for key, value in (span.attributes or {}).items()]
        shown += [str(event.attributes) for event in span.events]
        for text in shown:
            for secret in forbidden:
                assert secret not in text, (span.name, text)


def test_a_failed_attempt_that_interrupts_the_call_ends_its_spans(
    exporter: InMemorySpanExporter, make_client: Any
) -> None:
    def explode(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        make_client(Script(explode)).send(MESSAGE)
    named = _by_name(exporter.get_finished_spans())
    [call], [attempt] = named["sendOmnimessage"], named["POST /omnimessage"]
    assert call.attributes is not None and attempt.attributes is not None
    assert call.attributes["messente.outcome"] == "unknown"
    assert call.attributes["error.type"] == "builtins.KeyboardInterrupt"
    assert attempt.attributes["error.type"] == "builtins.KeyboardInterrupt"
    assert attempt.attributes["messente.outcome"] == "unknown"
    assert trace.get_current_span() is trace.INVALID_SPAN


def test_a_refused_send_was_not_sent(exporter: InMemorySpanExporter, make_client: Any) -> None:
    script = Script(httpx.Response(429), httpx.Response(400, json={"errors": []}))
    with pytest.raises(Exception, match="400"):
        make_client(script).send(MESSAGE)
    named = _by_name(exporter.get_finished_spans())
    [call] = named["sendOmnimessage"]
    attempts = named["POST /omnimessage"]
    assert [a.attributes and a.attributes["messente.outcome"] for a in attempts] == [
        "not_sent",
        "not_sent",
    ]
    for attempt in attempts:
        assert attempt.attributes is not None
        assert attempt.attributes["server.address"] == "api.messente.com"
        assert attempt.attributes["server.port"] == 443  # the scheme's default
        assert attempt.attributes["url.full"] == "https://api.messente.com/v1/omnimessage"
    assert call.attributes is not None
    assert call.attributes["messente.outcome"] == "not_sent"
    assert call.attributes["messente.retries"] == 1


def test_nothing_is_traced_without_a_tracer_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    call = Call(STATUS, STATUS.path_for(None), dict)
    monkeypatch.setattr(trace, "get_tracer_provider", trace.ProxyTracerProvider)
    assert _tracing.traced(call) is _tracing.UNTRACED
    monkeypatch.setattr(trace, "get_tracer_provider", trace.NoOpTracerProvider)
    assert _tracing.traced(call) is _tracing.UNTRACED


def test_nothing_is_traced_or_imported_when_the_application_has_not_imported_it(
    monkeypatch: pytest.MonkeyPatch, make_client: Any
) -> None:
    def fail() -> None:
        raise AssertionError("asked for a tracer provider")

    monkeypatch.setattr(trace, "get_tracer_provider", fail)
    monkeypatch.delitem(sys.modules, "opentelemetry.trace")
    script = Script(httpx.Response(200, json=report_body(channel="sms", status="DELIVRD")))
    make_client(script).status(OMNI_ID)
    assert "opentelemetry.trace" not in sys.modules


def test_the_readme_example_prints_what_its_comments_say(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    block = readme_block("set_tracer_provider(")
    # The example sets the process's provider, which OpenTelemetry allows once: here it is set
    # for this test only.
    monkeypatch.setattr(
        trace,
        "set_tracer_provider",
        lambda provider: monkeypatch.setattr(trace, "get_tracer_provider", lambda: provider),
    )
    with Sandbox(clock=ManualClock()) as sb, sb.serve() as url:
        monkeypatch.setenv("MESSENTE_API_USERNAME", DEMO_USERNAME)
        monkeypatch.setenv("MESSENTE_API_PASSWORD", DEMO_PASSWORD)
        monkeypatch.setenv("MESSENTE_BASE_URL", url)
        exec(compile(block, "README", "exec"), {})  # noqa: S102 - the README's own example
    printed = capsys.readouterr().out.splitlines()
    assert printed == promised_output(block)
    assert len(printed) == 4
