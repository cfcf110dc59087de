"""What passes validate() is sendable, and checking a huge invalid request is bounded work."""

import json
from typing import Any

import httpx
import pytest

from messente_omnichannel import InvalidMessageError, Omnichannel, validate
from messente_omnichannel._validation import MAX_PROBLEMS

from .conftest import PASSWORD, USERNAME, Script

SMS = {"channel": "sms", "text": "Hi"}


def _nested(depth: int, leaf: Any, as_list: bool = False) -> Any:
    node = leaf
    for _ in range(depth):
        node = [node] if as_list else {"a": node}
    return node


@pytest.mark.parametrize("depth", [2_000, 100_000])
@pytest.mark.parametrize("where", ["extra", "text", "to", "messages"])
def test_deeply_nested_input_is_invalid_not_a_recursion_error(depth: int, where: str) -> None:
    message: dict[str, Any] = {"to": "+37251000000", "messages": [dict(SMS)]}
    if where == "extra":
        message["messages"][0]["extra"] = _nested(depth, 1)
    elif where == "text":
        message["messages"][0]["text"] = _nested(depth, "x", as_list=True)
    elif where == "to":
        message["to"] = _nested(depth, 1)
    else:
        message["messages"] = _nested(depth, dict(SMS), as_list=True)
    with pytest.raises(InvalidMessageError) as caught:
        validate(message)
    assert "nested too deeply" in str(caught.value)


def test_a_lone_surrogate_is_refused_before_sending() -> None:
    script = Script(httpx.Response(201, json={}))
    message = {"to": "+37251000000", "messages": [{"channel": "sms", "text": "a\ud800b"}]}
    with (
        Omnichannel(USERNAME, PASSWORD, transport=httpx.MockTransport(script)) as client,
        pytest.raises(InvalidMessageError, match=r"messages\[0\]\.text"),
    ):
        client.send(message)
    assert script.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://",
        "https://",
        "https://[::1]:99999/dlr",
        "https://example.com:0/dlr",
        "https://example.com:65536/dlr",
        "https://:443/dlr",
        "https://user@/dlr",
        "https://example.com:port/dlr",
    ],
)
def test_a_dlr_url_without_a_host_or_with_a_bad_port_is_refused(url: str) -> None:
    message = {"to": "+37251000000", "messages": [SMS], "dlr_url": url}
    with pytest.raises(InvalidMessageError) as caught:
        validate(message)
    assert [p.path for p in caught.value.problems] == ["dlr_url"]
    with (
        Omnichannel(USERNAME, PASSWORD, transport=httpx.MockTransport(Script())) as client,
        pytest.raises(InvalidMessageError) as bulk,
    ):
        client.send_bulk([{"to": "+37251000000", "messages": [SMS]}, message])
    assert [p.path for p in bulk.value.problems] == ["messages[1].dlr_url"]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/dlr?message=42",
        "https://[::1]:8443/dlr",
        "http://127.0.0.1:65535/dlr",
        "HTTPS://Example.COM/dlr",
    ],
)
def test_good_dlr_urls_pass(url: str) -> None:
    validate({"to": "+37251000000", "messages": [SMS], "dlr_url": url})


def _problems(data: dict[str, Any], bulk: bool) -> list[Any]:
    with (
        Omnichannel(USERNAME, PASSWORD, transport=httpx.MockTransport(Script())) as client,
        pytest.raises(InvalidMessageError) as caught,
    ):
        if bulk:
            client.send_bulk(data["messages"])
        else:
            client.send(data)
    return list(caught.value.problems)


def test_a_huge_invalid_bulk_request_lists_a_bounded_number_of_problems() -> None:
    items = [{"to": "bad", "messages": [{"channel": "sms", "text": ""}]} for _ in range(25_000)]
    assert len(json.dumps({"messages": items})) < 2 * 1024 * 1024
    problems = _problems({"messages": items}, bulk=True)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].path == "messages[0].messages[0].text"
    last = problems[-1]
    assert last.path == ""
    # 2 problems per item, MAX_PROBLEMS of them listed: the rest counted, at least one per item.
    listed_items = MAX_PROBLEMS // 2
    assert f"at least {25_000 - listed_items} more" in last.message


def test_a_huge_invalid_chain_lists_a_bounded_number_of_problems() -> None:
    messages = [{"channel": "sms", "text": ""} for _ in range(25_000)]
    problems = _problems({"to": "+37251000000", "messages": messages}, bulk=False)
    assert len(problems) == MAX_PROBLEMS + 1
    assert [p.path for p in problems[:3]] == [f"messages[{i}].text" for i in range(3)]
    assert "more" in problems[-1].message


def test_a_small_invalid_request_lists_every_problem() -> None:
    items = [{"to": "bad", "messages": [{"channel": "sms", "text": ""}]} for _ in range(10)]
    problems = _problems({"messages": items}, bulk=True)
    assert len(problems) == 20
    assert all(p.path for p in problems)


def test_item_by_item_checking_describes_problems_as_the_whole_document_check_does() -> None:
    from messente_omnichannel._validation import schema_ref, shipped

    kinds: list[dict[str, Any]] = [
        {"to": "x", "messages": []},
        {
            "to": "+37251000000",
            "messages": [{"channel": "sms", "text": "Hi", "ttl": 5, "validity": 1}],
        },
        {"to": "+37251000000", "messages": [{"channel": "fax", "text": "Hi"}]},
        {"to": "+37251000000", "messages": [{"channel": "viber"}], "extra": 1},
        {"to": "+37251000000", "messages": [SMS]},
    ]
    items = [kinds[i % len(kinds)] for i in range(60)]
    check = shipped()
    bulk = check.violations(schema_ref("BulkOmnimessage"), {"messages": items})
    one_by_one = [
        v
        for index, item in enumerate(items)
        for v in check.violations(schema_ref("BulkOmnimessage"), {"messages": [item]})
        for v in [type(v)(("messages", index, *v.path[2:]), v.message, v.missing)]
    ]
    assert len(bulk) <= MAX_PROBLEMS + 1
    expected = one_by_one[: len(bulk) - 1] if bulk[-1].unlisted else one_by_one
    assert bulk[: len(expected)] == expected
