"""Python SDK for Messente's Omnichannel API.

The package is written by hand on top of ``messente_omnichannel_client``, which
openapi-python-client generates from the ``openapi.yaml`` shipped in this package.

Example:
    ``with Omnichannel() as client: client.send(Omnimessage(to=..., messages=[...]))``

Delivery reports pushed to ``dlr_url`` are verified and parsed by :func:`parse_delivery_report`
(or received by the ASGI app :class:`ReportReceiver`), and folded into each fallback chain's
outcome by :class:`Tracker`.
"""

from typing import TYPE_CHECKING

from messente_omnichannel._builders.omnimessage import Message, Omnimessage
from messente_omnichannel._builders.rcs import RCS, Suggestion
from messente_omnichannel._builders.sms import SMS
from messente_omnichannel._builders.viber import Viber
from messente_omnichannel._builders.whatsapp import TemplateComponent, TemplateParam, WhatsApp
from messente_omnichannel._campaign._journal import Journal, JournalEntry, JournalState
from messente_omnichannel._campaign._results import CampaignSummary, ItemResult, ItemStatus
from messente_omnichannel._client._async import AsyncOmnichannel
from messente_omnichannel._client._options import Options
from messente_omnichannel._client._prepare import validate
from messente_omnichannel._client._raw import RawResponse
from messente_omnichannel._client._sync import Omnichannel
from messente_omnichannel._errors import (
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    ApiUnreachableError,
    AuthenticationError,
    BadRequestError,
    CampaignSourceChangedError,
    CancelOutcomeUnknownError,
    InvalidMessageError,
    InvalidNumberError,
    InvalidReportError,
    MessenteError,
    MissingSignatureError,
    NotFoundError,
    NumberProblem,
    Problem,
    RateLimitError,
    ReportError,
    ReportNotJSONError,
    SendOutcomeUnknownError,
    ServerError,
    SignatureError,
    WrongSignatureError,
)
from messente_omnichannel._numbers import normalize_number
from messente_omnichannel._reports._dedupe import Deduplicator
from messente_omnichannel._reports._parse import (
    DeliveryUpdate,
    SignedReport,
    parse_delivery_report,
    sign_report,
)
from messente_omnichannel._reports._receiver import ReportReceiver
from messente_omnichannel._reports._tracker import ChainOutcome, ChainState, Tracker
from messente_omnichannel._results import DeliveryReport, DeliveryResult, Price
from messente_omnichannel._sms_parts import SmsEncoding, SmsParts, sms_parts
from messente_omnichannel._version import __version__
from messente_omnichannel_client.models import (
    Autoconvert,
    Channel,
    DeliveryErrorCode,
    DeliveryStatus,
    ErrorCode,
    ErrorItem,
    ErrorResponse,
    ErrorTitle,
    MessageResult,
    OmnimessageCreated,
    Priority,
    TextStore,
)

if TYPE_CHECKING:
    from messente_omnichannel._campaign._run import AsyncCampaign, Campaign
    from messente_omnichannel._campaign._sqlite import SqliteJournal

__all__ = [
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


def __getattr__(name: str) -> object:
    """Import the campaign handles and the SQLite journal on first use, not with the package.

    They bring sqlite3 and anyio's thread portal, which a program that never runs a campaign
    should not pay for at import.
    """
    if name in ("AsyncCampaign", "Campaign"):
        from messente_omnichannel._campaign import _run

        return getattr(_run, name)
    if name == "SqliteJournal":
        from messente_omnichannel._campaign._sqlite import SqliteJournal

        return SqliteJournal
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
