"""The benchmark peer: one created body per omnimessage of a bulk send, delays still honoured."""

import asyncio
import json

import pytest
from benchmarks._peer import CREATED, RESPONSES, Exchange, bulk_body, bulk_response

ONE = {"to": "+37251000000", "messages": [{"channel": "sms", "sender": "B", "text": "Hi"}]}


class Captured(Exchange):
    """The peer's protocol, its answers kept instead of written."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[bytes, float]] = []

    def _send(self, response: bytes, delay: float, *, close: bool) -> None:
        self.sent.append((response, delay))


class NullTransport(asyncio.Transport):
    def is_closing(self) -> bool:
        return False


def request(path: str, body: bytes) -> bytes:
    head = f"POST {path} HTTP/1.1\r\nHost: peer\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def answer_body(response: bytes) -> object:
    return json.loads(response.split(b"\r\n\r\n", 1)[1])


def exchange(*requests: bytes) -> list[tuple[bytes, float]]:
    protocol = Captured()
    protocol.connection_made(NullTransport())
    protocol.data_received(b"".join(requests))
    return protocol.sent


@pytest.mark.parametrize("count", [1, 3, 50])
def test_a_bulk_send_is_answered_once_per_omnimessage(count: int) -> None:
    body = json.dumps({"messages": [ONE] * count}).encode()
    ((response, delay),) = exchange(request("/v1/omnimessages", body))
    assert response.startswith(b"HTTP/1.1 201 Created\r\n")
    assert answer_body(response) == {"messages": [json.loads(CREATED)] * count}
    assert delay == 0


def test_the_delay_prefix_applies_to_bulk_and_single_sends() -> None:
    bulk = json.dumps({"messages": [ONE, ONE]}).encode()
    single = json.dumps(ONE).encode()
    sent = exchange(
        request("/delay/20/v1/omnimessages", bulk), request("/delay/7/v1/omnimessage", single)
    )
    assert [delay for _, delay in sent] == [0.02, 0.007]
    assert len(answer_body(sent[0][0])["messages"]) == 2  # type: ignore[index]
    assert sent[1][0] == RESPONSES[b"POST"]


def test_bulk_answers_are_encoded_once_per_count() -> None:
    three = json.dumps({"messages": [ONE] * 3}).encode()
    assert bulk_response(three) is bulk_response(three)
    assert bulk_body(3) == b'{"messages":[' + b",".join([CREATED] * 3) + b"]}"


@pytest.mark.parametrize("body", [b"not json", b'{"messages": 3}', b"[]", b"{}"])
def test_a_bulk_body_of_another_shape_is_refused(body: bytes) -> None:
    ((response, _),) = exchange(request("/v1/omnimessages", body))
    assert response.startswith(b"HTTP/1.1 400 ")
