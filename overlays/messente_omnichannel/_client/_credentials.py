"""API credentials, kept out of every repr, log line and exception."""

import base64
import os
from collections.abc import Mapping

from messente_omnichannel._errors import MessenteError

USERNAME_ENV = "MESSENTE_API_USERNAME"
PASSWORD_ENV = "MESSENTE_API_PASSWORD"  # noqa: S105 - the variable's name, not a secret


class Credentials:
    """An API username and password; ``repr`` and ``str`` never show them."""

    __slots__ = ("__weakref__", "_password", "_username")

    def __init__(self, username: str, password: str) -> None:
        """Store the credentials.

        Args:
            username: The API username (Account > API Settings).
            password: The API password.
        """
        self._username = username
        self._password = password

    def __repr__(self) -> str:
        """Return a representation without the secrets."""
        return "Credentials(username=<redacted>, password=<redacted>)"

    __str__ = __repr__

    def authorization(self) -> str:
        """Return the value of the ``Authorization`` header.

        Returns:
            ``Basic`` followed by the base64 of ``username:password``.
        """
        token = base64.b64encode(f"{self._username}:{self._password}".encode()).decode("ascii")
        return f"Basic {token}"

    def secrets(self) -> tuple[str, ...]:
        """Return the strings that must never appear in output, longest first.

        Returns:
            The password, the encoded header token and (when long enough to be specific)
            the username.
        """
        token = self.authorization().removeprefix("Basic ")
        candidates = [self._password, token]
        # A very short username ("a") would blank out unrelated text; the password is what matters.
        if len(self._username) >= 4:
            candidates.append(self._username)
        return tuple(sorted((c for c in candidates if c), key=len, reverse=True))

    def scrub(self, text: str) -> str:
        """Replace every secret in ``text`` with ``<redacted>``.

        Args:
            text: Text that may echo a secret (for example an error body from a proxy).

        Returns:
            The text without the secrets.
        """
        for secret in self.secrets():
            text = text.replace(secret, "<redacted>")
        return text


def resolve_credentials(
    username: str | None, password: str | None, environ: Mapping[str, str] | None = None
) -> Credentials:
    """Take credentials from the arguments, else from the environment.

    Args:
        username: The API username, or ``None`` to read ``MESSENTE_API_USERNAME``.
        password: The API password, or ``None`` to read ``MESSENTE_API_PASSWORD``.
        environ: The environment to read; ``os.environ`` by default.

    Returns:
        The credentials.

    Raises:
        MessenteError: One of them is missing or empty.
    """
    env = os.environ if environ is None else environ
    user = username if username is not None else env.get(USERNAME_ENV, "")
    secret = password if password is not None else env.get(PASSWORD_ENV, "")
    missing = []
    if not user:
        missing.append(f"username (argument or {USERNAME_ENV})")
    if not secret:
        missing.append(f"password (argument or {PASSWORD_ENV})")
    if missing:
        raise MessenteError(
            "Messente API credentials are missing: "
            + ", ".join(missing)
            + ". Find them under Account > API Settings."
        )
    return Credentials(user, secret)
