"""Half-up rounding, exact cents and unit conversions (core/units.py).

Expectations are hand-computed or come from exact rational arithmetic (fractions.Fraction on the
decimal text), never from the code under test.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core import units
from farmland_guard.core.units import (
    M2_PER_MU,
    format_ha,
    format_m2,
    format_mu,
    format_wanmu,
    m2_to_ha,
    m2_to_mu,
    m2_to_wanmu,
    round_half_up,
    round_half_up_array,
    scaled_half_up,
    to_cents,
)


def half_up_reference(text: str, digits: int) -> int:
    """Exact half-up (away from zero) of a decimal string, scaled to an integer, with Fractions."""
    value = Fraction(text) * 10**digits
    magnitude = math.floor(abs(value) + Fraction(1, 2))
    return -magnitude if value < 0 else magnitude


def reference_round(x: float, digits: int) -> float:
    return half_up_reference(repr(float(x)), digits) / 10**digits


# --- hand-computed scalar cases --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (1.005, 2, 1.01),  # the double is 1.00499999999999989…; the planner sees 1.005
        (2.675, 2, 2.68),  # Python round() gives 2.67
        (0.125, 2, 0.13),  # banker's rounding gives 0.12
        (0.135, 2, 0.14),
        (-0.125, 2, -0.13),  # symmetric: away from zero
        (-1.005, 2, -1.01),
        (1.0049999, 2, 1.0),
        (123456789.125, 2, 123456789.13),
        (0.5, 0, 1.0),
        (1.5, 0, 2.0),
        (2.5, 0, 3.0),  # banker's gives 2
        (-2.5, 0, -3.0),
        (1.23445, 4, 1.2345),
        (1.23444999, 4, 1.2344),
        (7, 2, 7.0),
        (0.0, 2, 0.0),
    ],
)
def test_round_half_up_known_values(value, digits, expected):
    assert round_half_up(value, digits) == expected


def test_differs_from_python_round_on_ties():
    assert round(2.675, 2) == 2.67 and round_half_up(2.675) == 2.68
    assert round(0.125, 2) == 0.12 and round_half_up(0.125) == 0.13
    assert round(2.5) == 2 and round_half_up(2.5, 0) == 3.0


def test_non_finite_pass_through_and_bad_digits():
    assert math.isnan(round_half_up(float("nan")))
    assert round_half_up(float("inf")) == float("inf")
    out = round_half_up_array(np.array([np.nan, -np.inf, 0.125]))
    assert math.isnan(out[0]) and out[1] == -np.inf and out[2] == 0.13
    for bad in (-1, 16, 2.5):
        with pytest.raises(ValueError):
            round_half_up(1.0, bad)


def test_huge_values_do_not_overflow_the_decimal_context():
    assert round_half_up(1e300, 2) == 1e300
    assert round_half_up_array(np.array([1e300, 5e15 + 0.5]), 2)[0] == 1e300
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy overflow warnings either
        assert round_half_up_array(np.array([-1e308, 0.5]), 15).tolist() == [-1e308, 0.5]


def test_numpy_scalars_are_accepted():
    assert round_half_up(np.float64(2.675)) == 2.68
    assert round_half_up(np.int64(3)) == 3.0
    assert to_cents(np.float64(1.005)) == 101


# --- cents ------------------------------------------------------------------------------------


def test_to_cents_scalar_and_array():
    assert to_cents(1.005) == 101 and isinstance(to_cents(1.005), int)
    assert to_cents(-2.675) == -268
    assert to_cents(12) == 1200
    cents = to_cents(np.array([1.005, -2.675, 0.004, 0.005, 1234.56]))
    assert cents.dtype == np.int64
    assert cents.tolist() == [101, -268, 0, 1, 123456]


def test_to_cents_rejects_nan_with_index():
    with pytest.raises(ValueError, match="index 2"):
        to_cents(np.array([1.0, 2.0, np.nan]))
    with pytest.raises(ValueError):
        to_cents(float("nan"))


def test_cent_sums_are_exact_where_floats_drift():
    values = np.full(10, 0.1)
    assert sum(values.tolist()) != 1.0  # the float sum drifts
    assert int(to_cents(values).sum()) == 100


def test_scaled_half_up_for_coefficients():
    assert scaled_half_up(0.11955, 4) == 1196
    assert scaled_half_up(np.array([0.11955, 0.00005]), 4).tolist() == [1196, 1]


# --- conversions and formatting -----------------------------------------------------------------


def test_unit_relations():
    assert abs(M2_PER_MU - 666.6666667) < 1e-7
    assert m2_to_mu(666.667) == pytest.approx(1.0, abs=1e-6)
    assert m2_to_ha(10000) == 1.0
    assert m2_to_mu(10000) == pytest.approx(15.0)  # 1 公顷 = 15 亩
    assert m2_to_mu(1_000_000) == pytest.approx(1500.0)  # 1 km² = 1500 亩
    assert m2_to_wanmu(10000 / 15 * 10000) == pytest.approx(1.0)
    np.testing.assert_allclose(m2_to_mu(np.array([0.0, 666.6666666666666])), [0.0, 1.0])


@pytest.mark.parametrize(
    ("m2", "expected"),
    [
        (12345.675, "1.2346"),  # 1.2345675 ha
        (5, "0.0005"),
        (0.5, "0.0001"),  # 0.00005 ha: a tie, half-up
        (0.49, "0.0000"),
        (1234567.89, "123.4568"),
        (-0.5, "-0.0001"),
    ],
)
def test_format_ha(m2, expected):
    assert format_ha(m2) == expected


@pytest.mark.parametrize(
    ("m2", "expected"),
    [
        (666.67, "1.00"),  # 1.000005 亩
        (1000, "1.50"),
        (30, "0.05"),  # 0.045 亩 exactly; the float 30*15/10000 is 0.04499999…
        (3.33, "0.00"),  # 0.004995
        (3.34, "0.01"),  # 0.00501
        (10000, "15.00"),
    ],
)
def test_format_mu(m2, expected):
    assert format_mu(m2) == expected


def test_float_route_would_get_the_mu_tie_wrong():
    assert round(30 * 15 / 10000, 2) == 0.04
    assert format_mu(30) == "0.05"


def test_format_m2_and_wanmu():
    assert format_m2(1.005) == "1.01"
    assert format_m2(-0.005) == "-0.01"
    assert format_m2(-0.001) == "0.00"  # no negative zero in reports
    assert format_m2(1234567.891, grouping=True) == "1,234,567.89"
    assert format_wanmu(10000 / 15 * 10000 * 3) == "3.0000"
    assert format_wanmu(1e9) == "150.0000"
    with pytest.raises(ValueError):
        format_m2(float("nan"))


# --- properties -------------------------------------------------------------------------------

FINITE = st.floats(min_value=-1e13, max_value=1e13, allow_nan=False, allow_infinity=False)


@st.composite
def ties(draw, digits=2):
    """Floats whose shortest repr ends exactly in a 5 one place beyond ``digits``."""
    whole = draw(st.integers(-(10**9), 10**9))
    frac = draw(st.integers(0, 10**digits - 1))
    return float("{}.{:0{}d}5".format(whole, frac, digits))


@settings(max_examples=400, deadline=None)
@given(x=st.one_of(FINITE, ties()), digits=st.integers(0, 6))
def test_scalar_matches_exact_rational_reference(x, digits):
    assert round_half_up(x, digits) == reference_round(x, digits)


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(FINITE, ties(), ties(4)), min_size=1, max_size=60), digits=st.integers(0, 6))
def test_array_matches_scalar(values, digits):
    array = np.array(values, dtype=np.float64)
    vector = round_half_up_array(array, digits)
    scalar = [round_half_up(v, digits) for v in values]
    assert vector.tolist() == scalar
    # the sign of zero follows the scalar too
    assert [math.copysign(1, v) for v in vector.tolist()] == [math.copysign(1, v) for v in scalar]


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(FINITE, ties()), min_size=1, max_size=60))
def test_to_cents_array_matches_reference(values):
    expected = [half_up_reference(repr(v), 2) for v in values]
    assert to_cents(np.array(values)).tolist() == expected
    assert [to_cents(v) for v in values] == expected


def test_vector_path_is_used_for_most_values():
    """Only near-ties go to the slow exact path; the rest are decided in numpy."""
    rng = np.random.default_rng(7)
    values = rng.uniform(0, 1e6, 100_000)
    _, undecided = units._vector_half_up(values, 2)
    assert undecided.sum() < 100
    head = values[:2000]
    assert to_cents(head).tolist() == [half_up_reference(repr(v), 2) for v in head]
