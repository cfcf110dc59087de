from enum import StrEnum


class Autoconvert(StrEnum):
    FULL = "full"
    OFF = "off"
    ON = "on"

    def __str__(self) -> str:
        return str(self.value)
