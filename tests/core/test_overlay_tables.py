"""SUMMARY, VERDICT and report sheets on a hand-built case whose figures are worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from farmland_guard.core.overlay import compute
from farmland_guard.core.overlay import verdict as vd
from farmland_guard.core.overlay.records import (
    ERL,
    EXTRA,
    GAP,
    LANDUSE,
    PBF,
    SITE,
    UDB,
    UDB_OUT,
    ZONE_SITE,
    LayerInfo,
    OverlayInput,
    PieceTableBuilder,
    Site,
)
from farmland_guard.core.overlay.report_tables import report_sheets

JIA = "4108211002010000000"  # 甲村 (village 410821100201)
YI = "4108211002020000000"  # 乙村


@pytest.fixture(scope="module")
def result():
    b = PieceTableBuilder()
    # site 0 (10000 m²): four parcels, PBF, UDB inside 6000 / outside 4000, one extra layer
    for _ in range(4):
        b.add(0, ZONE_SITE, LANDUSE, "DLTB", 1)
    b.add(0, ZONE_SITE, PBF, "YJJBNTTB", 9)
    b.add(0, ZONE_SITE, UDB, "CZKFBJ", 3)
    b.add(0, ZONE_SITE, UDB_OUT, "CZKFBJ")
    b.add(0, ZONE_SITE, EXTRA, "文物保护", 2)
    # site 1 (500 m²) touches nothing: all of it is a gap and outside the boundary
    b.add(1, ZONE_SITE, GAP, "DLTB")
    b.add(1, ZONE_SITE, UDB_OUT, "CZKFBJ")
    table = b.build(np.array([4000.0, 3000.0, 2000.0, 1000.0, 2500.0, 6000.0, 4000.0, 100.0, 500.0, 500.0]))
    table.set(0, kcxs=0.1, gddb=5, dlbm="0101", zldwdm=JIA, zldwmc="甲村", qsxz="30")
    table.set(1, kcxs=0.0, gddb=7, dlbm="0102", zldwdm=YI, zldwmc="乙村", qsxz="30")
    table.set(2, dlbm="0702", zldwdm=JIA, zldwmc="甲村", qsxz="10")
    table.set(3, dlbm="1203", zldwdm=YI, zldwmc="乙村", qsxz="30")
    controls = {
        (0, ZONE_SITE, LANDUSE, "DLTB"): 10000.0,
        (0, ZONE_SITE, PBF, "YJJBNTTB"): 2500.0,
        (0, ZONE_SITE, UDB, "CZKFBJ"): 6000.0,
        (0, ZONE_SITE, EXTRA, "文物保护"): 100.0,
        (1, ZONE_SITE, LANDUSE, "DLTB"): 0.0,
        (1, ZONE_SITE, PBF, "YJJBNTTB"): 0.0,
        (1, ZONE_SITE, UDB, "CZKFBJ"): 0.0,
        (1, ZONE_SITE, EXTRA, "文物保护"): 0.0,
    }
    layers = [
        LayerInfo(LANDUSE, "DLTB"),
        LayerInfo(PBF, "YJJBNTTB"),
        LayerInfo(UDB, "CZKFBJ"),
        LayerInfo(EXTRA, "文物保护"),
    ]
    sites = [Site("XM1", "一号", approval_date="2024-01-02"), Site("XM2", "二号", county_code="410822")]
    data = OverlayInput(sites, [10000.0, 500.0], table, controls, layers, overlaps={0: ((1,), 12.345)})
    return compute(data, grain_yield=lambda grade: 0.9 - 0.05 * grade)


def test_verdict_figures_by_hand(result):
    a, b = result.verdicts
    assert a.site_cents == 1_000_000
    assert a.farmland_cents == 660_000  # 0101 net 4000 − 400 + 0102 3000
    assert a.farmland_gross_cents == 700_000
    assert a.paddy_cents == 360_000 and a.irrigated_cents == 300_000 and a.dry_cents == 0
    assert a.terrace_cents == 40_000
    assert a.gddb == 5.91  # (5 × 3600 + 7 × 3000) / 6600 = 5.909…
    assert a.capacity_kg == 3990.0  # 3600 × 0.65 + 3000 × 0.55
    assert a.pbf_cents == 250_000 and a.erl_cents is None
    assert a.udb_inside_cents == 600_000 and a.udb_outside_cents == 400_000
    assert a.gap_cents == 0
    assert a.county_code == "410821"  # from the parcels
    assert a.approval_date == "2024-01-02"
    assert a.extra == (("文物保护", 10_000),)
    assert a.overlap_sites == ("XM2",) and a.overlap_cents == 1235
    assert a.statuses == {
        vd.RULE_PBF: vd.PROHIBITED,
        vd.RULE_ERL: vd.NOT_CHECKED,
        vd.RULE_UDB: vd.REVIEW,
        vd.RULE_FARMLAND: vd.BALANCE,
        vd.RULE_EXTRA: vd.REVIEW,
        vd.RULE_GAP: vd.CLEAR,  # wholly inside the land-use layer
    }
    assert a.overall == vd.PROHIBITED
    assert b.county_code == "410822"  # its own field wins
    assert b.gap_cents == 50_000 and b.farmland_cents == 0 and b.gddb is None
    assert b.capacity_kg == 0.0
    assert b.statuses[vd.RULE_PBF] == vd.CLEAR and b.statuses[vd.RULE_UDB] == vd.REVIEW
    assert b.statuses[vd.RULE_GAP] == vd.REVIEW  # 5 m² outside the land-use layer: a data gap to review
    assert b.overall == vd.REVIEW


def test_summary_rows_add_up(result):
    rows = [r for r in result.summary if r.site == 0]
    site = next(r for r in rows if r.category == SITE)
    landuse_total = next(r for r in rows if r.category == LANDUSE and not r.detail)
    details = [r for r in rows if r.category == LANDUSE and r.detail]
    gap = next(r for r in rows if r.category == GAP)
    assert site.area_cents == landuse_total.area_cents + gap.area_cents == 1_000_000
    assert sum(d.area_cents for d in details) == landuse_total.area_cents
    assert sum(d.kcmj_cents for d in details) == landuse_total.kcmj_cents == 40_000
    cells = {
        (d.dlbm, d.village_code, d.ownership): (d.area_cents, d.kcmj_cents, d.dlmj_cents) for d in details
    }
    assert cells == {
        ("0101", "410821100201", "集体"): (400_000, 40_000, 360_000),
        ("0102", "410821100202", "集体"): (300_000, 0, 300_000),
        ("0702", "410821100201", "国有"): (200_000, 0, 200_000),
        ("1203", "410821100202", "集体"): (100_000, 0, 100_000),
    }
    names = {d.village_code: d.village_name for d in details}
    assert names == {"410821100201": "甲村", "410821100202": "乙村"}
    three = {d.dlbm: d.three_category for d in details}
    assert three == {"0101": "农用地", "0102": "农用地", "0702": "建设用地", "1203": "农用地"}
    outside = next(r for r in rows if r.category == UDB_OUT)
    inside = next(r for r in rows if r.category == UDB)
    assert inside.area_cents + outside.area_cents == site.area_cents
    assert not any(r.category == ERL for r in rows)  # ERL was not given


def test_site_touching_nothing(result):
    rows = {(r.category, r.detail): r for r in result.summary if r.site == 1}
    assert rows[(SITE, False)].area_cents == 50_000
    assert rows[(LANDUSE, False)].area_cents == 0
    assert rows[(GAP, False)].area_cents == 50_000
    assert rows[(PBF, False)].area_cents == 0 and rows[(PBF, False)].pieces == 0
    assert rows[(UDB_OUT, False)].area_cents == 50_000


def test_report_sheets(result):
    summary, classes, villages, pieces = report_sheets(result)
    assert [s.name for s in (summary, classes, villages, pieces)] == ["汇总", "分地类", "分村", "明细"]
    first = dict(zip([c.header for c in summary.columns], summary.rows[0]))
    assert first["用地总面积（公顷）"] == 1.0 and first["用地总面积（亩）"] == 15.0
    assert first["耕地（公顷）"] == 0.66 and first["耕地（亩）"] == 9.9
    assert first["结论"].startswith("禁止占用")
    site_rows = [r for r in classes.rows if r[0] == "XM1"]
    by_code = {r[3]: r[-1] for r in site_rows if r[3]}
    assert by_code == {"0101": 3600.0, "0102": 3000.0, "1203": 1400.0, "0702": 2000.0}
    subtotals = [r[-1] for r in site_rows if r[4] == "小计"]
    total = [r[-1] for r in site_rows if r[4] == "合计"]
    assert subtotals == [8000.0, 2000.0] and total == [10000.0]
    gap_rows = [r for r in classes.rows if r[0] == "XM2" and r[4] == "未覆盖（数据缺口）"]
    assert gap_rows and gap_rows[0][-1] == 500.0
    village_rows = {(r[2], r[4]): r for r in villages.rows if r[0] == "XM1"}
    jia = village_rows[("410821100201", "集体")]
    assert jia[5] == 0.4 and jia[-2] == 0.36  # 合计 0.4 公顷, 耕地 0.36 公顷
    assert village_rows[("410821100201", "国有")][8] == 0.2  # 建设用地
    assert len(pieces.rows) == 10


def test_grades_outside_1_to_15_do_not_count():
    """GDDB 0 (a numeric field's NULL) must not pull the weighted grade down: DB is 8, not 4."""
    b = PieceTableBuilder()
    b.add(0, ZONE_SITE, LANDUSE, "DLTB", 1)
    b.add(0, ZONE_SITE, LANDUSE, "DLTB", 2)
    table = b.build(np.array([500.0, 500.0]))
    table.set(0, gddb=8, dlbm="0102", zldwdm=JIA)
    table.set(1, gddb=0, dlbm="0102", zldwdm=JIA)
    data = OverlayInput(
        [Site("X")], [1000.0], table, {(0, ZONE_SITE, LANDUSE, "DLTB"): 1000.0}, [LayerInfo(LANDUSE, "DLTB")]
    )
    (verdict,) = compute(data, grain_yield=lambda grade: 1.0).verdicts
    assert verdict.gddb == 8.0
    assert verdict.ungraded_cents == 50_000
    assert verdict.capacity_kg is None  # part of the 耕地 has no grade: no 产能 rather than a wrong one


def test_piece_sheet_rows(result):
    pieces = report_sheets(result)[3]
    headers = [c.header for c in pieces.columns]
    rows = [dict(zip(headers, row)) for row in pieces.rows]
    assert [r["项目编号"] for r in rows] == sorted(r["项目编号"] for r in rows)  # grouped by site
    landuse = [r for r in rows if r["项目编号"] == "XM1" and r["类别"] == "地类图斑"]
    assert sorted(r["地类编码"] for r in landuse) == ["0101", "0102", "0702", "1203"]
    assert round(sum(r["面积（平方米）"] for r in landuse), 2) == 10000.0
    assert round(sum(r["扣除面积（平方米）"] for r in landuse), 2) == 400.0
    assert round(sum(r["地类面积（平方米）"] for r in landuse), 2) == 9600.0
    farmland = next(r for r in landuse if r["地类编码"] == "0101")
    assert (farmland["面积（公顷）"], farmland["面积（亩）"], farmland["坐落单位名称"]) == (0.4, 6.0, "甲村")
    assert farmland["扣除系数"] is not None and farmland["扣除面积（平方米）"] == 400.0
    others = [r for r in rows if r["类别"] != "地类图斑"]
    assert others and all(r["扣除系数"] is None for r in others)
    assert all(r["地类面积（平方米）"] is None for r in others if r["类别"] != "未覆盖（数据缺口）")


def test_conclusion_names_the_layers_not_given():
    from farmland_guard.core.overlay import verdict as vd
    from farmland_guard.core.overlay.report_tables import conclusion

    statuses = {
        vd.RULE_PBF: vd.NOT_CHECKED,
        vd.RULE_ERL: vd.NOT_CHECKED,
        vd.RULE_UDB: vd.CLEAR,
        vd.RULE_FARMLAND: vd.BALANCE,
        vd.RULE_EXTRA: vd.NOT_CHECKED,
    }
    assert conclusion(vd.BALANCE, statuses) == "占用耕地，须落实占补平衡（未核查：永久基本农田、生态保护红线）"
    checked = dict(statuses, **{vd.RULE_PBF: vd.CLEAR, vd.RULE_ERL: vd.CLEAR})
    assert conclusion(vd.BALANCE, checked) == "占用耕地，须落实占补平衡"  # EXTRA not given is no gap


def test_the_deduction_coefficient_keeps_its_four_decimals_in_the_report(result):
    from farmland_guard.core.overlay.report_tables import DISPLAY_DECIMALS

    pieces = report_sheets(result)[3]
    (column,) = [c for c in pieces.columns if c.header == "扣除系数"]
    assert DISPLAY_DECIMALS[column.kind] == 4  # 0.0354 must not read 0.04


def test_class_rows_add_up_in_every_unit(result):
    classes = report_sheets(result)[1]
    for site in ("XM1", "XM2"):
        rows = [r for r in classes.rows if r[0] == site]
        details = [r for r in rows if r[4] not in ("小计", "合计")]
        (total,) = [r for r in rows if r[4] == "合计"]
        for column in (5, 6, 7):  # 公顷, 亩, m²
            assert round(sum(r[column] for r in details), 4) == total[column], (site, column)
        for subtotal in (r for r in rows if r[4] == "小计"):
            members = [r for r in details if r[2] == subtotal[2]]
            assert round(sum(r[5] for r in members), 4) == subtotal[5]


def test_units_adding_up_levels_the_rounding_of_each_unit():
    from hypothesis import given
    from hypothesis import strategies as st

    from farmland_guard.core.overlay.figures import units_adding_up
    from farmland_guard.core.units import ha_of_cents, mu_of_cents

    @given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=30))
    def check(parts):
        total = sum(parts)
        ha, mu = units_adding_up(parts, total)
        assert sum(ha) == round(ha_of_cents(total) * 10_000) and sum(mu) == round(mu_of_cents(total) * 100)
        for part, h, m in zip(parts, ha, mu):  # each moves at most one step from its own rounding
            assert abs(h - round(ha_of_cents(part) * 10_000)) <= 1
            assert abs(m - round(mu_of_cents(part) * 100)) <= 1

    check()
