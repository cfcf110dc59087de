"""Use openapi-generator's python client (`make spec-proofs-python`): it imports and works.

Run after ``python -m compileall`` has compiled the generated package. Imports every API
class and model, builds an omnimessage from the spec's own example with a time without a
timezone, checks that each message kind parses as itself (the ``channel`` const decides the
union) and that the delivery report callback's body parses.

Usage: python scripts/spec_proof_python.py GENERATED_DIR SPEC_JSON
"""

import importlib
import json
import pkgutil
import sys
from pathlib import Path
from typing import Any

PACKAGE = "openapi_client"


def main(argv: list[str]) -> int:
    """Import and exercise the generated client.

    Args:
        argv: The generated client's directory and the bundled spec's JSON.

    Returns:
        The exit status: 0 when every check passed.
    """
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    generated, spec_file = Path(argv[0]), Path(argv[1])
    spec: dict[str, Any] = json.loads(spec_file.read_text())
    sys.path.insert(0, str(generated))
    client = importlib.import_module(PACKAGE)
    modules = [
        importlib.import_module(f"{PACKAGE}.{sub}.{info.name}")
        for sub in ("api", "models")
        for info in pkgutil.iter_modules([str(generated / PACKAGE / sub)])
    ]
    send = spec["paths"]["/omnimessage"]["post"]
    example = send["requestBody"]["content"]["application/json"]["examples"]["fallbackChain"]
    body = {**example["value"], "time_to_send": "2030-06-22T09:05:07"}
    omnimessage = client.Omnimessage.from_dict(body)
    kinds = [type(m.actual_instance).__name__ for m in omnimessage.messages]
    expected = ["WhatsApp", "Viber", "SMS"]
    if kinds != expected:
        print(f"spec-proofs: messages parsed as {kinds}, not {expected}", file=sys.stderr)
        return 1
    if json.loads(omnimessage.to_json())["time_to_send"] != body["time_to_send"]:
        print("spec-proofs: time_to_send without a timezone did not round-trip", file=sys.stderr)
        return 1
    callback = spec["components"]["schemas"]["DeliveryReportCallback"]
    report = client.DeliveryReportCallback.from_dict(callback["examples"][0])
    if report.status is None:
        print("spec-proofs: the delivery report callback's status did not parse", file=sys.stderr)
        return 1
    print(f"spec-proofs: openapi-generator's python client imports {len(modules)} modules, parses")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
