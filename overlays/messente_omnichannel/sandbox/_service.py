"""What the four operations do, once a request is authenticated and valid."""

import uuid
from datetime import datetime
from typing import Any

from messente_omnichannel.sandbox._clock import Clock
from messente_omnichannel.sandbox._dlr import Report, ReportDispatcher
from messente_omnichannel.sandbox._errors import ErrorEntry, error_body, not_found
from messente_omnichannel.sandbox._ledger import Ledger, LedgerEntry, store_message
from messente_omnichannel.sandbox._scenarios import (
    DEFAULT_SENDER,
    Attempt,
    StatusEvent,
    plan,
    scenario_for,
)
from messente_omnichannel.sandbox._state import DEFAULT_MAX_STORED, Store, StoredOmnimessage
from messente_omnichannel.sandbox._timers import Timers
from messente_omnichannel.sandbox._validation import check_rules, parse_datetime


class Service:
    """The sandbox's behaviour behind the HTTP layer.

    Args:
        accounts: API username to password.
        clock: The sandbox clock.
        timers: Where status changes that need a delivery report are scheduled.
        dispatcher: Sends delivery reports.
        max_stored: The most omnimessages kept (and ledger entries); the oldest go first.
    """

    def __init__(
        self,
        accounts: dict[str, str],
        clock: Clock,
        timers: Timers,
        dispatcher: ReportDispatcher,
        max_stored: int = DEFAULT_MAX_STORED,
    ) -> None:
        self.accounts = accounts
        self.clock = clock
        self.timers = timers
        self.dispatcher = dispatcher
        self.store = Store(max_stored)
        self.ledger = Ledger(max_stored)

    def send(self, account: str, body: dict[str, Any]) -> dict[str, Any]:
        """Accept one valid omnimessage.

        Args:
            account: The API username sending it.
            body: The schema-valid ``Omnimessage``.

        Returns:
            The spec's ``OmnimessageCreated``.
        """
        return self._accept(*self._prepare(account, body))

    def _prepare(
        self, account: str, body: dict[str, Any]
    ) -> tuple[StoredOmnimessage, LedgerEntry, dict[str, Any]]:
        """Work out everything about an omnimessage, changing nothing (all that can fail)."""
        now = self.clock.now()
        messages: list[dict[str, Any]] = body["messages"]
        ids = [uuid.uuid4() for _ in messages]
        send_at = now
        if "time_to_send" in body:
            send_at = max(now, parse_datetime(body["time_to_send"]))
        omnimessage = StoredOmnimessage(
            omnimessage_id=uuid.uuid4(),
            account=account,
            to=body["to"],
            send_at=send_at,
            attempts=plan(scenario_for(body["to"]), messages, send_at, ids),
            dlr_url=body.get("dlr_url"),
        )
        text_store = body.get("text_store", "plaintext")
        results = [
            {"message_id": str(mid), "channel": m["channel"], "sender": _sender(m)}
            for m, mid in zip(messages, ids, strict=True)
        ]
        stored = tuple(
            store_message(m, mid, _sender(m), text_store)
            for m, mid in zip(messages, ids, strict=True)
        )
        entry = LedgerEntry(
            omnimessage.omnimessage_id, account, omnimessage.to, now, text_store, stored
        )
        created = {
            "messages": results,
            "to": omnimessage.to,
            "omnimessage_id": str(omnimessage.omnimessage_id),
        }
        return omnimessage, entry, created

    def _accept(
        self, omnimessage: StoredOmnimessage, entry: LedgerEntry, created: dict[str, Any]
    ) -> dict[str, Any]:
        self.store.add(omnimessage)
        self.ledger.append(entry)
        if omnimessage.dlr_url:
            self._schedule_reports(omnimessage)
        return created

    def send_bulk(self, account: str, body: dict[str, Any]) -> dict[str, Any]:
        """Accept a valid bulk request, omnimessage by omnimessage.

        Args:
            account: The API username sending it.
            body: The schema-valid ``BulkOmnimessage``.

        Returns:
            The spec's ``BulkOmnimessageCreated``: per omnimessage, its created body or errors.
        """
        # Every omnimessage is worked out before any is kept: an unexpected failure on one (a
        # 500) leaves none of them accepted, as the answer says.
        prepared: list[tuple[StoredOmnimessage, LedgerEntry, dict[str, Any]] | None] = []
        results: list[dict[str, Any]] = []
        for omnimessage in body["messages"]:
            errors: list[ErrorEntry] = check_rules(omnimessage)
            prepared.append(None if errors else self._prepare(account, omnimessage))
            results.append(error_body(errors) if errors else {})
        for index, item in enumerate(prepared):
            if item is not None:
                results[index] = self._accept(*item)
        return {"messages": results}

    def report(self, account: str, omnimessage_id: uuid.UUID) -> dict[str, Any]:
        """Return the delivery report of an omnimessage.

        Args:
            account: The API username asking.
            omnimessage_id: The omnimessage.

        Returns:
            The spec's ``DeliveryReport``.

        Raises:
            RequestRejected: 404, the omnimessage does not exist for this account.
        """
        omnimessage = self.store.get(account, omnimessage_id)
        if omnimessage is None:
            raise not_found(f"No omnimessage with id {omnimessage_id}.")
        if omnimessage.cancelled:
            # A cancelled omnimessage is deleted, as far as the API is concerned.
            raise not_found(f"Omnimessage {omnimessage_id} was cancelled.")
        return omnimessage.report(self.clock.now())

    def cancel(self, account: str, omnimessage_id: uuid.UUID) -> None:
        """Cancel a scheduled omnimessage.

        Args:
            account: The API username asking.
            omnimessage_id: The omnimessage.

        Raises:
            RequestRejected: 404, no such omnimessage for this account, or it has started
                sending or was cancelled already.
        """
        if not self.store.cancel(account, omnimessage_id, self.clock.now()):
            raise not_found(
                f"No scheduled omnimessage with id {omnimessage_id}: it does not exist, "
                "has already started sending, or was cancelled."
            )

    def _schedule_reports(self, omnimessage: StoredOmnimessage) -> None:
        for attempt in omnimessage.attempts:
            for event in attempt.events:
                self.timers.schedule(event.at, _Emit(self, omnimessage, attempt, event))

    def emit(self, omnimessage: StoredOmnimessage, attempt: Attempt, event: StatusEvent) -> None:
        """Queue the delivery report of one status change, unless the omnimessage was cancelled.

        Args:
            omnimessage: The omnimessage.
            attempt: The channel attempt.
            event: Its new status.
        """
        if omnimessage.dlr_url is None or omnimessage.cancelled:
            return
        payload = {
            "omnimessage_id": str(omnimessage.omnimessage_id),
            "to": omnimessage.to,
            **attempt.report(event),
        }
        password = self.accounts[omnimessage.account]
        self.dispatcher.submit(Report.build(omnimessage.dlr_url, payload, password))

    def now(self) -> datetime:
        """Return the sandbox time."""
        return self.clock.now()


class _Emit:
    """A scheduled status change; a class rather than a closure so the heap holds little."""

    __slots__ = ("attempt", "event", "omnimessage", "service")

    def __init__(
        self, service: Service, omnimessage: StoredOmnimessage, attempt: Attempt, event: StatusEvent
    ) -> None:
        self.service = service
        self.omnimessage = omnimessage
        self.attempt = attempt
        self.event = event

    def __call__(self) -> None:
        self.service.emit(self.omnimessage, self.attempt, self.event)


def _sender(message: dict[str, Any]) -> str:
    sender = message.get("sender")
    return sender if isinstance(sender, str) else DEFAULT_SENDER
