"""Type-checked (mypy --strict, via ``make lint``) use of the public API; never run.

If a public signature changes in a way that breaks ordinary use, this file stops type-checking.
"""

from datetime import datetime
from uuid import UUID

import httpx

from messente_omnichannel import (
    RCS,
    SMS,
    ApiError,
    AsyncOmnichannel,
    ChainOutcome,
    ChainState,
    Channel,
    DeliveryErrorCode,
    DeliveryReport,
    DeliveryResult,
    DeliveryStatus,
    DeliveryUpdate,
    ErrorResponse,
    InvalidMessageError,
    Message,
    Omnichannel,
    Omnimessage,
    OmnimessageCreated,
    Options,
    Price,
    Problem,
    RawResponse,
    ReportReceiver,
    SendOutcomeUnknownError,
    SignatureError,
    SignedReport,
    Suggestion,
    TemplateComponent,
    TemplateParam,
    Tracker,
    Viber,
    WhatsApp,
    parse_delivery_report,
    sign_report,
    validate,
)


def chain() -> Omnimessage:
    messages: list[Message] = [
        WhatsApp.template(
            "order_update",
            "en",
            body=["4242", TemplateParam.currency("EUR 1.00", "EUR", 1000)],
            components=[TemplateComponent.button("quick_reply", 0, TemplateParam.payload("p"))],
            sender="MyBrand",
        ),
        Viber(text="Shipped", button_text="Track", button_url="https://example.com/t"),
        RCS.card(
            RCS.card_content(title="Parcel", suggestions=[Suggestion.reply("OK", "ok")]),
            sender="Agent",
        ),
        SMS("Shipped", sender="MyBrand", autoconvert="full"),
    ]
    return Omnimessage(
        to="+37251000000", messages=messages, time_to_send=datetime(2030, 1, 1), priority="high"
    )


def sync_usage() -> None:
    with Omnichannel(timeout=10, max_retries=1, transport=httpx.MockTransport(lambda r: r)) as c:
        validate(chain())
        try:
            created: OmnimessageCreated = c.send(chain())
        except SendOutcomeUnknownError as unknown:
            again: OmnimessageCreated = c.send(unknown.payload)
            print(again.omnimessage_id)
            return
        except InvalidMessageError as invalid:
            problems: tuple[Problem, ...] = invalid.problems
            print([(p.path, p.message) for p in problems])
            return
        except ApiError as error:
            print(error.status, [item.code for item in error.errors])
            return
        omnimessage_id: UUID = created.omnimessage_id
        report: DeliveryReport = c.with_options(deadline=5).status(omnimessage_id)
        for result in report.statuses:
            status: DeliveryStatus | str | None = result.status
            err: DeliveryErrorCode | int | None = result.err
            channel: Channel | str | None = result.channel
            when: datetime | None = result.timestamp
            print(status, err, channel, when)
        first: DeliveryResult | None = report.delivered
        print(first)
        c.cancel(str(omnimessage_id), timeout=httpx.Timeout(3.0))
        options: Options = c.options
        print(options.max_retries)
        bulk: list[OmnimessageCreated | ErrorResponse] = c.send_bulk([chain(), chain()])
        print(bulk)


async def async_usage() -> None:
    async with AsyncOmnichannel("user", "password", base_url="http://127.0.0.1:4010/v1") as c:
        created = await c.send(chain())
        report: DeliveryReport = await c.status(created.omnimessage_id)
        await c.cancel(report.omnimessage_id)
        items = await c.with_options(retry_uncertain_sends=True).send_bulk([chain()])
        print(items)


def raw_usage() -> None:
    with Omnichannel(default_headers={"X-Tenant": "shop-7"}) as c:
        raw: RawResponse[OmnimessageCreated] = c.with_raw_response.send(
            chain(), extra_headers={"X-Request-ID": "r-1"}
        )
        created: OmnimessageCreated = raw.parse()
        status: int = raw.status_code
        headers: httpx.Headers = raw.headers
        print(created, status, headers, raw.retries_taken, raw.http_response.request.url)
        reported: DeliveryReport = c.with_raw_response.status(created.omnimessage_id).parse()
        print(reported, c.with_raw_response.cancel(created.omnimessage_id).parse())
        try:
            c.status(created.omnimessage_id, extra_headers={"X-Request-ID": "r-2"})
        except ApiError as error:
            print(error.headers.get("Retry-After"))


async def async_raw_usage() -> None:
    async with AsyncOmnichannel(default_headers={"X-Tenant": "shop-7"}) as c:
        raw: RawResponse[OmnimessageCreated] = await c.with_raw_response.send(chain())
        items = await c.with_raw_response.send_bulk([chain()], extra_headers={"X-A": "b"})
        print(raw.parse().omnimessage_id, items.parse())


def built_results() -> DeliveryReport:
    result = DeliveryResult(channel=Channel.SMS, status=DeliveryStatus.DELIVRD, err=0)
    priced = DeliveryResult(price=Price(parts_count=1), timestamp=datetime(2030, 1, 1))
    update = DeliveryUpdate(UUID(int=1), "+37251000000", result)
    print(DeliveryResult.from_dict(priced.to_dict()), DeliveryUpdate.from_dict(update.to_dict()))
    return DeliveryReport.from_dict(DeliveryReport(UUID(int=1), "+372", (result,)).to_dict())


API_PASSWORD = "pw"  # noqa: S105 - a placeholder: this file is type-checked, never run


def report_usage(created: OmnimessageCreated) -> ReportReceiver:
    signed: SignedReport = sign_report(password=API_PASSWORD, status="UNDELIV", err=1)
    tracker = Tracker()
    tracker.expect(created)
    try:
        update: DeliveryUpdate = parse_delivery_report(signed.body, signed.headers, API_PASSWORD)
    except SignatureError as refused:
        print(refused)
        raise
    tracker.add(update)
    outcome: ChainOutcome = tracker.outcome(update.omnimessage_id)
    state: ChainState = outcome.state
    print(state, outcome.channel, outcome.describe())

    async def on_report(new: DeliveryUpdate) -> None:
        print(new.status, new.timestamp)

    return ReportReceiver(on_report, password=API_PASSWORD)
