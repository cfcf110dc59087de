"""How many SMS parts a text is billed as, and in which encoding, computed before sending."""

import functools
import importlib
import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal

import attrs

from messente_omnichannel_client.models import Autoconvert

PART_OCTETS = 140
"""Octets of user data in one SMS part (TS 23.040 TP-User-Data-Length)."""
_CONCAT_ELEMENT = 5  # IEI 00, length 03, reference, total, sequence
_UDHL = 1
_UDH = re.compile(r"(?:[0-9A-Fa-f]{2})+")
_ESCAPE = 0x1B
_NAMED = 8  # characters a note names before "and N more"

# Look-alikes Unicode's NFKD does not give: typographic quotes and dashes (Messente's own example
# of autoconvert turns „ and “ into "), and Latin letters that have no decomposition.
_LOOKALIKES: dict[str, str] = {
    **dict.fromkeys(
        "\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
        "\N{SINGLE LOW-9 QUOTATION MARK}\N{SINGLE HIGH-REVERSED-9 QUOTATION MARK}"
        "\N{PRIME}\N{ACUTE ACCENT}\N{GRAVE ACCENT}",
        "'",
    ),
    **dict.fromkeys(
        "\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
        "\N{DOUBLE LOW-9 QUOTATION MARK}\N{DOUBLE HIGH-REVERSED-9 QUOTATION MARK}"
        "\N{DOUBLE PRIME}\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"
        "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}",
        '"',
    ),
    **dict.fromkeys(
        "\N{HYPHEN}\N{NON-BREAKING HYPHEN}\N{FIGURE DASH}\N{EN DASH}\N{EM DASH}"
        "\N{HORIZONTAL BAR}\N{MINUS SIGN}",
        "-",
    ),
    "\N{FRACTION SLASH}": "/",
    "\N{LATIN SMALL LETTER L WITH STROKE}": "l",
    "\N{LATIN CAPITAL LETTER L WITH STROKE}": "L",
    "\N{LATIN SMALL LETTER D WITH STROKE}": "d",
    "\N{LATIN CAPITAL LETTER D WITH STROKE}": "D",
    "\N{LATIN SMALL LETTER DOTLESS I}": "i",
}


class SmsEncoding(StrEnum):
    """How an SMS text is encoded on the air."""

    GSM_7 = "GSM-7"
    """The GSM 03.38 7-bit default alphabet and its extension table."""
    UCS_2 = "UCS-2"
    """UTF-16 code units, when any character is outside GSM 03.38."""


@attrs.frozen(kw_only=True)
class SmsParts:
    """The parts an SMS text is sent (and billed) as.

    Attributes:
        text: The text counted: as given, or after the look-alike replacements of
            ``autoconvert="full"``.
        encoding: GSM-7 or UCS-2.
        parts: How many SMS parts.
        per_part: Septets (GSM-7) or UTF-16 code units (UCS-2) one part holds: 160 or 70 for
            a single part, 153 or 67 when split, less what a ``udh`` takes.
        part_lengths: Septets or code units in each part, in order; a part can end short of
            ``per_part`` when an escape or surrogate pair moved to the next one.
        length: Septets or code units of the whole text.
        remaining: Septets or code units still free in the last part.
        ucs2_characters: The characters that forced UCS-2, in order of appearance, each once;
            empty for GSM-7.
        replacements: For ``autoconvert="full"``, each character replaced and its look-alike,
            in order of appearance, each once.
        autoconvert: The ``autoconvert`` counted for.
        depends_on_account: ``True`` for ``autoconvert="on"``: the account's Auto Replace
            settings, which the client cannot see, may change the text and so the count.
        note: A sentence on what the count cannot know, or ``None``.
    """

    text: str
    encoding: SmsEncoding
    parts: int
    per_part: int
    part_lengths: tuple[int, ...]
    length: int
    remaining: int
    ucs2_characters: tuple[str, ...]
    replacements: tuple[tuple[str, str], ...]
    autoconvert: Autoconvert
    depends_on_account: bool
    note: str | None


@functools.cache
def _gsm_tables() -> tuple[frozenset[str], frozenset[str]]:
    """Return every GSM 03.38 character and those of the extension table, from gsm0338's codec."""
    # Imported here, not at the top: only counting needs it, and `import messente_omnichannel`
    # stays as fast as it was. Importing it registers the "gsm03.38" codec.
    importlib.import_module("gsm0338")
    # 0x1B is the escape to the extension table, not a character of its own.
    basic = frozenset(bytes([code]).decode("gsm03.38") for code in range(128) if code != _ESCAPE)
    extension: set[str] = set()
    for code in range(128):
        try:
            extension.add(bytes([_ESCAPE, code]).decode("gsm03.38"))
        except UnicodeDecodeError:
            continue  # no character at this code in the extension table
    return basic | extension, frozenset(extension)


def _split(text: str, doubles: frozenset[str], length: int, per_part: int) -> list[int]:
    """Fill parts greedily; a two-unit character (escape or surrogate pair) never straddles."""
    if not doubles:
        full, rest = divmod(length, per_part)
        return [per_part] * full + ([rest] if rest else [])
    lengths = [0]
    for char in text:
        cost = 2 if char in doubles else 1
        if lengths[-1] + cost > per_part:
            lengths.append(0)
        lengths[-1] += cost
    return lengths


def _lookalike(char: str, gsm: frozenset[str]) -> str | None:
    if char in _LOOKALIKES:
        return _LOOKALIKES[char]
    # The gsm0338 codec's own recipe: Unicode compatibility decomposition, accents dropped.
    decomposed = [c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)]
    kept = "".join(c if c in gsm else _LOOKALIKES.get(c, "\0") for c in decomposed)
    # A spacing accent (acute, diaeresis) decomposes to a space and its mark: that is no look-alike.
    if not kept or "\0" in kept or (kept.isspace() and not char.isspace()):
        return None
    return kept


def _convert(text: str, gsm: frozenset[str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    out: list[str] = []
    replaced: dict[str, str] = {}
    for char in text:
        replacement = None if char in gsm else _lookalike(char, gsm)
        if replacement is None:
            out.append(char)
        else:
            out.append(replacement)
            replaced.setdefault(char, replacement)
    return "".join(out), tuple(replaced.items())


def _udh_octets(udh: str | None) -> int:
    if udh is None:
        return 0
    if not _UDH.fullmatch(udh):
        raise ValueError(f"udh must be hex octets such as '050003CC0201', not {udh!r}")
    return len(udh) // 2


def _capacity(encoding: SmsEncoding, header: int) -> int:
    octets = PART_OCTETS - header
    return octets * 8 // 7 if encoding is SmsEncoding.GSM_7 else octets // 2


def sms_parts(
    text: str,
    *,
    udh: str | None = None,
    autoconvert: Autoconvert | Literal["on", "full", "off"] | None = None,
) -> SmsParts:
    r"""Count the SMS parts of a text, and say its encoding, as the network will send it.

    The rules (3GPP TS 23.038 and TS 23.040):

    - A part carries 140 octets of user data (TS 23.040 9.2.3.16 and 9.2.3.24).
    - A text whose every character is in the GSM 03.38 default alphabet or its extension table is
      sent as 7-bit septets (TS 23.038 6.1.2.1): 160 in one part. An extension-table character
      (``^ { } \ [ ~ ] | €`` and the form feed) is an escape and a character, two septets
      (TS 23.038 6.2.1.1), and the pair is never split across parts.
    - Any other character sends the whole text as UCS-2 (TS 23.038 6.2.3): UTF-16 code units of two
      octets, 70 in one part; a character outside the Basic Multilingual Plane is a surrogate pair,
      two units, never split across parts.
    - A text too long for one part is split, and every part then carries a user data header (UDH)
      with a concatenation element: its length octet (UDHL) and the 5-octet element with an 8-bit
      reference (TS 23.040 9.2.3.24 and 9.2.3.24.1), 6 octets. In 7-bit text, fill bits pad the
      header to a septet boundary (TS 23.040 9.2.3.24), so a part holds
      ``floor((140 - header octets) * 8 / 7)`` septets: 153 when split; in UCS-2
      ``floor((140 - header octets) / 2)`` units: 67 when split.
    - A caller's ``udh`` (hex, with its own UDHL first, like the spec's example ``050003CC0201``)
      is sent in every part. Unsplit, the header is the caller's octets; split, the concatenation
      element joins the caller's elements under the one UDHL, 5 octets more. A caller's 6-octet
      header thus leaves 153 septets or 67 units in one part and 147 or 64 per part when split.

    ``autoconvert`` changes what is counted:

    - ``"off"``: the text as given.
    - ``"full"``: Messente replaces every character outside GSM 03.38 with a suitable
      alternative, by a table it does not publish. This counts the text after the closest
      documented equivalent: typographic quotes, apostrophes and dashes become ``"``, ``'`` and
      ``-`` (Messente's own example turns „ and “ into "); other characters become their Unicode
      compatibility decomposition without accents when that is GSM (``ë`` -> ``e``, ``…`` ->
      ``...``, a no-break space -> a space), the gsm0338 codec's recipe; ``ł Ł đ Đ`` and the
      dotless i their base letter. A character with no such look-alike (Cyrillic, emoji)
      stays, and the text stays UCS-2: Messente says ``full`` does not suit Cyrillic.
    - ``"on"`` (the API's default, and ``None``): the account's Auto Replace settings apply,
      which the client cannot see. The text is counted as given, and the result says so
      (``depends_on_account`` and ``note``).

    Args:
        text: The SMS text.
        udh: The hex user data header sent with the text, with its length octet first, as the
            SMS builder's ``udh``.
        autoconvert: ``"on"`` (default), ``"full"`` or ``"off"``, as the SMS builder's.

    Returns:
        The encoding, parts and characters left; see :class:`SmsParts`.

    Raises:
        ValueError: ``udh`` is not hex octets or leaves no room for text, or ``autoconvert``
            is not one of the three.
    """
    mode = Autoconvert.ON if autoconvert is None else Autoconvert(str(autoconvert))
    gsm, extension = _gsm_tables()
    replacements: tuple[tuple[str, str], ...] = ()
    if mode is Autoconvert.FULL:
        text, replacements = _convert(text, gsm)
    header = _udh_octets(udh)
    others = set(text) - gsm
    if others:
        encoding = SmsEncoding.UCS_2
        forcing = tuple(dict.fromkeys(char for char in text if char in others))
        doubles: frozenset[str] = frozenset(char for char in set(text) if ord(char) > 0xFFFF)
    else:
        encoding = SmsEncoding.GSM_7
        forcing = ()
        doubles = extension.intersection(text)
    length = len(text) + sum(text.count(char) for char in doubles)
    per_part = _capacity(encoding, header)
    lengths = [length]
    if length > per_part:
        per_part = _capacity(encoding, header + _CONCAT_ELEMENT + (0 if header else _UDHL))
        if per_part < 2:
            raise ValueError(
                f"udh is {header} octets: with the concatenation header it leaves no room for "
                f"text in a {PART_OCTETS}-octet SMS part"
            )
        lengths = _split(text, doubles, length, per_part)

    note = None
    if mode is Autoconvert.ON:
        note = (
            "autoconvert is on: the account's Auto Replace settings, which the client cannot "
            "see, may change the text and so its encoding and parts; counted as given"
        )
    elif mode is Autoconvert.FULL and forcing:
        named = ", ".join(map(repr, forcing[:_NAMED]))
        more = f" and {len(forcing) - _NAMED} more" if len(forcing) > _NAMED else ""
        note = f"autoconvert is full, but no GSM look-alike is known for {named}{more}: UCS-2"
    return SmsParts(
        text=text,
        encoding=encoding,
        parts=len(lengths),
        per_part=per_part,
        part_lengths=tuple(lengths),
        length=length,
        remaining=per_part - lengths[-1],
        ucs2_characters=forcing,
        replacements=replacements,
        autoconvert=mode,
        depends_on_account=mode is Autoconvert.ON,
        note=note,
    )


def omnimessage_sms_parts(body: Mapping[str, Any]) -> list[tuple[int, SmsParts]]:
    """Count the parts of every SMS in an omnimessage's fallback chain.

    Args:
        body: The omnimessage as the API's JSON (``Omnimessage.to_dict()``, or a validated
            request body).

    Returns:
        ``(index, parts)`` for each SMS attempt, by its index in ``messages``, in chain order.

    Raises:
        ValueError: An SMS's ``udh`` or ``autoconvert`` is invalid (see :func:`sms_parts`); the
            message says which attempt.
    """
    counted: list[tuple[int, SmsParts]] = []
    for index, message in enumerate(body.get("messages") or ()):
        if not isinstance(message, Mapping) or message.get("channel") != "sms":
            continue
        text = message.get("text")
        if not isinstance(text, str):
            continue
        try:
            parts = sms_parts(text, udh=message.get("udh"), autoconvert=message.get("autoconvert"))
        except ValueError as exc:
            raise ValueError(f"messages[{index}]: {exc}") from None
        counted.append((index, parts))
    return counted
