from enum import IntEnum


class DeliveryErrorCode(IntEnum):
    NO_ERROR = 0
    DELIVERY_FAILURE = 1
    MESSAGE_EXPIRED = 2
    INVALID_NUMBER = 3
    CREDIT_ERROR = 4
    INVALID_NUMBER_FORMAT = 5
    TOO_MANY_IDENTICAL_MESSAGES = 6
    SENDER_NAME_NOT_ALLOWED = 7
    OPERATOR_BLACKLISTED = 8
    UNROUTABLE = 9
    SEEN = 10
    GENERAL_TEMPORARY_ERROR = 999

    def __str__(self) -> str:
        return str(self.value)
