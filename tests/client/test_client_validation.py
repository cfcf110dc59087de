"""Validation before anything is sent, every problem at once, with field paths."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from messente_omnichannel import (
    RCS,
    SMS,
    InvalidMessageError,
    Omnichannel,
    Omnimessage,
    Problem,
    Suggestion,
    Viber,
    WhatsApp,
    validate,
)
from messente_omnichannel._validation import calendar_problems, parse_datetime

from .conftest import Script

Build = Callable[..., Omnichannel]
LINK = "https://example.com/f"


def _problems(message: Omnimessage | dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InvalidMessageError) as caught:
        validate(message)
    return {p.path: p.message for p in caught.value.problems}


def _one(*messages: Any, to: str = "+37251000000", **fields: Any) -> Omnimessage:
    return Omnimessage(to=to, messages=list(messages), **fields)


def test_all_problems_are_reported_at_once_and_nothing_is_sent(make_client: Build) -> None:
    script = Script(httpx.Response(201))
    message = _one(
        WhatsApp(),
        Viber(),
        SMS("", ttl=60, validity=5),
        to="abc",
    )
    with pytest.raises(InvalidMessageError) as caught:
        make_client(script).send(message)
    assert script.requests == []
    paths = [p.path for p in caught.value.problems]
    assert paths == [
        "messages[0]",
        "messages[1]",
        "messages[2].text",
        "messages[2].ttl",
        "to",
    ]
    assert str(caught.value).startswith("5 problems in the request:\n- messages[0]: ")
    assert isinstance(caught.value, ValueError)


def test_e164() -> None:
    assert "E.164" in _problems(_one(SMS("Hi"), to="37251000000"))["to"]
    assert "to" in _problems(_one(SMS("Hi"), to="+0123"))
    validate(_one(SMS("Hi"), to="+37251000000"))


def test_ttl_xor_validity_uses_the_spec_sentence() -> None:
    problems = _problems(_one(Viber(text="x", ttl=1, validity=1)))
    assert problems == {"messages[0].ttl": 'Only one of "ttl" and "validity" can be used.'}


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "x", "button_text": "b"},
        {"image_url": LINK, "text": "x"},
        {"video": "v", "image_url": LINK},
        {},
    ],
    ids=["button-without-url", "image-with-text-no-button", "video-and-image", "empty"],
)
def test_viber_combinations(fields: dict[str, Any]) -> None:
    raw: dict[str, Any] = {"channel": "viber", **fields}
    if raw.get("video") == "v":
        raw["video"] = {"url": LINK, "thumbnail": LINK, "file_size": 1, "duration": 1}
    problem = _problems({"to": "+37251000000", "messages": [raw]})["messages[0]"]
    assert problem.startswith("The Viber content must be one of the valid combinations.")
    assert "text + button_text + button_url" in problem


def test_whatsapp_exactly_one_content_kind() -> None:
    both = {"channel": "whatsapp", "text": {"body": "x"}, "image": {"link": LINK}}
    problem = _problems({"to": "+37251000000", "messages": [both]})["messages[0]"]
    assert problem.startswith("Exactly one WhatsApp content kind is required.")
    assert problem.endswith("Given: image + text.")


def test_media_id_xor_link() -> None:
    problems = _problems(
        _one(WhatsApp.image(id="1", link=LINK), WhatsApp.document(caption="no source"))
    )
    assert problems == {
        "messages[0].image.link": 'Only one of "id" and "link" can be used.',
        # A required field is blamed where it is missing, as in the sandbox's 106 error.
        "messages[1].document.link": 'One of "id" and "link" is required.',
    }


def test_rcs_one_of_rules() -> None:
    both = {"channel": "rcs", "sender": "A", "text": "x", "content_info": {"file_url": LINK}}
    problems = _problems({"to": "+37251000000", "messages": [both]})
    assert problems["messages[0]"].startswith('Exactly one of "text", "rich_card"')
    assert problems["messages[0].content_info.force_refresh"] == "is required"
    two_actions = Suggestion.dial("x", "+37251000000").to_dict()
    two_actions["action"]["share_location_action"] = {}
    raw: dict[str, Any] = {"channel": "rcs", "sender": "A", "text": "x"}
    raw["suggestions"] = [two_actions, {}]
    problems = _problems({"to": "+37251000000", "messages": [raw]})
    assert problems["messages[0].suggestions[0].action"] == "Exactly one action kind is required."
    assert "reply" in problems["messages[0].suggestions[1]"]


def test_limits() -> None:
    suggestions = [Suggestion.reply("x" * 26, "p")] * 12
    problems = _problems(
        _one(RCS.text("x" * 3073, sender="A", suggestions=suggestions), SMS("x", validity=0))
    )
    assert "is too long" in problems["messages[0].text"]
    assert "messages[0].suggestions" in problems
    assert "messages[0].suggestions[0].reply.text" in problems
    assert "minimum" in problems["messages[1].validity"]


def test_calendar_event_must_end_after_it_starts() -> None:
    from datetime import datetime

    start = datetime(2030, 1, 1, 10)
    event = Suggestion.calendar_event("x", start=start, end=start, title="t", description="d")
    problems = _problems(_one(RCS.text("x", sender="A", suggestions=[event])))
    assert problems == {
        "messages[0].suggestions[0].action.create_calendar_event_action.end_time": (
            "must be after start_time"
        )
    }


def test_time_to_send_string_may_lack_a_timezone_but_must_exist() -> None:
    validate(_one(SMS("x"), time_to_send="2030-01-01T10:00"))  # read as UTC, as the API does
    validate(_one(SMS("x"), time_to_send="2032-02-29T10:00:00"))
    validate(_one(SMS("x"), time_to_send="2030-01-01T10:00:00Z"))
    problems = _problems(_one(SMS("x"), time_to_send="2031-02-29T10:00"))
    assert problems["time_to_send"] == 'is not a date that exists: "2031-02-29T10:00"'
    problems = _problems(_one(SMS("x"), time_to_send="tomorrow"))
    assert problems["time_to_send"].startswith("must be an RFC 3339 date and time")
    assert "or a date and time without a timezone, read as UTC" in problems["time_to_send"]


def test_unknown_channel_and_unknown_fields() -> None:
    problems = _problems(
        {"to": "+37251000000", "messages": [{"channel": "fax"}, {"channel": "sms", "txt": "x"}]}
    )
    assert problems["messages[0].channel"] == (
        'must be one of "whatsapp", "viber", "sms", "rcs", not "fax"'
    )
    assert problems["messages[1].txt"] == "is not allowed in this sms message; remove it"
    assert problems["messages[1].text"] == "is required"


def test_empty_chain_and_missing_recipient() -> None:
    problems = _problems({"messages": []})
    assert set(problems) == {"to", "messages"}


def test_bulk_paths_start_at_the_omnimessage(make_client: Build) -> None:
    script = Script(httpx.Response(201))
    with pytest.raises(InvalidMessageError) as caught:
        make_client(script).send_bulk([_one(SMS("ok")), _one(SMS("x", ttl=1, validity=1))])
    assert [p.path for p in caught.value.problems] == ["messages[1].messages[0].ttl"]
    assert script.requests == []


def test_bad_omnimessage_id_is_refused_before_sending(make_client: Build) -> None:
    script = Script(httpx.Response(200))
    with pytest.raises(InvalidMessageError) as caught:
        make_client(script).status("not-a-uuid")
    assert caught.value.problems == (Problem("omnimessage_id", caught.value.problems[0].message),)
    assert script.requests == []


def test_a_leap_second_end_time_is_after_the_second_before() -> None:
    assert parse_datetime("2030-06-30T23:59:60Z") > parse_datetime("2030-06-30T23:59:59.5Z")
    event = {"start_time": "2030-06-30T23:59:59Z", "end_time": "2030-06-30T23:59:60Z"}
    rcs = {"channel": "rcs", "suggestions": [{"action": {"create_calendar_event_action": event}}]}
    assert calendar_problems({"to": "+37251000000", "messages": [rcs]}) == []


def test_a_lone_surrogate_is_refused_at_its_path_before_anything_is_sent() -> None:
    message = {
        "to": "+37251000000",
        "messages": [{"channel": "viber", "text": "ok"}, {"channel": "sms", "text": "a\ud800b"}],
    }
    with pytest.raises(InvalidMessageError) as caught:
        validate(message)
    (problem,) = caught.value.problems
    assert problem.path == "messages[1].text"
    assert "lone surrogate" in problem.message


@pytest.mark.parametrize("value", ["text", 5, None, [("to", "+37251000000")]])
def test_what_is_not_an_omnimessage_is_an_invalid_message(value: object) -> None:
    with pytest.raises(InvalidMessageError, match="must be an Omnimessage or a mapping"):
        validate(value)  # type: ignore[arg-type]
