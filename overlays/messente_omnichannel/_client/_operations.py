"""The API's operations: the method and path of each, as ``openapi.yaml`` declares them.

A test pins this table to the spec, so a path changed there cannot be missed here.
"""

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of the API.

    Attributes:
        operation_id: The spec's ``operationId``.
        method: The HTTP method.
        path: The path template, relative to the base URL, for example
            ``/omnimessage/{omnimessageId}``.
    """

    operation_id: str
    method: str
    path: str

    @property
    def sends(self) -> bool:
        """Whether repeating the request may deliver a message twice (no idempotency key)."""
        return self.method == "POST"

    def path_for(self, omnimessage_id: UUID | None = None) -> str:
        """Return the path of one request.

        Args:
            omnimessage_id: The omnimessage, for the operations whose path names one.

        Returns:
            The path, relative to the base URL.
        """
        if omnimessage_id is None:
            return self.path
        return self.path.replace("{omnimessageId}", str(omnimessage_id))


SEND = Operation("sendOmnimessage", "POST", "/omnimessage")
SEND_BULK = Operation("sendBulkOmnimessage", "POST", "/omnimessages")
STATUS = Operation("retrieveDeliveryReport", "GET", "/omnimessage/{omnimessageId}/status")
CANCEL = Operation("cancelScheduledMessage", "DELETE", "/omnimessage/{omnimessageId}")

OPERATIONS = (SEND, SEND_BULK, STATUS, CANCEL)
"""Every operation of the API."""
