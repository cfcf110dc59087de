"""What validate() accepts is what the sandbox accepts, and what is sent is the body unchanged.

Bodies come from the spec's own schemas (schemathesis, positive and negative). For each one the
sandbox is asked directly, with the body as JSON, and ``validate()`` must agree with its answer;
a body ``validate()`` accepts is then sent through :class:`Omnichannel`, and the bytes on the
wire must be the body's compact JSON, byte for byte.
"""

import base64
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from messente_omnichannel import InvalidMessageError, Omnichannel, OmnimessageCreated, validate
from messente_omnichannel._spec import spec_path
from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME, ManualClock, Sandbox

if TYPE_CHECKING:
    from schemathesis import Case
    from schemathesis.schemas import BaseSchema

AUTH_HEADER = "Basic " + base64.b64encode(f"{DEMO_USERNAME}:{DEMO_PASSWORD}".encode()).decode()
JSON_HEADERS = {"Content-Type": "application/json"}


@functools.cache
def _spec() -> "BaseSchema":
    import schemathesis

    return schemathesis.openapi.from_path(spec_path())


@functools.cache
def send_cases(mode: str) -> st.SearchStrategy["Case[Any]"]:
    """Cases of ``POST /omnimessage`` from the spec, in a schemathesis generation mode.

    Built on the first draw: `make check` collects this module but skips the slow properties,
    and importing schemathesis and loading the spec cost seconds.
    """
    from schemathesis import GenerationMode

    operation = _spec()["/omnimessage"]["POST"]
    # A fixed header, so Hypothesis spends its choices on bodies rather than on credentials.
    return operation.as_strategy(GenerationMode(mode), headers={"Authorization": AUTH_HEADER})


# Generation dominates the runtime (a negative body costs about three times a positive one);
# the counts keep the module within about 20 s on two cores. derandomize alone would seed each
# property from its own source text, so any edit of it would draw other bodies (and change the
# runtime by half); the seed of the contract suite (schemathesis.toml) pins them instead.
SEED = 20261127
PROPERTY = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
NOT_JSON = object()
"""Stands for a raw body that is not JSON text at all (negative mode's random bytes)."""


class RecordingTransport(httpx.BaseTransport):
    """Records the body of every request, then hands the request on."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.bodies: list[bytes] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(request.read())
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@dataclass
class Wire:
    """The sandbox, a client sending through a recorder, and a plain HTTP client beside it."""

    sandbox: Sandbox[ManualClock]
    recorder: RecordingTransport
    client: Omnichannel
    raw: httpx.Client
    sent: int = 0


@pytest.fixture(scope="module")
def wire() -> Iterator[Wire]:
    # Generated bodies may carry a dlr_url; reports are answered here, never sent anywhere.
    reports = httpx.MockTransport(lambda request: httpx.Response(200))
    with Sandbox(clock=ManualClock(), dlr_transport=reports) as sandbox:
        recorder = RecordingTransport(sandbox.transport())
        raw = httpx.Client(
            base_url="http://sandbox/v1",
            transport=sandbox.transport(),
            auth=(DEMO_USERNAME, DEMO_PASSWORD),
        )
        client = Omnichannel(
            DEMO_USERNAME, DEMO_PASSWORD, transport=recorder, max_retries=0, sleep=lambda _: None
        )
        with raw, client:
            yield Wire(sandbox, recorder, client, raw)


def compact_json(body: Any) -> bytes:
    """The bytes the client must send for a body: compact JSON, not ASCII-escaped."""
    return json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def as_request(body: Any) -> tuple[bytes | None, Any]:
    """Return the raw request body for the sandbox and the JSON value it holds.

    A generated body is a JSON value, or raw bytes (then decoded here as the sandbox would). A
    string holding a lone surrogate is not UTF-8, so it goes ASCII-escaped. ``None`` as bytes:
    the value has no JSON form at all.
    """
    if isinstance(body, bytes):
        try:
            return body, json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return body, NOT_JSON
    try:
        return compact_json(body), body
    except UnicodeEncodeError:
        return json.dumps(body, allow_nan=False).encode(), body
    except (TypeError, ValueError):
        return None, body


def validate_accepts(body: Any) -> bool:
    """Ask validate(): it accepts, or refuses with ``InvalidMessageError`` (anything else fails)."""
    try:
        validate(body)
    except InvalidMessageError:
        return False
    return True


def assert_wire_agrees(wire: Wire, body: Any) -> None:
    """The single assertion of this module: one verdict, and the body sent unchanged."""
    content, value = as_request(body)
    if content is None:
        assert not validate_accepts(value), f"validate() accepted a body with no JSON: {body!r}"
        return
    answer = wire.raw.post("/omnimessage", content=content, headers=JSON_HEADERS)
    assert answer.status_code in (201, 400), (answer.status_code, answer.text, body)
    if value is NOT_JSON:
        assert answer.status_code == 400, (answer.text, body)
        return
    accepted = validate_accepts(value)
    assert accepted == (answer.status_code == 201), (
        f"validate() {'accepts' if accepted else 'refuses'} a body the sandbox answers "
        f"{answer.status_code} ({answer.text}): {value!r}"
    )
    if not accepted:
        return
    wire.recorder.bodies.clear()
    created = wire.client.send(value)
    assert isinstance(created, OmnimessageCreated)
    assert wire.recorder.bodies == [compact_json(value)]
    wire.sent += 1


@pytest.mark.slow
@seed(SEED)
@settings(PROPERTY, max_examples=40)
@given(case=st.deferred(lambda: send_cases("positive")))
def test_schema_valid_bodies_are_judged_alike_and_sent_unchanged(
    wire: Wire, case: "Case[Any]"
) -> None:
    assert_wire_agrees(wire, case.body)


@pytest.mark.slow
@seed(SEED)
@settings(PROPERTY, max_examples=20)
@given(case=st.deferred(lambda: send_cases("negative")))
def test_schema_invalid_bodies_are_judged_alike(wire: Wire, case: "Case[Any]") -> None:
    assert_wire_agrees(wire, case.body)


@pytest.mark.slow
def test_the_positive_property_reached_the_send_path(
    wire: Wire, request: pytest.FixtureRequest
) -> None:
    """Runs after the properties: schema-valid bodies were sent, not only refused."""
    names = {item.name for item in request.session.items if item.path == request.node.path}
    if test_schema_valid_bodies_are_judged_alike_and_sent_unchanged.__name__ not in names:
        pytest.skip("the positive property was deselected")
    assert wire.sent >= 10, wire.sent
    assert len(wire.sandbox.ledger) >= 2 * wire.sent  # once directly, once through the client


SMS = {"channel": "sms", "text": "Your order 4242 has shipped.", "sender": "MyBrand"}


def omnimessage(*messages: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"to": "+37251000000", "messages": list(messages or [SMS]), **fields}


def calendar_rcs(start: str, end: str) -> dict[str, Any]:
    event = {"start_time": start, "end_time": end, "title": "Parcel", "description": "Arrives."}
    return {
        "channel": "rcs",
        "sender": "MyBrand",
        "text": "Your parcel arrives tomorrow.",
        "suggestions": [
            {"action": {"text": "Add to calendar", "create_calendar_event_action": event}},
            {"reply": {"text": "Thanks", "postback_data": "thanks"}},
        ],
    }


CHAIN: list[dict[str, Any]] = [
    {
        "channel": "whatsapp",
        "sender": "MyBrand",
        "validity": 360,
        "template": {
            "name": "order_update",
            "language": {"code": "en"},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": "4242"}]}],
        },
    },
    {"channel": "viber", "sender": "MyBrand", "ttl": 3600, "text": "Your order has shipped."},
    {**SMS, "autoconvert": "on"},
]

EXAMPLES: dict[str, Any] = {
    # A leap second is valid RFC 3339; it once passed validate() and then failed in send().
    "leap-second": omnimessage(time_to_send="2030-06-30T23:59:60Z"),
    "leap-second-at-offset": omnimessage(time_to_send="2030-07-01T05:29:60+05:30"),
    "not-a-leap-second": omnimessage(time_to_send="2030-06-30T12:00:60Z"),
    "offset": omnimessage(time_to_send="2030-06-30T14:30:00+05:30"),
    "lowercase-t-z": omnimessage(time_to_send="2030-06-30t09:05:07z"),
    "naive-time": omnimessage(time_to_send="2030-06-30T09:05:07"),
    "far-future": omnimessage(time_to_send="9999-12-31T23:59:59-23:59"),
    "non-ascii": omnimessage({"channel": "sms", "text": "Tere, õun 🍎", "sender": "Õunad"}),
    "nul-in-text": omnimessage({"channel": "sms", "text": "a\x00b"}),
    "rcs-calendar-event": omnimessage(
        calendar_rcs("2030-06-22T09:00:00+00:00", "2030-06-22T13:00:00+03:00"), SMS
    ),
    "rcs-calendar-event-ends-first": omnimessage(
        calendar_rcs("2030-06-22T09:00:00+00:00", "2030-06-22T09:00:00+01:00")
    ),
    "whatsapp-viber-sms": omnimessage(
        *CHAIN, dlr_url="https://example.com/dlr", text_store="sha256", priority="high"
    ),
    "integer-beyond-64-bits": omnimessage({**SMS, "validity": 2**70}),
    "integral-float": omnimessage({**SMS, "ttl": 60.0}),
    "ttl-and-validity": omnimessage({**SMS, "ttl": 60, "validity": 1}),
    "unknown-channel": omnimessage({"channel": "telegram", "text": "Hi"}),
    "empty-object": {},
    "array": [],
    "array-of-pairs": [["to", "+37251000000"], ["messages", [SMS]]],
    "string": "ab",
    "null": None,
    "random-bytes": b"\x00\xff",
}


@pytest.mark.parametrize("body", list(EXAMPLES.values()), ids=list(EXAMPLES))
def test_explicit_bodies_are_judged_alike_and_sent_unchanged(wire: Wire, body: Any) -> None:
    assert_wire_agrees(wire, body)


@pytest.mark.parametrize(
    "body",
    [[["to", "+37251000000"], ["messages", [SMS]]], "ab", 5, None, b"{}"],
    ids=["array-of-pairs", "string", "number", "null", "bytes"],
)
def test_a_non_object_is_an_invalid_message(body: Any) -> None:
    # A list of [key, value] pairs once became an object (dict(message)) and was sent as one;
    # the others raised a bare TypeError or ValueError.
    with pytest.raises(InvalidMessageError):
        validate(body)


# A disagreement found while writing this module, reported with its reproduction.
def test_a_lone_surrogate_is_refused_by_both(wire: Wire) -> None:
    assert_wire_agrees(wire, omnimessage({"channel": "sms", "text": "\ud800"}))
