"""The version of the package; hatchling reads it from here when building."""

__version__ = "0.2.0"
