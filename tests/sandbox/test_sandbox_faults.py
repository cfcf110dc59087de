"""Injected faults, and a ledger that tells what was really accepted."""

import time

import httpx
import pytest

from messente_omnichannel.sandbox import Fault, Faults, ManualClock, Sandbox

AUTH = ("demo", "demo-password")
BODY = {"to": "+37251000000", "messages": [{"channel": "sms", "text": "Hi"}]}


def client_for(sb: Sandbox[ManualClock]) -> httpx.Client:
    return httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH)


@pytest.mark.parametrize(
    ("faults", "status", "code", "retry_after"),
    [
        (Faults(unavailable=1.0, retry_after=7), 503, "104", "7"),
        (Faults(server_error=1.0), 500, "104", None),
        (Faults(too_many_requests=1.0, retry_after=2), 429, "429", "2"),
    ],
)
def test_error_faults_answer_without_processing(
    faults: Faults, status: int, code: str, retry_after: str | None
) -> None:
    with Sandbox(clock=ManualClock(), faults=faults) as sb, client_for(sb) as client:
        response = client.post("/omnimessage", json=BODY)
        assert response.status_code == status
        assert response.json()["errors"][0]["code"] == code
        assert response.headers.get("retry-after") == retry_after
        assert len(sb.ledger) == 0


def test_dropped_before_processing_is_a_transport_error_and_not_accepted() -> None:
    with Sandbox(clock=ManualClock(), faults=Faults(drop_before=1.0)) as sb, client_for(sb) as c:
        with pytest.raises(httpx.RemoteProtocolError):
            c.post("/omnimessage", json=BODY)
        assert len(sb.ledger) == 0


def test_dropped_after_processing_is_accepted_but_unanswered() -> None:
    with Sandbox(clock=ManualClock(), faults=Faults(drop_after=1.0)) as sb, client_for(sb) as c:
        with pytest.raises(httpx.RemoteProtocolError):
            c.post("/omnimessage", json=BODY)
        [entry] = sb.ledger.entries
        assert entry.answered is False
        sb.faults = None
        body = {"messages": [BODY, BODY]}
        assert c.post("/omnimessages", json=body).status_code == 201
        assert [e.answered for e in sb.ledger] == [False, True, True]


@pytest.mark.anyio
async def test_async_transport_drops_too() -> None:
    with Sandbox(clock=ManualClock(), faults=Faults(drop_after=1.0)) as sb:
        transport = sb.async_transport()
        async with httpx.AsyncClient(
            base_url="http://sandbox/v1", transport=transport, auth=AUTH
        ) as c:
            with pytest.raises(httpx.RemoteProtocolError):
                await c.post("/omnimessage", json=BODY)
        assert sb.ledger.count(to="+37251000000") == 1


def test_a_dropped_connection_over_a_real_socket() -> None:
    faults = Faults(drop_before=1.0)
    with (
        Sandbox(clock=ManualClock(), faults=faults) as sb,
        sb.serve() as url,
        httpx.Client(base_url=url, auth=AUTH) as c,
        pytest.raises(httpx.TransportError),
    ):
        c.post("/omnimessage", json=BODY)


def test_a_retrying_client_duplicates_are_counted_by_the_ledger() -> None:
    faults = Faults(drop_after=0.3, unavailable=0.2, seed=3)
    with Sandbox(clock=ManualClock(), faults=faults) as sb, client_for(sb) as c:
        answered = 0
        for _ in range(20):  # a naive client: retry until it gets a 201
            for _attempt in range(20):
                try:
                    if c.post("/omnimessage", json=BODY).status_code == 201:
                        answered += 1
                        break
                except httpx.RemoteProtocolError:
                    continue
        assert answered == 20
        duplicates = sum(1 for e in sb.ledger if not e.answered)
        assert duplicates > 0
        assert len(sb.ledger) == answered + duplicates


def test_faults_are_seeded_and_respect_their_rates() -> None:
    first = Faults(unavailable=0.25, drop_after=0.25, seed=42)
    second = Faults(unavailable=0.25, drop_after=0.25, seed=42)
    a = [first.draw() for _ in range(400)]
    assert a == [second.draw() for _ in range(400)]
    assert 60 < a.count(Fault.UNAVAILABLE) < 140
    assert 60 < a.count(Fault.DROP_AFTER) < 140


def test_latency_is_added(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr("messente_omnichannel.sandbox._app.anyio.sleep", fake_sleep)
    with Sandbox(clock=ManualClock(), faults=Faults(latency=0.25)) as sb, client_for(sb) as c:
        assert c.post("/omnimessage", json=BODY).status_code == 201
    assert slept == [0.25]


def test_parse_reads_the_command_line_syntax() -> None:
    faults = Faults.parse("503=0.1, 500=0.05,429=0.05,drop_before=0.02,drop_after=0.03,latency=0.5")
    assert (faults.unavailable, faults.server_error, faults.too_many_requests) == (0.1, 0.05, 0.05)
    assert (faults.drop_before, faults.drop_after, faults.latency) == (0.02, 0.03, 0.5)
    assert Faults.parse("retry_after=3,seed=9").retry_after == 3


@pytest.mark.parametrize(
    "text", ["503", "nope=1", "503=x", "503=2", "503=0.6,500=0.6", "latency=-1"]
)
def test_parse_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        Faults.parse(text)


def test_no_faults_without_configuration() -> None:
    with Sandbox(clock=ManualClock()) as sb, client_for(sb) as c:
        assert all(c.post("/omnimessage", json=BODY).status_code == 201 for _ in range(50))
        assert sb.faults is None


def test_in_process_requests_honour_the_read_timeout_and_go_on_without_the_client() -> None:
    with Sandbox(clock=ManualClock(), faults=Faults(latency=1.0)) as sb, client_for(sb) as c:
        with pytest.raises(httpx.ReadTimeout):
            c.post("/omnimessage", json=BODY, timeout=0.05)
        # The client did not wait out the latency: the request is not processed yet.
        assert len(sb.ledger) == 0
        # As over a socket, the request the client gave up on is still processed.
        deadline = time.monotonic() + 10
        while not sb.ledger and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(sb.ledger) == 1
