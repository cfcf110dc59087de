"""``make chaos``: the reliability and security campaign at full size, one table per part.

Run from the repo root as ``PYTHONPATH=tests .venv/bin/python -m chaos [--scale S] [--only PART]``.
The exit status is 1 when any check failed. ``tests/chaos/test_*.py`` run the same campaign,
smaller, inside ``make test``.
"""

import argparse
import sys
import time
from collections.abc import Callable

from ._bad_input import bad_input_campaign
from ._faults import fault_campaign
from ._kill import kill_campaign
from ._load import load_part
from ._secrets import secrets_campaign
from ._tally import Tally


def _parts(scale: float) -> dict[str, Callable[[], Tally]]:
    return {
        "faults": lambda: fault_campaign(max(int(2000 * scale), 20)),
        "kill": lambda: kill_campaign(kills=max(round(3 * scale), 1), up_seconds=2.0 * scale),
        "bad-input": lambda: bad_input_campaign(examples=max(int(1000 * scale), 20)),
        "secrets": secrets_campaign,
        "load": lambda: load_part(scale),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the campaign and print its tallies.

    Args:
        argv: Command-line arguments; ``None`` reads ``sys.argv``.

    Returns:
        0 when every check held, else 1.
    """
    parts = _parts(1.0)
    parser = argparse.ArgumentParser(prog="make chaos", description=__doc__)
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="size of every part, 1 = full (2,000 sends, 30 s of load...)",
    )
    parser.add_argument(
        "--only", action="append", choices=list(parts), help="run only this part (repeatable)"
    )
    args = parser.parse_args(argv)
    parts = _parts(args.scale)
    failed = []
    for name in args.only or list(parts):
        started = time.monotonic()
        tally = parts[name]()
        print(tally.table(), flush=True)
        print(f"\n({name}: {time.monotonic() - started:.1f} s)\n", flush=True)
        if not tally.ok:
            failed.append(name)
    print("make chaos: " + (f"FAILED in {', '.join(failed)}" if failed else "every check held"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
