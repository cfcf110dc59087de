"""``send-many``: a CSV campaign with a progress bar, results per row, and a journal to resume."""

import csv
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from messente_omnichannel.sandbox import Faults

from .conftest import Served


def write_csv(path: Path, rows: int, *, bad: frozenset[int] = frozenset()) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["to", "name", "order"])
        for index in range(rows):
            to = "call me" if index in bad else f"+3725{index:07d}"
            writer.writerow([to, f"Name {index}", str(4000 + index)])
    return path


def results(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.slow
def test_ten_thousand_rows_on_the_sandbox_with_a_progress_bar(cli: Any, tmp_path: Path) -> None:
    rows = write_csv(tmp_path / "recipients.csv", 10_000)
    out = tmp_path / "results.jsonl"
    run = cli(
        "send-many", "--csv", str(rows), "--sms", "Hi {name}, order {order} has shipped",
        "--sandbox", "--progress", "--results", str(out),
    )  # fmt: skip
    assert run.status == 0, run.err
    assert "10000/10000" in run.err  # the progress bar reached the end
    assert "sent=10000" in run.err
    assert "Campaign: 10000 items: 10000 sent." in run.out
    written = results(out)
    assert sorted(r["index"] for r in written) == list(range(10_000))
    assert {r["status"] for r in written} == {"sent"}
    assert written[0]["to"] == f"+3725{written[0]['index']:07d}"


def test_resume_from_the_journal_sends_only_the_rest(
    cli: Any, served: Served, tmp_path: Path
) -> None:
    sandbox, url = served
    rows = write_csv(tmp_path / "recipients.csv", 40)
    journal = str(tmp_path / "campaign.db")
    base = ("send-many", "--csv", str(rows), "--sms", "Order {order}", "--base-url", url)
    command = (*base, "--journal", journal, "--batch-size", "10", "--json")
    # Every request refused with 429: nothing accepted, every row failed, safe to send again.
    sandbox.faults = Faults(too_many_requests=1.0, retry_after=0)
    first = cli(*command)
    assert first.status == 8, first.err
    assert first.json()["summary"]["failed"] == 40
    assert len(sandbox.ledger) == 0
    # Answers lost after processing: the second run leaves its rows unknown.
    sandbox.faults = Faults(drop_after=1.0)
    second = cli(*base, "--one-by-one", "--concurrency", "4", "--journal", journal)
    assert second.status == 4, second.err
    assert "Outcome unknown for rows 2, " in second.out
    assert len(sandbox.ledger) == 40
    # Run again with the answers coming back: nothing is sent twice.
    sandbox.faults = None
    third = cli(*command)
    assert third.status == 4
    assert third.json()["summary"]["unknown"] == 40
    assert len(sandbox.ledger) == 40
    resent = cli(*command, "--resend-unknown")
    assert resent.status == 0, resent.err
    assert resent.json()["summary"]["sent"] == 40
    again = cli(*command)
    assert again.status == 0
    assert again.json()["summary"]["already_sent"] == 40
    assert len(sandbox.ledger) == 80  # the 40 duplicates --resend-unknown asked for, no more


def test_invalid_rows_are_reported_and_the_rest_sent(
    cli: Any, served: Served, tmp_path: Path
) -> None:
    sandbox, url = served
    rows = write_csv(tmp_path / "recipients.csv", 12, bad=frozenset({3, 8}))
    out = tmp_path / "results.csv"
    run = cli(
        "send-many", "--csv", str(rows), "--sms", "Hi {name}", "--base-url", url,
        "--results", str(out), "--no-progress",
    )  # fmt: skip
    assert run.status == 8
    assert len(sandbox.ledger) == 10
    with out.open(newline="") as file:
        written = {int(r["index"]): r for r in csv.DictReader(file)}
    assert written[3]["status"] == "invalid" and "to" in written[3]["error"]
    assert written[3]["row"] == "5"
    assert {written[i]["status"] for i in written if i not in (3, 8)} == {"sent"}


def test_an_unknown_column_is_refused_before_anything_is_sent(
    cli: Any, served: Served, tmp_path: Path
) -> None:
    sandbox, url = served
    rows = write_csv(tmp_path / "recipients.csv", 3)
    run = cli("send-many", "--csv", str(rows), "--sms", "Hi {nmae}", "--base-url", url)
    assert run.status == 2
    assert "{nmae} names no column" in run.err
    assert "columns: to, name, order" in run.err
    assert len(sandbox.ledger) == 0


def test_dry_run_totals_the_sms_parts(cli: Any, tmp_path: Path) -> None:
    rows = write_csv(tmp_path / "recipients.csv", 5)
    long_text = "x" * 155 + " {name}"  # 162 GSM-7 characters: 2 parts each
    run = cli("send-many", "--csv", str(rows), "--sms", long_text, "--dry-run", "--json")
    assert run.status == 0, run.err
    data = run.json()
    assert data["rows"] == 5 and data["invalid"] == 0
    assert data["sms"]["messages"] == 5
    assert data["sms"]["parts"] == 10
    text = cli("send-many", "--csv", str(rows), "--sms", "Привет {name}", "--dry-run")
    assert "5 valid omnimessages" in text.out
    assert "UCS-2" in text.out


def readme_commands() -> list[list[str]]:
    readme = Path(__file__).resolve().parents[2] / "README.md"
    blocks = re.findall(r"```sh\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if "send-many --csv" in b]
    lines = block.replace("\\\n", " ").splitlines()
    commands = [shlex.split(line, comments=True) for line in lines]
    return [command[1:] for command in commands if command]


def test_the_readme_commands_run_as_printed(
    cli: Any, served: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox, url = served
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MESSENTE_BASE_URL", url)
    write_csv(tmp_path / "recipients.csv", 30)
    commands = readme_commands()
    assert len(commands) == 3
    for command in commands:
        run = cli(*command)
        assert run.status == 0, (command, run.err)
    assert len(sandbox.ledger) == 30  # the first one, to the API; the sandbox's stay in-process
    assert len(results(tmp_path / "results.jsonl")) == 30
    again = cli(*commands[0])  # resumed from campaign.db: nothing is sent twice
    assert again.status == 0 and "30 already sent" in again.out
    assert len(sandbox.ledger) == 30
