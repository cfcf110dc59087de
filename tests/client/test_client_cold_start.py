"""A cold client shared by many threads reads and compiles the spec once, not once per thread."""

import json
import threading
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest

from messente_omnichannel import SMS, Omnimessage, _spec, _validation, validate


@pytest.fixture
def cold(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """Forget the process's parse and compilations, and count new ones."""
    monkeypatch.setattr(_spec, "_document", None)
    monkeypatch.setattr(_validation, "_shipped", None)
    counts = {"parsed": 0, "compiled": 0}
    loads, compile_ = json.loads, jsonschema_rs.validator_for

    def counted_loads(raw: Any) -> Any:
        counts["parsed"] += 1
        return loads(raw)

    def counted_compile(*args: Any, **kwargs: Any) -> Any:
        counts["compiled"] += 1
        return compile_(*args, **kwargs)

    monkeypatch.setattr("messente_omnichannel._spec.json.loads", counted_loads)
    monkeypatch.setattr(jsonschema_rs, "validator_for", counted_compile)
    yield counts


def test_sixteen_threads_share_one_parse_and_one_compilation(cold: dict[str, int]) -> None:
    message = Omnimessage(to="+37251000000", messages=[SMS("Hi", sender="MyBrand")])
    start = threading.Barrier(16)
    errors: list[BaseException] = []

    def check() -> None:
        start.wait()
        try:
            validate(message)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=check) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cold == {"parsed": 1, "compiled": 1}


def test_the_calendar_rule_walks_only_rcs_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[Any] = []
    find = _validation._find

    def spy(node: Any, key: str, path: Any) -> Any:
        walked.append(path)
        return find(node, key, path)

    monkeypatch.setattr(_validation, "_find", spy)
    validate(Omnimessage(to="+37251000000", messages=[SMS("Hi"), SMS("Again")]))
    assert walked == []
    problems = _validation.calendar_problems(
        {"to": "+3725", "messages": [{"channel": "sms"}, {"channel": "rcs", "text": "x"}]}
    )
    assert problems == []
    assert walked[0] == ("messages", 1)
    assert all(path[:2] == ("messages", 1) for path in walked)
