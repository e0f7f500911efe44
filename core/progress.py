"""The tiny progress protocol core functions accept (adapted from QgsProcessingFeedback at the edge)."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def report(self, fraction: float) -> None:
        """Report progress in [0, 1]."""

    def is_canceled(self) -> bool:
        """True when the user asked to stop."""


class NoProgress:
    """A progress sink that ignores reports and never cancels."""

    def report(self, fraction: float) -> None:
        return None

    def is_canceled(self) -> bool:
        return False


class Canceled(Exception):
    """Raised by core functions when the progress sink says the user canceled."""
