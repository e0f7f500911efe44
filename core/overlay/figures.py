"""Exact unit conversions from integer cents (0.01 m²): 公顷 with 4 decimals, 亩 with 2, half-up.

1 公顷 = 10⁶ cents, so 公顷 × 10⁴ = cents / 100; 1 亩 = 10000/15 m², so 亩 × 100 = cents × 3 / 2000.
Integer division rounds half-up exactly (the same result as ``units.format_ha`` / ``format_mu``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Optional, Union

import numpy as np

IntOrArray = Union[int, np.ndarray]


def _half_up_div(numerator: IntOrArray, denominator: int) -> IntOrArray:
    """numerator / denominator rounded half away from zero, in integers."""
    if isinstance(numerator, np.ndarray):
        value = numerator.astype(np.int64)
        magnitude = (np.abs(value) * 2 + denominator) // (2 * denominator)
        return np.sign(value) * magnitude
    value = int(numerator)
    magnitude = (abs(value) * 2 + denominator) // (2 * denominator)
    return -magnitude if value < 0 else magnitude


def m2_of_cents(cents: IntOrArray) -> Union[float, np.ndarray]:
    """m² with 2 decimals (the double nearest to the decimal value)."""
    if isinstance(cents, np.ndarray):
        return cents.astype(np.int64) / 100.0
    return int(cents) / 100.0


def ha_of_cents(cents: IntOrArray) -> Union[float, np.ndarray]:
    """公顷 rounded half-up to 4 decimals."""
    units = _half_up_div(np.asarray(cents, dtype=np.int64) if isinstance(cents, np.ndarray) else cents, 100)
    return units / 10000.0 if isinstance(units, np.ndarray) else int(units) / 10000.0


def mu_of_cents(cents: IntOrArray) -> Union[float, np.ndarray]:
    """亩 rounded half-up to 2 decimals (1 亩 = 10000/15 m²)."""
    if isinstance(cents, np.ndarray):
        units = _half_up_div(cents.astype(np.int64) * 3, 2000)
        return units / 100.0
    return int(_half_up_div(int(cents) * 3, 2000)) / 100.0


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
