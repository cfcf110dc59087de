"""`send`'s channels come from one table: its options, its help, its messages, what it builds."""

import argparse
from typing import Any

import pytest

from messente_omnichannel._builders._base import ChannelMessage
from messente_omnichannel._cli._channels import CHANNEL_OPTIONS, OPTION_LIST, ChannelOption
from messente_omnichannel._cli._commands import build_message
from messente_omnichannel._cli._parser import build_parser
from messente_omnichannel_client.models import Channel

TO = "+37251000000"
EVERY_CHANNEL = ["--rcs", "r", "--sms", "s", "--viber", "v", "--whatsapp-template", "t"]


def send_args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["send", TO, *argv])


def built(*argv: str) -> dict[str, Any]:
    """The sender of each channel message ``send`` builds, by channel, in chain order."""
    messages = build_message(send_args(*argv)).messages
    assert all(isinstance(m, ChannelMessage) for m in messages)
    return {m.channel: m.to_dict().get("sender") for m in messages if isinstance(m, ChannelMessage)}


def channel_actions() -> list[argparse.Action]:
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    send = commands.choices["send"]
    [group] = [g for g in send._action_groups if g.title == "channels, in fallback order"]
    return [action for action in group._group_actions if action.dest == "chain"]


def test_the_table_holds_every_generated_channel_but_the_retired_one() -> None:
    assert [row.channel for row in CHANNEL_OPTIONS] == [
        Channel.WHATSAPP,
        Channel.VIBER,
        Channel.SMS,
        Channel.RCS,
    ]
    assert set(Channel) - {row.channel for row in CHANNEL_OPTIONS} == {Channel.TELEGRAM}


def test_the_parser_offers_the_tables_options_in_its_order() -> None:
    offered = [(a.option_strings, a.metavar, a.help) for a in channel_actions()]
    assert offered == [([row.option], row.metavar, row.help) for row in CHANNEL_OPTIONS]


HELP = """\
channels, in fallback order:
  --whatsapp-template NAME
                        a WhatsApp template message (approved template name)
  --viber TEXT          Viber
  --sms TEXT            SMS
  --rcs TEXT            RCS text (needs --sender)
  --template-lang CODE  language of the WhatsApp template (default en)
"""


def test_the_help_of_the_channels_reads_as_it_always_has(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert HELP in cli("send", "--help").out


def test_each_option_builds_a_message_of_its_channel_in_command_line_order() -> None:
    assert list(built(*EVERY_CHANNEL, "--sender", "rcs=agent")) == [
        "rcs",
        "sms",
        "viber",
        "whatsapp",
    ]


@pytest.mark.parametrize("row", CHANNEL_OPTIONS, ids=lambda row: str(row.channel))
def test_a_sender_can_be_given_for_each_channel_of_the_table(row: ChannelOption) -> None:
    senders = ["--sender", f"{row.channel}=Brand"]
    if row.channel != Channel.RCS:
        senders += ["--sender", "rcs=agent"]
    by_channel = built(*EVERY_CHANNEL, *senders)
    assert by_channel.pop(row.channel) == "Brand"
    by_channel.pop("rcs", None)
    assert set(by_channel.values()) == {None}


def test_no_channel_names_every_option(cli: Any) -> None:
    assert OPTION_LIST == "--whatsapp-template, --viber, --sms, --rcs"
    run = cli("send", TO, "--sandbox")
    assert run.status == 2
    assert f"give at least one of {OPTION_LIST}" in run.err
