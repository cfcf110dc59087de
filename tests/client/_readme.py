"""The README's Python examples, and what their comments promise they print."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_block(needle: str) -> str:
    """Return the one ```python block of the README that contains ``needle``."""
    blocks: list[str] = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if needle in b]
    return block


def promised_output(block: str) -> list[str]:
    """Return the ``# ...`` lines right after each ``print(...)`` line: what the block prints."""
    promised: list[str] = []
    expecting = False
    for line in (raw.strip() for raw in block.splitlines()):
        if expecting and line.startswith("# "):
            promised.append(line.removeprefix("# "))
            continue
        expecting = line.startswith("print(")
    return promised
