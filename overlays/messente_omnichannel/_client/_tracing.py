"""OpenTelemetry spans of client calls: one per call, with one child per HTTP attempt.

Nothing here imports OpenTelemetry. A call is traced only when ``opentelemetry.trace`` is
already imported (an application that set up tracing has imported it) and a tracer provider
other than the API's placeholder is set; otherwise each hook is a no-op method of
:data:`UNTRACED`. The spans follow OpenTelemetry's HTTP client conventions where they fit
(``http.request.method``, ``http.response.status_code``, ``server.address``, ``error.type``,
``http.request.resend_count``, kind ``CLIENT`` for attempts) and add ``messente.*`` attributes:
the operation, the attempt number, the retries, and the outcome. They never carry a credential,
a message's text or a phone number: attributes are built from the operation, the URL (whose
path holds at most an omnimessage ID) and the status, never from a body or a header.
"""

import sys
from contextvars import Token
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx

from messente_omnichannel._client._base import Call, Outcome, uncertain_outcome
from messente_omnichannel._errors import MessenteError
from messente_omnichannel._version import __version__

if TYPE_CHECKING:
    from opentelemetry.context import Context
    from opentelemetry.trace import Span, Tracer, TracerProvider

SCOPE = "messente_omnichannel"
"""The instrumentation scope's name of every span."""

SENT, NOT_SENT, UNKNOWN = "sent", "not_sent", "unknown"
"""``messente.outcome`` of a send: accepted, provably not accepted, or either."""
OK, ERROR = "ok", "error"
"""``messente.outcome`` of a status or cancel call (a cancel may also end ``unknown``)."""

_DEFAULT_PORTS = {"https": 443, "http": 80}
_cached: "tuple[TracerProvider, Tracer] | None" = None


class CallTrace:
    """The hooks of one call; as :data:`UNTRACED`, each does nothing.

    Used as a context manager around the attempts of a call: leaving it ends the spans.
    """

    __slots__ = ()

    def __enter__(self) -> Self:
        """Start the call."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """End the call, with the exception that ended it, if any."""

    def attempt(self, request: httpx.Request, retries: int) -> None:
        """Start an attempt.

        Args:
            request: The request of the attempt.
            retries: Attempts made before this one.
        """

    def attempt_ended(self, outcome: Outcome, delay: float | None) -> None:
        """End the attempt.

        Args:
            outcome: Its response, or the transport error that stopped it.
            delay: Seconds until the next attempt, or ``None`` when the call ends with it.
        """


UNTRACED = CallTrace()
"""The hooks of a call that is not traced."""


def traced(call: Call[Any]) -> CallTrace:
    """Return the hooks of a call: spans when the application traces, else :data:`UNTRACED`.

    Args:
        call: The call.

    Returns:
        The hooks; enter them before the first attempt.
    """
    api = sys.modules.get("opentelemetry.trace")
    if api is None:
        return UNTRACED
    tracer = _tracer(api)
    return UNTRACED if tracer is None else _SpanTrace(tracer, call)


def _tracer(api: ModuleType) -> "Tracer | None":
    global _cached  # the SDK builds a new tracer on every get_tracer()
    # The module as found, not imported again: an import statement here costs microseconds.
    trace: Any = api
    provider: TracerProvider = trace.get_tracer_provider()
    if isinstance(provider, (trace.ProxyTracerProvider, trace.NoOpTracerProvider)):
        return None
    cached = _cached
    if cached is not None and cached[0] is provider:
        return cached[1]
    tracer = provider.get_tracer(SCOPE, __version__)
    _cached = (provider, tracer)
    return tracer


def error_type(error: BaseException) -> str:
    """Name an exception for ``error.type``: its public, fully qualified class name."""
    cls = type(error)
    module = "messente_omnichannel" if isinstance(error, MessenteError) else cls.__module__
    return f"{module}.{cls.__qualname__}"


def _attempt_outcome(sends: bool, outcome: Outcome) -> str:
    if isinstance(outcome, httpx.Response) and outcome.is_success:
        return SENT if sends else OK
    if not sends:
        return ERROR
    return UNKNOWN if uncertain_outcome(outcome) else NOT_SENT


class _SpanTrace(CallTrace):
    """The spans of one traced call."""

    __slots__ = (
        "_attempt",
        "_attempts",
        "_call",
        "_parent",
        "_span",
        "_status",
        "_token",
        "_tracer",
        "_uncertain",
    )

    def __init__(self, tracer: "Tracer", call: Call[Any]) -> None:
        self._tracer = tracer
        self._call = call
        self._attempts = 0
        self._uncertain = False
        self._status: int | None = None
        self._attempt: Span | None = None
        self._token: Token[Context] | None = None

    def __enter__(self) -> Self:
        from opentelemetry import trace

        operation = self._call.operation
        self._span = self._tracer.start_span(
            operation.operation_id,
            kind=trace.SpanKind.INTERNAL,
            attributes={"messente.operation": operation.operation_id},
        )
        self._parent: Context = trace.set_span_in_context(self._span)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        from opentelemetry.trace import Status, StatusCode

        operation = self._call.operation
        if self._attempt is not None:
            # Interrupted (a cancellation, a bug) while the request may have been on its way.
            self._uncertain = True
            self._attempt.set_attribute(
                "messente.outcome", ERROR if operation.method == "GET" else UNKNOWN
            )
            self._end_attempt(exc)
        span = self._span
        if exc is None:
            outcome = SENT if operation.sends else OK
        elif self._uncertain and operation.method != "GET":
            outcome = UNKNOWN  # the client's own rule: an unclear attempt may have taken effect
        else:
            outcome = NOT_SENT if operation.sends else ERROR
        span.set_attribute("messente.outcome", outcome)
        span.set_attribute("messente.attempts", self._attempts)
        span.set_attribute("messente.retries", max(self._attempts - 1, 0))
        if self._status is not None:
            span.set_attribute("http.response.status_code", self._status)
        if exc is not None:
            span.set_attribute("error.type", error_type(exc))
            span.set_status(Status(StatusCode.ERROR))
        span.end()

    def attempt(self, request: httpx.Request, retries: int) -> None:
        from opentelemetry import context, trace

        url = request.url
        attributes: dict[str, str | int] = {
            "http.request.method": request.method,
            "server.address": url.host,
            "server.port": url.port or _DEFAULT_PORTS.get(url.scheme, 0),
            "url.full": str(url),
            "url.template": self._call.operation.path,
            "messente.operation": self._call.operation.operation_id,
            "messente.attempt": retries + 1,
        }
        if retries:
            attributes["http.request.resend_count"] = retries
        self._attempts = retries + 1
        self._attempt = self._tracer.start_span(
            f"{request.method} {self._call.operation.path}",
            context=self._parent,
            kind=trace.SpanKind.CLIENT,
            attributes=attributes,
        )
        # Current while it is sent, so an instrumented transport's own spans nest under it.
        self._token = context.attach(trace.set_span_in_context(self._attempt, self._parent))

    def attempt_ended(self, outcome: Outcome, delay: float | None) -> None:
        span = self._attempt
        if span is None:
            return
        if isinstance(outcome, httpx.Response):
            self._status = outcome.status_code
            span.set_attribute("http.response.status_code", outcome.status_code)
        else:
            self._status = None
        self._uncertain = self._uncertain or uncertain_outcome(outcome)
        span.set_attribute(
            "messente.outcome", _attempt_outcome(self._call.operation.sends, outcome)
        )
        if delay is not None:
            span.set_attribute("messente.retry_delay", delay)
        failed = not isinstance(outcome, httpx.Response) or outcome.status_code >= 400
        self._end_attempt(outcome if failed else None)

    def _end_attempt(self, failure: BaseException | httpx.Response | None) -> None:
        from opentelemetry import context
        from opentelemetry.trace import Status, StatusCode

        span, token = self._attempt, self._token
        self._attempt = self._token = None
        if token is not None:
            context.detach(token)
        if span is None:
            return
        if failure is not None:
            if isinstance(failure, httpx.Response):
                span.set_attribute("error.type", str(failure.status_code))
            else:
                span.set_attribute("error.type", error_type(failure))
            span.set_status(Status(StatusCode.ERROR))
        span.end()
