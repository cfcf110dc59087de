"""Every rejection is the documented error body: title, code, source and an actionable detail."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from messente_omnichannel.sandbox import ManualClock, Sandbox
from messente_omnichannel.sandbox._errors import ErrorEntry, ErrorKind
from messente_omnichannel_client.models import ErrorCode, ErrorTitle

AUTH = ("demo", "demo-password")
SMS = {"channel": "sms", "text": "Hi"}
JSON = {"content-type": "application/json"}


@pytest.fixture
def sb() -> Iterator[Sandbox[ManualClock]]:
    with Sandbox(clock=ManualClock(), max_body_bytes=8192) as sandbox:
        yield sandbox


@pytest.fixture
def client(sb: Sandbox[ManualClock]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c:
        yield c


def errors(response: httpx.Response, status: int = 400) -> list[tuple[str, str | None, str]]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    items = response.json()["errors"]
    for item in items:
        assert item["title"] == ErrorTitle[ErrorCode(item["code"]).name]
        assert item["detail"]
    return [(item["code"], item["source"], item["detail"]) for item in items]


def post(client: httpx.Client, body: Any) -> httpx.Response:
    return client.post("/omnimessage", json=body)


@pytest.mark.parametrize(
    ("body", "code", "source", "detail"),
    [
        ({"messages": [SMS]}, "106", "to", "is required"),
        ({"to": "37251", "messages": [SMS]}, "105", "to", "E.164"),
        ({"to": "+37251000000", "messages": []}, "105", "messages", "must not be empty"),
        (
            {"to": "+37251000000", "messages": [SMS, {"channel": "sms"}]},
            "106",
            "messages[1].text",
            "is required",
        ),
        (
            {"to": "+37251000000", "messages": [SMS, {**SMS, "ttl": 60, "validity": 1}]},
            "105",
            "messages[1].ttl",
            'Only one of "ttl" and "validity" can be used.',
        ),
        (
            {"to": "+37251000000", "messages": [{"text": "Hi"}]},
            "106",
            "messages[0].channel",
            '"whatsapp", "viber", "sms", "rcs"',
        ),
        (
            {"to": "+37251000000", "messages": [{"channel": "telegram", "text": "Hi"}]},
            "105",
            "messages[0].channel",
            'not "telegram"',
        ),
        (
            {"to": "+37251000000", "messages": [{"channel": ["sms"], "text": "Hi"}]},
            "105",
            "messages[0].channel",
            "must be one of",
        ),
        (
            {"to": "+37251000000", "messages": [{**SMS, "image_url": "https://a.example"}]},
            "105",
            "messages[0].image_url",
            "not allowed in this sms message",
        ),
        (
            {"to": "+37251000000", "messages": [{"channel": "viber", "button_text": "Go"}]},
            "105",
            "messages[0]",
            "The Viber content must be one of the valid combinations. Valid: image_url; text;",
        ),
        (
            {"to": "+37251000000", "messages": [{"channel": "whatsapp", "image": {}}]},
            "106",
            "messages[0].image.link",
            'One of "id" and "link" is required.',
        ),
        (
            {"to": "+37251000000", "messages": [SMS], "priority": "urgent"},
            "105",
            "priority",
            '"low", "regular", "high"',
        ),
        (
            {"to": "+37251000000", "messages": [SMS], "dlr_url": "not a url"},
            "105",
            "dlr_url",
            "absolute URL",
        ),
        (
            {"to": "+37251000000", "messages": [SMS], "time_to_send": "2030-02-30T09:05"},
            "105",
            "time_to_send",
            'is not a date that exists: "2030-02-30T09:05"',
        ),
        ([SMS], "105", None, "The request body must be an object."),
    ],
)
def test_invalid_bodies_name_the_field_and_say_what_to_do(
    client: httpx.Client, body: Any, code: str, source: str | None, detail: str
) -> None:
    found = errors(post(client, body))
    assert any(c == code and s == source and detail in d for c, s, d in found), found


def test_every_error_is_reported_at_once(client: httpx.Client) -> None:
    body = {"to": "x", "messages": [{"channel": "sms"}], "extra": 1}
    assert {s for _, s, _ in errors(post(client, body))} == {"to", "messages[0].text", "extra"}


def test_calendar_events_must_end_after_they_start(client: httpx.Client) -> None:
    action = {
        "create_calendar_event_action": {
            "start_time": "2030-06-22T10:00:00+00:00",
            "end_time": "2030-06-22T09:00:00+00:00",
            "title": "Delivery",
            "description": "Parcel",
        }
    }
    rcs = {"channel": "rcs", "sender": "Brand", "text": "Hi", "suggestions": [{"action": action}]}
    body = {"to": "+37251000000", "messages": [rcs]}
    source = "messages[0].suggestions[0].action.create_calendar_event_action.end_time"
    [(code, found, detail)] = errors(post(client, body))
    assert (code, found) == ("105", source)
    assert "must be after" in detail
    bulk = client.post("/omnimessages", json={"messages": [body, {**body, "messages": [SMS]}]})
    assert bulk.status_code == 201
    rejected, accepted = bulk.json()["messages"]
    assert rejected["errors"][0]["source"] == source
    assert "omnimessage_id" in accepted


def test_bulk_schema_errors_are_400_with_nested_sources(client: httpx.Client) -> None:
    body = {"messages": [{"to": "+37251000000", "messages": [SMS]}, {"to": "+372510"}]}
    found = errors(client.post("/omnimessages", json=body))
    assert [(c, s) for c, s, _ in found] == [("106", "messages[1].messages")]


@pytest.mark.parametrize(
    ("content", "content_type", "detail"),
    [
        (b"\xff\xfe{}", "application/json", "not valid UTF-8"),
        (b'{"to": ', "application/json", "not valid JSON"),
        (b"", "application/json", "empty"),
        (b'{"to": NaN}', "application/json", "NaN"),
        (b"[" * 5000, "application/json", "not valid JSON"),
        (b"{}", "text/plain", "Content-Type must be application/json"),
        (b"{}", "", "Content-Type must be application/json, not none"),
        (b"{}", "application/json; charset=latin-1", "must be UTF-8"),
        (b'{"to": 1' + b"0" * 5000 + b"}", "application/json", "not valid"),
    ],
)
def test_unparsable_bodies_are_400_never_500(
    client: httpx.Client, content: bytes, content_type: str, detail: str
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/omnimessage", content=content, headers=headers)
    [(code, source, found)] = errors(response)
    assert (code, source) == ("105", None)
    assert detail in found


def test_huge_numbers_are_handled(client: httpx.Client, sb: Sandbox[ManualClock]) -> None:
    found = errors(
        client.post(
            "/omnimessage",
            content=b'{"to": 18446744073709551616}',
            headers={"content-type": "application/json"},
        )
    )
    assert ("105", "to", "must be a string") in found
    huge = {"to": "+37251000003", "messages": [{**SMS, "ttl": 2**64}, {**SMS, "validity": 2**70}]}
    assert post(client, huge).status_code == 201
    infinite = (
        b'{"to": "+37251000000", "messages": [{"channel": "sms", "text": "a", "ttl": 1e400}]}'
    )
    response = client.post("/omnimessage", content=infinite, headers=JSON)
    assert ("105", "messages[0].ttl", "must be an integer") in errors(response)
    sb.clock.advance(10)


def test_oversized_bodies_are_refused_without_reading_them(client: httpx.Client) -> None:
    big = {"to": "+37251000000", "messages": [{"channel": "sms", "text": "x" * 9000}]}
    [(_code, _, detail)] = errors(post(client, big))
    assert "larger than 8192 bytes" in detail

    def stream() -> Iterator[bytes]:
        yield b'{"to": "' + b"1" * 5000
        yield b"1" * 5000 + b'"}'

    chunked = client.post(
        "/omnimessage", content=stream(), headers={"content-type": "application/json"}
    )
    assert "larger than 8192 bytes" in errors(chunked)[0][2]


def test_a_bad_uuid_is_400_naming_the_parameter(client: httpx.Client) -> None:
    for response in (client.get("/omnimessage/42/status"), client.delete("/omnimessage/42")):
        [(code, source, detail)] = errors(response)
        assert (code, source) == ("105", "omnimessageId")
        assert "must be a UUID" in detail


def test_unknown_paths_are_404_and_wrong_methods_405(client: httpx.Client) -> None:
    [(code, _, detail)] = errors(client.get("/nothing"), 404)
    assert code == "101"
    assert "/v1/nothing" in detail
    assert errors(client.get("http://sandbox/omnimessage"), 404)[0][0] == "101"
    response = client.put("/omnimessage", json={})
    [(code, _, detail)] = errors(response, 405)
    assert code == "107"
    assert response.headers["allow"] == "POST"
    assert "use POST" in detail
    assert client.patch("/omnimessage/632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a/status").headers[
        "allow"
    ] == ("GET, HEAD")


def test_head_answers_like_get_without_a_body(client: httpx.Client) -> None:
    response = client.head("/omnimessage/632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a/status")
    assert response.status_code == 404
    assert response.content == b""


@pytest.mark.parametrize(
    "auth",
    [
        None,
        httpx.BasicAuth("demo", "wrong"),
        httpx.BasicAuth("nobody", "demo-password"),
        httpx.BasicAuth("demo", ""),
    ],
)
def test_wrong_or_missing_credentials_are_401(
    sb: Sandbox[ManualClock], auth: httpx.BasicAuth | None
) -> None:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=auth) as c:
        for response in (
            c.post("/omnimessage", json={"to": "+37251000000", "messages": [SMS]}),
            c.get("/omnimessage/632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a/status"),
            c.delete("/omnimessage/632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a"),
            c.post("/omnimessages", json={}),
        ):
            [(code, source, _)] = errors(response, 401)
            assert (code, source) == ("103", None)
            assert response.headers["www-authenticate"].startswith("Basic ")
    assert len(sb.ledger) == 0


@pytest.mark.parametrize(
    "header", ["Bearer abc", "Basic !!!", "Basic ZGVtbw==", "Basic /w==", "Basic"]
)
def test_malformed_authorization_headers_are_401(sb: Sandbox[ManualClock], header: str) -> None:
    with httpx.Client(base_url="http://sandbox/v1", transport=sb.transport()) as client:
        response = client.get(
            "/omnimessage/632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a/status",
            headers={"Authorization": header},
        )
    assert errors(response, 401)[0][0] == "103"


def test_accounts_are_isolated() -> None:
    accounts = {"alice": "a-password", "bob": "b-password"}
    with Sandbox(accounts, clock=ManualClock()) as sb:
        transport = sb.transport()
        alice = httpx.Client(
            base_url="http://s/v1", transport=transport, auth=("alice", "a-password")
        )
        bob = httpx.Client(base_url="http://s/v1", transport=transport, auth=("bob", "b-password"))
        with alice, bob:
            body = {"to": "+37251000000", "messages": [SMS], "time_to_send": "2031-01-01T00:00:00Z"}
            oid = alice.post("/omnimessage", json=body).json()["omnimessage_id"]
            assert errors(bob.get(f"/omnimessage/{oid}/status"), 404)[0][0] == "101"
            assert errors(bob.delete(f"/omnimessage/{oid}"), 404)[0][0] == "101"
            assert alice.get(f"/omnimessage/{oid}/status").status_code == 200
            assert alice.delete(f"/omnimessage/{oid}").status_code == 202
        assert [e.account for e in sb.ledger] == ["alice"]


def test_the_demo_account_is_the_default() -> None:
    with Sandbox(clock=ManualClock()) as sb:
        assert sb.accounts == {"demo": "demo-password"}


@pytest.mark.parametrize("accounts", [{}, {"": "x"}, {"a:b": "x"}])
def test_bad_accounts_are_refused(accounts: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="username"):
        Sandbox(accounts, clock=ManualClock())


def test_each_error_kind_is_a_title_and_code_of_the_spec() -> None:
    beyond = ErrorKind.TOO_MANY_REQUESTS
    for kind in set(ErrorKind) - {beyond}:
        # Built from the generated enums, so a changed spec cannot leave a stale copy here.
        assert kind.value == (ErrorTitle[kind.name], ErrorCode[kind.name])
        assert isinstance(kind.value[0], ErrorTitle) and isinstance(kind.value[1], ErrorCode)
        assert (kind.title, kind.code) == (ErrorTitle[kind.name], ErrorCode[kind.name])
    assert {kind.name for kind in ErrorKind} - {beyond.name} == set(ErrorTitle.__members__)
    # The one exception: only injected faults answer 429, which the spec's enums do not list.
    assert (beyond.title, beyond.code) == ("Too many requests", "429")
    assert beyond.title not in set(ErrorTitle)
    assert beyond.code not in set(ErrorCode)


def test_an_error_entry_is_plain_json() -> None:
    item = ErrorEntry(ErrorKind.MISSING_DATA, "Field to is required", "to").as_json()
    assert item == {
        "title": "Missing data",
        "code": "106",
        "detail": "Field to is required",
        "source": "to",
    }
    assert (type(item["title"]), type(item["code"])) == (str, str)


def test_a_lone_surrogate_escape_is_refused_and_a_pair_is_text() -> None:
    with (
        Sandbox(clock=ManualClock()) as sandbox,
        httpx.Client(
            transport=sandbox.transport(),
            base_url="http://sandbox/v1",
            auth=("demo", "demo-password"),
        ) as http,
    ):
        headers = {"Content-Type": "application/json"}
        lone = b'{"to":"+37251000000","messages":[{"channel":"sms","text":"\\ud800"}]}'
        pair = b'{"to":"+37251000000","messages":[{"channel":"sms","text":"\\ud83c\\udf4e"}]}'
        refused = http.post("/omnimessage", content=lone, headers=headers)
        assert refused.status_code == 400
        assert "lone surrogate" in refused.json()["errors"][0]["detail"]
        assert http.post("/omnimessage", content=pair, headers=headers).status_code == 201
