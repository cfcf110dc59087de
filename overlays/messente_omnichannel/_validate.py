"""The public ``validate`` function."""

from messente_omnichannel._core import MessageLike, omnimessage_payload


def validate(message: MessageLike) -> None:
    """Check an omnimessage as :meth:`Omnichannel.send` does, without sending it.

    Args:
        message: The omnimessage, built or as the API's JSON.

    Raises:
        InvalidMessageError: With every problem found, each with its field path.
    """
    omnimessage_payload(message)
