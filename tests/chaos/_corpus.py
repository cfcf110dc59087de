"""Bad input: one case per rule of the spec and of the reference's prose, each broken alone.

Every case starts from a valid omnimessage (a WhatsApp, Viber and SMS chain, or a one-channel
message of the kind the rule is about) and breaks exactly one rule, so the field path every
layer reports is known: the client's problem path, the sandbox's ``source`` and the CLI's line.
``tests/spec/test_spec_rules.py`` proves each rule at the level of one component schema; these
cases prove it through the whole request, at every door a user can knock on.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Doc = dict[str, Any]

LINK = "https://example.com/file.png"
VIDEO = {"url": "https://example.com/v.mp4", "thumbnail": LINK, "file_size": 1000, "duration": 10}
CAROUSEL_ITEM = {
    "title": "Red shoes",
    "image_url": LINK,
    "primary_button": {"label": "Buy", "action_url": "https://example.com/red"},
}
TEMPLATE = {"name": "order_update", "language": {"code": "en"}}
REPLY = {"reply": {"text": "Thanks", "postback_data": "thanks"}}


def chain() -> Doc:
    """Return a valid three-channel omnimessage, a fresh copy each time."""
    return {
        "to": "+37251000000",
        "messages": [
            {"channel": "whatsapp", "sender": "MyBrand", "template": copy.deepcopy(TEMPLATE)},
            {"channel": "viber", "sender": "MyBrand", "text": "Order 4242 has shipped"},
            {"channel": "sms", "sender": "MyBrand", "text": "Order 4242 has shipped"},
        ],
        "dlr_url": "https://example.com/dlr",
    }


def one(message: Doc, **fields: Any) -> Doc:
    """Return a valid omnimessage of one channel message.

    Args:
        message: The channel message.
        **fields: Top-level fields to add.

    Returns:
        The omnimessage.
    """
    return {"to": "+37251000000", "messages": [message], **fields}


@dataclass(frozen=True, slots=True)
class Case:
    """One rule broken alone.

    Attributes:
        name: A short id.
        rule: The rule, in the words of the spec or the reference.
        body: The request body breaking it.
        path: The field path every layer must name (the sandbox's ``source``).
        code: The API's error code: ``105`` invalid data, ``106`` missing data.
        cli: Arguments of ``messente-omnichannel send`` that break the same rule, when the
            command can express it (``None`` otherwise).
        bulk: The body goes to ``POST /omnimessages`` (a ``BulkOmnimessage``).
        client: The client's builders can be given this body (``send_bulk`` takes the list
            of omnimessages, not the envelope).
    """

    name: str
    rule: str
    body: Any
    path: str
    code: str = "105"
    cli: tuple[str, ...] | None = None
    bulk: bool = False
    client: bool = True


def _edit(base: Callable[[], Doc], change: Callable[[Doc], None]) -> Doc:
    doc = base()
    change(doc)
    return doc


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """Return an edit that sets ``value`` at a dotted path (``messages.1.text``)."""

    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _drop(path: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]

    return change


SMS = {"channel": "sms", "text": "Hi"}
VIBER = {"channel": "viber", "text": "Hi"}
WHATSAPP = {"channel": "whatsapp", "text": {"body": "Hi"}}
RCS = {"channel": "rcs", "sender": "Brand", "text": "Hi"}
TO = ("+37251000000",)


def _cases() -> list[Case]:
    c = Case
    return [
        # --- the omnimessage --------------------------------------------------------------
        c("to-missing", "to is required", _edit(chain, _drop("to")), "to", "106"),
        c(
            "to-no-plus",
            "to: E.164 with +",
            _edit(chain, _set("to", "37251000000")),
            "to",
            cli=("37251000000", "--sms", "Hi"),
        ),
        c(
            "to-letters",
            "to: digits only",
            _edit(chain, _set("to", "+3725abc")),
            "to",
            cli=("+3725abc", "--sms", "Hi"),
        ),
        c(
            "to-leading-zero",
            "to: no leading 0 country code",
            _edit(chain, _set("to", "+0123")),
            "to",
            cli=("+0123", "--sms", "Hi"),
        ),
        c(
            "to-too-long",
            "to: at most 15 digits",
            _edit(chain, _set("to", "+1234567890123456")),
            "to",
            cli=("+1234567890123456", "--sms", "Hi"),
        ),
        c(
            "to-empty",
            "to: a phone number",
            _edit(chain, _set("to", "")),
            "to",
            cli=("", "--sms", "Hi"),
        ),
        c("to-number", "to is a string", _edit(chain, _set("to", 37251000000)), "to"),
        c(
            "messages-missing",
            "messages is required",
            _edit(chain, _drop("messages")),
            "messages",
            "106",
        ),
        c(
            "messages-empty",
            "messages: at least one",
            _edit(chain, _set("messages", [])),
            "messages",
        ),
        c(
            "messages-not-list",
            "messages is an array",
            _edit(chain, _set("messages", SMS)),
            "messages",
        ),
        c("unknown-field", "the omnimessage is closed", _edit(chain, _set("txt", "typo")), "txt"),
        c(
            "dlr-url-mailto",
            "dlr_url is an http(s) URL",
            _edit(chain, _set("dlr_url", "mailto:x@example.com")),
            "dlr_url",
            cli=(*TO, "--sms", "Hi", "--dlr-url", "mailto:x@example.com"),
        ),
        c(
            "dlr-url-relative",
            "dlr_url is an absolute URL",
            _edit(chain, _set("dlr_url", "/dlr")),
            "dlr_url",
            cli=(*TO, "--sms", "Hi", "--dlr-url", "/dlr"),
        ),
        c(
            "dlr-url-ftp",
            "dlr_url is http(s)",
            _edit(chain, _set("dlr_url", "ftp://example.com/dlr")),
            "dlr_url",
            cli=(*TO, "--sms", "Hi", "--dlr-url", "ftp://example.com/dlr"),
        ),
        c(
            "dlr-url-space",
            "dlr_url is a URI",
            _edit(chain, _set("dlr_url", "https://exa mple.com/dlr")),
            "dlr_url",
            cli=(*TO, "--sms", "Hi", "--dlr-url", "https://exa mple.com/dlr"),
        ),
        c(
            "dlr-url-no-host",
            "dlr_url names a host (a URL reports are POSTed to)",
            _edit(chain, _set("dlr_url", "http://")),
            "dlr_url",
            cli=(*TO, "--sms", "Hi", "--dlr-url", "http://"),
        ),
        c(
            "dlr-url-bad-port",
            "dlr_url: a port is 0 to 65535",
            _edit(chain, _set("dlr_url", "https://[::1]:99999/dlr")),
            "dlr_url",
            cli=(*TO, "--sms", "Hi", "--dlr-url", "https://[::1]:99999/dlr"),
        ),
        c(
            "text-store-unknown",
            "text_store: nostore, plaintext or sha256",
            _edit(chain, _set("text_store", "encrypted")),
            "text_store",
        ),
        c(
            "priority-unknown",
            "priority: low, regular or high",
            _edit(chain, _set("priority", "urgent")),
            "priority",
        ),
        c(
            "time-to-send-feb-30",
            "time_to_send: its date must exist",
            _edit(chain, _set("time_to_send", "2030-02-30T10:00:00Z")),
            "time_to_send",
        ),
        c(
            "time-to-send-naive-feb-30",
            "time_to_send without a timezone: its date must exist",
            _edit(chain, _set("time_to_send", "2030-02-30T10:00:00")),
            "time_to_send",
        ),
        c(
            "time-to-send-junk",
            "time_to_send is ISO 8601",
            _edit(chain, _set("time_to_send", "tomorrow")),
            "time_to_send",
        ),
        c(
            "time-to-send-month-13",
            "time_to_send is a real date",
            _edit(chain, _set("time_to_send", "2030-13-01T10:00:00Z")),
            "time_to_send",
        ),
        # --- a channel message -------------------------------------------------------------
        c(
            "channel-missing",
            "every message names its channel",
            _edit(chain, _drop("messages.2.channel")),
            "messages[2].channel",
            "106",
        ),
        c(
            "channel-unknown",
            "channel: sms, viber, whatsapp or rcs",
            _edit(chain, _set("messages.2.channel", "telegram")),
            "messages[2].channel",
        ),
        c(
            "message-not-object",
            "a message is an object",
            _edit(chain, _set("messages.1", "Hi")),
            "messages[1]",
        ),
        # --- SMS ---------------------------------------------------------------------------
        c(
            "sms-text-missing",
            "SMS: text is required",
            one({"channel": "sms"}),
            "messages[0].text",
            "106",
        ),
        c(
            "sms-text-empty",
            "SMS: text is not empty",
            one({**SMS, "text": ""}),
            "messages[0].text",
            cli=(*TO, "--sms", ""),
        ),
        c(
            "sms-ttl-and-validity",
            'Only one of "ttl" and "validity" can be used.',
            one({**SMS, "ttl": 60, "validity": 1}),
            "messages[0].ttl",
        ),
        c("sms-ttl-zero", "SMS: ttl at least 1 second", one({**SMS, "ttl": 0}), "messages[0].ttl"),
        c("sms-ttl-string", "SMS: ttl is an integer", one({**SMS, "ttl": "60"}), "messages[0].ttl"),
        c(
            "sms-validity-negative",
            "SMS: validity at least 1 minute",
            one({**SMS, "validity": -5}),
            "messages[0].validity",
        ),
        c(
            "sms-autoconvert-unknown",
            "SMS: autoconvert on, full or off",
            one({**SMS, "autoconvert": "maybe"}),
            "messages[0].autoconvert",
        ),
        c("sms-udh-odd", "SMS: udh is hex octets", one({**SMS, "udh": "050"}), "messages[0].udh"),
        c("sms-udh-not-hex", "SMS: udh is hex", one({**SMS, "udh": "zz"}), "messages[0].udh"),
        c(
            "sms-sender-empty",
            "SMS: sender is not empty",
            one({**SMS, "sender": ""}),
            "messages[0].sender",
            cli=(*TO, "--sms", "Hi", "--sender", ""),
        ),
        c("sms-unknown-field", "SMS is closed", one({**SMS, "txt": "typo"}), "messages[0].txt"),
        c("sms-text-number", "SMS: text is a string", one({**SMS, "text": 42}), "messages[0].text"),
        # --- Viber -------------------------------------------------------------------------
        c(
            "viber-empty",
            "Viber: text, image, video, carousel or template",
            one({"channel": "viber"}),
            "messages[0]",
        ),
        c(
            "viber-button-without-url",
            "Viber: button_text needs button_url and text",
            one({**VIBER, "button_text": "Open"}),
            "messages[0]",
        ),
        c(
            "viber-button-url-without-text",
            "Viber: button_url needs button_text",
            one({**VIBER, "button_url": "https://example.com/o"}),
            "messages[0]",
        ),
        c(
            "viber-image-url-ftp",
            "Viber: image_url is http(s)",
            one({"channel": "viber", "image_url": "ftp://example.com/i.png"}),
            "messages[0].image_url",
        ),
        c(
            "viber-text-empty",
            "Viber: text is not empty",
            one({**VIBER, "text": ""}),
            "messages[0].text",
            cli=(*TO, "--viber", ""),
        ),
        c(
            "viber-video-too-big",
            "Viber: video at most 200 MB",
            one({"channel": "viber", "video": {**VIDEO, "file_size": 200 * 1024 * 1024 + 1}}),
            "messages[0].video.file_size",
        ),
        c(
            "viber-video-too-long",
            "Viber: video at most 600 seconds",
            one({"channel": "viber", "video": {**VIDEO, "duration": 601}}),
            "messages[0].video.duration",
        ),
        c(
            "viber-video-no-thumbnail",
            "Viber: video thumbnail is required",
            one(
                {"channel": "viber", "video": {k: v for k, v in VIDEO.items() if k != "thumbnail"}}
            ),
            "messages[0].video.thumbnail",
            "106",
        ),
        c(
            "viber-carousel-one-item",
            "Viber: carousel of 2 to 5 items",
            one({**VIBER, "carousel": {"items": [CAROUSEL_ITEM]}}),
            "messages[0].carousel.items",
        ),
        c(
            "viber-carousel-six-items",
            "Viber: carousel of 2 to 5 items",
            one({**VIBER, "carousel": {"items": [CAROUSEL_ITEM] * 6}}),
            "messages[0].carousel.items",
        ),
        c(
            "viber-carousel-short-title",
            "Viber: carousel title 2 to 38 characters",
            one({**VIBER, "carousel": {"items": [{**CAROUSEL_ITEM, "title": "R"}, CAROUSEL_ITEM]}}),
            "messages[0].carousel.items[0].title",
        ),
        c(
            "viber-template-no-lang",
            "Viber: template needs lang",
            one({"channel": "viber", "template": {"id": "t1"}}),
            "messages[0].template.lang",
            "106",
        ),
        c(
            "viber-ttl-and-validity",
            'Only one of "ttl" and "validity" can be used.',
            one({**VIBER, "ttl": 60, "validity": 1}),
            "messages[0].ttl",
        ),
        # --- WhatsApp ----------------------------------------------------------------------
        c(
            "whatsapp-no-content",
            "WhatsApp: one content kind",
            one({"channel": "whatsapp"}),
            "messages[0]",
        ),
        c(
            "whatsapp-two-contents",
            "WhatsApp: exactly one content kind",
            one({**WHATSAPP, "template": TEMPLATE}),
            "messages[0]",
        ),
        c(
            "whatsapp-text-not-object",
            "WhatsApp: text is an object with body",
            one({"channel": "whatsapp", "text": "Hi"}),
            "messages[0].text",
        ),
        c(
            "whatsapp-text-body-empty",
            "WhatsApp: text body is not empty",
            one({"channel": "whatsapp", "text": {"body": ""}}),
            "messages[0].text.body",
        ),
        c(
            "whatsapp-template-no-name",
            "WhatsApp: template name is required",
            one({"channel": "whatsapp", "template": {"language": {"code": "en"}}}),
            "messages[0].template.name",
            "106",
        ),
        c(
            "whatsapp-template-no-language",
            "WhatsApp: template language is required",
            one({"channel": "whatsapp", "template": {"name": "t"}}),
            "messages[0].template.language",
            "106",
        ),
        c(
            "whatsapp-template-lang-empty",
            "WhatsApp: language code is not empty",
            one({"channel": "whatsapp", "template": {"name": "t", "language": {"code": ""}}}),
            "messages[0].template.language.code",
            cli=(*TO, "--whatsapp-template", "t", "--template-lang", ""),
        ),
        c(
            "whatsapp-image-id-and-link",
            "WhatsApp: media takes id or link, not both",
            one({"channel": "whatsapp", "image": {"id": "1", "link": LINK}}),
            "messages[0].image.link",
        ),
        c(
            "whatsapp-image-ftp",
            "WhatsApp: media link is http(s)",
            one({"channel": "whatsapp", "image": {"link": "ftp://example.com/a.png"}}),
            "messages[0].image.link",
        ),
        c(
            "whatsapp-image-empty",
            "WhatsApp: media needs id or link",
            one({"channel": "whatsapp", "image": {}}),
            "messages[0].image.link",
            "106",
        ),
        c(
            "whatsapp-currency-code",
            "WhatsApp: currency code is ISO 4217",
            one(
                {
                    "channel": "whatsapp",
                    "template": {
                        **TEMPLATE,
                        "components": [
                            {
                                "type": "body",
                                "parameters": [
                                    {
                                        "type": "currency",
                                        "currency": {
                                            "fallback_value": "EUR 1",
                                            "code": "euro",
                                            "amount_1000": "1000",
                                        },
                                    }
                                ],
                            }
                        ],
                    },
                }
            ),
            "messages[0].template.components[0].parameters[0].currency.code",
        ),
        c(
            "whatsapp-component-index-negative",
            "WhatsApp: component index at least 0",
            one(
                {
                    "channel": "whatsapp",
                    "template": {**TEMPLATE, "components": [{"type": "button", "index": -1}]},
                }
            ),
            "messages[0].template.components[0].index",
        ),
        c(
            "whatsapp-parameter-type-missing",
            "WhatsApp: a parameter names its type",
            one(
                {
                    "channel": "whatsapp",
                    "template": {
                        **TEMPLATE,
                        "components": [{"type": "body", "parameters": [{"text": "x"}]}],
                    },
                }
            ),
            "messages[0].template.components[0].parameters[0].type",
            "106",
        ),
        c(
            "whatsapp-ttl-and-validity",
            'Only one of "ttl" and "validity" can be used.',
            one({**WHATSAPP, "ttl": 60, "validity": 1}),
            "messages[0].ttl",
        ),
        # --- RCS ---------------------------------------------------------------------------
        c(
            "rcs-no-sender",
            "RCS: sender is required",
            one({"channel": "rcs", "text": "Hi"}),
            "messages[0].sender",
            "106",
        ),
        c(
            "rcs-text-too-long",
            "RCS: text at most 3072 characters",
            one({**RCS, "text": "a" * 3073}),
            "messages[0].text",
        ),
        c(
            "rcs-too-many-suggestions",
            "RCS: at most 11 suggestions",
            one({**RCS, "suggestions": [REPLY] * 12}),
            "messages[0].suggestions",
        ),
        c(
            "rcs-reply-too-long",
            "RCS: a reply at most 25 characters",
            one({**RCS, "suggestions": [{"reply": {"text": "a" * 26, "postback_data": "x"}}]}),
            "messages[0].suggestions[0].reply.text",
        ),
        c(
            "rcs-text-and-content-info",
            "RCS: one of text, rich_card, content_info",
            one({**RCS, "content_info": {"file_url": LINK, "force_refresh": False}}),
            "messages[0]",
        ),
        c(
            "rcs-empty-rich-card",
            "RCS: a rich card is standalone or carousel",
            one({"channel": "rcs", "sender": "Brand", "rich_card": {}}),
            "messages[0].rich_card",
        ),
        # --- bulk --------------------------------------------------------------------------
        c("bulk-empty", "bulk: at least one omnimessage", {"messages": []}, "messages", bulk=True),
        c(
            "bulk-item-invalid",
            "bulk: every omnimessage valid",
            {"messages": [one(SMS), one({**SMS, "ttl": 0})]},
            "messages[1].messages[0].ttl",
            bulk=True,
        ),
        # send_bulk() takes a list, so a malformed envelope reaches only the raw API:
        c(
            "bulk-missing",
            "bulk: messages is required",
            {},
            "messages",
            "106",
            bulk=True,
            client=False,
        ),
        c(
            "bulk-unknown-field",
            "bulk is closed",
            {"messages": [one(SMS)], "x": 1},
            "x",
            bulk=True,
            client=False,
        ),
    ]


CASES: list[Case] = _cases()
"""Every case, in the order of the table printed by ``make chaos``."""
