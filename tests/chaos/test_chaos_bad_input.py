"""Bad input, CI size: every corpus case at every door, then a little Hypothesis junk."""

from collections.abc import Iterator

import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox

from ._bad_input import (
    CLI_ONLY,
    _cli_leg,
    _client_leg,
    _sandbox_leg,
    junk_checks,
)
from ._corpus import CASES, Case
from ._tally import Tally

AUTH = ("demo", "demo-password")
CLI_CASES = [(c.name, ("send", *c.cli), c.path) for c in CASES if c.cli] + CLI_ONLY


def test_the_corpus_breaks_at_least_sixty_rules_each_once() -> None:
    assert len(CASES) >= 60
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [c for c in CASES if c.client], ids=lambda c: c.name)
def test_the_builders_reject_it_before_sending(case: Case) -> None:
    assert _client_leg(case) is None


@pytest.fixture(scope="module")
def sandbox_client() -> Iterator[httpx.Client]:
    with (
        Sandbox(clock=ManualClock()) as sb,
        httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c,
    ):
        yield c


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_sandbox_answers_400_naming_the_field(sandbox_client: httpx.Client, case: Case) -> None:
    assert _sandbox_leg(sandbox_client, case) is None


@pytest.mark.parametrize(("name", "argv", "path"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
@pytest.mark.parametrize("credentials", [True, False], ids=["credentials", "no-credentials"])
def test_the_cli_prints_one_line_and_exits_2(
    name: str, argv: tuple[str, ...], path: str, credentials: bool
) -> None:
    assert _cli_leg(name, argv, path, credentials=credentials) is None


@pytest.mark.slow
def test_junk_requests_and_answers_end_as_documented() -> None:
    tally = Tally("junk")
    junk_checks(tally, examples=25)
    assert tally.ok, tally.table()
