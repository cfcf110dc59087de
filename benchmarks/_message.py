"""The messages every column sends, built the way each library's users build them.

It imports only ``base64`` and ``typing``, which every library under test has imported by then,
so a fresh process can import it right after the timed import at almost no cost.
"""

import base64
from typing import Any

USERNAME = "bench"
PASSWORD = "bench-password"  # noqa: S105 - the peer accepts anything; not a secret
TO = "+37251000000"
SENDER = "MyBrand"
TEXT = "Your order has shipped."
SMS_JSON: dict[str, Any] = {
    "to": TO,
    "messages": [{"channel": "sms", "sender": SENDER, "text": TEXT}],
}
AUTH = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
RAW_HEADERS = {"Authorization": AUTH, "Content-Type": "application/json"}


def ours_sms(m: Any, to: str = TO) -> Any:
    """Build the one-channel SMS omnimessage with our builders.

    Args:
        m: The ``messente_omnichannel`` module.
        to: The recipient.

    Returns:
        The ``Omnimessage``.
    """
    return m.Omnimessage(to=to, messages=[m.SMS(TEXT, sender=SENDER)])


def messente_sms(api: Any, to: str = TO) -> Any:
    """Build the one-channel SMS omnimessage with Messente's models.

    Args:
        api: The ``messente_api`` module.
        to: The recipient.

    Returns:
        The ``messente_api.Omnimessage``.
    """
    return api.Omnimessage(
        to=to, messages=[api.OmnimessageMessagesInner(api.SMS(text=TEXT, sender=SENDER))]
    )


def ours_three_channels(m: Any) -> Any:
    """Build the WhatsApp template + Viber + SMS omnimessage with our builders.

    Args:
        m: The ``messente_omnichannel`` module.

    Returns:
        The ``Omnimessage``.
    """
    return m.Omnimessage(
        to=TO,
        messages=[
            m.WhatsApp.template("order_update", "en", body=["4242"], sender=SENDER),
            m.Viber(text=TEXT, sender=SENDER),
            m.SMS(TEXT, sender=SENDER),
        ],
    )


def messente_three_channels(api: Any) -> Any:
    """Build the same omnimessage as :func:`ours_three_channels` with Messente's models.

    Args:
        api: The ``messente_api`` module.

    Returns:
        The ``messente_api.Omnimessage``.
    """
    template = api.WhatsAppTemplate(
        name="order_update",
        language=api.WhatsAppLanguage(code="en"),
        components=[
            api.WhatsAppComponent(
                type="body", parameters=[api.WhatsAppParameter(type="text", text="4242")]
            )
        ],
    )
    return api.Omnimessage(
        to=TO,
        messages=[
            api.OmnimessageMessagesInner(api.WhatsApp(template=template, sender=SENDER)),
            api.OmnimessageMessagesInner(api.Viber(text=TEXT, sender=SENDER)),
            api.OmnimessageMessagesInner(api.SMS(text=TEXT, sender=SENDER)),
        ],
    )


def messente_api_client(api: Any, base_url: str, pool: int | None = None) -> Any:
    """Return Messente's ``OmnimessageApi`` pointed at the peer.

    Args:
        api: The ``messente_api`` module.
        base_url: The peer's base URL (``.../v1``).
        pool: urllib3 connections kept per host; its default is 5 per CPU, fewer than 16
            threads on 2 cores, which would discard connections and log a warning each time.

    Returns:
        The ``OmnimessageApi``.
    """
    cfg = api.Configuration(host=base_url, username=USERNAME, password=PASSWORD)
    if pool is not None:
        cfg.connection_pool_maxsize = pool
    return api.OmnimessageApi(api.ApiClient(cfg))
