"""Red-line overlay (红线压盖分析), the pure part: levelling, tables and verdicts from measured pieces.

engine/overlay.py cuts the sites with the layers and measures every piece with the official area
engine; :func:`compute` turns that into levelled pieces, SUMMARY rows and VERDICT rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .levelled import LevelledPieces, OverlayDataError, level
from .records import OverlayInput
from .summary import PieceDescriptions, SummaryRow, describe_pieces, summarise
from .verdict import Verdict, YieldFunction, judge

__all__ = ["OverlayDataError", "OverlayInput", "OverlayResult", "compute"]


@dataclass
class OverlayResult:
    """Levelled pieces with their descriptions, SUMMARY rows and one Verdict per site."""

    data: OverlayInput
    levelled: LevelledPieces
    described: PieceDescriptions
    summary: list[SummaryRow]
    verdicts: list[Verdict]


def compute(data: OverlayInput, grain_yield: Optional[YieldFunction] = None) -> OverlayResult:
    """Level, describe, summarise and judge (raises OverlayDataError / LevellingError on bad input)."""
    levelled = level(data)
    described = describe_pieces(data)
    summary = summarise(data, levelled, described)
    verdicts = judge(data, levelled, described, grain_yield)
    return OverlayResult(data, levelled, described, summary, verdicts)
