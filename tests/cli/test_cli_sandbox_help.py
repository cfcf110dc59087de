"""`sandbox --help` has examples and exit statuses, and a port in use exits as it says."""

import socket
from typing import Any


def test_sandbox_help_has_examples_and_exit_statuses(cli: Any) -> None:
    run = cli("sandbox", "--help")
    assert run.status == 0
    examples = run.out.split("examples:")[1]
    assert "messente-omnichannel sandbox --port" in examples
    assert "exit statuses:" in examples
    assert "1  cannot listen on the address (for example, the port is in use)" in run.out


def test_a_port_in_use_is_one_error_line_exit_1_and_no_banner(cli: Any) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = cli("sandbox", "--port", str(port))
    assert run.status == 1
    assert run.err.startswith(
        f"messente-omnichannel sandbox: error: Cannot listen on 127.0.0.1:{port}: "
    )
    assert len(run.err.strip().splitlines()) == 1
    assert "sandbox on http" not in run.err
    assert run.out == ""


def test_send_help_says_what_a_relative_at_counts_from(cli: Any) -> None:
    out = " ".join(cli("send", "--help").out.split())
    assert "+1d (from this machine's clock)" in out
