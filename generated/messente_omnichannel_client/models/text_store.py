from enum import StrEnum


class TextStore(StrEnum):
    NOSTORE = "nostore"
    PLAINTEXT = "plaintext"
    SHA256 = "sha256"

    def __str__(self) -> str:
        return str(self.value)
