from enum import StrEnum


class DeliveryStatus(StrEnum):
    ACCEPTD = "ACCEPTD"
    ACK = "ACK"
    DELETED = "DELETED"
    DELIVRD = "DELIVRD"
    EXPIRED = "EXPIRED"
    FAILED = "FAILED"
    NACK = "NACK"
    REJECTD = "REJECTD"
    SEEN = "SEEN"
    UNDELIV = "UNDELIV"
    UNKNOWN = "UNKNOWN"

    def __str__(self) -> str:
        return str(self.value)
