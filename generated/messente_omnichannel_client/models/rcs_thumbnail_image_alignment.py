from enum import StrEnum


class RcsThumbnailImageAlignment(StrEnum):
    LEFT = "LEFT"
    RIGHT = "RIGHT"

    def __str__(self) -> str:
        return str(self.value)
