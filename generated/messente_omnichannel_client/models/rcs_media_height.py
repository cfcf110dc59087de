from enum import StrEnum


class RcsMediaHeight(StrEnum):
    MEDIUM = "MEDIUM"
    SHORT = "SHORT"
    TALL = "TALL"

    def __str__(self) -> str:
        return str(self.value)
