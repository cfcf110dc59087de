"""Signatures of delivery reports: hex HMAC-SHA256 of the raw body, keyed with the API password.

Messente signs each delivery report it POSTs to ``dlr_url`` with the API password of the key that
sent the omnimessage, and puts the signature in the ``X-Messente-Signature`` header. The sandbox
signs with :func:`sign`; a receiver checks with :func:`verify` over the raw bytes, before parsing.
"""

import hashlib
import hmac

SIGNATURE_HEADER = "X-Messente-Signature"
"""The HTTP header that carries the signature of a delivery report."""


def sign(body: bytes, password: str) -> str:
    """Sign a raw request body.

    Args:
        body: The exact bytes of the request body.
        password: The API password of the account that sent the omnimessage.

    Returns:
        The lowercase hex HMAC-SHA256 of ``body`` keyed with ``password`` (64 characters).
    """
    return hmac.new(password.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, signature: str, password: str) -> bool:
    """Check the signature of a raw request body in constant time.

    Args:
        body: The exact bytes of the request body, before any parsing.
        signature: The value of the ``X-Messente-Signature`` header; hex digits in either case.
        password: The API password of the account that sent the omnimessage.

    Returns:
        Whether ``signature`` is the HMAC-SHA256 of ``body`` keyed with ``password``.
    """
    expected = sign(body, password)
    # Lowercasing keeps the comparison constant-time: both sides are ASCII of the same kind.
    candidate = signature.strip().lower().encode("ascii", errors="replace")
    return hmac.compare_digest(expected.encode("ascii"), candidate)
