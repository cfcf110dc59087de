from enum import StrEnum


class RcsCardWidth(StrEnum):
    MEDIUM = "MEDIUM"
    SMALL = "SMALL"

    def __str__(self) -> str:
        return str(self.value)
