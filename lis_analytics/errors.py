"""Exception types raised by lis-analytics.

Every error says what was wrong and what to do, so a failing area or file is easy to
diagnose from a batch log.
"""

from __future__ import annotations


class LisError(Exception):
    """Base class for all lis-analytics errors."""


class UnknownAreaError(LisError, KeyError):
    """An area code or name that is not in the catalogue."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class UnknownDatasetError(LisError, KeyError):
    """A dataset id that is not in the registry."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DataUnavailableError(LisError):
    """A source file could be neither downloaded nor found in the mirror."""


class ChecksumError(LisError):
    """A source file's sha256 does not match the registry (changed or corrupted release)."""


class SourceFormatError(LisError):
    """A published file does not have the layout its parser expects."""


class SchemaError(LisError):
    """A processed table failed validation against its declared schema."""


class AreaDefinitionError(LisError):
    """A custom area definition is invalid (e.g. names a LAD code that does not exist)."""


class FigureConflictError(LisError):
    """One figure (indicator and period) has two different values in one pack."""


class ConfigurationError(LisError, ValueError):
    """An environment variable or setting has a value lis-analytics cannot use."""
