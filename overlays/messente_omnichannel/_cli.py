"""The ``messente-omnichannel`` command."""

import argparse
from collections.abc import Sequence

from messente_omnichannel import __version__


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``messente-omnichannel`` command.

    Returns:
        The parser, with ``--help`` and ``--version``.
    """
    parser = argparse.ArgumentParser(
        prog="messente-omnichannel",
        description="Command-line tools for Messente's Omnichannel API.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command.

    Args:
        argv: The arguments after the program name; ``None`` reads ``sys.argv``.

    Returns:
        The process exit status.
    """
    parser = build_parser()
    parser.parse_args(argv)
    parser.print_help()
    return 0
