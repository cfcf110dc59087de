"""Phone numbers: normalized to E.164 and checked by libphonenumber, or by the spec's pattern."""

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from messente_omnichannel import (
    RCS,
    SMS,
    InvalidMessageError,
    InvalidNumberError,
    Message,
    NumberProblem,
    Omnimessage,
    Suggestion,
    Viber,
    WhatsApp,
    normalize_number,
    validate,
)
from messente_omnichannel._numbers import EXTRA_HINT, has_phonenumbers

from ._readme import promised_output, readme_block

MOBILE = "+37251000001"  # Estonian mobile (the sandbox's "first channel fails")
FIXED_LINE = "+3726400000"  # Estonian fixed line (Tallinn)
US_NUMBER = "+16502530000"  # libphonenumber cannot tell fixed line from mobile in the US


@pytest.fixture
def without_phonenumbers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As if the phonenumbers extra were not installed."""
    monkeypatch.setitem(sys.modules, "phonenumbers", None)  # import raises ImportError
    has_phonenumbers.cache_clear()
    yield
    has_phonenumbers.cache_clear()


@pytest.mark.parametrize(
    ("number", "region", "expected"),
    [
        ("+372 5100 0001", None, MOBILE),
        ("5100 0001", "EE", MOBILE),
        ("5100 0001", "ee", MOBILE),
        ("+372 (5100) 00-01", "FI", MOBILE),  # an international number keeps its country
        ("(650) 253-0000", "US", US_NUMBER),
        ("+44 20 7946 0958", None, "+442079460958"),
    ],
)
def test_normalize_number(number: str, region: str | None, expected: str) -> None:
    assert normalize_number(number, region) == expected


@pytest.mark.parametrize(
    ("number", "region", "reason", "said"),
    [
        ("+3725", None, NumberProblem.TOO_SHORT, "is too short"),
        ("+37251", None, NumberProblem.TOO_SHORT, "too short for a number of +372 (EE)"),
        ("+372 5100 0001 1111", None, NumberProblem.TOO_LONG, "too long for a number of +372"),
        ("+999 1234567", None, NumberProblem.UNKNOWN_COUNTRY_CODE, "no known country code"),
        ("not a number", None, NumberProblem.NOT_A_NUMBER, "is not a phone number"),
        ("5100 0001", None, NumberProblem.NO_COUNTRY_CODE, "pass region="),
        ("+372 1234 5678", None, NumberProblem.NOT_IN_NUMBERING_PLAN, "numbering plan of +372"),
        ("+372 5100 0001 ext. 5", None, NumberProblem.NOT_A_NUMBER, "extension"),
        ("123", "EE", NumberProblem.TOO_SHORT, "too short"),
    ],
)
def test_why_a_number_is_refused(
    number: str, region: str | None, reason: NumberProblem, said: str
) -> None:
    with pytest.raises(InvalidNumberError) as caught:
        normalize_number(number, region)
    assert caught.value.reason is reason
    assert caught.value.number == number
    assert said in str(caught.value)
    assert str(caught.value).startswith(repr(number))
    assert isinstance(caught.value, InvalidMessageError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("channels", [["sms"], ["viber", "sms"], ["rcs"]])
def test_a_fixed_line_is_refused_when_every_channel_needs_a_mobile(channels: list[str]) -> None:
    with pytest.raises(InvalidNumberError) as caught:
        normalize_number(FIXED_LINE, channels=channels)
    assert caught.value.reason is NumberProblem.NOT_MOBILE
    assert "fixed-line number" in str(caught.value)


def test_fixed_lines_are_accepted_where_a_channel_can_reach_them() -> None:
    assert normalize_number(FIXED_LINE) == FIXED_LINE
    assert normalize_number(FIXED_LINE, channels=["whatsapp", "sms"]) == FIXED_LINE
    # FIXED_LINE_OR_MOBILE (all of the US) is never refused as not mobile.
    assert normalize_number(US_NUMBER, channels=["sms"]) == US_NUMBER
    assert normalize_number(MOBILE, channels=["sms", "viber", "rcs"]) == MOBILE


def test_a_region_must_be_a_country_code() -> None:
    with pytest.raises(ValueError, match="two-letter"):
        normalize_number("5100 0001", "EST")
    with pytest.raises(ValueError, match="libphonenumber knows"):
        normalize_number("5100 0001", "XX")


def test_omnimessage_with_a_region_normalizes_to() -> None:
    message = Omnimessage(to="5100 0001", region="EE", messages=[SMS("Hi", sender="MyBrand")])
    assert message.to == MOBILE
    assert message.to_dict() == {
        "to": MOBILE,
        "messages": [{"channel": "sms", "sender": "MyBrand", "text": "Hi"}],
    }
    validate(message)


def test_omnimessage_with_a_region_refuses_a_number_its_chain_cannot_reach() -> None:
    with pytest.raises(InvalidNumberError) as caught:
        Omnimessage(to="640 0000", region="EE", messages=[Viber(text="x"), SMS("x")])
    assert caught.value.reason is NumberProblem.NOT_MOBILE
    assert [p.path for p in caught.value.problems] == ["to"]
    assert str(caught.value).startswith("to: '640 0000' is a fixed-line number")
    chain: list[Message | dict[str, str]] = [WhatsApp.text("x"), {"channel": "sms", "text": "x"}]
    assert Omnimessage(to="640 0000", region="EE", messages=chain).to == FIXED_LINE


def test_omnimessage_without_a_region_is_left_to_the_spec() -> None:
    message = Omnimessage(to="+372 5100 0001", messages=[SMS("Hi")])
    assert message.to == "+372 5100 0001"
    with pytest.raises(InvalidMessageError) as caught:
        validate(message)
    assert "to" in [p.path for p in caught.value.problems]


def test_dial_suggestion_with_a_region() -> None:
    suggestion = Suggestion.dial("Call us", "640 0000", region="EE")
    message = RCS.text("Hi", sender="MyAgent", suggestions=[suggestion])
    action = message.to_dict()["suggestions"][0]["action"]
    assert action["dial_action"] == {"phone_number": FIXED_LINE}  # any number can be dialled
    with pytest.raises(InvalidNumberError) as caught:
        Suggestion.dial("Call us", "64", region="EE")
    assert [p.path for p in caught.value.problems] == ["dial_action.phone_number"]


@pytest.mark.usefixtures("without_phonenumbers")
def test_without_the_extra_formatting_goes_and_the_pattern_applies() -> None:
    assert not has_phonenumbers()
    assert normalize_number("+372 5100-0001") == MOBILE
    assert normalize_number(MOBILE, "EE") == MOBILE
    assert normalize_number("+3725") == "+3725"  # only the spec's pattern: 2 to 15 digits


@pytest.mark.usefixtures("without_phonenumbers")
@pytest.mark.parametrize(
    ("number", "region", "reason"),
    [
        ("5100 0001", "EE", NumberProblem.NO_COUNTRY_CODE),
        ("5100 0001", None, NumberProblem.NO_COUNTRY_CODE),
        ("+0123", None, NumberProblem.NOT_E164),
        ("+372 5100 0001 0000 0000", None, NumberProblem.NOT_E164),
        ("call me", None, NumberProblem.NOT_E164),
    ],
)
def test_without_the_extra_the_error_says_how_to_get_real_checks(
    number: str, region: str | None, reason: NumberProblem
) -> None:
    with pytest.raises(InvalidNumberError) as caught:
        normalize_number(number, region)
    assert caught.value.reason is reason
    assert EXTRA_HINT in str(caught.value)


@pytest.mark.usefixtures("without_phonenumbers")
def test_without_the_extra_a_region_still_takes_international_numbers() -> None:
    message = Omnimessage(to="+372 5100 0001", region="EE", messages=[SMS("Hi")])
    assert message.to == MOBILE
    with pytest.raises(InvalidNumberError, match="needs libphonenumber"):
        Omnimessage(to="5100 0001", region="EE", messages=[SMS("Hi")])


def _notes(message: dict[str, Any]) -> list[str]:
    with pytest.raises(InvalidMessageError) as caught:
        validate(message)
    assert "region=" not in str(caught.value)  # the problems keep the spec's words
    return getattr(caught.value, "__notes__", [])


def test_an_e164_problem_notes_that_region_reads_any_format() -> None:
    sms = {"channel": "sms", "text": "x"}
    [note] = _notes({"to": "+372 5100 0001", "messages": [sms]})
    assert note.startswith("Pass region= (for example region='EE') to give phone numbers")
    assert _notes({"messages": [sms]}) == []  # to is missing, not badly written


@pytest.mark.usefixtures("without_phonenumbers")
def test_without_the_extra_an_e164_problem_notes_how_to_get_real_checks() -> None:
    suggestion = {"action": {"text": "Call", "dial_action": {"phone_number": "5100"}}}
    rcs = {"channel": "rcs", "sender": "Agent", "text": "x", "suggestions": [suggestion]}
    [note] = _notes({"to": "+37251000000", "messages": [rcs]})
    assert EXTRA_HINT in note


@pytest.mark.slow
def test_importing_the_package_imports_neither_extra() -> None:
    code = (
        "import sys, messente_omnichannel;"
        "print(sorted(m for m in ('phonenumbers', 'opentelemetry') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_readme_example_prints_what_its_comments_say(
    capsys: pytest.CaptureFixture[str],
) -> None:
    block = readme_block("normalize_number(")
    exec(compile(block, "README", "exec"), {})  # noqa: S102 - the README's own example
    printed = capsys.readouterr().out.splitlines()
    assert printed == promised_output(block)
    assert len(printed) == 3
