"""The README's Starlette receiver gets every delivery report the sandbox sends to its dlr_url."""

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from messente_omnichannel import SMS, Omnichannel, Omnimessage, Viber
from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME, ManualClock, Sandbox

README = Path(__file__).resolve().parents[2] / "README.md"
DLR_URL = "https://example.com/dlr"  # the README's


def receiver_block() -> str:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    (block,) = [str(b) for b in blocks if "ReportReceiver(on_report)" in b]
    return block


def test_the_readme_receiver_gets_every_report_of_a_chain(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MESSENTE_API_PASSWORD", DEMO_PASSWORD)
    namespace: dict[str, Any] = {}
    exec(compile(receiver_block(), "README receiver", "exec"), namespace)  # noqa: S102
    receiver = httpx.ASGITransport(app=namespace["app"])
    with Sandbox(clock=ManualClock(), dlr_transport=receiver) as sb:
        with Omnichannel(
            DEMO_USERNAME,
            DEMO_PASSWORD,
            base_url="https://sandbox.test/v1",
            transport=sb.transport(),
        ) as client:
            created = client.send(
                Omnimessage(
                    to="+37251000001",  # viber fails, sms delivers
                    messages=[Viber(text="Hi", sender="MyBrand"), SMS("Hi", sender="MyBrand")],
                    dlr_url=DLR_URL,
                )
            )
        namespace["tracker"].expect(created)
        sb.clock.advance(60)
        sb.flush_reports()
        attempts = sb.report_attempts
    # ACK + UNDELIV on viber, ACCEPTD + DELIVRD on sms: each taken at once, none redirected.
    assert len(attempts) == 4
    assert [(a.status_code, a.url) for a in attempts] == [(200, DLR_URL)] * 4
    assert namespace["tracker"].outcome(created.omnimessage_id).describe() == "delivered on sms"
    assert capsys.readouterr().out == "delivered on sms\n"
