"""The package root is a small, curated surface; this pins it."""

import messente_omnichannel

PUBLIC = [
    "RCS",
    "SMS",
    "ApiConnectionError",
    "ApiError",
    "ApiTimeoutError",
    "ApiUnreachableError",
    "AsyncCampaign",
    "AsyncOmnichannel",
    "AuthenticationError",
    "Autoconvert",
    "BadRequestError",
    "Campaign",
    "CampaignSourceChangedError",
    "CampaignSummary",
    "CancelOutcomeUnknownError",
    "ChainOutcome",
    "ChainState",
    "Channel",
    "Deduplicator",
    "DeliveryErrorCode",
    "DeliveryReport",
    "DeliveryResult",
    "DeliveryStatus",
    "DeliveryUpdate",
    "ErrorCode",
    "ErrorItem",
    "ErrorResponse",
    "ErrorTitle",
    "InvalidMessageError",
    "InvalidNumberError",
    "InvalidReportError",
    "ItemResult",
    "ItemStatus",
    "Journal",
    "JournalEntry",
    "JournalState",
    "Message",
    "MessageResult",
    "MessenteError",
    "MissingSignatureError",
    "NotFoundError",
    "NumberProblem",
    "Omnichannel",
    "Omnimessage",
    "OmnimessageCreated",
    "Options",
    "Price",
    "Priority",
    "Problem",
    "RateLimitError",
    "RawResponse",
    "ReportError",
    "ReportNotJSONError",
    "ReportReceiver",
    "SendOutcomeUnknownError",
    "ServerError",
    "SignatureError",
    "SignedReport",
    "SmsEncoding",
    "SmsParts",
    "SqliteJournal",
    "Suggestion",
    "TemplateComponent",
    "TemplateParam",
    "TextStore",
    "Tracker",
    "Viber",
    "WhatsApp",
    "WrongSignatureError",
    "__version__",
    "normalize_number",
    "parse_delivery_report",
    "sign_report",
    "sms_parts",
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
    for transport in (
        m.ApiUnreachableError,
        m.ApiTimeoutError,
        m.SendOutcomeUnknownError,
        m.CancelOutcomeUnknownError,
    ):
        assert issubclass(transport, m.ApiConnectionError)
    for base in (m.ApiError, m.ApiConnectionError, m.InvalidMessageError, m.ReportError):
        assert issubclass(base, m.MessenteError)
    for signature in (m.MissingSignatureError, m.WrongSignatureError):
        assert issubclass(signature, m.SignatureError)
    for report in (m.SignatureError, m.ReportNotJSONError, m.InvalidReportError):
        assert issubclass(report, m.ReportError)
