"""pytest fixtures for testing code against the sandbox.

pytest loads it through the package's ``pytest11`` entry point. Where plugin autoloading is off
(``PYTEST_DISABLE_PLUGIN_AUTOLOAD``), enable it with ``-p messente_omnichannel.pytest_plugin`` or
``pytest_plugins = ["messente_omnichannel.pytest_plugin"]`` in a root ``conftest.py``; both also
work with autoloading on. The sandbox itself is imported only when a fixture is used, so the
plugin costs nothing where the ``sandbox`` extra is not installed.

Fixtures:
    messente_sandbox: A fresh :class:`~messente_omnichannel.sandbox.Sandbox` per test, with a
        :class:`~messente_omnichannel.sandbox.ManualClock` that starts at the real current time
        and then stands still until ``messente_sandbox.clock.advance(seconds)``, and the demo
        account; use ``messente_sandbox.transport()`` or ``.async_transport()``.
    messente_sandbox_url: The same sandbox served on a free loopback port; its base URL,
        ending in ``/v1``.
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from messente_omnichannel.sandbox import ManualClock, Sandbox


@pytest.fixture
def messente_sandbox() -> "Iterator[Sandbox[ManualClock]]":
    """A fresh sandbox with a manual clock and the demo account, closed after the test."""
    from messente_omnichannel.sandbox import ManualClock, Sandbox

    # Real now, not ManualClock's fixed default: a user's test computes times from
    # datetime.now(), and "two hours from now" must be in the sandbox's future.
    with Sandbox(clock=ManualClock(start=datetime.now(UTC))) as sandbox:
        yield sandbox


@pytest.fixture
def messente_sandbox_url(messente_sandbox: "Sandbox[ManualClock]") -> Iterator[str]:
    """The base URL (ending in ``/v1``) of ``messente_sandbox`` served on a free port."""
    with messente_sandbox.serve() as base_url:
        yield base_url
