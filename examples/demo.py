"""`make demo`: the whole loop of Messente Omnichannel on this machine, in about a second.

A local sandbox of the API and a delivery-report receiver run on loopback; no account and no
network are needed. The story: a WhatsApp -> Viber -> SMS fallback to a number whose WhatsApp
attempt fails, its signed delivery reports received and verified, the channel that delivered,
then a scheduled message cancelled. Only the package's public API is used.
"""

import sys
import time
from datetime import timedelta

import httpx

from messente_omnichannel import (
    SMS,
    DeliveryResult,
    DeliveryUpdate,
    NotFoundError,
    Omnichannel,
    Omnimessage,
    ReportReceiver,
    Tracker,
    Viber,
    WhatsApp,
    sign_report,
)
from messente_omnichannel.sandbox import DEMO_PASSWORD, DEMO_USERNAME, ManualClock, Sandbox

FAILS_FIRST = "+37251000001"
"""A sandbox number whose first channel fails (the sandbox's magic endings are in its docs)."""
DELIVERS = "+37251000000"


class DemoFailedError(Exception):
    """The story did not go as told."""


def say(text: str = "") -> None:
    """Print one line of the story."""
    print(text, flush=True)


def expect(condition: bool, what: str) -> None:
    """Stop the demo when something it tells did not happen."""
    if not condition:
        raise DemoFailedError(what)


def show_status(results: tuple[DeliveryResult, ...]) -> None:
    """Print the attempts of a status response as a small table."""
    say(f"     {'#':<3}{'CHANNEL':<10}{'STATUS':<9}{'ERR':<5}{'ERROR':<18}PRICE")
    for number, result in enumerate(results, start=1):
        price = result.price.total_price if result.price else "-"
        say(
            f"     {number:<3}{result.channel!s:<10}{result.status!s:<9}{result.err!s:<5}"
            f"{result.error or '-':<18}{price}"
        )


def run() -> None:
    """Tell the story; raise :class:`DemoFailedError` if any step does not hold."""
    clock = ManualClock()
    tracker = Tracker()
    received: list[DeliveryUpdate] = []

    def on_report(update: DeliveryUpdate) -> None:
        received.append(update)
        tracker.add(update)

    receiver = ReportReceiver(on_report, password=DEMO_PASSWORD)
    say("Messente Omnichannel demo: a local sandbox, no account, nothing leaves this machine.")
    say()
    with (
        Sandbox(clock=clock) as sandbox,
        sandbox.serve() as api_url,
        receiver.serve() as receiver_url,
        Omnichannel(DEMO_USERNAME, DEMO_PASSWORD, base_url=api_url) as client,
    ):
        dlr_url = receiver_url + "dlr"
        say(f"1. A local Messente API (the sandbox, account {DEMO_USERNAME!r}) runs at")
        say(f"   {api_url}, and a receiver for delivery reports, which checks every")
        say(f"   signature, at {dlr_url}.")
        say()
        say(f"2. Send one message to {FAILS_FIRST} over the fallback chain WhatsApp -> Viber")
        say("   -> SMS. In the sandbox, numbers ending in 001 fail on their first channel.")
        created = client.send(
            Omnimessage(
                to=FAILS_FIRST,
                messages=[
                    WhatsApp.template("order_update", "en", body=["4242"], sender="MyBrand"),
                    Viber(text="Your order 4242 has shipped.", sender="MyBrand"),
                    SMS("Your order 4242 has shipped.", sender="MyBrand"),
                ],
                dlr_url=dlr_url,
            )
        )
        tracker.expect(created)
        planned = ", ".join(str(m.channel) for m in created.messages)
        say(f"   Accepted as omnimessage {created.omnimessage_id};")
        say(f"   attempts planned: {planned}.")
        say()
        say("3. Let the sandbox's clock run, one second at a time, and watch the delivery reports")
        say("   arrive: each is POSTed to the receiver, signed, and verified before it is used.")
        seconds = 0
        while tracker.outcome(created.omnimessage_id).in_progress and seconds < 30:
            clock.advance(1)
            seconds += 1
            before = len(received)
            sandbox.flush_reports()
            for update in received[before:]:
                problem = f"  ({update.error})" if update.error else ""
                now = tracker.outcome(update.omnimessage_id).describe()
                say(
                    f"   +{seconds}s  {update.channel!s:<9}{update.status!s:<8} verified"
                    f"{problem}  -> {now}"
                )
        outcome = tracker.outcome(created.omnimessage_id)
        expect(outcome.delivered and str(outcome.channel) == "viber", "viber should deliver")
        say(f"   Settled after {seconds} s of sandbox time: {outcome.describe()}.")
        say("   SMS was never needed.")
        say()
        say("4. Ask the API for the status (what `messente-omnichannel status ID` shows):")
        report = client.status(created.omnimessage_id)
        show_status(report.statuses)
        expect([str(s.status) for s in report.statuses] == ["UNDELIV", "DELIVRD"], "status")
        say()
        say("5. Reports come at least once, and anyone can POST to a public URL:")
        genuine = len(received)
        last = sandbox.report_attempts[-1].report
        again = httpx.post(
            dlr_url, content=last.body, headers={"X-Messente-Signature": last.signature}
        )
        say(f"   - the last report, delivered again: answered {again.status_code}, and ignored")
        say("     as a duplicate.")
        forged = sign_report(
            password="not-the-api-password",  # noqa: S106 - a forger's guess
            omnimessage_id=created.omnimessage_id,
            channel="sms",
            status="DELIVRD",
        )
        refused = httpx.post(dlr_url, content=forged.body, headers=forged.headers)
        say("   - a forged report, signed without the API password: answered")
        say(f"     {refused.status_code}, and it never reached the application.")
        expect(again.status_code == 200 and refused.status_code == 401, "receiver answers")
        expect(len(received) == genuine, "no duplicate or forgery handed on")
        say(f"   The application received {genuine} reports, each one verified, none twice.")
        say()
        send_at = clock.now() + timedelta(hours=1)
        say("6. Schedule a message for one hour from now, then cancel it:")
        scheduled = client.send(
            Omnimessage(
                to=DELIVERS,
                messages=[SMS("Reminder: your appointment is tomorrow.", sender="MyBrand")],
                dlr_url=dlr_url,
                time_to_send=send_at,
            )
        )
        waiting = client.status(scheduled.omnimessage_id)
        say(f"   Scheduled omnimessage {scheduled.omnimessage_id}")
        attempts = len(waiting.statuses)
        say(f"   for {send_at:%H:%M} UTC; its status lists {attempts} attempts so far.")
        client.cancel(scheduled.omnimessage_id)
        clock.advance(2 * 3600)
        sandbox.flush_reports()
        try:
            client.status(scheduled.omnimessage_id)
            gone = False
        except NotFoundError:
            gone = True
        expect(gone and len(received) == genuine, "the cancelled message is gone, unsent")
        say("   Cancelled. Two hours later on the sandbox's clock: no attempt was made, no")
        say("   delivery report came, and its status answers 404: it is gone.")
    say()


def main() -> int:
    """Run the demo.

    Returns:
        The exit status: 0 when every step happened as told.
    """
    started = time.monotonic()
    try:
        run()
    except DemoFailedError as error:
        print(f"demo failed: {error} did not happen as expected", file=sys.stderr)
        return 1
    say(f"Done in {time.monotonic() - started:.1f} s: delivered on Viber after WhatsApp failed,")
    say("every report verified, and the scheduled message cancelled.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
