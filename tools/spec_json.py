"""Write the JSON form of ``openapi.yaml`` that the package loads at run time.

Parsing the YAML document takes hundreds of milliseconds with PyYAML's pure-Python loader and
tens with libyaml; its JSON form loads in a few. ``make generate`` writes it beside the shipped
``openapi.yaml`` and ``make check-generated`` fails when the two differ.

Usage: ``python tools/spec_json.py openapi.yaml OUTPUT.json``
"""

import json
import sys
from pathlib import Path

import yaml


def spec_json(spec_yaml: str) -> str:
    """Return the JSON text of an OpenAPI document written in YAML.

    Args:
        spec_yaml: The YAML text.

    Returns:
        Compact JSON, keys in document order, ending in a newline.
    """
    document = yaml.safe_load(spec_yaml)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str]) -> int:
    """Convert ``argv[1]`` (YAML) into ``argv[2]`` (JSON).

    Args:
        argv: The program name, the YAML path and the JSON path.

    Returns:
        The exit status.
    """
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = Path(argv[1]), Path(argv[2])
    target.write_text(spec_json(source.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
