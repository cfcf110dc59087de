from enum import StrEnum


class ErrorTitle(StrEnum):
    FORBIDDEN = "Forbidden"
    INTERNAL_SERVER_ERROR = "Internal Server Error"
    INVALID_DATA = "Invalid data"
    METHOD_NOT_ALLOWED = "Method not allowed"
    MISSING_DATA = "Missing data"
    NOT_FOUND = "Not found"
    UNAUTHORIZED = "Unauthorized"

    def __str__(self) -> str:
        return str(self.value)
