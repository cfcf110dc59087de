"""The campaign benchmark: its cases of ours against a null transport, and how rows are made."""

import json
import sys

import httpx
import pytest
from benchmarks._campaign_child import Case, null_handler, run_case
from benchmarks._peer import CREATED
from benchmarks.bench_campaign import Measured, Plan, build_rows, cases, combined, edges, schedule

ONE = {"to": "+37251000000", "messages": [{"channel": "sms", "sender": "B", "text": "Hi"}]}


@pytest.mark.parametrize("client", ["sync", "async"])
@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "single"])
def test_ours_sends_every_item_of_its_source(client: str, bulk: bool) -> None:
    report = run_case(Case("ours", 120, "null", 60.0, client=client, bulk=bulk))
    assert (report.sent, report.total, report.statuses) == (120, 120, {"sent": 120})
    assert report.errors == []
    assert report.ns > 0 and report.peak_rss_kib > 0


def test_ours_with_a_journal_sends_every_item_too() -> None:
    report = run_case(Case("ours", 60, "null", 60.0, bulk=True, journal=True))
    assert (report.sent, report.statuses) == (60, {"sent": 60})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmRSS is read from /proc")
def test_rss_is_sampled_as_results_stream() -> None:
    report = run_case(Case("ours", 800, "null", 60.0, client="async", bulk=True, sample_rss=True))
    assert [seen for seen, _ in report.rss] == list(range(2, 801, 2))
    assert all(kib > 0 for _, kib in report.rss)


def test_the_null_transport_answers_a_bulk_send_once_per_omnimessage() -> None:
    body = json.dumps({"messages": [ONE] * 3}).encode()
    request = httpx.Request("POST", "https://api.messente.com/v1/omnimessages", content=body)
    assert len(null_handler(request).json()["messages"]) == 3
    single = httpx.Request("POST", "https://api.messente.com/v1/omnimessage", content=b"{}")
    assert null_handler(single).content == CREATED


def test_edges_take_the_highest_rss_at_each_end() -> None:
    samples = [[50, 30 * 1024], [100, 10 * 1024], [500, 99 * 1024], [900, 20 * 1024]]
    samples += [[950, 25 * 1024], [1000, 24 * 1024]]
    assert edges(samples, 1000) == (30.0, 25.0)
    assert edges([], 1000) == (None, None)


def test_rows_compare_ours_with_the_best_pool_and_name_the_case_behind() -> None:
    plan = Plan(count=100, sandbox=50, million=1000, loop_budget=2, budget=5, million_budget=9)
    got = {name: Measured(100.0, 50.0, {"total": 100}) for name in cases(plan, "u")}
    got["Messente pool 16"] = Measured(400.0, 40.0)
    got["Messente pool 64"] = Measured(500.0, 45.0)
    got["ours async"] = Measured(1600.0, 44.0)
    rows, behind = build_rows(plan, got)
    by_number = {row.number: row for row in rows}
    assert by_number["2b"].cells == {"ours": 1600.0, "against": 500.0}
    assert "64 threads" in by_number["2"].label
    assert by_number["3b"].cells == {"ours": 44.0, "against": 45.0}
    assert behind["2b"] == "ours async"
    assert {cases(plan, "u")[name].kind for name in behind.values()} == {"ours"}


def test_journal_pairs_run_in_turns_and_their_median_counts() -> None:
    plan = Plan(count=100, sandbox=50, million=1000, loop_budget=2, budget=5, million_budget=9)
    order = schedule(cases(plan, "u"))
    assert order[1:5] == ["ours sync", "ours sync journal"] * 2
    assert order.count("ours sync bulk journal") == 3
    assert order.count("Messente loop") == 1
    runs = [Measured(300.0, 50.0), Measured(100.0, 52.0), Measured(200.0, 51.0)]
    assert (combined(runs).rate, combined(runs).rss) == (200.0, 52.0)
    assert combined([Measured(1.0, 1.0), Measured("error: x", "error: x")]).rate == "error: x"
