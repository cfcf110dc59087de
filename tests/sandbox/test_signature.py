"""Hex HMAC-SHA256 signatures of delivery reports."""

import hashlib
import hmac

from messente_omnichannel._reports._signature import SIGNATURE_HEADER, sign, verify

BODY = b'{"status":"DELIVRD"}'


def test_sign_is_hex_hmac_sha256_of_the_raw_body() -> None:
    expected = hmac.new(b"secret", BODY, hashlib.sha256).hexdigest()
    assert sign(BODY, "secret") == expected
    assert len(expected) == 64
    assert SIGNATURE_HEADER == "X-Messente-Signature"


def test_verify_accepts_either_case_and_refuses_any_change() -> None:
    signature = sign(BODY, "secret")
    assert verify(BODY, signature, "secret")
    assert verify(BODY, signature.upper(), "secret")
    assert not verify(BODY + b" ", signature, "secret")
    assert not verify(BODY, signature, "Secret")
    assert not verify(BODY, signature[:-1], "secret")
    assert not verify(BODY, "", "secret")
    assert not verify(BODY, "é" * 64, "secret")


def test_unicode_passwords_are_utf8() -> None:
    assert sign(BODY, "pässword") == hmac.new("pässword".encode(), BODY, hashlib.sha256).hexdigest()
