"""The tallies a chaos run prints: one row per check, with what was counted and expected."""

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Row:
    """One check.

    Attributes:
        case: What was checked.
        count: How many times it was checked (calls, cases, requests...).
        expected: What must hold, in words.
        failures: What broke it, one line each (empty when it held).
        figure: A measured figure shown beside it (a count, a latency), if any.
    """

    case: str
    count: int
    expected: str
    failures: list[str] = field(default_factory=list)
    figure: str = ""

    @property
    def ok(self) -> bool:
        """Whether the check held every time."""
        return not self.failures


@dataclass(slots=True)
class Tally:
    """The rows of one part of a chaos run (faults, bad input, secrets, load).

    Attributes:
        title: The part.
        rows: Its checks, in order.
    """

    title: str
    rows: list[Row] = field(default_factory=list)

    def check(self, case: str, count: int, expected: str, failures: Iterable[str] = ()) -> Row:
        """Add a check.

        Args:
            case: What was checked.
            count: How many times.
            expected: What must hold.
            failures: What broke it.

        Returns:
            The row, for adding a figure.
        """
        row = Row(case, count, expected, list(failures))
        self.rows.append(row)
        return row

    def note(self, case: str, count: int, figure: str) -> Row:
        """Add a measured figure that checks nothing.

        Args:
            case: What was measured.
            count: Over how many samples.
            figure: The figure.

        Returns:
            The row.
        """
        row = Row(case, count, "(measured)", figure=figure)
        self.rows.append(row)
        return row

    @property
    def ok(self) -> bool:
        """Whether every check held."""
        return all(row.ok for row in self.rows)

    @property
    def failures(self) -> list[str]:
        """Every failure, prefixed with its case."""
        return [f"{row.case}: {failure}" for row in self.rows for failure in row.failures]

    def table(self, max_failures: int = 3) -> str:
        """Render the rows as a Markdown table, with the first failures of each row below it.

        Args:
            max_failures: Failures shown per row.

        Returns:
            The table.
        """
        lines = [f"### {self.title}", "", "| case | count | expected | ok |", "|---|---|---|---|"]
        for row in self.rows:
            expected = f"{row.expected}: {row.figure}" if row.figure else row.expected
            mark = "yes" if row.ok else f"NO ({len(row.failures)})"
            lines.append(f"| {row.case} | {row.count:,} | {expected} | {mark} |")
        shown = [
            f"- {row.case}: {failure}"
            for row in self.rows
            for failure in row.failures[:max_failures]
        ]
        if shown:
            lines += ["", "First failures:", *shown]
        return "\n".join(lines)
