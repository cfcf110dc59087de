"""text_store decides what the sandbox keeps of the message text."""

import hashlib
from collections.abc import Iterator

import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox

AUTH = ("demo", "demo-password")
CHAIN = [
    {"channel": "whatsapp", "text": {"body": "Code 4242"}},
    {"channel": "sms", "text": "Code 4242"},
    {"channel": "viber", "image_url": "https://example.com/a.png"},
]


@pytest.fixture
def sb() -> Iterator[Sandbox[ManualClock]]:
    with Sandbox(clock=ManualClock()) as sandbox:
        yield sandbox


def send(sb: Sandbox[ManualClock], **extra: str) -> None:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c:
        body = {"to": "+37251000000", "messages": CHAIN, **extra}
        assert c.post("/omnimessage", json=body).status_code == 201


def test_plaintext_is_the_default_and_keeps_the_text(sb: Sandbox[ManualClock]) -> None:
    send(sb)
    send(sb, text_store="plaintext")
    for entry in sb.ledger:
        assert entry.text_store == "plaintext"
        assert [m.text for m in entry.messages] == ["Code 4242", "Code 4242", None]
        assert [m.text_sha256 for m in entry.messages] == [None, None, None]


def test_sha256_keeps_only_the_hash(sb: Sandbox[ManualClock]) -> None:
    send(sb, text_store="sha256")
    [entry] = sb.ledger.entries
    digest = hashlib.sha256(b"Code 4242").hexdigest()
    assert [m.text_sha256 for m in entry.messages] == [digest, digest, None]
    assert [m.text for m in entry.messages] == [None, None, None]
    assert "Code 4242" not in repr(entry)


def test_nostore_keeps_nothing(sb: Sandbox[ManualClock]) -> None:
    send(sb, text_store="nostore")
    [entry] = sb.ledger.entries
    assert all(m.text is None and m.text_sha256 is None for m in entry.messages)
    assert "Code 4242" not in repr(entry)
    assert [m.channel for m in entry.messages] == ["whatsapp", "sms", "viber"]
