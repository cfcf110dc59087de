from enum import StrEnum


class RcsCardOrientation(StrEnum):
    HORIZONTAL = "HORIZONTAL"
    VERTICAL = "VERTICAL"

    def __str__(self) -> str:
        return str(self.value)
