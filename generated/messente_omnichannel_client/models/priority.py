from enum import StrEnum


class Priority(StrEnum):
    HIGH = "high"
    LOW = "low"
    REGULAR = "regular"

    def __str__(self) -> str:
        return str(self.value)
