"""Python SDK for Messente's Omnichannel API.

The package is written by hand on top of ``messente_omnichannel_client``, which
openapi-python-client generates from the ``openapi.yaml`` shipped in this package.

Example:
    ``with Omnichannel() as client: client.send(Omnimessage(to=..., messages=[...]))``
"""

from messente_omnichannel._async_client import AsyncOmnichannel
from messente_omnichannel._builders.omnimessage import Message, Omnimessage
from messente_omnichannel._builders.rcs import RCS, Suggestion
from messente_omnichannel._builders.sms import SMS
from messente_omnichannel._builders.viber import Viber
from messente_omnichannel._builders.whatsapp import TemplateComponent, TemplateParam, WhatsApp
from messente_omnichannel._client import Omnichannel
from messente_omnichannel._errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ConnectError,
    InvalidMessageError,
    MessenteError,
    NotFoundError,
    Problem,
    RateLimitError,
    SendOutcomeUnknownError,
    ServerError,
    TimeoutError,
    TransportError,
)
from messente_omnichannel._options import Options
from messente_omnichannel._results import DeliveryReport, DeliveryResult, Price
from messente_omnichannel._validate import validate
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

__all__ = [
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
