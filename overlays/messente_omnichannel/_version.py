"""The installed version of the package."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("messente-omnichannel")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
