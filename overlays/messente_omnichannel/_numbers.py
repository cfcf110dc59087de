"""Phone numbers in E.164, checked by Google's libphonenumber rules when they are installed.

With the ``phonenumbers`` extra (``pip install 'messente-omnichannel[phonenumbers]'``) a number
is parsed by libphonenumber: national numbers are read in a given region, and a number too
short or too long for its country, with an unknown country code, outside its country's
numbering plan, or of a kind that the message's channels cannot reach is refused, saying why.
Without the extra only formatting characters are removed and the spec's E.164 pattern
applies; the errors then say how to get the real checks. ``phonenumbers`` costs about 0.2 s
to import, so it is imported on first use, never by ``import messente_omnichannel``.

Which channels need a mobile number: SMS, Viber and RCS are delivered to a handset by its
mobile number (an SMS to a fixed line is lost; Viber and RCS register mobile numbers). WhatsApp
accounts can also be registered on fixed lines, so a chain with a WhatsApp attempt never needs
one. A number is refused as not mobile only when every channel of the chain needs a mobile and
libphonenumber knows it is not one: numbers it reports as "fixed line or mobile" (the whole of
the US and Canada, among others), VoIP, personal or of unknown type are accepted.
"""

import functools
import importlib.util
import re
from collections.abc import Iterable

from messente_omnichannel._errors import InvalidMessageError, InvalidNumberError, NumberProblem
from messente_omnichannel._spec import shared_spec

EXTRA_HINT = "pip install 'messente-omnichannel[phonenumbers]'"
"""How to install the real checks."""

MOBILE_CHANNELS = frozenset({"sms", "viber", "rcs"})
"""Channels that reach mobile numbers only."""

_FORMATTING = re.compile(r"[\s\-.()/]")
_REGION = re.compile(r"^[A-Za-z]{2}$")


@functools.cache
def has_phonenumbers() -> bool:
    """Tell whether libphonenumber's rules are installed (asked once per process).

    Returns:
        Whether ``phonenumbers`` can be imported.
    """
    try:
        import phonenumbers  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def _e164() -> re.Pattern[str]:
    pattern = shared_spec()["components"]["schemas"]["PhoneNumber"]["pattern"]
    return re.compile(pattern)


def normalize_number(
    number: str, region: str | None = None, *, channels: Iterable[str] = ()
) -> str:
    """Return a phone number in E.164 form, checked by libphonenumber's rules when installed.

    Example:
        ``normalize_number("+372 5100 0001") == normalize_number("5100 0001", region="EE")
        == "+37251000001"``

    Args:
        number: The number, international (``+`` and the country code) or, with ``region``,
            national; spaces, hyphens, dots, slashes and parentheses are allowed.
        region: Two-letter ISO 3166-1 code of the country a national number belongs to, for
            example ``"EE"``; an international number keeps its own country. Reading national
            numbers needs the ``phonenumbers`` extra.
        channels: The channels the message will try (``"sms"``, ``"viber"``, ...). When every
            one of them needs a mobile number (SMS, Viber, RCS), a number libphonenumber knows
            is not one (a fixed line, toll-free, premium rate, ...) is refused.

    Returns:
        The number as ``+`` and digits, for example ``"+37251000001"``.

    Raises:
        InvalidNumberError: The number cannot be a recipient; ``reason`` says why.
        ValueError: ``region`` is not a two-letter code (or not one libphonenumber knows).
    """
    return check_number(number, region, channels)


def check_number(
    number: object, region: str | None, channels: Iterable[object] = (), path: str = ""
) -> str:
    """Normalize a number as :func:`normalize_number` does, naming its field in the error.

    Args:
        number: The number.
        region: The region of a national number, or ``None``.
        channels: The channels of the message.
        path: The field the number came from, for example ``to``.

    Returns:
        The number in E.164.

    Raises:
        InvalidNumberError: The number cannot be a recipient.
        ValueError: ``region`` is not a two-letter code (or not one libphonenumber knows).
    """
    if region is not None and not _REGION.match(region):
        raise ValueError(f"region must be a two-letter country code such as 'EE', not {region!r}")
    if not isinstance(number, str):
        raise InvalidNumberError(
            NumberProblem.NOT_A_NUMBER, repr(number), "is not a phone number (text)", path=path
        )
    if not has_phonenumbers():
        return _pattern_only(number, region, path)
    mobile_only = bool(channels := [str(c) for c in channels]) and all(
        c in MOBILE_CHANNELS for c in channels
    )
    return _libphonenumber(number, region and region.upper(), mobile_only, path)


def with_number_hint(error: InvalidMessageError) -> InvalidMessageError:
    """Add a note on how to give numbers in any format when a phone number is not E.164.

    The problems stay as they are, in the spec's words (the sandbox says the same); the note
    shows under the error in a traceback.

    Args:
        error: The error a request is refused with.

    Returns:
        The same error.
    """
    if any(
        p.path.rpartition(".")[2] in ("to", "phone_number") and "E.164" in p.message
        for p in error.problems
    ):
        if importlib.util.find_spec("phonenumbers") is None:  # found without importing it
            error.add_note(
                "To give phone numbers in any format and check them by their country's rules: "
                f"{EXTRA_HINT}, then pass region= (for example region='EE')."
            )
        else:
            error.add_note(
                "Pass region= (for example region='EE') to give phone numbers in any format, "
                "national ones too, checked by their country's rules."
            )
    return error


def _pattern_only(number: str, region: str | None, path: str) -> str:
    compact = _FORMATTING.sub("", number)
    if compact and not compact.startswith("+") and compact.isdigit():
        if region is None:
            why = (
                "has no country code: write it with + and the country code (for example "
                f"+37251234567), or pass region= to read it as a national number ({EXTRA_HINT})"
            )
        else:
            why = f"is a national number; reading it in {region.upper()} needs libphonenumber: "
            why += EXTRA_HINT
        raise InvalidNumberError(NumberProblem.NO_COUNTRY_CODE, number, why, path=path)
    if not _e164().match(compact):
        why = (
            "is not an E.164 phone number (+, the country code and the number, 15 digits at "
            f"most); for checks of its country and length, {EXTRA_HINT}"
        )
        raise InvalidNumberError(NumberProblem.NOT_E164, number, why, path=path)
    return compact


def _libphonenumber(number: str, region: str | None, mobile_only: bool, path: str) -> str:
    import phonenumbers
    from phonenumbers import NumberParseException, ValidationResult

    if region is not None and region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"region {region!r} is not a country code libphonenumber knows")

    def refuse(reason: NumberProblem, why: str) -> InvalidNumberError:
        return InvalidNumberError(reason, number, why, path=path)

    try:
        parsed = phonenumbers.parse(number, region)
    except NumberParseException as exc:
        kind = exc.error_type
        if kind == NumberParseException.INVALID_COUNTRY_CODE:
            if _FORMATTING.sub("", number).startswith("+"):
                raise refuse(
                    NumberProblem.UNKNOWN_COUNTRY_CODE, "has no known country code"
                ) from None
            raise refuse(
                NumberProblem.NO_COUNTRY_CODE,
                "has no country code: write it with + and the country code, or pass region= "
                "(for example region='EE') to read it as a national number",
            ) from None
        if kind == NumberParseException.NOT_A_NUMBER:
            raise refuse(NumberProblem.NOT_A_NUMBER, "is not a phone number") from None
        if kind == NumberParseException.TOO_LONG:
            raise refuse(NumberProblem.TOO_LONG, "is too long for a phone number") from None
        raise refuse(NumberProblem.TOO_SHORT, "is too short for a phone number") from None
    code = parsed.country_code or 0
    country = f"+{code}"
    where = phonenumbers.region_code_for_country_code(code)
    if where not in ("ZZ", "001"):
        country += f" ({where})"
    possible = phonenumbers.is_possible_number_with_reason(parsed)
    if possible == ValidationResult.INVALID_COUNTRY_CODE:
        raise refuse(NumberProblem.UNKNOWN_COUNTRY_CODE, f"has an unknown country code {country}")
    if possible == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        raise refuse(NumberProblem.TOO_SHORT, f"is a local number of {country}: add its area code")
    if possible == ValidationResult.TOO_SHORT:
        raise refuse(NumberProblem.TOO_SHORT, f"is too short for a number of {country}")
    if possible == ValidationResult.TOO_LONG:
        raise refuse(NumberProblem.TOO_LONG, f"is too long for a number of {country}")
    if possible != ValidationResult.IS_POSSIBLE:
        raise refuse(NumberProblem.INVALID_LENGTH, f"has a length no number of {country} has")
    if parsed.extension:
        raise refuse(NumberProblem.NOT_A_NUMBER, "has an extension, which no message can reach")
    if not phonenumbers.is_valid_number(parsed):
        raise refuse(
            NumberProblem.NOT_IN_NUMBERING_PLAN,
            f"is not in the numbering plan of {country}: no such number can be in use",
        )
    if mobile_only:
        not_mobile = _not_mobile().get(phonenumbers.number_type(parsed))
        if not_mobile is not None:
            raise refuse(
                NumberProblem.NOT_MOBILE,
                f"is a {not_mobile} number, and SMS, Viber and RCS reach mobile numbers "
                "only (add a WhatsApp attempt to the chain to try it anyway)",
            )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@functools.cache
def _not_mobile() -> dict[int, str]:
    """The kinds of number libphonenumber knows cannot be a mobile, by its type constants."""
    from phonenumbers import PhoneNumberType as T

    return {
        T.FIXED_LINE: "fixed-line",
        T.TOLL_FREE: "toll-free",
        T.PREMIUM_RATE: "premium-rate",
        T.SHARED_COST: "shared-cost",
        T.UAN: "universal access",
        T.VOICEMAIL: "voicemail",
        T.PAGER: "pager",
    }
