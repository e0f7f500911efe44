"""耕地占补平衡: match occupying projects (demands) with 补充耕地 ledger records (supply).

Entry points: :func:`balance` (one run, LP by HiGHS or the greedy fallback) and
:func:`annual.annual_balance` (年度算大账 per county). See model.py for the entities and units.
"""

from __future__ import annotations

from .model import (
    AREA,
    CAPACITY,
    INDICATORS,
    PADDY,
    Allocation,
    BalanceResult,
    Demand,
    LedgerLine,
    Rules,
    Shortfall,
    Supply,
)
from .solve import AUTO, GREEDY, HIGHS, ResultCheckError, SolverUnavailable, balance

__all__ = [
    "AREA",
    "AUTO",
    "CAPACITY",
    "GREEDY",
    "HIGHS",
    "INDICATORS",
    "PADDY",
    "Allocation",
    "BalanceResult",
    "Demand",
    "LedgerLine",
    "ResultCheckError",
    "Rules",
    "Shortfall",
    "SolverUnavailable",
    "Supply",
    "balance",
]
