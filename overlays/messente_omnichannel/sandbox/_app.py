"""The ASGI application: routing from the spec, authentication, faults, validation, answers."""

import base64
import binascii
import hmac
import json
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from messente_omnichannel._asgi import answer_lifespan
from messente_omnichannel.sandbox._errors import (
    ErrorEntry,
    ErrorKind,
    RequestRejected,
    error_response,
    invalid,
)
from messente_omnichannel.sandbox._faults import ConnectionDropped, Fault, Faults
from messente_omnichannel.sandbox._service import Service
from messente_omnichannel.sandbox._validation import SpecValidator, check_rules

logger = logging.getLogger("messente_omnichannel.sandbox")

MAX_BODY_BYTES = 1024 * 1024
"""The largest request body accepted, in bytes."""
OFF_LOOP_BYTES = 64 * 1024
"""Request bodies larger than this are parsed and checked in a worker thread."""

# An escaped UTF-16 surrogate: only a body that has one can hold a lone one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_REALM = 'Basic realm="Messente Omnichannel API sandbox", charset="UTF-8"'
_DUMMY_PASSWORD = b"\x00" * 32

Handler = Callable[[Request, str, dict[str, str]], Awaitable[Response]]
T = TypeVar("T")


class _Route:
    """One path template of the spec, with its operations by method."""

    def __init__(self, template: str) -> None:
        self.template = template
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
        self.regex = re.compile(f"^{pattern}$")
        self.operations: dict[str, str] = {}

    @property
    def allow(self) -> str:
        methods = set(self.operations)
        if "GET" in methods:
            methods.add("HEAD")
        return ", ".join(sorted(methods))


class _Dropped(Response):
    """Starts a response it never finishes: the connection is dropped."""

    def __init__(self) -> None:
        super().__init__(status_code=500)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Declaring a body and sending none makes a client see a broken connection, not an answer.
        await send(
            {"type": "http.response.start", "status": 500, "headers": [(b"content-length", b"1")]}
        )
        raise ConnectionDropped


class _JSONResponse(Response):
    """A JSON answer that remembers the omnimessages it reports as created."""

    media_type = "application/json"

    def __init__(self, body: Any, status: int, created: tuple[uuid.UUID, ...] = ()) -> None:
        super().__init__(json.dumps(body, separators=(",", ":")).encode(), status_code=status)
        self.created = created


class SandboxApp:
    """The sandbox's ASGI application.

    Args:
        service: The behaviour behind the HTTP layer.
        spec: The parsed OpenAPI document; its ``servers`` URL's path is the base path.
        faults: Faults to inject; ``None`` injects none.
        max_body_bytes: The largest request body accepted.
    """

    def __init__(
        self,
        service: Service,
        spec: dict[str, Any],
        faults: Faults | None = None,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.service = service
        self.faults = faults
        self.max_body_bytes = max_body_bytes
        self.validator = SpecValidator(spec)
        server = str(spec.get("servers", [{"url": "/"}])[0]["url"])
        self.base_path = "/" + server.split("://", 1)[-1].partition("/")[2].strip("/")
        handlers: dict[str, Handler] = {
            "sendOmnimessage": self._send,
            "sendBulkOmnimessage": self._send_bulk,
            "retrieveDeliveryReport": self._report,
            "cancelScheduledMessage": self._cancel,
        }
        self._handlers = handlers
        self._routes: list[_Route] = []
        for path, item in spec["paths"].items():
            route = _Route(self.base_path.rstrip("/") + path)
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    if operation["operationId"] not in handlers:
                        raise ValueError(
                            f"the sandbox has no handler for {operation['operationId']}"
                        )
                    route.operations[method.upper()] = operation["operationId"]
            self._routes.append(route)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection scope."""
        if scope["type"] == "lifespan":
            await answer_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            response = await self._dispatch(Request(scope, receive))
            await response(scope, receive, tracking_send)
        except ConnectionDropped:
            raise
        except Exception:
            # Never a raw exception to the server: after the response started it is only logged,
            # so an in-process test sees a failed request rather than a crash.
            logger.exception("unexpected error in the sandbox")
            if not started:
                error = ErrorEntry(
                    ErrorKind.INTERNAL_SERVER_ERROR, "The sandbox failed unexpectedly; see its log."
                )
                await error_response(500, [error])(scope, receive, send)

    async def _dispatch(self, request: Request) -> Response:
        path = request.url.path
        for route in self._routes:
            match = route.regex.match(path)
            if match is None:
                continue
            method = "GET" if request.method == "HEAD" else request.method
            operation = route.operations.get(method)
            if operation is None:
                detail = f"{request.method} is not allowed on {route.template}; use {route.allow}."
                error = ErrorEntry(ErrorKind.METHOD_NOT_ALLOWED, detail)
                return error_response(405, [error], {"Allow": route.allow})
            return await self._operation(request, operation, match.groupdict())
        detail = f"No such endpoint: {path}. The API is under {self.base_path}."
        return error_response(404, [ErrorEntry(ErrorKind.NOT_FOUND, detail)])

    async def _operation(
        self, request: Request, operation: str, params: dict[str, str]
    ) -> Response:
        fault = self.faults.draw() if self.faults is not None else Fault.NONE
        if self.faults is not None and self.faults.latency:
            await anyio.sleep(self.faults.latency)
        try:
            account = self._authenticate(request.headers.get("authorization"))
            if fault is Fault.DROP_BEFORE:
                return _Dropped()
            if fault in (Fault.UNAVAILABLE, Fault.SERVER_ERROR, Fault.TOO_MANY_REQUESTS):
                return self._fault_response(fault)
            response = await self._handlers[operation](request, account, params)
        except RequestRejected as rejection:
            response = rejection.response()
        if fault is Fault.DROP_AFTER:
            created = response.created if isinstance(response, _JSONResponse) else ()
            for omnimessage_id in created:
                self.service.ledger.mark_unanswered(omnimessage_id)
            return _Dropped()
        return response

    def _fault_response(self, fault: Fault) -> Response:
        assert self.faults is not None  # noqa: S101 (only called when faults are configured)
        retry = {"Retry-After": str(self.faults.retry_after)}
        if fault is Fault.TOO_MANY_REQUESTS:
            detail = f"Too many requests: retry after {self.faults.retry_after} seconds."
            error = ErrorEntry(ErrorKind.TOO_MANY_REQUESTS, detail)
            return error_response(429, [error], retry)
        if fault is Fault.UNAVAILABLE:
            error = ErrorEntry(
                ErrorKind.INTERNAL_SERVER_ERROR, "Service temporarily unavailable: retry later."
            )
            return error_response(503, [error], retry)
        error = ErrorEntry(ErrorKind.INTERNAL_SERVER_ERROR, "Internal server error (injected).")
        return error_response(500, [error])

    def _authenticate(self, header: str | None) -> str:
        username, password = _credentials(header)
        if username is None or password is None:
            detail = (
                "Missing or malformed HTTP basic authorization: send the API username and "
                "password (Account > API Settings)."
            )
            raise RequestRejected(
                401, [ErrorEntry(ErrorKind.UNAUTHORIZED, detail)], {"WWW-Authenticate": _REALM}
            )
        expected = self.service.accounts.get(username)
        matches = hmac.compare_digest(
            password.encode(), expected.encode() if expected is not None else _DUMMY_PASSWORD
        )
        if expected is None or not matches:
            detail = "Invalid API username or password."
            raise RequestRejected(
                401, [ErrorEntry(ErrorKind.UNAUTHORIZED, detail)], {"WWW-Authenticate": _REALM}
            )
        return username

    async def _read_body(self, request: Request) -> bytes:
        media_type, _, params = request.headers.get("content-type", "").partition(";")
        if media_type.strip().lower() != "application/json":
            shown = media_type.strip() or "none"
            raise invalid(f"Content-Type must be application/json, not {shown}.")
        charset = re.search(r"charset\s*=\s*\"?([\w-]+)", params, re.IGNORECASE)
        if charset and charset.group(1).lower().replace("-", "") != "utf8":
            raise invalid(f"The request body must be UTF-8, not {charset.group(1)}.")
        limit = self.max_body_bytes
        too_large = invalid(
            f"The request body is larger than {limit} bytes; send less per request."
        )
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)

    def _decode(self, raw: bytes) -> Any:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise invalid(f"The request body is not valid UTF-8 (byte {exc.start}).") from None
        if not text.strip():
            raise invalid("The request body is empty: send a JSON object.")
        try:
            body = json.loads(text, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise invalid(
                f"The request body is not valid JSON: {exc.msg} at line {exc.lineno} "
                f"column {exc.colno}."
            ) from None
        except (ValueError, RecursionError) as exc:
            raise invalid(f"The request body is not valid JSON: {exc}.") from None
        if _SURROGATE_ESCAPE.search(text):
            try:  # a pair (an escaped emoji) is text; a lone half of one is not
                json.dumps(body, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError:
                raise invalid(
                    "The request body holds a lone surrogate escape (such as \\ud800), which is "
                    "not Unicode text; send the character itself, or a pair for one outside "
                    "the Basic Multilingual Plane."
                ) from None
        return body

    def _check_body(self, operation: str, body: Any) -> None:
        try:
            errors = self.validator.check_body(operation, body)
        except (ValueError, OverflowError) as exc:
            # jsonschema_rs refuses some JSON that Python parses (integers beyond 64 bits).
            errors = [ErrorEntry(ErrorKind.INVALID_DATA, f"The request body is not valid: {exc}.")]
        if errors:
            raise RequestRejected(400, errors)

    def _omnimessage_id(self, operation: str, params: dict[str, str]) -> uuid.UUID:
        raw = params["omnimessageId"]
        errors = self.validator.check_param(operation, "omnimessageId", raw)
        if errors:
            raise RequestRejected(400, errors)
        return uuid.UUID(raw)

    # ------------------------------------------------------------------- operations

    async def _send(self, request: Request, account: str, params: dict[str, str]) -> Response:
        raw = await self._read_body(request)

        def accept() -> dict[str, Any]:
            body = self._decode(raw)
            self._check_body("sendOmnimessage", body)
            errors = check_rules(body)
            if errors:
                raise RequestRejected(400, errors)
            return self.service.send(account, body)

        created = await _off_loop_if_large(len(raw), accept)
        return _JSONResponse(created, 201, (uuid.UUID(created["omnimessage_id"]),))

    async def _send_bulk(self, request: Request, account: str, params: dict[str, str]) -> Response:
        raw = await self._read_body(request)

        def accept() -> dict[str, Any]:
            body = self._decode(raw)
            self._check_body("sendBulkOmnimessage", body)
            return self.service.send_bulk(account, body)

        result = await _off_loop_if_large(len(raw), accept)
        created = tuple(
            uuid.UUID(item["omnimessage_id"])
            for item in result["messages"]
            if "omnimessage_id" in item
        )
        return _JSONResponse(result, 201, created)

    async def _report(self, request: Request, account: str, params: dict[str, str]) -> Response:
        omnimessage_id = self._omnimessage_id("retrieveDeliveryReport", params)
        return _JSONResponse(self.service.report(account, omnimessage_id), 200)

    async def _cancel(self, request: Request, account: str, params: dict[str, str]) -> Response:
        omnimessage_id = self._omnimessage_id("cancelScheduledMessage", params)
        self.service.cancel(account, omnimessage_id)
        return _JSONResponse({}, 202)


def _credentials(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None, None
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None, None
    username, sep, password = decoded.partition(":")
    return (username, password) if sep else (None, None)


async def _off_loop_if_large(size: int, work: Callable[[], T]) -> T:
    """Run the parsing, checking and accepting of a request body.

    Small bodies (nearly all) run in place. A large one runs in a worker thread: it costs up to
    about a second of CPU, and on the event loop that second would hold up every other request.
    """
    if size <= OFF_LOOP_BYTES:
        return work()
    return await anyio.to_thread.run_sync(work)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")
