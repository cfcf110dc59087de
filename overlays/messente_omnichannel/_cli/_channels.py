"""The channels of ``send``: one row each, read by the parser, its messages and the command.

A channel option adds one attempt to the fallback chain; the order of the options on the
command line is the order of the chain.
"""

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from messente_omnichannel._builders.omnimessage import Message
from messente_omnichannel._builders.rcs import RCS
from messente_omnichannel._builders.sms import SMS
from messente_omnichannel._builders.viber import Viber
from messente_omnichannel._builders.whatsapp import WhatsApp
from messente_omnichannel._errors import InvalidMessageError, Problem
from messente_omnichannel_client.models import Channel

Build = Callable[[str, str | None, argparse.Namespace], Message]
"""Builds one channel message from the option's value, the sender and the other arguments."""


@dataclass(frozen=True, slots=True)
class ChannelOption:
    """One channel that ``send`` offers.

    Attributes:
        channel: The channel.
        option: Its command-line option, for example ``--sms``.
        metavar: The name of the option's value in the help.
        help: The option's help text.
        build: Builds the channel message.
    """

    channel: Channel
    option: str
    metavar: str
    help: str
    build: Build


def _whatsapp(name: str, sender: str | None, args: argparse.Namespace) -> Message:
    return WhatsApp.template(
        name, args.template_lang, body=list(args.template_param), sender=sender
    )


def _viber(text: str, sender: str | None, args: argparse.Namespace) -> Message:
    return Viber(text=text, sender=sender)


def _sms(text: str, sender: str | None, args: argparse.Namespace) -> Message:
    return SMS(text, sender=sender, autoconvert=getattr(args, "autoconvert", None))


def _rcs(text: str, sender: str | None, args: argparse.Namespace) -> Message:
    if not sender:
        raise InvalidMessageError(
            [Problem("--sender", "RCS needs a sender (the RCS agent): --sender rcs=AGENT")]
        )
    return RCS(text=text, sender=sender)


CHANNEL_OPTIONS: tuple[ChannelOption, ...] = (
    ChannelOption(
        Channel.WHATSAPP,
        "--whatsapp-template",
        "NAME",
        "a WhatsApp template message (approved template name)",
        _whatsapp,
    ),
    ChannelOption(Channel.VIBER, "--viber", "TEXT", "Viber", _viber),
    ChannelOption(Channel.SMS, "--sms", "TEXT", "SMS", _sms),
    ChannelOption(Channel.RCS, "--rcs", "TEXT", "RCS text (needs --sender)", _rcs),
)
"""Every channel ``send`` offers, in the order of its help; ``telegram`` is gone from the API."""

BY_OPTION: dict[str, ChannelOption] = {row.option: row for row in CHANNEL_OPTIONS}
"""The rows by command-line option."""
BY_CHANNEL: dict[str, ChannelOption] = {row.channel: row for row in CHANNEL_OPTIONS}
"""The rows by channel name."""
OPTION_LIST = ", ".join(row.option for row in CHANNEL_OPTIONS)
"""The channel options as the messages name them: ``--whatsapp-template, --viber, ...``."""
