"""Python SDK for Messente's Omnichannel API.

The package is written by hand on top of ``messente_omnichannel_client``, which
openapi-python-client generates from the ``openapi.yaml`` shipped in this package.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("messente-omnichannel")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

__all__: list[str] = []
