"""Overlay levelling: pieces add up to their controls to the cent, GAP/UDB_OUT by subtraction, 田坎 split."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core.levelling import LevellingError
from farmland_guard.core.overlay import compute
from farmland_guard.core.overlay.levelled import OverlayDataError, group_controls, level
from farmland_guard.core.overlay.records import (
    GAP,
    LANDUSE,
    PBF,
    UDB,
    UDB_OUT,
    ZONE_SITE,
    LayerInfo,
    OverlayInput,
    PieceTableBuilder,
    Site,
)

DLTB = "DLTB"


def cents(m2: str) -> int:
    """Half-up cents of a decimal string, independently of the code under test."""
    return int((Decimal(m2) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_landuse_pieces_level_to_the_site_area_and_gap_is_zero():
    builder = PieceTableBuilder()
    for _ in range(3):
        builder.add(0, ZONE_SITE, LANDUSE, DLTB, 1)
    # raw pieces 333.333…, rounded 333.33 ×3 = 999.99; the site is 1000.00 → one cent to the largest
    table = builder.build(np.array([1000 / 3, 1000 / 3, 1000 / 3]))
    data = OverlayInput(
        [Site("A")], [1000.0], table, {(0, ZONE_SITE, LANDUSE, DLTB): 1000.0}, [LayerInfo(LANDUSE, DLTB)]
    )
    result = level(data)
    assert result.cents.tolist() == [33334, 33333, 33333]
    assert int(result.cents.sum()) == 100000
    assert result.controls[(0, ZONE_SITE, GAP, DLTB)] == 0


def test_gap_is_site_minus_inside_and_gap_piece_takes_it():
    builder = PieceTableBuilder()
    builder.add(0, ZONE_SITE, LANDUSE, DLTB, 1)
    builder.add(0, ZONE_SITE, LANDUSE, DLTB, 2)
    builder.add(0, ZONE_SITE, GAP, DLTB)
    table = builder.build(np.array([400.004, 350.004, 249.996]))
    controls = {(0, ZONE_SITE, LANDUSE, DLTB): 750.006}  # inside area, measured on the union
    data = OverlayInput([Site("A")], [1000.004], table, controls, [LayerInfo(LANDUSE, DLTB)])
    result = level(data)
    inside = cents("750.006")
    assert int(result.cents[:2].sum()) == inside
    assert int(result.cents[2]) == cents("1000.004") - inside
    assert int(result.cents.sum()) == cents("1000.004")


def test_zone_without_gap_piece_takes_the_site_area():
    builder = PieceTableBuilder()
    builder.add(0, ZONE_SITE, LANDUSE, DLTB, 1)
    table = builder.build(np.array([999.996]))
    data = OverlayInput(
        [Site("A")], [1000.0], table, {(0, ZONE_SITE, LANDUSE, DLTB): 999.996}, [LayerInfo(LANDUSE, DLTB)]
    )
    controls = group_controls(data)
    assert controls[(0, ZONE_SITE, LANDUSE, DLTB)] == 100000
    assert controls[(0, ZONE_SITE, GAP, DLTB)] == 0


def test_a_large_uncovered_part_without_gap_piece_is_an_engine_error():
    builder = PieceTableBuilder()
    builder.add(0, ZONE_SITE, LANDUSE, DLTB, 1)
    table = builder.build(np.array([500.0]))
    data = OverlayInput(
        [Site("A")], [1000.0], table, {(0, ZONE_SITE, LANDUSE, DLTB): 500.0}, [LayerInfo(LANDUSE, DLTB)]
    )
    with pytest.raises(OverlayDataError):
        level(data)


def test_udb_outside_is_site_minus_inside():
    builder = PieceTableBuilder()
    builder.add(0, ZONE_SITE, UDB, "CZKFBJ", 5)
    builder.add(0, ZONE_SITE, UDB_OUT, "CZKFBJ")
    table = builder.build(np.array([123.456, 876.554]))
    data = OverlayInput(
        [Site("A")], [1000.01], table, {(0, ZONE_SITE, UDB, "CZKFBJ"): 123.456}, [LayerInfo(UDB, "CZKFBJ")]
    )
    result = level(data)
    assert result.controls[(0, ZONE_SITE, UDB_OUT, "CZKFBJ")] == cents("1000.01") - cents("123.456")
    assert result.cents.tolist() == [cents("123.456"), cents("1000.01") - cents("123.456")]


def test_constraint_pieces_level_to_the_union():
    """Two PBF pieces of 300.004 m² each whose union measured 600.01 m² (rounded pieces 600.00)."""
    builder = PieceTableBuilder()
    builder.add(0, ZONE_SITE, PBF, "YJJBNTTB", 1)
    builder.add(0, ZONE_SITE, PBF, "YJJBNTTB", 2)
    table = builder.build(np.array([300.004, 300.004]))
    controls = {(0, ZONE_SITE, PBF, "YJJBNTTB"): 600.01}
    data = OverlayInput([Site("A")], [1000.0], table, controls, [LayerInfo(PBF, "YJJBNTTB")])
    result = level(data)
    assert int(result.cents.sum()) == 60001


def test_terrace_split_is_exact_half_up():
    builder = PieceTableBuilder()
    for _ in range(2):
        builder.add(0, ZONE_SITE, LANDUSE, DLTB, 1)
    table = builder.build(np.array([1234.56, 765.44]))
    table.set(0, kcxs=0.1195, dlbm="0103")
    table.set(1, kcxs=0.0125, dlbm="0101")
    data = OverlayInput(
        [Site("A")], [2000.0], table, {(0, ZONE_SITE, LANDUSE, DLTB): 2000.0}, [LayerInfo(LANDUSE, DLTB)]
    )
    result = level(data)
    for i, (gross, coefficient) in enumerate((("1234.56", "0.1195"), ("765.44", "0.0125"))):
        expected = (Decimal(gross) * Decimal(coefficient)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert result.kcmj[i] == int(expected * 100)
        assert result.dlmj[i] == cents(gross) - int(expected * 100)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=40),
    st.integers(min_value=-200, max_value=200),
    st.lists(st.sampled_from([0.0, 0.01, 0.068, 0.1195, 0.2557]), min_size=40, max_size=40),
)
def test_property_levelled_pieces_sum_to_the_control(raw_milli, residue, kcxs):
    """Pieces with 0.001 m² resolution, a control within a few cents: Σ levelled == control, each piece
    moves by at most ⌈|diff| / n⌉ cents, KCMJ + DLMJ == piece."""
    builder = PieceTableBuilder()
    for _ in raw_milli:
        builder.add(0, ZONE_SITE, LANDUSE, DLTB, 1)
    areas = np.array(raw_milli, dtype=np.float64) / 1000.0
    table = builder.build(areas)
    table.kcxs[:] = kcxs[: len(raw_milli)]
    rounded = [cents(str(Decimal(m) / 1000)) for m in raw_milli]
    control = sum(rounded) + residue
    if control < 0 or any(r == 0 for r in rounded):
        return
    site = control / 100.0
    data = OverlayInput(
        [Site("A")], [site], table, {(0, ZONE_SITE, LANDUSE, DLTB): site}, [LayerInfo(LANDUSE, DLTB)]
    )
    try:
        result = level(data)
    except LevellingError:  # levelling refuses to make a piece negative: that is its contract
        assert any(r <= -(-abs(residue) // len(raw_milli)) for r in rounded)
        return
    assert int(result.cents.sum()) == control
    bound = -(-abs(residue) // len(raw_milli))
    assert np.all(np.abs(result.cents - np.array(rounded)) <= bound)
    assert np.array_equal(result.kcmj + result.dlmj, result.cents)


def test_two_sites_are_levelled_separately_and_summary_totals_match():
    builder = PieceTableBuilder()
    builder.add(0, ZONE_SITE, LANDUSE, DLTB, 1)
    builder.add(0, ZONE_SITE, LANDUSE, DLTB, 2)
    builder.add(1, ZONE_SITE, LANDUSE, DLTB, 2)  # the same parcel in an overlapping site
    table = builder.build(np.array([500.005, 499.994, 499.994]))
    for i, code in enumerate(("0101", "0702", "0702")):
        table.set(i, dlbm=code, zldwdm="4108211002010000000", qsxz="30")
    controls = {(0, ZONE_SITE, LANDUSE, DLTB): 999.999, (1, ZONE_SITE, LANDUSE, DLTB): 499.994}
    data = OverlayInput(
        [Site("A"), Site("B")], [999.999, 499.994], table, controls, [LayerInfo(LANDUSE, DLTB)]
    )
    result = compute(data)
    assert result.levelled.cents.tolist() == [50001, 49999, 49999]
    totals = [r for r in result.summary if r.category == LANDUSE and not r.detail]
    details = [r for r in result.summary if r.category == LANDUSE and r.detail]
    for total in totals:
        assert total.area_cents == sum(d.area_cents for d in details if d.site == total.site)
    assert [t.area_cents for t in totals] == [100000, 49999]
