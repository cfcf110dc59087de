"""The printed result: one Markdown table of figures and ratios, then a line per target."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks._timing import Cell

COLUMNS = ("ours", "messente", "httpx")
HEADERS = (
    ("ours", "ours", ""),
    ("messente", "Messente SDK", "ours/Messente"),
    ("httpx", "raw httpx", "ours/httpx"),
)
"""Each column's key, header and the header of ours' ratio to it (none for ours itself)."""


@dataclass
class Target:
    """A target on one row: ours divided by another column, or ours' own value (``self``).

    Met when the value is at most ``limit``, or at least ``limit`` when ``at_least`` (a rate).
    """

    against: str
    limit: float
    what: str
    at_least: bool = False


@dataclass
class Row:
    """One line of the table."""

    label: str
    unit: str
    cells: dict[str, Cell]
    targets: list[Target] = field(default_factory=list)
    ratios: bool = True

    @property
    def number(self) -> str:
        """The row's number, as its label starts (``3``, ``6c``)."""
        return self.label.split(".", 1)[0]


def fmt(value: Cell, unit: str) -> str:
    """Format a cell for the table.

    Args:
        value: The figure.
        unit: Its unit.

    Returns:
        The number with its unit, the error text (cut to 60 characters), or ``-``.
    """
    if value is None:
        return "-"
    if isinstance(value, str):
        return value if len(value) <= 60 else value[:57] + "..."
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "sends/s":
        return f"{value:,.0f} {unit}"
    digits = 0 if value >= 100 else 1 if value >= 10 else 2
    return f"{value:,.{digits}f} {unit}"


def ratio(row: Row, against: str) -> float | None:
    """Return ours divided by a column, when both are numbers.

    Args:
        row: The row.
        against: The column.

    Returns:
        The ratio, or ``None``.
    """
    ours, other = row.cells.get("ours"), row.cells.get(against)
    if row.ratios and isinstance(ours, float) and isinstance(other, float) and other > 0:
        return ours / other
    return None


def verdicts(row: Row) -> list[tuple[Target, float | None, bool | None]]:
    """Check a row's targets.

    Args:
        row: The row.

    Returns:
        Each target with the value it was checked on and whether it was met (``None``: there
        was no value to check).
    """
    out: list[tuple[Target, float | None, bool | None]] = []
    for target in row.targets:
        if target.against == "self":
            ours = row.cells.get("ours")
            value = ours if isinstance(ours, float) else None
        else:
            value = ratio(row, target.against)
        if value is None:
            out.append((target, None, None))
        else:
            ok = value >= target.limit if target.at_least else value <= target.limit
            out.append((target, value, ok))
    return out


def table(rows: list[Row], headers: Sequence[tuple[str, str, str]] = HEADERS) -> str:
    """Render the rows as one Markdown table.

    Args:
        rows: The rows.
        headers: The columns, as in :data:`HEADERS`.

    Returns:
        The table.
    """
    keys = [key for key, _, _ in headers]
    against = [(key, title) for key, _, title in headers if title]
    head = ["figure", *(h for _, h, _ in headers), *(t for _, t in against), "target", "met?"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        checks = verdicts(row)
        met = " / ".join("?" if ok is None else "yes" if ok else "NO" for _, _, ok in checks)
        cells = [fmt(row.cells.get(k), row.unit) for k in keys]
        ratios = [fmt(ratio(row, k), "x") for k, _ in against]
        target = "; ".join(t.what for t in row.targets) or "-"
        lines.append("| " + " | ".join([row.label, *cells, *ratios, target, met or "-"]) + " |")
    return "\n".join(lines)


def target_lines(rows: list[Row]) -> list[str]:
    """Say of each target whether it was met.

    Args:
        rows: The rows.

    Returns:
        One line per target.
    """
    lines = []
    for row in rows:
        for target, value, ok in verdicts(row):
            state = "unmeasured" if ok is None else "met" if ok else "MISSED"
            if value is None:
                shown = "no figure"
            elif target.against == "self" and row.unit != "x":
                shown = fmt(value, row.unit)
            else:
                shown = f"{value:.2f}x"
            lines.append(f"- {state}: row {row.number}, {target.what} (ours: {shown})")
    return lines


def as_json(row: Row, columns: Sequence[str] = COLUMNS) -> dict[str, Any]:
    """Return a row as JSON.

    Args:
        row: The row.
        columns: The keys of its columns, ``ours`` first.

    Returns:
        Its figures, ratios and targets.
    """
    return {
        "figure": row.label,
        "unit": row.unit,
        **{k: row.cells.get(k) for k in columns},
        **{f"ours/{k}": ratio(row, k) for k in columns if k != "ours"},
        "targets": [
            {"target": t.what, "limit": t.limit, "value": v, "met": ok}
            for t, v, ok in verdicts(row)
        ],
    }
