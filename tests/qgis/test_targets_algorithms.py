"""farmland:targetscheck, farmland:targetsexport and farmland:allocatetargets on a tiny county."""

from __future__ import annotations

import pytest

from farmland_guard.core.targets.book import TargetChange
from farmland_guard.core.targets.records import TargetRecord
from farmland_guard.engine.target_store import GeoPackageStore

X0, Y0 = 38500000.0, 3900000.0
VILLAGES = {"410823100201": ("甲村", 0, 0), "410823100202": ("乙村", 1, 0), "410823101201": ("丙村", 0, 1)}
FARMLAND_M2 = {"410823100201": 10000.0, "410823100202": 30000.0, "410823101201": 60000.0}  # 15, 45, 90 亩


def _square(ix, iy, size=1000.0, inset=0.0):
    x, y, s = X0 + ix * size + inset, Y0 + iy * size + inset, size - 2 * inset
    return "POLYGON(({x} {y},{x2} {y},{x2} {y2},{x} {y2},{x} {y}))".format(x=x, y=y, x2=x + s, y2=y + s)


def _layer(value, context):
    return context.getMapLayer(value) if isinstance(value, str) else value


@pytest.fixture()
def county(tmp_path, write_layer):
    path = tmp_path / "county.gpkg"
    villages = write_layer(
        path,
        "CJDCQ",
        4526,
        {"ZLDWDM": "str", "ZLDWMC": "str"},
        [(_square(ix, iy), {"ZLDWDM": code, "ZLDWMC": name}) for code, (name, ix, iy) in VILLAGES.items()],
    )
    townships = write_layer(
        path,
        "XZQ",
        4526,
        {"XZQDM": "str", "XZQMC": "str"},
        [
            (_square(0, 0), {"XZQDM": "410823100", "XZQMC": "一镇"}),
            (_square(0, 1), {"XZQDM": "410823101", "XZQMC": "二镇"}),
        ],
    )
    rows = [
        (_square(ix, iy, inset=10), {"ZLDWDM": code + "0000000", "DLBM": "0101", "TBDLMJ": FARMLAND_M2[code]})
        for code, (_n, ix, iy) in VILLAGES.items()
    ]
    rows.append((_square(0, 0, inset=300), {"ZLDWDM": "4108231002010000000", "DLBM": "0201", "TBDLMJ": 5.0}))
    landuse = write_layer(path, "DLTB", 4526, {"ZLDWDM": "str", "DLBM": "str", "TBDLMJ": "real"}, rows)
    pbf = write_layer(
        path,
        "YJJBNTTB",
        4526,
        {"ZLDWDM": "str", "KCXS": "real"},
        [
            (_square(ix, iy, inset=100), {"ZLDWDM": code + "0000000", "KCXS": 0.1})
            for code, (_n, ix, iy) in VILLAGES.items()
        ],
    )
    store = GeoPackageStore(tmp_path / "targets.gpkg")
    store.ensure_schema()
    store.save_targets(
        [
            TargetChange(None, TargetRecord("410823", 2024, farmland=15000)),  # 150 亩 = mapped, ok
            TargetChange(None, TargetRecord("410823100", 2024, farmland=7000)),  # 70 > mapped 60 → 不足额
            TargetChange(None, TargetRecord("410823101", 2024, farmland=8000)),  # Σ 150 ✓
            TargetChange(None, TargetRecord("999999", 2024, farmland=1)),  # no such unit
            TargetChange(None, TargetRecord("410823", 2023, farmland=1)),  # another year
        ]
    )
    return {
        "VILLAGES": villages,
        "TOWNSHIPS": townships,
        "LANDUSE": landuse,
        "PBF": pbf,
        "TARGETS": store.qgis_source()[0],
    }


def test_targetscheck_lists_the_problems(run_alg, county):
    from qgis.core import QgsProcessing, QgsProcessingContext

    context = QgsProcessingContext()
    params = {**county, "YEAR": 2024, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT}
    params.pop("PBF")
    result = run_alg("targetscheck", params, context=context)
    table = _layer(result["OUTPUT"], context)
    rows = [
        (f["KIND"], f["UNIT_CODE"], f["FIELD"], f["EXPECTED_MU"], f["ACTUAL_MU"]) for f in table.getFeatures()
    ]
    errors = [r for r in rows if r[0] in ("sum-mismatch", "shortfall", "not-located")]
    assert errors == [("shortfall", "410823100", "farmland", 60.0, 70.0)]
    assert ("unknown-unit", "999999", "", None, None) in [(r[0], r[1], r[2], r[3], r[4]) for r in rows]
    missing = sorted(r[1] for r in rows if r[0] == "missing-target" and r[2] == "farmland")
    assert missing == ["410823100201", "410823100202", "410823101201"]
    assert result["ERRORS"] == 1


def test_targetsexport_writes_sheets_per_level(run_alg, county, tmp_path):
    from osgeo import ogr

    out = str(tmp_path / "责任书.xlsx")
    result = run_alg("targetsexport", {**county, "YEAR": 2024, "OUTPUT": out})
    assert result["ROWS"] == 6
    dataset = ogr.Open(out)
    assert [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())] == [
        "全部",
        "县",
        "乡镇",
        "村",
    ]
    sheet = dataset.GetLayerByName("乡镇")
    headers = [
        sheet.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(sheet.GetLayerDefn().GetFieldCount())
    ]
    assert headers[:5] == ["代码", "名称", "级别", "上级代码", "现状耕地面积(亩)"]
    rows = {f.GetField("代码"): f for f in sheet}
    first = rows["410823100"]
    assert first.GetField("现状耕地面积(亩)") == pytest.approx(60.0)
    assert first.GetField("耕地保有量(亩)") == pytest.approx(70.0)
    assert first.GetField("带位置检查") == "不足额"
    assert first.GetField("级别") == "乡镇"
    csv = str(tmp_path / "tree.csv")
    run_alg("targetsexport", {**county, "YEAR": 2024, "OUTPUT": csv})
    with open(csv, encoding="utf-8-sig") as handle:
        text = handle.read().splitlines()
    assert text[0].startswith("代码,名称,级别,上级代码")
    assert len(text) == 7


def test_allocatetargets_levels_every_level(run_alg, county):
    from qgis.core import QgsProcessing, QgsProcessingContext

    context = QgsProcessingContext()
    params = {k: v for k, v in county.items() if k != "TARGETS"}
    result = run_alg(
        "allocatetargets",
        {**params, "TOTAL_FARMLAND": 100.0, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT},
        context=context,
    )
    rows = {f["UNIT_CODE"]: f for f in _layer(result["OUTPUT"], context).getFeatures()}
    # by hand: 100 亩 over 60 : 90 → 40.00, 60.00; 40 over 15 : 45 → 10.00, 30.00; 60 → 60.00
    expected = {
        "410823": 100.0,
        "410823100": 40.0,
        "410823101": 60.0,
        "410823100201": 10.0,
        "410823100202": 30.0,
        "410823101201": 60.0,
    }
    assert {code: rows[code]["TARGET_GD_MU"] for code in expected} == pytest.approx(expected)
    assert rows["410823"]["MAPPED_GD_MU"] == pytest.approx(150.0)
    assert all(f["CHECK_SUM"] == "ok" and f["CHECK_MAPPED"] == "ok" for f in rows.values())
    # no PBF total: each unit gets its mapped figure (带位置)
    assert all(f["TARGET_YJJBNT_MU"] == pytest.approx(f["MAPPED_YJJBNT_MU"]) for f in rows.values())
    assert rows["410823"]["MAPPED_YJJBNT_MU"] > 0
    assert rows["410823100"]["PARENT_CODE"] == "410823"


def test_a_negative_target_is_refused_by_unit(run_alg, county, write_layer, tmp_path):
    from qgis.core import QgsProcessing, QgsProcessingException

    table = write_layer(
        tmp_path / "plain.gpkg", "targets", None, {"unit_code": "str", "year": "int", "farmland_mu": "real"},
        [(None, {"unit_code": "410823100", "year": 2024, "farmland_mu": -5.0})],
    )
    params = {**county, "TARGETS": table, "YEAR": 2024, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT}
    with pytest.raises(QgsProcessingException, match="unit 410823100: farmland_mu is negative"):
        run_alg("targetscheck", params)
