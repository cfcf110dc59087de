"""The package root is a small, curated surface; this pins it."""

import messente_omnichannel

PUBLIC = [
    "RCS",
    "SMS",
    "ApiError",
    "AsyncOmnichannel",
    "AuthenticationError",
    "Autoconvert",
    "BadRequestError",
    "Channel",
    "ConnectError",
    "DeliveryErrorCode",
    "DeliveryReport",
    "DeliveryResult",
    "DeliveryStatus",
    "ErrorCode",
    "ErrorItem",
    "ErrorResponse",
    "ErrorTitle",
    "InvalidMessageError",
    "Message",
    "MessageResult",
    "MessenteError",
    "NotFoundError",
    "Omnichannel",
    "Omnimessage",
    "OmnimessageCreated",
    "Options",
    "Price",
    "Priority",
    "Problem",
    "RateLimitError",
    "SendOutcomeUnknownError",
    "ServerError",
    "Suggestion",
    "TemplateComponent",
    "TemplateParam",
    "TextStore",
    "TimeoutError",
    "TransportError",
    "Viber",
    "WhatsApp",
    "__version__",
    "validate",
]


def _isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then everything else.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_public_names_are_pinned_and_sorted() -> None:
    assert messente_omnichannel.__all__ == PUBLIC
    assert sorted(PUBLIC, key=_isort_key) == PUBLIC


def test_every_public_name_exists() -> None:
    for name in messente_omnichannel.__all__:
        assert hasattr(messente_omnichannel, name), name


def test_exceptions_form_one_hierarchy() -> None:
    m = messente_omnichannel
    for api in (m.BadRequestError, m.AuthenticationError, m.NotFoundError, m.RateLimitError):
        assert issubclass(api, m.ApiError)
    assert issubclass(m.ServerError, m.ApiError)
    for transport in (m.ConnectError, m.TimeoutError, m.SendOutcomeUnknownError):
        assert issubclass(transport, m.TransportError)
    for base in (m.ApiError, m.TransportError, m.InvalidMessageError):
        assert issubclass(base, m.MessenteError)
