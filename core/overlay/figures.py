"""Exact unit conversions from integer cents (0.01 m²): 公顷 with 4 decimals, 亩 with 2, half-up.

1 公顷 = 10⁶ cents, so 公顷 × 10⁴ = cents / 100; 1 亩 = 10000/15 m², so 亩 × 100 = cents × 3 / 2000.
Integer division rounds half-up exactly (the same result as ``units.format_ha`` / ``format_mu``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

import numpy as np

from ..levelling import level_cents
from ..units import cents_to_m2 as m2_of_cents  # noqa: F401 - re-exported for the overlay
from ..units import ha_of_cents, ha_units_of_cents, mu_of_cents, mu_units_of_cents  # noqa: F401


def units_adding_up(parts_cents: list[int], total_cents: int) -> tuple[list[int], list[int]]:
    """公顷 (in 0.0001 公顷) and 亩 (in 0.01 亩) of parts that sum exactly to those of their total.

    Each part is rounded half-up on its own, then the rounding residue is levelled onto the largest
    parts, 0.0001 公顷 / 0.01 亩 at a time (平差 of the converted units, as of the m² themselves), so
    that a table's rows add up in every unit column, not only in m². The parts' cents must sum to
    the total's.
    """
    ha_parts = [int(ha_units_of_cents(c)) for c in parts_cents]
    mu_parts = [int(mu_units_of_cents(c)) for c in parts_cents]
    ha = level_cents(ha_parts, int(ha_units_of_cents(total_cents))) if parts_cents else []
    mu = level_cents(mu_parts, int(mu_units_of_cents(total_cents))) if parts_cents else []
    return [int(v) for v in ha], [int(v) for v in mu]


def weighted_mean(values: np.ndarray, weights_cents: np.ndarray, digits: int = 2) -> Optional[float]:
    """Σ wᵢ·vᵢ / Σ wᵢ in exact decimals, half-up to ``digits``; None when Σ w = 0 or nothing is known.

    Values that are NaN are left out (with their weights).
    """
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    weights = np.asarray(weights_cents, dtype=np.int64).reshape(-1)
    known = np.isfinite(values) & (weights > 0)
    total = int(weights[known].sum())
    if total <= 0:
        return None
    numerator = sum(
        (Decimal(repr(float(v))) * int(w) for v, w in zip(values[known], weights[known])), Decimal(0)
    )
    mean = numerator / Decimal(total)
    return float(mean.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
