from enum import StrEnum


class ErrorCode(StrEnum):
    FORBIDDEN = "102"
    INTERNAL_SERVER_ERROR = "104"
    INVALID_DATA = "105"
    METHOD_NOT_ALLOWED = "107"
    MISSING_DATA = "106"
    NOT_FOUND = "101"
    UNAUTHORIZED = "103"

    def __str__(self) -> str:
        return str(self.value)
