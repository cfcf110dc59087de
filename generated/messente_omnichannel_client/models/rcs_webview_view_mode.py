from enum import StrEnum


class RcsWebviewViewMode(StrEnum):
    FULL = "FULL"
    HALF = "HALF"
    TALL = "TALL"

    def __str__(self) -> str:
        return str(self.value)
