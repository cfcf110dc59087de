"""schemathesis against the sandbox, in-process: every operation, every check, both data kinds.

The spec is the shipped ``openapi.yaml``; the sandbox serves it. Any difference schemathesis finds
between them fails the test. Seeded (see ``schemathesis.toml``), so CI runs are repeatable.
"""

import base64
import importlib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from messente_omnichannel._spec import spec_path
from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME, ManualClock, Sandbox

pytestmark = [pytest.mark.slow, pytest.mark.contract]

# Registers the hooks; imported by name, as `make contract` loads them (it sits beside this file).
importlib.import_module("contract_hooks")
AUTH_HEADER = "Basic " + base64.b64encode(f"{DEMO_USERNAME}:{DEMO_PASSWORD}".encode()).decode()
CONFIG = SchemathesisConfig.from_path(Path(__file__).with_name("schemathesis.toml"))
# The coverage phase precomputes its cases at collection: minutes for this spec's oneOf-heavy
# bodies. `make contract` runs it; here the examples, fuzzing and stateful phases run.
CONFIG.projects.default.phases.coverage.enabled = False
SANDBOX = Sandbox(clock=ManualClock())
schema = schemathesis.openapi.from_path(spec_path(), config=CONFIG)
schema.app = SANDBOX.app
schema.config.update(base_url="http://sandbox.test/v1")


@pytest.fixture(scope="module", autouse=True)
def _close_sandbox() -> Iterator[None]:
    yield
    SANDBOX.close()


SEEN: dict[str, set[int]] = defaultdict(set)
"""Status codes answered per operation (with the generation mode), to prove what was exercised."""


@schemathesis.check
def credentials_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """Fail like the CLI's ``missing_auth``: the demo credentials must never be refused."""
    mode = case.meta.generation.mode.value if case.meta is not None else "explicit"
    SEEN[case.operation.label].add(response.status_code)
    SEEN[f"{case.operation.label} {mode}"].add(response.status_code)
    sent = response.request.headers.get("Authorization")
    if response.status_code == 401 and sent == AUTH_HEADER:
        raise AssertionError("the sandbox refused the demo credentials (missing_auth)")
    return None


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_operations_conform_to_the_spec(case: Any) -> None:
    case.call_and_validate(headers={"Authorization": AUTH_HEADER})


class StatefulMachine(schema.as_state_machine()):  # type: ignore[misc]
    def get_call_kwargs(self, case: Any) -> dict[str, Any]:
        return {"headers": {"Authorization": AUTH_HEADER}}


TestStateful = StatefulMachine.TestCase


def test_both_kinds_of_data_and_authentication_were_exercised(
    request: pytest.FixtureRequest,
) -> None:
    """Runs after the suites above: each operation answered success, and rejected bad data."""
    suites = [
        item
        for item in request.session.items
        if item.path == request.node.path and item is not request.node
    ]
    if not suites:
        pytest.skip("nothing to check: the schemathesis tests of this module were deselected")
    for label, success in [
        ("POST /omnimessage", 201),
        ("POST /omnimessages", 201),
        ("GET /omnimessage/{omnimessageId}/status", 200),
        ("DELETE /omnimessage/{omnimessageId}", 202),
    ]:
        assert success in SEEN[label], (label, SEEN[label])
        assert 400 in SEEN[f"{label} negative"], (label, SEEN)
