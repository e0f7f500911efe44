"""扣除地类 deduction KCMJ = round(TBMJ × KCXS, 2), TBDLMJ = TBMJ − KCMJ (core/deduction.py)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core.deduction import DeductionError, deduct, deduct_cents, kcxs_to_units


def decimal_deduct(tbmj: float, kcxs: float) -> tuple[Decimal, Decimal]:
    """Reference with Decimal: TBMJ at 0.01, KCXS at 0.0001, product half-up at 0.01."""
    t = Decimal(repr(float(tbmj))).quantize(Decimal("0.01"), ROUND_HALF_UP)
    k = Decimal(repr(float(kcxs))).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    kcmj = (t * k).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return kcmj, t - kcmj


@pytest.mark.parametrize(
    ("tbmj", "kcxs", "kcmj", "tbdlmj"),
    [
        (1234.56, 0.1195, 147.53, 1087.03),  # 147.52992
        (1130.0, 0.1195, 135.04, 994.96),  # 135.035 exactly: half-up (float round gives 135.03)
        (1008.75, 0.068, 68.60, 940.15),  # 68.595 exactly
        (101.96, 0.125, 12.75, 89.21),  # 12.745
        (500.0, 0.0, 0.0, 500.0),
        (0.01, 0.2557, 0.0, 0.01),
        (2000.0, 0.2557, 511.4, 1488.6),
    ],
)
def test_hand_computed(tbmj, kcxs, kcmj, tbdlmj):
    assert deduct(tbmj, kcxs) == (kcmj, tbdlmj)


def test_float_product_would_be_wrong():
    assert round(1130.0 * 0.1195, 2) == 135.03
    assert deduct(1130.0, 0.1195)[0] == 135.04


@pytest.mark.parametrize("missing", [None, float("nan"), "", "  ", np.nan])
def test_missing_kcxs_counts_as_zero(missing):
    assert deduct(321.45, missing) == (0.0, 321.45)


def test_arrays_and_broadcasting():
    kcmj, tbdlmj = deduct(np.array([1234.56, 1130.0, 100.0]), [0.1195, 0.1195, None])
    assert kcmj.tolist() == [147.53, 135.04, 0.0]
    assert tbdlmj.tolist() == [1087.03, 994.96, 100.0]
    kcmj, tbdlmj = deduct([1000.0, 2000.0], 0.068)
    assert kcmj.tolist() == [68.0, 136.0] and tbdlmj.tolist() == [932.0, 1864.0]
    kcmj, _ = deduct(np.array([1.0, 2.0]), np.array([np.nan, 0.5]))
    assert kcmj.tolist() == [0.0, 1.0]


def test_text_values_from_attribute_tables():
    assert deduct("1130.00", "0.1195") == (135.04, 994.96)


@pytest.mark.parametrize("bad", [1.0, -0.01, 1.5, "abc"])
def test_bad_kcxs_scalar(bad):
    with pytest.raises(DeductionError) as caught:
        deduct(100.0, bad)
    assert caught.value.field == "KCXS" and caught.value.index is None


def test_bad_kcxs_names_the_index():
    with pytest.raises(DeductionError, match="index 2") as caught:
        deduct([10.0, 20.0, 30.0], [0.1, 0.2, 1.0])
    assert caught.value.index == 2 and caught.value.value == 1.0


def test_missing_tbmj_names_the_index():
    with pytest.raises(DeductionError, match="index 1") as caught:
        deduct([10.0, None], 0.1)
    assert caught.value.field == "TBMJ"


def test_integer_core():
    assert kcxs_to_units(0.1195) == 1195
    assert kcxs_to_units(0.11955) == 1196  # the field holds 4 decimals; half-up
    assert kcxs_to_units([None, 0.068]).tolist() == [0, 680]
    assert deduct_cents(113000, 1195) == (13504, 99496)
    kc, dl = deduct_cents(np.array([113000, -113000]), 1195)
    assert kc.tolist() == [13504, -13504] and dl.tolist() == [99496, -99496]  # symmetric


TBMJ = st.integers(0, 10**11).map(lambda c: c / 100)  # up to 1e9 m², 2 decimals
KCXS = st.integers(0, 9999).map(lambda u: u / 10000)


@settings(max_examples=500, deadline=None)
@given(tbmj=TBMJ, kcxs=KCXS)
def test_matches_decimal_reference(tbmj, kcxs):
    kcmj, tbdlmj = decimal_deduct(tbmj, kcxs)
    assert deduct(tbmj, kcxs) == (float(kcmj), float(tbdlmj))


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.tuples(TBMJ, KCXS), min_size=1, max_size=50))
def test_array_matches_decimal_and_parts_add_up(rows):
    tbmj = np.array([t for t, _ in rows])
    kcxs = np.array([k for _, k in rows])
    kcmj, tbdlmj = deduct(tbmj, kcxs)
    expected = [decimal_deduct(t, k) for t, k in rows]
    assert kcmj.tolist() == [float(e[0]) for e in expected]
    assert tbdlmj.tolist() == [float(e[1]) for e in expected]
    # KCMJ + TBDLMJ == TBMJ to the cent
    assert np.array_equal(np.round(kcmj * 100) + np.round(tbdlmj * 100), np.round(tbmj * 100))
