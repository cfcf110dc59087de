"""Run a command against a sandbox served on loopback, then stop the sandbox.

Usage: ``python scripts/with_sandbox.py -- COMMAND [ARG...]``. The command gets
``SANDBOX_URL`` (for example ``http://127.0.0.1:54321/v1``), ``SANDBOX_USERNAME`` and
``SANDBOX_PASSWORD`` (the demo account) in its environment; its exit status is returned.
The port is picked by the operating system, so parallel runs do not collide.
"""

import os
import subprocess
import sys

from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME, Sandbox


def main(argv: list[str]) -> int:
    """Serve a sandbox, run the command against it and return the command's exit status.

    Args:
        argv: The command line after the script name, optionally starting with ``--``.

    Returns:
        The command's exit status, or 2 when no command was given.
    """
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    with Sandbox() as sandbox, sandbox.serve(port=0) as base_url:
        env = {
            **os.environ,
            "SANDBOX_URL": base_url,
            "SANDBOX_USERNAME": DEMO_USERNAME,
            "SANDBOX_PASSWORD": DEMO_PASSWORD,
        }
        print(f"with_sandbox: sandbox on {base_url}", file=sys.stderr)
        return subprocess.run(command, env=env, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
