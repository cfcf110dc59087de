"""SMS parts and encoding: known texts at every boundary, worked out by hand from the rules.

GSM-7: 160 septets in one part, 153 per part when split, an extension character two septets.
UCS-2: 70 UTF-16 code units in one part, 67 per part, an emoji outside the BMP two units.
A caller's UDH of H octets: one part holds floor((140 - H) * 8 / 7) septets or (140 - H) // 2
units; split, the concatenation element adds 5 octets (6 with its UDHL when there was no UDH).
"""

import codecs
import importlib
import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from messente_omnichannel import (
    SMS,
    Autoconvert,
    Omnimessage,
    SmsEncoding,
    SmsParts,
    Viber,
    sms_parts,
)
from messente_omnichannel._sms_parts import omnimessage_sms_parts

GSM = SmsEncoding.GSM_7
UCS = SmsEncoding.UCS_2
A = "a"
ZHE = "ж"  # Cyrillic: one UTF-16 unit, outside GSM 03.38
EMOJI = "\N{GRINNING FACE}"  # U+1F600: a surrogate pair, two units
EURO = "€"  # extension table: escape + character, two septets
importlib.import_module("gsm0338")  # registers the "gsm03.38" codec the properties check against

# (text, udh, encoding, part_lengths, per_part, remaining)
BOUNDARIES = [
    pytest.param("", None, GSM, (0,), 160, 160, id="empty"),
    pytest.param(A * 160, None, GSM, (160,), 160, 0, id="gsm-160"),
    pytest.param(A * 161, None, GSM, (153, 8), 153, 145, id="gsm-161"),
    pytest.param(A * 306, None, GSM, (153, 153), 153, 0, id="gsm-153x2"),
    pytest.param(A * 307, None, GSM, (153, 153, 1), 153, 152, id="gsm-153x2+1"),
    pytest.param(EURO * 80, None, GSM, (160,), 160, 0, id="gsm-80-euros-fill-one-part"),
    pytest.param(A * 159 + EURO, None, GSM, (153, 8), 153, 145, id="gsm-159+euro-splits"),
    pytest.param(A * 158 + "\f", None, GSM, (160,), 160, 0, id="gsm-form-feed-costs-two"),
    # 151 + 2 = 153: the escape pair ends part one exactly.
    pytest.param(A * 151 + EURO + A * 10, None, GSM, (153, 10), 153, 143, id="gsm-pair-fits"),
    # 152 + 2 = 154 > 153: the whole pair moves to part two, part one ends at 152.
    pytest.param(A * 152 + EURO + A * 10, None, GSM, (152, 12), 153, 141, id="gsm-pair-moves"),
    # 152 + 4 + 5 = 161: split, and "{" (152 + 2 > 153) opens part two.
    pytest.param(A * 152 + "{}" + A * 5, None, GSM, (152, 9), 153, 144, id="gsm-braces-move"),
    pytest.param(ZHE * 70, None, UCS, (70,), 70, 0, id="ucs-70"),
    pytest.param(ZHE * 71, None, UCS, (67, 4), 67, 63, id="ucs-71"),
    pytest.param(ZHE * 134, None, UCS, (67, 67), 67, 0, id="ucs-67x2"),
    pytest.param(ZHE * 135, None, UCS, (67, 67, 1), 67, 66, id="ucs-67x2+1"),
    pytest.param(A * 69 + ZHE, None, UCS, (70,), 70, 0, id="one-cyrillic-makes-all-ucs2"),
    pytest.param(EMOJI * 35, None, UCS, (70,), 70, 0, id="emoji-35-fill-one-part"),
    # 33 emoji = 66 units; the 34th would make 68 > 67, so it opens part two.
    pytest.param(EMOJI * 36, None, UCS, (66, 6), 67, 61, id="emoji-36-pair-moves"),
    pytest.param(ZHE * 65 + EMOJI + ZHE * 5, None, UCS, (67, 5), 67, 62, id="emoji-pair-fits"),
    pytest.param(ZHE * 66 + EMOJI + ZHE * 5, None, UCS, (66, 7), 67, 60, id="emoji-pair-moves"),
    # A caller's 6-octet UDH: one part holds (134 * 8) // 7 = 153 septets or 67 units; split,
    # 11 octets of header leave (129 * 8) // 7 = 147 septets or 129 // 2 = 64 units.
    pytest.param(A * 153, "050003CC0201", GSM, (153,), 153, 0, id="udh-gsm-one-part"),
    pytest.param(A * 154, "050003CC0201", GSM, (147, 7), 147, 140, id="udh-gsm-split"),
    pytest.param(ZHE * 67, "050003CC0201", UCS, (67,), 67, 0, id="udh-ucs-one-part"),
    pytest.param(ZHE * 68, "050003CC0201", UCS, (64, 4), 64, 60, id="udh-ucs-split"),
    # A 1-octet UDH (UDHL 0, no element): 139 octets hold 158 septets; split, 1 + 5 = 6 octets.
    pytest.param(A * 158, "00", GSM, (158,), 158, 0, id="udh-empty-header-one-part"),
    pytest.param(A * 159, "00", GSM, (153, 6), 153, 147, id="udh-empty-header-split"),
    # 7 octets: (133 * 8) // 7 = 152 septets, 133 // 2 = 66 units.
    pytest.param(A * 152, "06000300020100", GSM, (152,), 152, 0, id="udh-odd-octets-gsm"),
    pytest.param(ZHE * 66, "06000300020100", UCS, (66,), 66, 0, id="udh-odd-octets-ucs"),
]


@pytest.mark.parametrize(
    ("text", "udh", "encoding", "part_lengths", "per_part", "remaining"), BOUNDARIES
)
def test_known_texts_at_every_boundary(
    text: str,
    udh: str | None,
    encoding: SmsEncoding,
    part_lengths: tuple[int, ...],
    per_part: int,
    remaining: int,
) -> None:
    counted = sms_parts(text, udh=udh, autoconvert="off")
    assert counted.encoding is encoding
    assert counted.part_lengths == part_lengths
    assert counted.parts == len(part_lengths)
    assert counted.length == sum(part_lengths)
    assert counted.per_part == per_part
    assert counted.remaining == remaining
    assert counted.text == text


def test_the_characters_that_forced_ucs2_in_order_each_once() -> None:
    counted = sms_parts("Hello ёжё" + EMOJI + "ё!", autoconvert="off")
    assert counted.ucs2_characters == ("ё", "ж", EMOJI)
    assert sms_parts("Hello {world} €5", autoconvert="off").ucs2_characters == ()


def test_gsm_lookalikes_outside_the_alphabet_force_ucs2() -> None:
    # ç (small) is not in GSM 03.38, only Ç; the escape code itself is no character either.
    assert sms_parts("Ça", autoconvert="off").encoding is GSM
    assert sms_parts("ça", autoconvert="off").ucs2_characters == ("ç",)
    assert sms_parts("a\x1bb", autoconvert="off").ucs2_characters == ("\x1b",)
    assert sms_parts("tab\there", autoconvert="off").ucs2_characters == ("\t",)


MESSENTE_EXAMPLE = (
    "The last book I read was called „Wuthering Heights“ by by Emily Brontë - I really enjoyed it!"
)


def test_full_replaces_lookalikes_as_messentes_own_example() -> None:
    # Messente's Auto Replace page: this text is UCS-2 and 2 SMS as given, GSM 03.38 and 1 SMS
    # after full, with „ “ -> " and ë -> e.
    assert sms_parts(MESSENTE_EXAMPLE, autoconvert="off").encoding is UCS
    assert sms_parts(MESSENTE_EXAMPLE, autoconvert="off").parts == 2
    counted = sms_parts(MESSENTE_EXAMPLE, autoconvert="full")
    assert counted.text == (
        'The last book I read was called "Wuthering Heights" by by Emily Bronte - I really '
        "enjoyed it!"
    )
    assert counted.encoding is GSM
    assert counted.parts == 1
    assert counted.replacements == (("„", '"'), ("“", '"'), ("ë", "e"))
    assert counted.ucs2_characters == ()
    assert counted.depends_on_account is False
    assert counted.note is None


@pytest.mark.parametrize(
    ("text", "converted"),
    [
        ("it\N{RIGHT SINGLE QUOTATION MARK}s", "it's"),
        ("a \N{EN DASH} b \N{EM DASH} c", "a - b - c"),
        ("wait…", "wait..."),
        ("10\N{NO-BREAK SPACE}€", "10 €"),
        ("½", "1/2"),
        ("Łódź", "Lodz"),
        ("ﬁne", "fine"),
        ("«x»", '"x"'),
        ("café", "café"),  # é is GSM: kept
    ],
)
def test_full_lookalikes(text: str, converted: str) -> None:
    counted = sms_parts(text, autoconvert=Autoconvert.FULL)
    assert counted.text == converted
    assert counted.encoding is GSM


def test_full_keeps_what_has_no_lookalike_and_says_so() -> None:
    counted = sms_parts("Привет ¨ " + EMOJI, autoconvert="full")
    # A spacing diaeresis decomposes to a space and a mark: not replaced by a space.
    assert counted.text == "Привет ¨ " + EMOJI
    assert counted.encoding is UCS
    assert counted.replacements == ()
    assert counted.note is not None
    assert "'П'" in counted.note
    assert "UCS-2" in counted.note
    many = sms_parts("абвгдеёжзий", autoconvert="full").note
    assert many is not None
    assert many.endswith("'ж' and 3 more: UCS-2")


@pytest.mark.parametrize("autoconvert", ["on", Autoconvert.ON, None])
def test_on_counts_as_given_and_says_the_account_decides(autoconvert: str | None) -> None:
    counted = sms_parts(MESSENTE_EXAMPLE, autoconvert=autoconvert)  # type: ignore[arg-type]
    assert counted.autoconvert is Autoconvert.ON
    assert counted.text == MESSENTE_EXAMPLE
    assert counted.encoding is UCS
    assert counted.replacements == ()
    assert counted.depends_on_account is True
    assert counted.note is not None
    assert "Auto Replace" in counted.note


def test_off_counts_as_given_with_no_caveat() -> None:
    counted = sms_parts("Hi", autoconvert="off")
    assert (counted.depends_on_account, counted.note) == (False, None)


@pytest.mark.parametrize("udh", ["", "0", "zz", "05 00", "0x00"])
def test_udh_must_be_hex_octets(udh: str) -> None:
    with pytest.raises(ValueError, match="udh must be hex octets"):
        sms_parts("Hi", udh=udh)


def test_a_udh_that_leaves_no_room_is_refused() -> None:
    # 136 octets: one part holds (4 * 8) // 7 = 4 septets; split, 141 octets of header.
    assert sms_parts("abcd", udh="00" * 136).parts == 1
    with pytest.raises(ValueError, match="no room"):
        sms_parts("abcde", udh="00" * 136)


def test_unknown_autoconvert_is_refused() -> None:
    with pytest.raises(ValueError, match="bogus"):
        sms_parts("Hi", autoconvert="bogus")  # type: ignore[arg-type]


def test_the_sms_builder_counts_its_own_text_udh_and_autoconvert() -> None:
    assert SMS(A * 161).parts.parts == 2
    assert SMS(A * 161).parts.depends_on_account is True
    assert SMS(A * 154, udh="050003CC0201").parts.part_lengths == (147, 7)
    full = SMS(MESSENTE_EXAMPLE, autoconvert="full").parts
    assert (full.encoding, full.parts) == (GSM, 1)
    assert isinstance(SMS("Hi").parts, SmsParts)


def test_every_sms_of_a_chain_is_counted_by_its_index() -> None:
    body = Omnimessage(
        to="+37251234567",
        messages=[Viber(text="Hi"), SMS(A * 161), SMS(ZHE, autoconvert="off")],
    ).to_dict()
    counted = omnimessage_sms_parts(body)
    assert [(index, parts.encoding, parts.parts) for index, parts in counted] == [
        (1, GSM, 2),
        (2, UCS, 1),
    ]
    assert omnimessage_sms_parts({"messages": [{"channel": "sms"}, "junk"]}) == []
    with pytest.raises(ValueError, match=r"messages\[0\]: udh"):
        omnimessage_sms_parts({"messages": [{"channel": "sms", "text": "x", "udh": "zz"}]})


def test_the_result_is_frozen() -> None:
    counted = sms_parts("Hi")
    with pytest.raises(AttributeError):
        counted.parts = 3  # type: ignore[misc]


@pytest.mark.slow  # a fresh interpreter importing the package
def test_import_does_not_load_the_codec() -> None:
    code = "import sys, messente_omnichannel; print('gsm0338' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# Hypothesis: texts mixing the default alphabet, the extension table, BMP and non-BMP
# characters, near the part boundaries.
_MIXED = st.text(
    alphabet=st.sampled_from(["a", "@", "ü", EURO, "{", "\f", ZHE, "ç", EMOJI, "\N{PILE OF POO}"]),
    max_size=400,
)
# Hypothesis favours short texts: a run of one character first brings the mix near the boundaries.
_LONG = st.builds(
    lambda run, n, tail: run * n + tail,
    st.sampled_from(["a", EURO, ZHE, EMOJI]),
    st.integers(min_value=60, max_value=320),
    _MIXED,
)
_ANY = st.one_of(_MIXED, _LONG, st.text(max_size=400))


def _costs(counted: SmsParts) -> list[int]:
    # Independent of the implementation: the codec's own bytes, or UTF-16.
    if counted.encoding is GSM:
        return [len(codecs.encode(char, "gsm03.38")) for char in counted.text]
    return [len(char.encode("utf-16-le")) // 2 for char in counted.text]


@given(_ANY, st.sampled_from([None, "050003CC0201", "00"]))
def test_parts_never_split_a_pair_and_are_filled_greedily(text: str, udh: str | None) -> None:
    counted = sms_parts(text, udh=udh, autoconvert="off")
    costs = _costs(counted)
    assert counted.length == sum(costs) == sum(counted.part_lengths)
    assert all(n <= counted.per_part for n in counted.part_lengths)
    assert counted.parts == 1 or all(n > 0 for n in counted.part_lengths)
    assert counted.remaining == counted.per_part - counted.part_lengths[-1]
    # Every part boundary falls between two characters, never inside an escape or surrogate
    # pair, and a part ends early only when the next character would not fit.
    boundaries, total = set(), 0
    for cost in costs:
        boundaries.add(total)
        total += cost
    position = 0
    for index, part in enumerate(counted.part_lengths[:-1]):
        position += part
        assert position in boundaries, (index, position)
        next_cost = costs[len([b for b in boundaries if b < position])]
        assert part + next_cost > counted.per_part


@given(_ANY)
def test_gsm7_exactly_when_every_character_is_in_the_table(text: str) -> None:
    encodable = "\x1b" not in text
    try:
        codecs.encode(text, "gsm03.38")
    except UnicodeEncodeError:
        encodable = False
    counted = sms_parts(text, autoconvert="off")
    assert (counted.encoding is GSM) == encodable
    assert (counted.ucs2_characters == ()) == encodable


@given(_ANY)
def test_full_replaces_every_character_it_can_and_only_those(text: str) -> None:
    full = sms_parts(text, autoconvert="full")
    off = sms_parts(text, autoconvert="off")
    assert set(full.ucs2_characters) <= set(off.ucs2_characters)
    for char, replacement in full.replacements:
        assert char in off.ucs2_characters
        assert sms_parts(replacement, autoconvert="off").encoding is GSM
    # Converting again changes nothing: what is left has no look-alike.
    assert sms_parts(full.text, autoconvert="full").text == full.text


def test_the_readme_example_prints_what_its_comments_say(
    capsys: pytest.CaptureFixture[str],
) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if ".parts" in b]
    exec(compile(block, "README", "exec"), {})  # noqa: S102 - the README's own example
    lines = block.splitlines()
    promised = [
        after.removeprefix("# ")
        for line, after in itertools.pairwise(lines)
        if line.startswith("print(")
    ]
    assert capsys.readouterr().out.splitlines() == promised
