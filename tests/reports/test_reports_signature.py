"""Signatures: checked over the raw bytes, before anything is parsed, in any hex case."""

import hashlib
import hmac
import json

import pytest

from messente_omnichannel import (
    MessenteError,
    MissingSignatureError,
    ReportNotJSONError,
    SignatureError,
    WrongSignatureError,
    parse_delivery_report,
    sign_report,
)

from .conftest import PASSWORD

SIGNED = sign_report(password=PASSWORD)


def _hmac(body: bytes, key: str) -> str:
    return hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def test_a_correctly_signed_report_is_accepted() -> None:
    update = parse_delivery_report(SIGNED.body, SIGNED.headers, PASSWORD)
    assert str(update.status) == "DELIVRD"


def test_the_signature_is_the_hex_hmac_sha256_of_the_raw_body_keyed_with_the_password() -> None:
    assert SIGNED.signature == _hmac(SIGNED.body, PASSWORD)
    assert SIGNED.headers["X-Messente-Signature"] == SIGNED.signature


@pytest.mark.parametrize("spelling", [str.upper, str.lower, lambda s: s[:32].upper() + s[32:]])
def test_hex_digits_in_any_case_are_accepted(spelling: object) -> None:
    assert callable(spelling)
    headers = {"X-Messente-Signature": spelling(SIGNED.signature)}
    parse_delivery_report(SIGNED.body, headers, PASSWORD)


@pytest.mark.parametrize("name", ["x-messente-signature", "X-MESSENTE-SIGNATURE"])
def test_the_header_name_is_matched_in_any_case(name: str) -> None:
    parse_delivery_report(SIGNED.body, {name: SIGNED.signature}, PASSWORD)


def test_raw_asgi_header_pairs_are_accepted() -> None:
    pairs = [
        (b"content-type", b"application/json"),
        (b"x-messente-signature", SIGNED.signature.encode()),
    ]
    parse_delivery_report(SIGNED.body, pairs, PASSWORD)


@pytest.mark.parametrize("headers", [{}, {"X-Messente-Signature": ""}, {"X-Other": "abc"}])
def test_a_missing_signature_is_its_own_error(headers: dict[str, str]) -> None:
    with pytest.raises(MissingSignatureError, match="X-Messente-Signature"):
        parse_delivery_report(SIGNED.body, headers, PASSWORD)


@pytest.mark.parametrize(
    "signature",
    [
        "0" * 64,
        "not hex at all",
        "é" * 64,
        SIGNED.signature[:-1],
        SIGNED.signature + "0",
    ],
)
def test_a_wrong_signature_is_refused(signature: str) -> None:
    with pytest.raises(WrongSignatureError):
        parse_delivery_report(SIGNED.body, {"X-Messente-Signature": signature}, PASSWORD)


def test_a_tampered_body_is_refused() -> None:
    data = json.loads(SIGNED.body)
    data["status"] = "UNDELIV"
    tampered = json.dumps(data, separators=(",", ":")).encode()
    with pytest.raises(WrongSignatureError):
        parse_delivery_report(tampered, SIGNED.headers, PASSWORD)


def test_reformatted_json_with_the_same_content_is_refused() -> None:
    # The signature covers the bytes, not the meaning: re-serialised JSON is not the report.
    reformatted = json.dumps(json.loads(SIGNED.body), indent=2).encode()
    with pytest.raises(WrongSignatureError):
        parse_delivery_report(reformatted, SIGNED.headers, PASSWORD)


def test_a_report_signed_with_another_password_is_refused() -> None:
    other = sign_report(password="another-api-key-password")  # noqa: S106
    with pytest.raises(WrongSignatureError, match="another API key"):
        parse_delivery_report(other.body, other.headers, PASSWORD)


def test_any_of_several_passwords_may_have_signed() -> None:
    other = sign_report(password="rotated-password")  # noqa: S106
    parse_delivery_report(other.body, other.headers, [PASSWORD, "rotated-password"])
    with pytest.raises(WrongSignatureError):
        parse_delivery_report(other.body, other.headers, [PASSWORD, "third"])


def test_the_signature_is_checked_before_the_body_is_read() -> None:
    # An unsigned or forged body that is not even JSON is a signature error, not a JSON one.
    with pytest.raises(MissingSignatureError):
        parse_delivery_report(b"\xff not json", {}, PASSWORD)
    with pytest.raises(WrongSignatureError):
        parse_delivery_report(b"\xff not json", {"X-Messente-Signature": "0" * 64}, PASSWORD)
    signed = sign_report(b"\xff not json", password=PASSWORD)
    with pytest.raises(ReportNotJSONError):
        parse_delivery_report(signed.body, signed.headers, PASSWORD)


def test_signature_errors_share_a_base_class() -> None:
    assert issubclass(MissingSignatureError, SignatureError)
    assert issubclass(WrongSignatureError, SignatureError)


@pytest.mark.parametrize("password", ["", []])
def test_no_password_is_a_configuration_error(password: str | list[str]) -> None:
    with pytest.raises(MessenteError, match="API password") as caught:
        parse_delivery_report(SIGNED.body, SIGNED.headers, password)
    assert not isinstance(caught.value, SignatureError)


def test_errors_never_echo_the_password_the_signature_or_the_body() -> None:
    forged = sign_report(password="forger", to="+37259999999")  # noqa: S106
    with pytest.raises(WrongSignatureError) as caught:
        parse_delivery_report(forged.body, forged.headers, PASSWORD)
    text = str(caught.value)
    for secret in (PASSWORD, forged.signature, _hmac(forged.body, PASSWORD), "+37259999999"):
        assert secret not in text
