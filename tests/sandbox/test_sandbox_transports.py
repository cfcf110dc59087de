"""In-process transports and a real port; concurrent use keeps the state consistent."""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import anyio
import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox

# Threads, tasks and a real port under concurrent load: seconds apiece.
pytestmark = pytest.mark.slow

AUTH = ("demo", "demo-password")
BODY = {
    "to": "+37251000001",
    "messages": [{"channel": "viber", "text": "Hi"}, {"channel": "sms", "text": "Hi"}],
}


def test_the_sync_transport_is_thread_safe() -> None:
    with Sandbox(clock=ManualClock()) as sb:
        transport = sb.transport()
        with httpx.Client(base_url="http://sandbox/v1", transport=transport, auth=AUTH) as c:

            def work(_: int) -> list[int]:
                oid = c.post("/omnimessage", json=BODY).json()["omnimessage_id"]
                return [
                    c.get(f"/omnimessage/{oid}/status").status_code,
                    c.delete(f"/omnimessage/{oid}").status_code,
                ]

            with ThreadPoolExecutor(8) as pool:
                results = list(pool.map(work, range(200)))
        assert results == [[200, 404]] * 200
        assert len(sb.ledger) == 200
        assert len({e.omnimessage_id for e in sb.ledger}) == 200


@pytest.mark.anyio
async def test_the_async_transport_serves_concurrent_tasks() -> None:
    with Sandbox(clock=ManualClock()) as sb:
        transport = sb.async_transport()
        async with httpx.AsyncClient(
            base_url="http://sandbox/v1", transport=transport, auth=AUTH
        ) as c:
            statuses: list[int] = []

            async def send() -> None:
                statuses.append((await c.post("/omnimessage", json=BODY)).status_code)

            async with anyio.create_task_group() as tg:
                for _ in range(100):
                    tg.start_soon(send)
        assert statuses == [201] * 100
        sb.clock.advance(6)
        assert len(sb.ledger) == 100


def test_serve_listens_on_a_free_port_under_concurrent_load() -> None:
    with Sandbox(clock=ManualClock()) as sb, sb.serve() as base_url:
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        with httpx.Client(base_url=base_url, auth=AUTH) as c:
            with ThreadPoolExecutor(8) as pool:
                codes = list(
                    pool.map(lambda _: c.post("/omnimessage", json=BODY).status_code, range(200))
                )
            assert codes == [201] * 200
            oid = sb.ledger.entries[0].omnimessage_id
            sb.clock.advance(6)
            statuses = c.get(f"/omnimessage/{oid}/status").json()["statuses"]
            assert [s["status"] for s in statuses] == ["UNDELIV", "DELIVRD"]
    with pytest.raises(httpx.ConnectError):
        httpx.get(base_url + "/omnimessage", timeout=1)


def test_two_sandboxes_serve_side_by_side() -> None:
    with (
        Sandbox(clock=ManualClock()) as a,
        Sandbox(clock=ManualClock()) as b,
        a.serve() as url_a,
        b.serve() as url_b,
    ):
        assert url_a != url_b
        httpx.post(url_a + "/omnimessage", json=BODY, auth=AUTH)
        assert (len(a.ledger), len(b.ledger)) == (1, 0)
    # Starting servers adds nothing that outlives them to uvicorn's global logger.
    assert len(logging.getLogger("uvicorn.error").filters) <= 1


def test_close_stops_background_threads() -> None:
    before = {t.name for t in threading.enumerate()}
    sb = Sandbox(clock=ManualClock())
    with httpx.Client(base_url="http://s/v1", transport=sb.transport(), auth=AUTH) as c:
        c.post("/omnimessage", json={**BODY, "dlr_url": "http://127.0.0.1:9/dlr"})
    sb.clock.advance(1)
    sb.close()
    assert not {t.name for t in threading.enumerate()} - before
