from enum import StrEnum


class Channel(StrEnum):
    RCS = "rcs"
    SMS = "sms"
    TELEGRAM = "telegram"
    VIBER = "viber"
    WHATSAPP = "whatsapp"

    def __str__(self) -> str:
        return str(self.value)
