"""A stateful local Messente Omnichannel API, served from the package's ``openapi.yaml``.

Use it in-process (no port) or on a port::

    from messente_omnichannel.sandbox import ManualClock, Sandbox

    with Sandbox(clock=ManualClock()) as sb:
        client = httpx.Client(
            base_url="http://sandbox/v1", transport=sb.transport(), auth=("demo", "demo-password")
        )
        created = client.post("/omnimessage", json={...}).json()
        sb.clock.advance(10)  # the fallback chain plays out

or from a shell: ``python -m messente_omnichannel.sandbox --port 4010``.

The demo account is ``demo`` / ``demo-password``. The last three digits of the recipient choose
what happens (see :mod:`messente_omnichannel.sandbox._scenarios`): ``...001`` fails the first
channel and delivers the second, ``...002`` fails every channel, ``...003`` expires every
channel, ``...004`` is delivered then seen, ``...005`` is rejected, any other is delivered on
the first channel.
"""

import importlib.util

_EXTRA = ("starlette", "uvicorn")
if _missing := [name for name in _EXTRA if importlib.util.find_spec(name) is None]:
    raise ModuleNotFoundError(
        f"The sandbox needs the 'sandbox' extra ({', '.join(_missing)} missing): "
        "pip install 'messente-omnichannel[sandbox]'",
        name=_missing[0],
    )

from messente_omnichannel.sandbox._clock import Clock, ManualClock, SystemClock  # noqa: E402
from messente_omnichannel.sandbox._dlr import Report, ReportAttempt, RetryPolicy  # noqa: E402
from messente_omnichannel.sandbox._faults import Fault, Faults  # noqa: E402
from messente_omnichannel.sandbox._ledger import Ledger, LedgerEntry, StoredMessage  # noqa: E402
from messente_omnichannel.sandbox._sandbox import DEMO_PASSWORD, DEMO_USERNAME, Sandbox  # noqa: E402
from messente_omnichannel.sandbox._scenarios import MAGIC_ENDINGS, Scenario, scenario_for  # noqa: E402
from messente_omnichannel.sandbox._server import serve  # noqa: E402

__all__ = [
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
