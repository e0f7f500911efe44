"""Area units and official rounding: half-up (never banker's rounding), exact sums in 0.01 m².

The decimal value of a float is taken as its shortest repr (``repr(0.125) == '0.125'``), so
``round_half_up(1.005) == 1.01`` although the binary double is slightly below 1.005: that is what a
planner reading the attribute table sees, and what Decimal-based production tools compute.
Ties round away from zero (symmetric for negative numbers).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Union

import numpy as np

M2_PER_MU = 10000 / 15
M2_PER_HA = 10000.0
M2_PER_KM2 = 1_000_000.0
MU_PER_WANMU = 10000.0
M2_PER_WANMU = M2_PER_MU * MU_PER_WANMU

MAX_DIGITS = 15
# Enough precision for any finite double scaled by 10**MAX_DIGITS: quantize never overflows the context.
_CONTEXT = Context(prec=400, rounding=ROUND_HALF_UP)
_INT64_MAX = np.iinfo(np.int64).max

Number = Union[float, int, Decimal, np.floating, np.integer]


def _check_digits(digits: int) -> int:
    if isinstance(digits, bool) or int(digits) != digits or not 0 <= digits <= MAX_DIGITS:
        raise ValueError("digits must be an integer in 0..{}, got {!r}".format(MAX_DIGITS, digits))
    return int(digits)


def to_decimal(value: Number) -> Decimal:
    """The decimal a planner sees: integers exactly, floats by their shortest repr."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, np.integer)):
        return Decimal(int(value))
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("not a finite number: {!r}".format(value))
    return Decimal(repr(number))


def _half_up_integer(value: Number, digits: int) -> int:
    """value × 10**digits rounded half-up (away from zero) to an integer."""
    scaled = to_decimal(value).scaleb(digits, context=_CONTEXT)
    return int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_CONTEXT))


def round_half_up(value: Number, digits: int = 2) -> float:
    """Round half-up (ties away from zero) on the shortest decimal repr; NaN/inf pass through."""
    digits = _check_digits(digits)
    if not isinstance(value, (Decimal, int, np.integer)) and not math.isfinite(float(value)):
        return float(value)
    quantum = Decimal(1).scaleb(-digits)
    return float(to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP, context=_CONTEXT))


def _vector_half_up(values: np.ndarray, digits: int) -> tuple[np.ndarray, np.ndarray]:
    """Fast path: (|x|·10^d rounded half-up as float, mask of elements the fast path cannot decide).

    |x|·10^d in float is within 1.5 ulp of the shortest repr scaled by 10^d, so a fraction farther
    than 8 ulp from 0.5 rounds the same way as the Decimal computation; the rest (near-ties, huge
    values, NaN/inf) go to the exact scalar path.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        magnitude = np.abs(values) * (10.0**digits)
        floor = np.floor(magnitude)
        fraction = magnitude - floor
        rounded = floor + (fraction >= 0.5)
        margin = 8.0 * np.spacing(magnitude)
        decided = (np.abs(fraction - 0.5) > margin) & (magnitude < 2.0**52)
    return rounded, ~decided


def round_half_up_array(values: np.ndarray, digits: int = 2) -> np.ndarray:
    """Vectorised :func:`round_half_up`: identical results, element by element (NaN/inf pass through)."""
    digits = _check_digits(digits)
    array = np.asarray(values, dtype=np.float64)
    rounded, undecided = _vector_half_up(array, digits)
    with np.errstate(invalid="ignore"):
        result = np.copysign(rounded / (10.0**digits), array)
    for index in np.flatnonzero(undecided):
        result.flat[index] = round_half_up(float(array.flat[index]), digits)
    return result


def scaled_half_up(values: Number | np.ndarray, digits: int) -> int | np.ndarray:
    """value × 10**digits rounded half-up to an integer (int for scalars, int64 arrays).

    Exact on the shortest decimal repr, like :func:`round_half_up`; NaN/inf raise ValueError.
    """
    digits = _check_digits(digits)
    if np.ndim(values) == 0 and not isinstance(values, np.ndarray):
        integer = _half_up_integer(values, digits)
        if abs(integer) > _INT64_MAX:
            raise ValueError("{!r} is out of range for {}-decimal integers".format(values, digits))
        return integer
    array = np.asarray(values, dtype=np.float64)
    rounded, undecided = _vector_half_up(array, digits)
    with np.errstate(invalid="ignore"):
        signed = np.copysign(rounded, array)
    result = np.where(undecided, 0.0, signed).astype(np.int64)
    for index in np.flatnonzero(undecided):
        value = float(array.flat[index])
        if not math.isfinite(value):
            raise ValueError("value at index {} is not a finite number: {!r}".format(index, value))
        integer = _half_up_integer(value, digits)
        if abs(integer) > _INT64_MAX:
            raise ValueError("value at index {} is out of range: {!r}".format(index, value))
        result.flat[index] = integer
    return result


def to_cents(m2: Number | np.ndarray) -> int | np.ndarray:
    """m² → integer hundredths of a m² after half-up rounding (int for scalars, int64 arrays).

    Cents are how exact sums are done: ``to_cents(a).sum()`` never drifts. NaN raises ValueError.
    """
    return scaled_half_up(m2, 2)


def cents_to_m2(cents: int | np.ndarray) -> float | np.ndarray:
    """Integer 0.01 m² → m² (the nearest double to the 2-decimal value)."""
    if np.ndim(cents) == 0 and not isinstance(cents, np.ndarray):
        return int(cents) / 100.0
    return np.asarray(cents, dtype=np.int64) / 100.0


def _half_up_div(numerator: int | np.ndarray, denominator: int) -> int | np.ndarray:
    """numerator / denominator rounded half away from zero, in integers."""
    if isinstance(numerator, np.ndarray):
        value = numerator.astype(np.int64)
        magnitude = (np.abs(value) * 2 + denominator) // (2 * denominator)
        return np.sign(value) * magnitude
    value = int(numerator)
    magnitude = (abs(value) * 2 + denominator) // (2 * denominator)
    return -magnitude if value < 0 else magnitude


def ha_units_of_cents(cents: int | np.ndarray) -> int | np.ndarray:
    """公顷 in whole 0.0001 公顷 (= m²), half-up: the integer behind ``ha_of_cents``."""
    return _half_up_div(np.asarray(cents, dtype=np.int64) if isinstance(cents, np.ndarray) else int(cents), 100)


def mu_units_of_cents(cents: int | np.ndarray) -> int | np.ndarray:
    """亩 in whole 0.01 亩, half-up (1 亩 = 10000/15 m²): the integer behind ``mu_of_cents``."""
    if isinstance(cents, np.ndarray):
        return _half_up_div(cents.astype(np.int64) * 3, 2000)
    return int(_half_up_div(int(cents) * 3, 2000))


def ha_of_cents(cents: int | np.ndarray) -> float | np.ndarray:
    """公顷 rounded half-up to 4 decimals."""
    units = ha_units_of_cents(cents)
    return units / 10000.0 if isinstance(units, np.ndarray) else int(units) / 10000.0


def mu_of_cents(cents: int | np.ndarray) -> float | np.ndarray:
    """亩 rounded half-up to 2 decimals (1 亩 = 10000/15 m²)."""
    units = mu_units_of_cents(cents)
    return units / 100.0 if isinstance(units, np.ndarray) else int(units) / 100.0


def _as_float(m2: Number | np.ndarray) -> float | np.ndarray:
    if np.ndim(m2) == 0 and not isinstance(m2, np.ndarray):
        return float(m2)
    return np.asarray(m2, dtype=np.float64)


def m2_to_ha(m2: Number | np.ndarray) -> float | np.ndarray:
    """m² → 公顷 (unrounded)."""
    return _as_float(m2) / M2_PER_HA


def m2_to_mu(m2: Number | np.ndarray) -> float | np.ndarray:
    """m² → 亩 (unrounded; 1 亩 = 10000/15 m²)."""
    return _as_float(m2) * 15.0 / 10000.0


def m2_to_wanmu(m2: Number | np.ndarray) -> float | np.ndarray:
    """m² → 万亩 (unrounded)."""
    return _as_float(m2) * 15.0 / 1e8


def mu_to_m2(mu: Number | np.ndarray) -> float | np.ndarray:
    """亩 → m² (unrounded)."""
    return _as_float(mu) * 10000.0 / 15.0


def _format(value: Decimal, digits: int, grouping: bool) -> str:
    quantized = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=_CONTEXT)
    if quantized.is_zero():
        quantized = abs(quantized)
    return format(quantized, ",f" if grouping else "f")


def format_m2(m2: Number, grouping: bool = False) -> str:
    """m² as text with 2 decimals, half-up ('1234.57'; grouping=True → '1,234.57')."""
    return _format(to_decimal(m2), 2, grouping)


def format_ha(m2: Number, grouping: bool = False) -> str:
    """m² as 公顷 text with 4 decimals, half-up, computed exactly in decimal."""
    return _format(to_decimal(m2).scaleb(-4, context=_CONTEXT), 4, grouping)


def format_mu(m2: Number, grouping: bool = False) -> str:
    """m² as 亩 text with 2 decimals, half-up, computed exactly in decimal (亩 = m² × 0.0015)."""
    return _format(_CONTEXT.multiply(to_decimal(m2), Decimal("0.0015")), 2, grouping)


def format_wanmu(m2: Number, grouping: bool = False) -> str:
    """m² as 万亩 text with 4 decimals, half-up, computed exactly in decimal."""
    return _format(_CONTEXT.multiply(to_decimal(m2), Decimal("0.00000015")), 4, grouping)
