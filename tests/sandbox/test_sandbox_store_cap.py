"""A long-running sandbox keeps at most ``max_stored`` omnimessages: the oldest are forgotten."""

import tracemalloc

import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox
from messente_omnichannel.sandbox._server import build_parser, serve
from messente_omnichannel.sandbox._state import DEFAULT_MAX_STORED

AUTH = ("demo", "demo-password")


def body(number: int) -> dict[str, object]:
    return {"to": f"+3725{number:07d}", "messages": [{"channel": "sms", "text": "Hi"}]}


def test_beyond_the_cap_the_oldest_omnimessages_are_forgotten() -> None:
    with (
        Sandbox(clock=ManualClock(), max_stored=3) as sb,
        httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c,
    ):
        ids = [c.post("/omnimessage", json=body(n)).json()["omnimessage_id"] for n in range(4)]
        bulk = c.post("/omnimessages", json={"messages": [body(4)]}).json()
        ids.append(bulk["messages"][0]["omnimessage_id"])
        statuses = [c.get(f"/omnimessage/{oid}/status").status_code for oid in ids]
        assert statuses == [404, 404, 200, 200, 200]
        assert [entry.to for entry in sb.ledger] == [f"+3725{n:07d}" for n in (2, 3, 4)]


def test_the_cap_holds_across_accounts() -> None:
    accounts = {"alice": "a-pw", "bob": "b-pw"}
    with Sandbox(accounts, clock=ManualClock(), max_stored=2) as sb:
        transport = sb.transport()
        clients = {
            user: httpx.Client(base_url="http://sandbox/v1", transport=transport, auth=(user, pw))
            for user, pw in accounts.items()
        }
        first = clients["alice"].post("/omnimessage", json=body(1)).json()["omnimessage_id"]
        clients["bob"].post("/omnimessage", json=body(2))
        clients["bob"].post("/omnimessage", json=body(3))
        assert clients["alice"].get(f"/omnimessage/{first}/status").status_code == 404
        assert len(sb.ledger) == 2


def test_stored_memory_stays_flat_once_the_cap_is_reached() -> None:
    with Sandbox(clock=ManualClock(), max_stored=200) as sb:
        service = sb._service
        tracemalloc.start()
        try:
            for n in range(400):  # the cap is reached: every structure at its full size
                service.send("demo", body(n))
            full = tracemalloc.get_traced_memory()[0]
            for n in range(400, 1600):
                service.send("demo", body(n))
            grown = tracemalloc.get_traced_memory()[0] - full
        finally:
            tracemalloc.stop()
        # Without the cap the 1,200 more keep about three times what the first 400 left; with
        # it, only the dicts' one-off resizing remains (about a third).
        assert grown < full / 2
        assert len(sb._service.store) == len(sb.ledger) == 200


@pytest.mark.parametrize("bad", [0, -1])
def test_a_cap_below_one_is_refused(bad: int) -> None:
    with pytest.raises(ValueError, match="max_stored"):
        Sandbox(clock=ManualClock(), max_stored=bad)


def test_the_command_line_sets_the_cap(capsys: pytest.CaptureFixture[str]) -> None:
    assert build_parser().parse_args([]).max_stored == DEFAULT_MAX_STORED
    assert build_parser().parse_args(["--max-stored", "7"]).max_stored == 7
    with pytest.raises(SystemExit) as exited:
        serve(["--max-stored", "0"])
    assert exited.value.code == 2
    assert "max_stored must be a positive number" in capsys.readouterr().err
