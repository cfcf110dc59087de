from enum import StrEnum


class RcsOpenUrlApplication(StrEnum):
    BROWSER = "BROWSER"
    WEBVIEW = "WEBVIEW"

    def __str__(self) -> str:
        return str(self.value)
