"""Each rule the reference states in prose is encoded in openapi.yaml and enforced by JSON Schema.

A document breaking the rule is rejected by a plain JSON Schema 2020-12 validator run on the spec;
its closest valid neighbour is accepted, so each test would fail if the rule were missing or
over-broad.
"""

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator

Factory = Callable[[str], Draft202012Validator]
Doc = dict[str, Any]

VIDEO = {
    "url": "https://example.com/v.mp4",
    "thumbnail": "https://example.com/v.jpg",
    "file_size": 1000,
    "duration": 10,
}
CAROUSEL_ITEM = {
    "title": "Red shoes",
    "image_url": "https://example.com/red.png",
    "primary_button": {"label": "Buy", "action_url": "https://example.com/red"},
}
CAROUSEL = {"items": [CAROUSEL_ITEM, CAROUSEL_ITEM]}
VIBER_CONTENT: dict[str, Any] = {
    "text": "Hello",
    "image_url": "https://example.com/i.png",
    "button_text": "Open",
    "button_url": "https://example.com/open",
    "video": VIDEO,
    "carousel": CAROUSEL,
    "template": {"id": "t1", "lang": "en"},
}
VALID_VIBER_COMBINATIONS = {
    frozenset({"image_url"}),
    frozenset({"text"}),
    frozenset({"text", "button_text", "button_url"}),
    frozenset({"text", "image_url", "button_text", "button_url"}),
    frozenset({"video"}),
    frozenset({"video", "text"}),
    frozenset({"video", "text", "button_text"}),
    frozenset({"video", "text", "button_text", "button_url"}),
    frozenset({"carousel", "text"}),
    frozenset({"template"}),
}
TEMPLATE = {"name": "order_update", "language": {"code": "en"}}
LINK = {"link": "https://example.com/file"}
WHATSAPP_CONTENT: dict[str, Any] = {
    "template": TEMPLATE,
    "text": {"body": "Hello"},
    "image": LINK,
    "video": LINK,
    "audio": LINK,
    "document": LINK,
    "sticker": LINK,
}
CONTENT_INFO = {"file_url": "https://example.com/f.png", "force_refresh": False}
CARD = {"title": "Parcel"}
RICH_CARD = {
    "standalone_card": {
        "card_orientation": "VERTICAL",
        "thumbnail_image_alignment": "LEFT",
        "card_content": CARD,
    }
}


def _valid(factory: Factory, name: str, doc: Any) -> bool:
    return bool(factory(f"/components/schemas/{name}").is_valid(doc))


def _omni(*messages: Doc, **fields: Any) -> Doc:
    return {"to": "+37251000000", "messages": list(messages), **fields}


@pytest.mark.parametrize(
    "message",
    [
        {"channel": "sms", "text": "Hi"},
        {"channel": "viber", "text": "Hi"},
        {"channel": "whatsapp", "text": {"body": "Hi"}},
        {"channel": "rcs", "sender": "Brand", "text": "Hi"},
    ],
    ids=["sms", "viber", "whatsapp", "rcs"],
)
def test_ttl_and_validity_are_mutually_exclusive(schema_validator: Factory, message: Doc) -> None:
    assert _valid(schema_validator, "Omnimessage", _omni({**message, "ttl": 60}))
    assert _valid(schema_validator, "Omnimessage", _omni({**message, "validity": 1}))
    assert not _valid(schema_validator, "Omnimessage", _omni({**message, "ttl": 60, "validity": 1}))


def test_exactly_the_documented_viber_combinations_are_valid(schema_validator: Factory) -> None:
    keys = sorted(VIBER_CONTENT)
    accepted = set()
    for size in range(len(keys) + 1):
        for combination in itertools.combinations(keys, size):
            doc = {"channel": "viber", **{key: VIBER_CONTENT[key] for key in combination}}
            if _valid(schema_validator, "Viber", doc):
                accepted.add(frozenset(combination))
    assert accepted == VALID_VIBER_COMBINATIONS


def test_whatsapp_needs_exactly_one_content_kind(schema_validator: Factory) -> None:
    assert not _valid(schema_validator, "WhatsApp", {"channel": "whatsapp", "sender": "Brand"})
    for kind, content in WHATSAPP_CONTENT.items():
        assert _valid(schema_validator, "WhatsApp", {"channel": "whatsapp", kind: content}), kind
    for first, second in itertools.combinations(WHATSAPP_CONTENT, 2):
        doc = {
            "channel": "whatsapp",
            first: WHATSAPP_CONTENT[first],
            second: WHATSAPP_CONTENT[second],
        }
        assert not _valid(schema_validator, "WhatsApp", doc), (first, second)


@pytest.mark.parametrize(
    "name",
    [
        "WhatsAppMedia",
        "WhatsAppImage",
        "WhatsAppVideo",
        "WhatsAppAudio",
        "WhatsAppDocument",
        "WhatsAppSticker",
    ],
)
def test_media_takes_id_or_link_not_both(schema_validator: Factory, name: str) -> None:
    assert _valid(schema_validator, name, {"id": "123"})
    assert _valid(schema_validator, name, {"link": "https://example.com/a"})
    assert not _valid(schema_validator, name, {"id": "123", "link": "https://example.com/a"})
    assert not _valid(schema_validator, name, {})
    assert not _valid(schema_validator, name, {"link": "ftp://example.com/a"})


@pytest.mark.parametrize(("field", "limit"), [("file_size", 200 * 1024 * 1024), ("duration", 600)])
def test_viber_video_limits(schema_validator: Factory, field: str, limit: int) -> None:
    assert _valid(schema_validator, "ViberVideo", {**VIDEO, field: limit})
    assert not _valid(schema_validator, "ViberVideo", {**VIDEO, field: limit + 1})
    assert not _valid(schema_validator, "ViberVideo", {**VIDEO, field: 0})


def test_viber_carousel_limits(schema_validator: Factory) -> None:
    for count in (2, 5):
        assert _valid(schema_validator, "ViberCarousel", {"items": [CAROUSEL_ITEM] * count})
    for count in (1, 6):
        assert not _valid(schema_validator, "ViberCarousel", {"items": [CAROUSEL_ITEM] * count})
    for title, ok in (("ab", True), ("a" * 38, True), ("a", False), ("a" * 39, False)):
        item = {**CAROUSEL_ITEM, "title": title}
        assert _valid(schema_validator, "ViberCarouselItem", item) is ok, title
    button = {"label": "", "action_url": "https://example.com"}
    assert not _valid(schema_validator, "ViberCarouselButton", button)


def test_rcs_needs_exactly_one_of_text_rich_card_content_info(schema_validator: Factory) -> None:
    contents = {"text": "Hi", "rich_card": RICH_CARD, "content_info": CONTENT_INFO}
    base = {"channel": "rcs", "sender": "Brand"}
    assert not _valid(schema_validator, "RCS", base)
    for key, value in contents.items():
        assert _valid(schema_validator, "RCS", {**base, key: value}), key
    for first, second in itertools.combinations(contents, 2):
        doc = {**base, first: contents[first], second: contents[second]}
        assert not _valid(schema_validator, "RCS", doc), (first, second)


def test_rcs_limits(schema_validator: Factory) -> None:
    base = {"channel": "rcs", "sender": "Brand"}
    reply = {"reply": {"text": "Ok", "postback_data": "ok"}}
    assert _valid(schema_validator, "RCS", {**base, "text": "a" * 3072})
    assert not _valid(schema_validator, "RCS", {**base, "text": "a" * 3073})
    assert _valid(schema_validator, "RCS", {**base, "text": "a", "suggestions": [reply] * 11})
    assert not _valid(schema_validator, "RCS", {**base, "text": "a", "suggestions": [reply] * 12})
    assert not _valid(schema_validator, "RcsCardContent", {"suggestions": [reply] * 5})
    assert not _valid(schema_validator, "RcsCardContent", {})
    assert not _valid(schema_validator, "RcsCardContent", {"title": "a" * 201})
    assert not _valid(schema_validator, "RcsCardContent", {"description": "a" * 2001})
    cards = {"card_width": "SMALL", "card_contents": [CARD] * 11}
    assert not _valid(schema_validator, "RcsCarouselCard", cards)
    assert not _valid(
        schema_validator, "RcsSuggestedReply", {"text": "a" * 26, "postback_data": "x"}
    )


def test_rcs_rich_card_and_suggestion_are_one_of(schema_validator: Factory) -> None:
    carousel = {"carousel_card": {"card_width": "SMALL", "card_contents": [CARD]}}
    assert _valid(schema_validator, "RcsRichCard", carousel)
    assert not _valid(schema_validator, "RcsRichCard", {**RICH_CARD, **carousel})
    assert not _valid(schema_validator, "RcsRichCard", {})
    reply = {"text": "Ok", "postback_data": "ok"}
    action = {"text": "Go", "share_location_action": {}}
    assert _valid(schema_validator, "RcsSuggestion", {"reply": reply})
    assert _valid(schema_validator, "RcsSuggestion", {"action": action})
    assert not _valid(schema_validator, "RcsSuggestion", {"reply": reply, "action": action})
    assert not _valid(schema_validator, "RcsSuggestion", {})


def test_rcs_action_needs_exactly_one_action_kind(schema_validator: Factory) -> None:
    kinds = {
        "dial_action": {"phone_number": "+37251000000"},
        "view_location_action": {"query": "Tallinn"},
        "create_calendar_event_action": {
            "start_time": "2030-01-01T10:00:00Z",
            "end_time": "2030-01-01T11:00:00Z",
            "title": "Visit",
            "description": "Visit us",
        },
        "open_url_action": {"url": "https://example.com"},
        "share_location_action": {},
    }
    assert not _valid(schema_validator, "RcsSuggestedAction", {"text": "Go"})
    for kind, value in kinds.items():
        assert _valid(schema_validator, "RcsSuggestedAction", {"text": "Go", kind: value}), kind
    for first, second in itertools.combinations(kinds, 2):
        doc = {"text": "Go", first: kinds[first], second: kinds[second]}
        assert not _valid(schema_validator, "RcsSuggestedAction", doc), (first, second)
    assert not _valid(schema_validator, "RcsShareLocationAction", {"extra": 1})
    assert not _valid(schema_validator, "RcsLatLong", {"latitude": 91, "longitude": 0})
    assert not _valid(schema_validator, "RcsViewLocationAction", {})


@pytest.mark.parametrize(
    ("name", "field", "good", "bad"),
    [
        ("SMS", "autoconvert", ["on", "full", "off"], [True, False, "true", "ON"]),
        ("Omnimessage", "priority", ["low", "regular", "high"], ["urgent", 1]),
        ("Omnimessage", "text_store", ["nostore", "plaintext", "sha256"], ["md5"]),
    ],
)
def test_enums(
    schema_validator: Factory, name: str, field: str, good: list[Any], bad: list[Any]
) -> None:
    base = (
        {"channel": "sms", "text": "Hi"}
        if name == "SMS"
        else _omni({"channel": "sms", "text": "Hi"})
    )
    for value in good:
        assert _valid(schema_validator, name, {**base, field: value}), value
    for value in bad:
        assert not _valid(schema_validator, name, {**base, field: value}), value


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("+37251000000", True),
        ("+12025550123", True),
        ("37251000000", False),
        ("+0123456", False),
        ("+3725100000000000", False),
        ("abc", False),
        ("+372 5100 0000", False),
    ],
)
def test_recipient_is_e164(schema_validator: Factory, number: str, ok: bool) -> None:
    doc = {"to": number, "messages": [{"channel": "sms", "text": "Hi"}]}
    assert _valid(schema_validator, "Omnimessage", doc) is ok


def test_messages_need_at_least_one_known_channel(schema_validator: Factory) -> None:
    assert not _valid(schema_validator, "Omnimessage", _omni())
    assert not _valid(schema_validator, "Omnimessage", _omni({"channel": "telegram", "text": "Hi"}))
    assert not _valid(schema_validator, "Omnimessage", _omni({"text": "Hi"}))
    assert not _valid(schema_validator, "BulkOmnimessage", {"messages": []})


@pytest.mark.parametrize(
    ("when", "ok"),
    [
        ("2030-06-22T09:05:07Z", True),
        ("2030-06-22T09:05:07.25+03:00", True),
        ("2030-06-22T09:05:07", True),  # no timezone: UTC, as the API reference says
        ("2030-06-22T09:05", True),
        ("2030-06-22T09:05:07.5", True),
        ("2030-06-22T09:05Z", False),  # RFC 3339 needs the seconds
        ("2030-06-22 09:05:07", False),
        ("2030-13-22T09:05:07", False),
        ("2030-06-22T24:05:07", False),
        ("2030-06-22", False),
        ("tomorrow", False),
    ],
)
def test_time_to_send_may_lack_a_timezone(schema_validator: Factory, when: str, ok: bool) -> None:
    message = {"channel": "sms", "text": "Hi"}
    assert _valid(schema_validator, "Omnimessage", _omni(message, time_to_send=when)) is ok


def test_delivery_reports_go_to_an_http_url(schema_validator: Factory) -> None:
    message = {"channel": "sms", "text": "Hi"}
    assert _valid(schema_validator, "Omnimessage", _omni(message, dlr_url="https://e.com/dlr"))
    assert not _valid(schema_validator, "Omnimessage", _omni(message, dlr_url="mailto:x@e.com"))


def test_request_objects_are_closed(schema_validator: Factory) -> None:
    assert not _valid(
        schema_validator, "Omnimessage", _omni({"channel": "sms", "text": "Hi"}, tow="x")
    )
    assert not _valid(schema_validator, "SMS", {"channel": "sms", "text": "Hi", "txt": "typo"})


def test_responses_stay_open_to_new_values(schema_validator: Factory) -> None:
    result = {"status": "QUEUED_LATER", "channel": "carrier-pigeon", "err": 12345, "new_field": 1}
    assert _valid(schema_validator, "DeliveryResult", result)
    item = {"title": "Too many requests", "code": "108", "detail": "Slow down", "source": None}
    assert _valid(schema_validator, "ErrorItem", item)


def test_nullable_while_processing(schema_validator: Factory) -> None:
    pending = {"status": None, "err": None, "error": None, "price_info": None, "timestamp": None}
    assert _valid(schema_validator, "DeliveryResult", pending)
    item = {"title": "Not found", "code": "101", "detail": "No such message", "source": None}
    assert _valid(schema_validator, "ErrorItem", item)


@pytest.mark.parametrize(
    ("timestamp", "ok"),
    [
        ("2020-02-04T08:09:42.389630", True),
        ("2020-02-04T08:09:42+00:00", True),
        ("2020-02-04T08:09:42Z", True),
        ("2020-02-04 08:09:42", False),
        ("yesterday", False),
    ],
)
def test_delivery_timestamps_may_lack_an_offset(
    schema_validator: Factory, timestamp: str, ok: bool
) -> None:
    assert _valid(schema_validator, "DeliveryResult", {"timestamp": timestamp}) is ok


def test_webhook_signature_is_hex_sha256(spec: dict[str, Any]) -> None:
    callback = spec["paths"]["/omnimessage"]["post"]["callbacks"]["deliveryReport"]
    operation = callback["{$request.body#/dlr_url}"]["post"]
    (header,) = operation["parameters"]
    assert header["name"] == "X-Messente-Signature"
    assert Draft202012Validator(header["schema"]).is_valid("ab" * 32)
    assert not Draft202012Validator(header["schema"]).is_valid("ab" * 31)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("text", "4242"),
        ("currency", {"fallback_value": "EUR 1", "code": "EUR", "amount_1000": "1000"}),
        ("date_time", {"fallback_value": "Today"}),
        ("image", LINK),
        ("document", LINK),
        ("video", LINK),
        ("coupon_code", "SAVE20"),
        ("payload", "p"),
    ],
)
def test_a_template_parameter_carries_the_field_its_type_names(
    schema_validator: Factory, kind: str, value: Any
) -> None:
    assert _valid(schema_validator, "WhatsAppParameter", {"type": kind, kind: value})
    assert not _valid(schema_validator, "WhatsAppParameter", {"type": kind})
    other = "payload" if kind != "payload" else "text"
    assert not _valid(schema_validator, "WhatsAppParameter", {"type": kind, other: "x"})
    # A type added later is passed on unchecked.
    assert _valid(schema_validator, "WhatsAppParameter", {"type": "location", kind: value})


def test_filename_is_only_for_document_parameters(schema_validator: Factory) -> None:
    named = {**LINK, "filename": "invoice.pdf"}
    assert _valid(schema_validator, "WhatsAppParameter", {"type": "document", "document": named})
    for kind in ("image", "video"):
        assert not _valid(schema_validator, "WhatsAppParameter", {"type": kind, kind: named})
