"""The benchmark tables: targets a rate must reach, and columns other than the client bench's."""

from benchmarks._table import HEADERS, Row, Target, as_json, table, target_lines, verdicts

CAMPAIGN = (("ours", "ours", ""), ("against", "compared with", "ours/that"))


def rate_row(ours: float, against: float) -> Row:
    return Row(
        "1. a rate",
        "msgs/s",
        {"ours": ours, "against": against},
        [Target("against", 25, ">= 25x", at_least=True)],
    )


def test_an_at_least_target_is_met_from_its_limit_up() -> None:
    assert [ok for _, _, ok in verdicts(rate_row(2500.0, 100.0))] == [True]
    assert [ok for _, _, ok in verdicts(rate_row(2400.0, 100.0))] == [False]
    assert target_lines([rate_row(2400.0, 100.0)]) == ["- MISSED: row 1, >= 25x (ours: 24.00x)"]


def test_a_target_without_direction_is_still_a_ceiling() -> None:
    row = Row(
        "3. memory", "MiB", {"ours": 50.0, "against": 60.0}, [Target("against", 1.0, "<= 1x")]
    )
    assert [ok for _, _, ok in verdicts(row)] == [True]


def test_other_columns_get_their_own_headers_and_ratios() -> None:
    lines = table([rate_row(2500.0, 100.0)], CAMPAIGN).splitlines()
    assert lines[0] == "| figure | ours | compared with | ours/that | target | met? |"
    assert lines[2] == "| 1. a rate | 2,500 msgs/s | 100 msgs/s | 25.00x | >= 25x | yes |"
    figures = as_json(rate_row(2500.0, 100.0), ("ours", "against"))
    assert figures["ours/against"] == 25.0
    assert "messente" not in figures


def test_the_client_bench_table_keeps_its_columns() -> None:
    row = Row("3. send", "us", {"ours": 750.0, "messente": 740.0, "httpx": 870.0})
    head, _, line = table([row]).splitlines()
    assert head == (
        "| figure | ours | Messente SDK | raw httpx | ours/Messente | ours/httpx | target | met? |"
    )
    assert line == "| 3. send | 750 us | 740 us | 870 us | 1.01x | 0.86x | - | - |"
    assert [key for key, _, _ in HEADERS] == ["ours", "messente", "httpx"]
    assert set(as_json(row)) >= {"ours/messente", "ours/httpx"}
