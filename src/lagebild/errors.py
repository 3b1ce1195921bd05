"""lagebild's one error hierarchy. Every message names the input and says what to do."""

from __future__ import annotations

__all__ = ["LagebildError", "InputError", "OutputError", "DataFileError", "GazetteerError", "StoreError"]


class LagebildError(Exception):
    """Base of every error lagebild raises on purpose."""


class InputError(LagebildError):
    """An input (file, line, stdin) that cannot be read as documents."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


class OutputError(LagebildError):
    """An output file that cannot be written (no such folder, no permission, a folder's name)."""


class DataFileError(LagebildError):
    """A bundled or user-supplied lexicon or gazetteer file that does not parse."""


class GazetteerError(LagebildError):
    """A gazetteer that cannot be built, opened or imported into."""


class StoreError(LagebildError):
    """An event store that cannot be opened, migrated or written."""
