"""Levelling (平差) in 0.01 m² steps, largest parts first (core/levelling.py, domain §3.3)."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from farmland_guard.core.levelling import LevellingError, level_areas, level_cents, level_groups


def reference_level(parts: list[int], control: int) -> list[int]:
    """Domain §3.3 written out plainly: k = |diff|, f = k // n, r = k % n, largest r parts get f + 1."""
    n = len(parts)
    diff = control - sum(parts)
    k = abs(diff)
    f, r = k // n, k % n
    sign = 1 if diff >= 0 else -1
    order = sorted(range(n), key=lambda i: (-parts[i], i))
    result = list(parts)
    for rank, i in enumerate(order):
        result[i] += sign * (f + 1 if rank < r else f)
    return result


# --- hand-computed examples -------------------------------------------------------------------


def test_positive_difference_largest_first():
    # diff = +10 cents over 3 parts: every part +3, the largest (300) one more.
    assert level_cents([100, 200, 300], 610).tolist() == [103, 203, 304]


def test_negative_difference_largest_first():
    # diff = −4: every part −1, the largest (300) −2.
    assert level_cents([100, 200, 300], 596).tolist() == [99, 199, 298]


def test_ties_go_to_the_lower_index():
    assert level_cents([100, 100, 100], 302).tolist() == [101, 101, 100]
    assert level_cents([50, 100, 100], 248).tolist() == [50, 99, 99]


def test_single_cent_difference_only_touches_the_largest():
    assert level_cents([500, 700, 600], 1801).tolist() == [500, 701, 600]


def test_no_difference_returns_the_parts():
    out = level_cents(np.array([5, 7], dtype=np.int32), 12)
    assert out.tolist() == [5, 7] and out.dtype == np.int64


def test_village_example_in_square_metres():
    # 图斑 areas 1234.56 + 2000.00 + 765.43 = 3999.99; the village DCMJ says 4000.02 → +3 cents.
    out = level_areas([1234.56, 2000.00, 765.43], 4000.02)
    assert out.tolist() == [1234.57, 2000.01, 765.44]
    assert round(sum(out.tolist()) * 100) == 400002


def test_level_areas_rounds_half_up_first():
    # 1.005 → 1.01, 2.675 → 2.68 (never banker's); sum 3.69, control 3.70 → the larger part +0.01.
    assert level_areas([1.005, 2.675], 3.70).tolist() == [1.01, 2.69]


def test_empty_parts():
    assert level_cents([], 0).tolist() == []
    with pytest.raises(LevellingError, match="no parts"):
        level_cents([], 5)


def test_part_going_negative_is_named():
    # diff = −1001 over 2: f = 500, r = 1 → the 1000 part −501, the 1-cent part −500 < 0.
    with pytest.raises(LevellingError) as caught:
        level_cents([1, 1000], 0)
    assert caught.value.index == 0
    assert "part 0" in str(caught.value)


def test_negative_input_and_fractional_cents_are_refused():
    with pytest.raises(LevellingError, match="part 1 is negative"):
        level_cents([3, -1], 2)
    with pytest.raises(ValueError, match="index 1"):
        level_cents([3.0, 2.5], 6)
    assert level_cents([3.0, 2.0], 6).tolist() == [4, 2]


# --- groups -----------------------------------------------------------------------------------


def test_groups_hand_example():
    parts = [100, 200, 300, 50, 70]
    groups = ["a", "a", "b", "c", "a"]
    # a: 370 → 375 (+5 over 3: +1 each, two largest (200, 100) one more); b: 300 → 299; c: no control.
    out = level_groups(parts, groups, {"a": 375, "b": 299, "zz": 10})
    assert out.tolist() == [102, 202, 299, 50, 71]


def test_groups_missing_control_policy():
    with pytest.raises(LevellingError, match="'c'") as caught:
        level_groups([1, 2], ["a", "c"], {"a": 1}, missing="error")
    assert caught.value.index == 1 and caught.value.group == "c"
    with pytest.raises(ValueError):
        level_groups([1], ["a"], {"a": 1}, missing="drop")


def test_groups_accept_ints_none_and_numpy_ids():
    out = level_groups(np.array([10, 20, 30]), np.array([-1, 4, 4]), {4: 52})
    assert out.tolist() == [10, 21, 31]
    assert level_groups([10, 20], [None, None], {None: 31}).tolist() == [10, 21]


def test_group_going_negative_names_group_and_index():
    with pytest.raises(LevellingError) as caught:
        level_groups([5, 1, 1000], ["x", "y", "y"], {"x": 5, "y": 0})
    assert caught.value.group == "y" and caught.value.index == 1


def test_groups_length_mismatch():
    with pytest.raises(ValueError, match="2 entries but there are 3"):
        level_groups([1, 2, 3], ["a", "b"], {})


# --- properties -------------------------------------------------------------------------------

PARTS = st.lists(st.integers(0, 10**9), min_size=1, max_size=40)


@settings(max_examples=400, deadline=None)
@given(parts=PARTS, shift=st.integers(-(10**6), 10**6))
def test_levelled_parts_sum_exactly_and_move_within_the_bound(parts, shift):
    control = sum(parts) + shift
    expected = reference_level(parts, control)
    assume(min(expected) >= 0)
    out = level_cents(parts, control)
    assert int(out.sum()) == control
    bound = math.ceil(abs(shift) / len(parts))
    moves = (out - np.array(parts)).tolist()
    assert all(abs(m) <= bound for m in moves)
    assert all(m * shift >= 0 for m in moves)  # everybody moves the same way
    assert out.tolist() == expected
    assert level_cents(parts, control).tolist() == out.tolist()  # deterministic


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.integers(0, 50), min_size=1, max_size=20), shift=st.integers(-2000, -1))
def test_impossible_levelling_raises_instead_of_going_negative(parts, shift):
    control = sum(parts) + shift
    expected = reference_level(parts, control)
    if min(expected) < 0:
        with pytest.raises(LevellingError):
            level_cents(parts, control)
    else:
        assert level_cents(parts, control).tolist() == expected


@settings(max_examples=200, deadline=None)
@given(
    items=st.lists(st.tuples(st.integers(0, 10**7), st.sampled_from("abcde")), min_size=1, max_size=80),
    shifts=st.dictionaries(st.sampled_from("abcdef"), st.integers(-500, 500)),
)
def test_groups_equal_levelling_each_group_alone(items, shifts):
    parts = [p for p, _ in items]
    groups = [g for _, g in items]
    controls = {}
    for g, shift in shifts.items():
        members = [p for p, gg in items if gg == g]
        controls[g] = sum(members) + shift
    expected = list(parts)
    for g in set(groups) & set(controls):
        index = [i for i, gg in enumerate(groups) if gg == g]
        levelled = reference_level([parts[i] for i in index], controls[g])
        assume(min(levelled) >= 0)
        for i, v in zip(index, levelled):
            expected[i] = v
    out = level_groups(parts, groups, controls)
    assert out.tolist() == expected
    for g in set(groups) & set(controls):
        assert int(out[np.array(groups) == g].sum()) == controls[g]


def test_level_groups_is_vectorised():
    rng = np.random.default_rng(3)
    parts = rng.integers(10_000, 5_000_000, 500_000)
    groups = rng.integers(0, 3000, parts.size)
    sums = np.bincount(groups, weights=parts).astype(np.int64)
    controls = {g: int(s) + int(rng.integers(-500, 500)) for g, s in enumerate(sums)}
    start = time.perf_counter()
    out = level_groups(parts, groups, controls)
    elapsed = time.perf_counter() - start
    assert np.array_equal(
        np.bincount(groups, weights=out).astype(np.int64), [controls[g] for g in range(3000)]
    )
    assert elapsed < 3.0, elapsed
