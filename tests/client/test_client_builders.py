"""Builders write the API's JSON; the chain reads like the intent and needs no wrapper classes."""

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from messente_omnichannel import (
    RCS,
    SMS,
    Autoconvert,
    Omnimessage,
    Priority,
    Suggestion,
    TemplateComponent,
    TemplateParam,
    Viber,
    WhatsApp,
    validate,
)
from messente_omnichannel._client._prepare import prepare_omnimessage

VIDEO = {
    "url": "https://example.com/v.mp4",
    "thumbnail": "https://example.com/v.jpg",
    "file_size": 1000,
    "duration": 10,
}


def test_three_channel_chain_in_attempt_order() -> None:
    message = Omnimessage(
        to="+37251234567",
        messages=[
            WhatsApp.template("order_update", "en", body=["4242"], sender="MyBrand", validity=360),
            Viber(text="Your order 4242 has shipped.", sender="MyBrand", ttl=3600),
            SMS("Your order 4242 has shipped.", sender="MyBrand", autoconvert="on"),
        ],
        priority=Priority.HIGH,
        text_store="plaintext",
        dlr_url="https://example.com/dlr",
    )
    assert message.to_dict() == {
        "to": "+37251234567",
        "messages": [
            {
                "channel": "whatsapp",
                "sender": "MyBrand",
                "template": {
                    "name": "order_update",
                    "language": {"code": "en"},
                    "components": [
                        {"type": "body", "parameters": [{"type": "text", "text": "4242"}]}
                    ],
                },
                "validity": 360,
            },
            {
                "channel": "viber",
                "sender": "MyBrand",
                "text": "Your order 4242 has shipped.",
                "ttl": 3600,
            },
            {
                "channel": "sms",
                "sender": "MyBrand",
                "text": "Your order 4242 has shipped.",
                "autoconvert": "on",
            },
        ],
        "dlr_url": "https://example.com/dlr",
        "text_store": "plaintext",
        "priority": "high",
    }
    validate(message)


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        (datetime(2030, 6, 22, 9, 5, 7), "2030-06-22T09:05:07+00:00"),
        (datetime(2030, 6, 22, 9, 5, 7, tzinfo=UTC), "2030-06-22T09:05:07+00:00"),
        (
            datetime(2030, 6, 22, 12, 5, tzinfo=timezone(timedelta(hours=3))),
            "2030-06-22T12:05:00+03:00",
        ),
    ],
    ids=["naive-is-utc", "utc", "offset-kept"],
)
def test_time_to_send_is_rfc3339_with_offset(given: datetime, sent: str) -> None:
    message = Omnimessage(to="+37251000000", messages=[SMS("Hi")], time_to_send=given)
    payload = json.loads(prepare_omnimessage(message))
    assert payload["time_to_send"] == sent


def test_whatsapp_template_parts() -> None:
    message = WhatsApp.template(
        "receipt",
        "en_US",
        language_policy="deterministic",
        header=[TemplateParam.document(link="https://example.com/r.pdf", filename="r.pdf")],
        body=[
            "Ann",
            TemplateParam.currency("EUR 12.50", "EUR", 12500),
            TemplateParam.date_time("February 25, 2026"),
        ],
        components=[
            TemplateComponent.button("quick_reply", 0, TemplateParam.payload("track")),
            TemplateComponent.button("copy_code", 1, TemplateParam.coupon_code("SAVE20")),
        ],
    )
    template = message.to_dict()["template"]
    assert template["language"] == {"code": "en_US", "policy": "deterministic"}
    header, body, reply, code = template["components"]
    assert header["parameters"] == [
        {"type": "document", "document": {"link": "https://example.com/r.pdf", "filename": "r.pdf"}}
    ]
    assert body["parameters"][1] == {
        "type": "currency",
        "currency": {"fallback_value": "EUR 12.50", "code": "EUR", "amount_1000": "12500"},
    }
    assert body["parameters"][2] == {
        "type": "date_time",
        "date_time": {"fallback_value": "February 25, 2026"},
    }
    assert reply == {
        "type": "button",
        "sub_type": "quick_reply",
        "index": 0,
        "parameters": [{"type": "payload", "payload": "track"}],
    }
    assert code["parameters"] == [{"type": "coupon_code", "coupon_code": "SAVE20"}]


def test_whatsapp_media_and_text_kinds() -> None:
    kinds = [
        WhatsApp.text("Hi", preview_url=False),
        WhatsApp.image(link="https://example.com/i.png", caption="c", mime_type="image/png"),
        WhatsApp.video(id="123"),
        WhatsApp.audio(link="https://example.com/a.ogg"),
        WhatsApp.document(link="https://example.com/d.pdf", file_name="d.pdf"),
        WhatsApp.sticker(id="9", animated=True),
    ]
    dicts = [k.to_dict() for k in kinds]
    assert dicts[0]["text"] == {"body": "Hi", "preview_url": False}
    assert WhatsApp.text("Hi").to_dict()["text"] == {"body": "Hi"}
    assert dicts[3]["audio"] == {"link": "https://example.com/a.ogg"}
    assert dicts[4]["document"]["file_name"] == "d.pdf"
    assert dicts[5]["sticker"] == {"id": "9", "animated": True}
    for kind in kinds:
        validate(Omnimessage(to="+37251000000", messages=[kind]))
    param = TemplateParam.image(id="55", caption="x").to_dict()
    assert param == {"type": "image", "image": {"id": "55", "caption": "x"}}
    assert TemplateParam.video(link="https://e.com/v").to_dict()["video"] == {
        "link": "https://e.com/v"
    }


def test_viber_video_carousel_and_template() -> None:
    video = Viber.video(
        "https://example.com/v.mp4",
        thumbnail="https://example.com/v.jpg",
        file_size=1000,
        duration=10,
        text="Watch",
        button_text="Open",
    )
    assert video.to_dict() == {
        "channel": "viber",
        "text": "Watch",
        "button_text": "Open",
        "video": VIDEO,
    }
    items = [
        Viber.carousel_item(
            "Red shoes", "https://example.com/r.png", button=("Buy", "https://example.com/r")
        ),
        Viber.carousel_item(
            "Blue shoes",
            "https://example.com/b.png",
            button=("Buy", "https://example.com/b"),
            secondary_button=("Details", "https://example.com/b/d"),
        ),
    ]
    carousel = Viber.carousel("Pick one", items, sender="MyBrand").to_dict()
    assert carousel["carousel"]["items"][1]["secondary_button"] == {
        "label": "Details",
        "action_url": "https://example.com/b/d",
    }
    template = Viber.template("order_shipped", "en", {"order": "4242"}).to_dict()
    assert template["template"] == {
        "id": "order_shipped",
        "lang": "en",
        "params": {"order": "4242"},
    }
    for message in (video, Viber.carousel("Pick one", items), Viber.template("t", "en")):
        validate(Omnimessage(to="+37251000000", messages=[message]))


def test_rcs_kinds_and_suggestions() -> None:
    start = datetime(2030, 6, 22, 9)
    suggestions = [
        Suggestion.reply("Thanks", "thanks"),
        Suggestion.dial("Call us", "+37251000000", postback_data="call"),
        Suggestion.view_location("Map", latitude=59.437, longitude=24.7536, label="Store"),
        Suggestion.calendar_event(
            "Remind me", start=start, end=start + timedelta(hours=1), title="T", description="D"
        ),
        Suggestion.open_url(
            "Track", "https://example.com/t", application="WEBVIEW", webview_view_mode="HALF"
        ),
        Suggestion.share_location("Where?", fallback_url="https://example.com/where"),
    ]
    text = RCS.text("Shipped", sender="Agent", suggestions=suggestions)
    data = text.to_dict()
    assert data["suggestions"][0] == {"reply": {"text": "Thanks", "postback_data": "thanks"}}
    event = data["suggestions"][3]["action"]["create_calendar_event_action"]
    assert event["start_time"] == "2030-06-22T09:00:00+00:00"
    assert data["suggestions"][5]["action"]["share_location_action"] == {}
    content = RCS.card_content(
        title="Parcel",
        description="Today",
        media_url="https://example.com/p.png",
        thumbnail_url="https://example.com/t.png",
        suggestions=[Suggestion.reply("OK", "ok")],
    )
    card = RCS.card(content, sender="Agent", orientation="HORIZONTAL", image_alignment="RIGHT")
    standalone = card.to_dict()["rich_card"]["standalone_card"]
    assert standalone["card_orientation"] == "HORIZONTAL"
    assert standalone["card_content"]["media"] == {
        "height": "MEDIUM",
        "content_info": {
            "file_url": "https://example.com/p.png",
            "force_refresh": False,
            "thumbnail_url": "https://example.com/t.png",
        },
    }
    carousel = RCS.carousel([content, RCS.card_content(title="Two")], sender="Agent", width="SMALL")
    assert carousel.to_dict()["rich_card"]["carousel_card"]["card_width"] == "SMALL"
    file = RCS.file("https://example.com/f.pdf", sender="Agent", force_refresh=True)
    assert file.to_dict()["content_info"] == {
        "file_url": "https://example.com/f.pdf",
        "force_refresh": True,
    }
    for message in (text, card, carousel, file):
        validate(Omnimessage(to="+37251000000", messages=[message]))


def test_payload_survives_the_generated_models_unchanged() -> None:
    messages: list[Any] = [
        WhatsApp.template("t", "en", components=[TemplateComponent.button("url", 0, "x")], ttl=60),
        Viber.template("t", "en", {"a": "b"}),
        RCS.text(
            "x",
            sender="A",
            suggestions=[
                Suggestion.calendar_event(
                    "c",
                    start=datetime(2030, 1, 1, tzinfo=UTC),
                    end=datetime(2030, 1, 2, tzinfo=UTC),
                    title="t",
                    description="d",
                )
            ],
        ),
        SMS("x", autoconvert=Autoconvert.FULL, udh="050003CC0201"),
    ]
    message = Omnimessage(
        to="+37251000000", messages=messages, time_to_send="2030-01-01T00:00:00+02:00"
    )
    payload = json.loads(prepare_omnimessage(message))
    assert payload == message.to_dict()


def test_messages_are_immutable_values() -> None:
    sms = SMS("Hi", sender="A")
    assert sms == SMS("Hi", sender="A")
    assert sms != SMS("Hi", sender="B")
    assert hash(sms) == hash(SMS("Hi", sender="A"))
    assert repr(sms) == "SMS(sender='A', text='Hi')"
    with pytest.raises(AttributeError):
        sms.text = "changed"
    sms.to_dict()["text"] = "changed"
    assert sms.to_dict()["text"] == "Hi"


def test_plain_mappings_are_accepted_as_messages() -> None:
    raw = {"channel": "sms", "text": "Hi"}
    message = Omnimessage(to="+37251000000", messages=[raw])
    assert message.to_dict()["messages"] == [raw]
