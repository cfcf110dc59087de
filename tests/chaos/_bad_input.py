"""Bad input at every door: the builders, the sandbox's raw JSON API, the command line.

The corpus (``_corpus.CASES``) breaks one rule per case. Then Hypothesis throws junk: request
bodies and headers at the sandbox, and answers of every shape at the client.
"""

import contextlib
import io
import json
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from messente_omnichannel import InvalidMessageError, Omnichannel
from messente_omnichannel._cli import main as cli_main
from messente_omnichannel.sandbox import ManualClock, Sandbox

from ._calls import DOCUMENTED
from ._corpus import CASES, Case, one
from ._tally import Tally

AUTH = ("demo", "demo-password")
UNREACHABLE = "http://127.0.0.1:9/v1"
"""A base URL nothing listens on: a CLI case that tried to send would exit 5, not 2."""


class _Refuse(httpx.BaseTransport):
    """A transport that records any request: a case that reached it was sent."""

    def __init__(self) -> None:
        self.sent: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return httpx.Response(500)


def _client_leg(case: Case) -> str | None:
    transport = _Refuse()
    with Omnichannel(*AUTH, base_url=UNREACHABLE, transport=transport, max_retries=0) as client:
        try:
            if case.bulk:
                client.send_bulk(case.body["messages"])
            else:
                client.send(case.body)
        except InvalidMessageError as error:
            paths = [problem.path for problem in error.problems]
            if case.path not in paths:
                return f"{case.name}: problems at {paths}, not at {case.path!r}"
            if not all(paths) or any(str(p) not in str(error) for p in error.problems):
                return f"{case.name}: a problem without its path: {error}"
        except Exception as exc:
            return f"{case.name}: {type(exc).__name__}: {exc}"
        else:
            return f"{case.name}: accepted"
    return f"{case.name}: sent anyway" if transport.sent else None


def _sandbox_leg(client: httpx.Client, case: Case) -> str | None:
    path = "/omnimessages" if case.bulk else "/omnimessage"
    response = client.post(
        path, content=json.dumps(case.body), headers={"Content-Type": "application/json"}
    )
    if response.status_code != 400:
        return f"{case.name}: HTTP {response.status_code}"
    errors = [(e.get("code"), e.get("source")) for e in response.json().get("errors", [])]
    if (case.code, case.path or None) not in errors:
        return f"{case.name}: errors {errors}, not ({case.code!r}, {case.path!r})"
    return None


@contextlib.contextmanager
def environment(values: dict[str, str | None]) -> Iterator[None]:
    """Set (or, for ``None``, remove) environment variables for the block.

    Args:
        values: Name to value.

    Yields:
        Nothing; the old values are back after the block.
    """
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_cli(
    argv: Sequence[str],
    *,
    credentials: bool = True,
    auth: tuple[str, str] = AUTH,
    base_url: str = UNREACHABLE,
) -> tuple[int, str, str]:
    """Run the command in-process, by default against a base URL where nothing listens.

    Args:
        argv: The arguments after the program name.
        credentials: Set credentials in the environment.
        auth: The credentials.
        base_url: ``MESSENTE_BASE_URL``.

    Returns:
        The exit status, stdout and stderr.
    """
    env: dict[str, str | None] = {
        "MESSENTE_API_USERNAME": auth[0] if credentials else None,
        "MESSENTE_API_PASSWORD": auth[1] if credentials else None,
        "MESSENTE_BASE_URL": base_url,
    }
    out, err = io.StringIO(), io.StringIO()
    with environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli_main(list(argv))
    return status, out.getvalue(), err.getvalue()


def _cli_leg(name: str, argv: Sequence[str], path: str, *, credentials: bool = True) -> str | None:
    status, out, err = run_cli(argv, credentials=credentials)
    lines = [line for line in err.splitlines() if line.strip()]
    if status != 2 or out or len(lines) != 1 or (path and path not in lines[0]):
        return f"{name}: exit {status}, stdout {out[:80]!r}, stderr {err[:160]!r}"
    return None


CLI_ONLY: list[tuple[str, tuple[str, ...], str]] = [
    ("status-not-a-uuid", ("status", "abc"), "omnimessage_id"),
    ("status-path-traversal", ("status", "../../etc/passwd"), "omnimessage_id"),
    ("cancel-not-a-uuid", ("cancel", "123"), "omnimessage_id"),
    ("send-no-channel", ("send", "+37251000000"), ""),
    ("send-non-utf8-text", ("send", "+37251000000", "--sms", "\udcff\udcfe"), ""),
    ("send-bad-when", ("send", "+37251000000", "--sms", "Hi", "--at", "soonish"), ""),
]
"""Invalid input only the command line takes: IDs, missing channels, undecodable arguments."""


def corpus_checks(tally: Tally) -> None:
    """Run every corpus case through the builders, the sandbox and the command line.

    Args:
        tally: Where the rows go.
    """
    client_cases = [case for case in CASES if case.client]
    tally.check(
        "builders: rejected before sending, every problem with its path",
        len(client_cases),
        "InvalidMessageError naming the path, nothing sent",
        filter(None, (_client_leg(case) for case in client_cases)),
    )
    with (
        Sandbox(clock=ManualClock()) as sb,
        httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c,
    ):
        tally.check(
            "sandbox: raw JSON",
            len(CASES),
            "400 with the right code and source",
            filter(None, (_sandbox_leg(c, case) for case in CASES)),
        )
        if len(sb.ledger):
            tally.check("sandbox: nothing accepted", len(CASES), "0", [f"{len(sb.ledger)}"])
    cli_cases = [(case.name, ("send", *case.cli), case.path) for case in CASES if case.cli]
    cli_cases += CLI_ONLY
    tally.check(
        "CLI: one clear line, exit 2",
        len(cli_cases),
        "exit 2, one stderr line",
        filter(None, (_cli_leg(*case) for case in cli_cases)),
    )
    tally.check(
        "CLI without credentials: still exit 2",
        len(cli_cases),
        "exit 2 (not 1)",
        filter(None, (_cli_leg(*case, credentials=False) for case in cli_cases)),
    )


# --- junk ---------------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=30,
)
FIELDS = st.sampled_from(
    [
        "to",
        "messages",
        "dlr_url",
        "text_store",
        "time_to_send",
        "priority",
        "channel",
        "text",
        "sender",
        "ttl",
        "validity",
    ]
)
NEAR_VALID = st.builds(
    lambda base, key, value: {**base, key: value},
    st.sampled_from(
        [
            one({"channel": "sms", "text": "Hi"}),
            one({"channel": "viber", "text": "Hi"}),
            {"messages": [one({"channel": "sms", "text": "Hi"})]},
        ]
    ),
    FIELDS,
    JSON,
)
HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


def _junk_requests(examples: int, failures: list[str]) -> int:
    count = 0
    with (
        Sandbox(clock=ManualClock()) as sb,
        httpx.Client(base_url="http://sandbox/v1", transport=sb.transport(), auth=AUTH) as c,
    ):

        def post(path: str, content: bytes, headers: dict[str, str]) -> None:
            nonlocal count
            count += 1
            response = c.post(path, content=content, headers=headers)
            if response.status_code >= 500:
                failures.append(f"{path} {content[:120]!r} {headers}: HTTP {response.status_code}")
            elif response.status_code >= 400:
                response.json()  # an error is the spec's JSON, never a bare page

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(
            path=st.sampled_from(["/omnimessage", "/omnimessages"]),
            body=JSON | NEAR_VALID,
            raw=st.binary(max_size=64),
            use_raw=st.booleans(),
        )
        def bodies(path: str, body: Any, raw: bytes, use_raw: bool) -> None:
            content = raw if use_raw else json.dumps(body).encode()
            post(path, content, {"Content-Type": "application/json"})

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(content_type=HEADER_TEXT, authorization=HEADER_TEXT, accept=HEADER_TEXT)
        def headers(content_type: str, authorization: str, accept: str) -> None:
            content = json.dumps(one({"channel": "sms", "text": "Hi"})).encode()
            post("/omnimessage", content, {"Content-Type": content_type, "Accept": accept})
            response = c.get(
                "/omnimessage/x/status", headers={"Authorization": authorization, "Accept": accept}
            )
            if response.status_code >= 500:
                failures.append(
                    f"GET with Authorization {authorization!r}: HTTP {response.status_code}"
                )

        for test in (bodies, headers):
            try:
                test()
            except Exception as exc:
                failures.append(f"{type(exc).__name__}: {str(exc)[:300]}")
        for path, content in HOSTILE_REQUESTS.values():
            post(path, content, {"Content-Type": "application/json"})
    return count


def _deep(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"a": 1}
    for _ in range(depth):
        node = {"x": node}
    return node


def _deep_list(depth: int) -> list[Any]:
    node: list[Any] = []
    for _ in range(depth):
        node = [node]
    return node


def _deep_json(depth: int) -> bytes:
    """An SMS omnimessage whose message holds a mapping ``depth`` deep, as JSON bytes.

    Written out by hand: ``json.dumps`` itself recurses too deep for it.
    """
    nested = b'{"x": ' * depth + b'{"a": 1}' + b"}" * depth
    start = b'{"to": "+37251000000", "messages": [{"channel": "sms", "text": "Hi", "x": '
    return start + nested + b"}]}"


SMS_BODY = {"channel": "sms", "text": "Hi"}
LONG_TTL = [{**SMS_BODY, "ttl": 10**12}] * 90
HOSTILE_REQUESTS: dict[str, tuple[str, bytes]] = {
    "90 SMS with ttl 10**12 (past year 9999)": (
        "/omnimessage",
        json.dumps({"to": "+37251000000", "messages": LONG_TTL}).encode(),
    ),
    "time_to_send in 8999 with long ttls": (
        "/omnimessage",
        json.dumps(
            {
                "to": "+37251000000",
                "time_to_send": "8999-01-01T00:00:00Z",
                "messages": [{**SMS_BODY, "ttl": 10**10}] * 5,
            }
        ).encode(),
    ),
    "lone surrogate text with text_store sha256": (
        "/omnimessage",
        json.dumps(one({**SMS_BODY, "text": "\ud800"}, text_store="sha256")).encode(),
    ),
    "bulk: a valid item, then one past year 9999": (
        "/omnimessages",
        json.dumps(
            {"messages": [one(SMS_BODY), {"to": "+37251000000", "messages": LONG_TTL}]}
        ).encode(),
    ),
    "JSON nested 5,000 deep": ("/omnimessage", b"[" * 5000 + b"]" * 5000),
    "a mapping nested 2,000 deep": (
        "/omnimessage",
        _deep_json(2000),
    ),
    "25,000 invalid bulk items": (
        "/omnimessages",
        json.dumps({"messages": [{"to": "x", "messages": [{"channel": "sms"}]}] * 25_000}).encode(),
    ),
}
"""Requests the issue found answered 500 or crashing: each must be a 201 or a 4xx."""

HOSTILE_INPUTS: dict[str, Any] = {
    "a mapping nested 2,000 deep": one({**SMS_BODY, "x": _deep(2000)}),
    "a list nested 2,000 deep": one({**SMS_BODY, "text": _deep_list(2000)}),
    "lone surrogate in text": one({**SMS_BODY, "text": "Hi \ud800"}),
    "lone surrogate in sender": one({**SMS_BODY, "sender": "\udcff"}),
    "lone surrogate as a key": one({**SMS_BODY, "\ud800": 1}),
}
"""Input the issue found passing validation and then failing: each must be refused up front."""


def _hostile_inputs() -> list[str]:
    failures = []
    for name, body in HOSTILE_INPUTS.items():
        transport = _Refuse()
        with Omnichannel(*AUTH, base_url=UNREACHABLE, transport=transport, max_retries=0) as c:
            try:
                c.send(body)
            except InvalidMessageError:
                pass
            except Exception as exc:
                failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
            else:
                failures.append(f"{name}: accepted")
        if transport.sent:
            failures.append(f"{name}: sent")
    return failures


HOSTILE_ANSWERS: list[tuple[str, int, dict[str, str], bytes]] = [
    ("deeply nested JSON list", 400, {}, b"[" * 5000 + b"]" * 5000),
    ("deeply nested JSON object", 200, {}, b'{"a":' * 5000 + b"1" + b"}" * 5000),
    ("Retry-After: nan", 429, {"Retry-After": "nan"}, b"{}"),
    ("Retry-After: inf", 503, {"Retry-After": "inf"}, b"{}"),
    ("Retry-After: -1", 429, {"Retry-After": "-1"}, b"{}"),
    ("Retry-After: 1e308", 429, {"Retry-After": "1e308"}, b"{}"),
    ("Retry-After: a date in 9999", 429, {"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}, b""),
    ("not UTF-8", 200, {"Content-Type": "application/json"}, b"\xff\xfe{"),
    ("HTML error page", 502, {"Content-Type": "text/html"}, b"<html>Bad gateway</html>"),
    ("success that is a list", 201, {}, b"[1, 2]"),
    ("success with a wrong id", 201, {}, b'{"messages": [], "to": "x", "omnimessage_id": 5}'),
    ("errors of the wrong shape", 400, {}, b'{"errors": [1, "x", {"code": []}]}'),
    ("status 999", 999, {}, b"{}"),
    ("informational status", 103, {}, b""),
    (
        "huge number",
        200,
        {},
        b'{"statuses": [], "to": "x", "omnimessage_id": ' + b"9" * 5000 + b"}",
    ),
]
"""Answers no API should give: each must still end as a documented exception or a result."""


def _answer_outcome(status: int, headers: dict[str, str], body: bytes) -> str | None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, content=body)

    slept: list[float] = []
    with Omnichannel(
        *AUTH,
        base_url="http://127.0.0.1/v1",
        transport=httpx.MockTransport(handler),
        max_retries=1,
        deadline=5,
        sleep=slept.append,
    ) as client:
        calls: list[Callable[[], object]] = [
            lambda: client.send(one({"channel": "sms", "text": "Hi"})),
            lambda: client.status("6f2c4b3a-0000-4000-8000-000000000000"),
            lambda: client.cancel("6f2c4b3a-0000-4000-8000-000000000000"),
        ]
        for call in calls:
            try:
                call()
            except DOCUMENTED:
                pass
            except Exception as exc:
                return f"{type(exc).__name__}: {str(exc)[:200]}"
    if any(not 0 <= s <= 60 for s in slept):
        return f"waited {slept}"
    return None


def _junk_answers(examples: int, failures: list[str]) -> int:
    count = 0
    for name, status, headers, body in HOSTILE_ANSWERS:
        count += 1
        if (problem := _answer_outcome(status, headers, body)) is not None:
            failures.append(f"{name}: {problem}")

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        status=st.integers(200, 599),
        retry_after=HEADER_TEXT,
        content_type=st.sampled_from(["application/json", "text/plain", "", "x/y"]),
        body=st.binary(max_size=64) | JSON.map(lambda v: json.dumps(v).encode()),
    )
    def answers(status: int, retry_after: str, content_type: str, body: bytes) -> None:
        nonlocal count
        count += 1
        headers = {"Retry-After": retry_after, "Content-Type": content_type}
        if (problem := _answer_outcome(status, headers, body)) is not None:
            failures.append(f"HTTP {status} {headers} {body[:80]!r}: {problem}")

    try:
        answers()
    except Exception as exc:
        failures.append(f"{type(exc).__name__}: {str(exc)[:300]}")
    return count


def junk_checks(tally: Tally, examples: int) -> None:
    """Throw Hypothesis-generated junk at the sandbox and at the client.

    Args:
        tally: Where the rows go.
        examples: Examples per Hypothesis test.
    """
    failures: list[str] = []
    count = _junk_requests(examples, failures)
    tally.check("sandbox: junk bodies and headers", count, "no 5xx, no crash", failures)
    tally.check(
        "client: hostile input",
        len(HOSTILE_INPUTS),
        "InvalidMessageError, nothing sent",
        _hostile_inputs(),
    )
    failures = []
    count = _junk_answers(examples, failures)
    tally.check(
        "client: junk and hostile answers", count, "a result or a documented exception", failures
    )


def bad_input_campaign(examples: int = 100) -> Tally:
    """Run the corpus and the junk.

    Args:
        examples: Examples per Hypothesis test.

    Returns:
        The tally.
    """
    tally = Tally(f"Bad input: {len(CASES)} rules broken one at a time, then junk")
    corpus_checks(tally)
    junk_checks(tally, examples)
    return tally
