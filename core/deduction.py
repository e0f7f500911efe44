"""扣除地类 (田坎) deduction, domain §1.6: KCMJ = round(TBMJ × KCXS, 2), TBDLMJ = TBMJ − KCMJ.

Computed exactly in integers: TBMJ in 0.01 m² (half-up) × KCXS in 0.0001 units (half-up; the field
is Float(6,4)) gives 1e-6 m², rounded half-up to 0.01 m². No float product is ever rounded.
The same rule gives YJJBNTMJ = YJJBNTTBMJ − KCMJ for 永久基本农田 图斑.
"""

from __future__ import annotations

from typing import Optional, Union

import numpy as np

from .units import Number, scaled_half_up

KCXS_DIGITS = 4
KCXS_SCALE = 10**KCXS_DIGITS
# cents × KCXS units must stay inside int64: |TBMJ| < 9e12 m².
_MAX_TBMJ_CENTS = 9 * 10**14

Coefficient = Union[Number, str, None]


class DeductionError(ValueError):
    """A TBMJ or KCXS value cannot be used; ``index`` is None for scalar input."""

    def __init__(self, message: str, field: str, index: Optional[int] = None, value: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.index = index
        self.value = value


def _is_scalar(value: object) -> bool:
    return value is None or (np.ndim(value) == 0 and not isinstance(value, np.ndarray))


def _where(index: Optional[int]) -> str:
    return "" if index is None else " at index {}".format(index)


def _floats(values: object, field: str, scalar: bool) -> np.ndarray:
    """Any numbers/None/'' → float64 array (None and blank → NaN); text that is no number raises."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiub":
        return values.astype(np.float64)
    array = np.asarray(values if values is not None else np.nan, dtype=object)
    flat = array.reshape(-1).tolist()
    out = np.empty(len(flat), dtype=np.float64)
    for i, value in enumerate(flat):
        if value is None or (isinstance(value, str) and not value.strip()):
            out[i] = np.nan
            continue
        try:
            out[i] = float(value)
        except (TypeError, ValueError) as error:
            index = None if scalar else i
            raise DeductionError(
                "{}{} is not a number: {!r}".format(field, _where(index), value), field, index, value
            ) from error
    return out.reshape(array.shape)


def kcxs_to_units(kcxs: Coefficient | np.ndarray) -> int | np.ndarray:
    """KCXS → integer 0.0001 units (half-up); None/NaN/blank → 0; outside [0, 1) → DeductionError."""
    scalar = _is_scalar(kcxs)
    values = _floats(kcxs, "KCXS", scalar)
    flat = values.reshape(-1)
    bad = np.flatnonzero(~np.isnan(flat) & ~((flat >= 0) & (flat < 1)))
    if bad.size:
        index = None if scalar else int(bad[0])
        value = float(flat[int(bad[0])])
        raise DeductionError(
            "KCXS{} is {!r}, outside [0, 1)".format(_where(index), value), "KCXS", index, value
        )
    units = scaled_half_up(np.where(np.isnan(flat), 0.0, flat), KCXS_DIGITS)
    if scalar:
        return int(units[0])
    return units.reshape(values.shape)


def tbmj_to_cents(tbmj_m2: Number | np.ndarray) -> int | np.ndarray:
    """TBMJ → integer 0.01 m² (half-up); missing or out-of-range values raise DeductionError."""
    scalar = _is_scalar(tbmj_m2)
    values = _floats(tbmj_m2, "TBMJ", scalar)
    flat = values.reshape(-1)
    bad = np.flatnonzero(~np.isfinite(flat) | (np.abs(flat) >= _MAX_TBMJ_CENTS / 100))
    if bad.size:
        index = None if scalar else int(bad[0])
        value = float(flat[int(bad[0])])
        raise DeductionError("TBMJ{} is {!r}".format(_where(index), value), "TBMJ", index, value)
    cents = scaled_half_up(flat, 2)
    if scalar:
        return int(cents[0])
    return cents.reshape(values.shape)


def deduct_cents(tbmj_cents: int | np.ndarray, kcxs_units: int | np.ndarray) -> tuple:
    """Integer core: (KCMJ cents, TBDLMJ cents) from TBMJ cents and KCXS 0.0001 units."""
    tbmj = np.asarray(tbmj_cents, dtype=np.int64)
    units = np.asarray(kcxs_units, dtype=np.int64)
    product = tbmj * units  # 1e-6 m²
    half = KCXS_SCALE // 2
    kcmj = np.sign(product) * ((np.abs(product) + half) // KCXS_SCALE)
    tbdlmj = tbmj - kcmj
    if kcmj.ndim == 0:
        return int(kcmj), int(tbdlmj)
    return kcmj, tbdlmj


def deduct(tbmj_m2: Number | np.ndarray, kcxs: Coefficient | np.ndarray) -> tuple:
    """(KCMJ, TBDLMJ) in m² with 2 decimals; floats for scalar input, float arrays otherwise.

    KCMJ = round_half_up(TBMJ × KCXS, 2) exactly; TBDLMJ = TBMJ − KCMJ. Null/NaN/blank KCXS
    counts as 0; KCXS outside [0, 1) or a missing TBMJ raise :class:`DeductionError` naming the index.
    Arrays broadcast (one KCXS for many TBMJ is fine).
    """
    scalar = _is_scalar(tbmj_m2) and _is_scalar(kcxs)
    if scalar:
        kcmj, tbdlmj = deduct_cents(tbmj_to_cents(tbmj_m2), kcxs_to_units(kcxs))
        return kcmj / 100.0, tbdlmj / 100.0
    tbmj_array = tbmj_m2 if isinstance(tbmj_m2, np.ndarray) else np.asarray(tbmj_m2, dtype=object)
    kcxs_array = kcxs if isinstance(kcxs, np.ndarray) else np.asarray(kcxs, dtype=object)
    shape = np.broadcast_shapes(np.shape(tbmj_array), np.shape(kcxs_array))
    tbmj_b = np.broadcast_to(tbmj_array, shape)
    kcxs_b = np.broadcast_to(kcxs_array, shape)
    kcmj, tbdlmj = deduct_cents(tbmj_to_cents(np.array(tbmj_b)), kcxs_to_units(np.array(kcxs_b)))
    return np.asarray(kcmj) / 100.0, np.asarray(tbdlmj) / 100.0
