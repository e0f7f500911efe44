"""farmland:compensationbalance and farmland:annualbalance end to end (CSV, XLSX, GeoPackage inputs).

Expected figures are worked out by hand (see the comments); the red-line chain compares against the
GeographicLib area of the parcel (pyproj), independent of the plugin's area engine.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pytest
from osgeo import ogr
from pyproj import Geod, Transformer
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

DEMAND_HEADER = ["XMBH", "XZQDM", "PZRQ", "GDMJ", "STMJ", "CN", "DB"]
SUPPLY_HEADER = ["ZBBH", "XZQDM", "RKRQ", "SYGDMJ", "SYSTMJ", "SYCN", "DB", "ZT"]
DEMAND_ROWS = [
    ["P1", "410802", "2024-05-01", "1000", "200", "", "7"],  # CN from the table: 1000 × 1.35 = 1350
    ["P2", "410803", "2024-06-01", "500", "0", "800", "6"],
]
SUPPLY_ROWS = [
    ["Z1", "410802", "2023-01-01", "600", "300", "1000", "6", "可用"],
    ["Z2", "410802", "2023-06-01", "600", "0", "1000", "8", "可用"],
    ["Z3", "410803", "2025-01-01", "600", "0", "1000", "5", "可用"],  # after both approvals
    ["Z4", "410803", "2022-01-01", "100", "0", "1000", "5", "冻结"],  # never used
]


def write_csv(path: Path, header, rows) -> str:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def write_table(path: Path, driver: str, name: str, header, rows, numeric=()) -> str:
    """A table (no geometry) through OGR; columns in ``numeric`` as reals."""
    ds = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    layer = ds.CreateLayer(name, None, ogr.wkbNone)
    for column in header:
        layer.CreateField(ogr.FieldDefn(column, ogr.OFTReal if column in numeric else ogr.OFTString))
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for column, value in zip(header, row):
            if value != "":
                feature.SetField(column, float(value) if column in numeric else value)
        layer.CreateFeature(feature)
    ds = None
    return "{}|layername={}".format(path, name) if driver == "GPKG" else str(path)


def rows(path) -> list:
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    return [{name: f[name] for name in layer.fields().names()} for f in layer.getFeatures()]


def outputs(tmp_path, name="out"):
    return {
        "ALLOCATION": str(tmp_path / "{}_allocation.gpkg".format(name)),
        "LEDGER_AFTER": str(tmp_path / "{}_ledger.gpkg".format(name)),
        "SHORTFALL": str(tmp_path / "{}_shortfall.gpkg".format(name)),
        "REPORT": str(tmp_path / "{}_report.xlsx".format(name)),
    }


def check_hand_example(result):
    # By hand (scope 1): P1 needs 1000 m² at grade ≤ 7 from Z1 (6) and Z2 (8): x8 ≤ x6 → 500 + 500.
    # P2 (grade 6, county 803) may only add grade-6 land: the 100 left of Z1 (调剂); 400 short (quality).
    # 产能: 2000 kg for 1350 + 800 → 150 short on the later approval (P2). 水田 200 from Z1.
    allocation = {
        (r["XMBH"], r["ZBBH"]): (r["GDMJ"], r["STMJ"], r["CN"], r["TJ"]) for r in rows(result["ALLOCATION"])
    }
    assert allocation == {
        ("P1", "Z1"): (500.0, 200.0, 350.0, 0),
        ("P1", "Z2"): (500.0, 0.0, 1000.0, 0),
        ("P2", "Z1"): (100.0, 0.0, 650.0, 1),
    }
    ledger = {
        r["ZBBH"]: (r["SYGDMJ_Q"], r["HXGDMJ"], r["SYGDMJ"], r["SYSTMJ"], r["SYCN"])
        for r in rows(result["LEDGER_AFTER"])
    }
    assert ledger == {
        "Z1": (600.0, 600.0, 0.0, 100.0, 0.0),
        "Z2": (600.0, 500.0, 100.0, 0.0, 0.0),
        "Z3": (600.0, 0.0, 600.0, 0.0, 1000.0),
        "Z4": (100.0, 0.0, 100.0, 0.0, 1000.0),
    }
    (short,) = rows(result["SHORTFALL"])
    assert (short["XMBH"], short["QKGDMJ"], short["QKSTMJ"], short["QKCN"]) == ("P2", 400.0, 0.0, 150.0)
    assert (short["YY_GDMJ"], short["YY_CN"]) == ("quality", "used_up")
    assert result["SOLVER"] == "highs" and result["SHORTFALL_COUNT"] == 1 and result["ALLOCATION_COUNT"] == 3


def test_csv_inputs_by_hand(run_alg, tmp_path):
    parameters = {
        "DEMANDS": write_csv(tmp_path / "demands.csv", DEMAND_HEADER, DEMAND_ROWS),
        "SUPPLY": write_csv(tmp_path / "supply.csv", SUPPLY_HEADER, SUPPLY_ROWS),
        "SCOPE": 1,
        **outputs(tmp_path),
    }
    result = run_alg("compensationbalance", parameters)
    check_hand_example(result)
    # the report: XLSX sheets and the HTML copy beside it, with the 报批 figures in 公顷 (4 dp)
    workbook = ogr.Open(result["REPORT"])
    assert workbook.GetLayerCount() == 6
    projects = workbook.GetLayer(1)
    first = projects.GetNextFeature()
    assert first.GetField(0) == "P1" and first.GetField(4) == pytest.approx(0.1)
    html = Path(result["REPORT"]).with_suffix(".html").read_text(encoding="utf-8")
    assert "0.1000" in html and "0.0200" in html and "1350.00" in html  # P1: 0.1000 ha, 水田 0.0200, 1350 kg
    # a document filed with the bureau: Chinese whatever the UI language (no translator is installed here)
    from qgis.PyQt.QtCore import QCoreApplication

    assert QCoreApplication.translate("CompensationBalanceAlgorithm", "Balance by county") == "Balance by county"
    assert [workbook.GetLayer(i).GetName() for i in range(2)] == ["按县汇总", "分项目明细"]
    assert "占用耕地0.1000公顷，其中水田0.0200公顷" in html


@pytest.mark.parametrize("driver, suffix", [("XLSX", "xlsx"), ("GPKG", "gpkg")])
def test_xlsx_and_geopackage_inputs(run_alg, tmp_path, driver, suffix):
    numeric = {"GDMJ", "STMJ", "CN", "DB", "SYGDMJ", "SYSTMJ", "SYCN", "XZQDM"}
    parameters = {
        "DEMANDS": write_table(
            tmp_path / "demands.{}".format(suffix), driver, "demands", DEMAND_HEADER, DEMAND_ROWS, numeric
        ),
        "SUPPLY": write_table(
            tmp_path / "supply.{}".format(suffix), driver, "supply", SUPPLY_HEADER, SUPPLY_ROWS, numeric
        ),
        "SCOPE": 1,
        **outputs(tmp_path),
    }
    check_hand_example(run_alg("compensationbalance", parameters))


def test_field_map_renames_and_switches_change_the_result(run_alg, tmp_path):
    header = ["BH", "XZQ", "PZRQ", "ZYMJ", "STMJ", "CN", "ZLDB"]
    parameters = {
        "DEMANDS": write_csv(tmp_path / "d.csv", header, DEMAND_ROWS),
        "SUPPLY": write_csv(tmp_path / "s.csv", SUPPLY_HEADER, SUPPLY_ROWS),
        "FIELD_MAP": "XMBH=BH; DEMANDS:XZQDM=XZQ; GDMJ=ZYMJ; DEMANDS:DB=ZLDB",
        "SCOPE": 1,
        **outputs(tmp_path),
    }
    check_hand_example(run_alg("compensationbalance", parameters))
    # own county only: P2 (410803) has no usable, timely record in its county → all short, reason scope/date
    parameters.update(SCOPE=0, **outputs(tmp_path, "own"))
    result = run_alg("compensationbalance", parameters)
    short = {r["XMBH"]: r for r in rows(result["SHORTFALL"])}
    assert short["P2"]["QKGDMJ"] == 500.0 and short["P2"]["YY_GDMJ"] == "date"  # Z3 entered too late
    # without 先补后占 Z3 (grade 5) serves P2 entirely
    parameters.update(SUPPLY_BEFORE_DEMAND=False, **outputs(tmp_path, "late"))
    result = run_alg("compensationbalance", parameters)
    allocation = {(r["XMBH"], r["ZBBH"]): r["GDMJ"] for r in rows(result["ALLOCATION"])}
    assert allocation[("P2", "Z3")] == 500.0


def test_bad_input_names_table_row_and_field_and_writes_nothing(run_alg, tmp_path):
    bad = [row[:] for row in DEMAND_ROWS]
    bad[1][3] = "-5"  # P2: negative GDMJ
    bad[0][2] = "2024-02-30"  # P1: no such date
    supply = [row[:] for row in SUPPLY_ROWS] + [SUPPLY_ROWS[0][:]]  # Z1 twice
    parameters = {
        "DEMANDS": write_csv(tmp_path / "d.csv", DEMAND_HEADER, bad),
        "SUPPLY": write_csv(tmp_path / "s.csv", SUPPLY_HEADER, supply),
        **outputs(tmp_path),
    }
    with pytest.raises(QgsProcessingException) as info:
        run_alg("compensationbalance", parameters)
    message = str(info.value)
    assert "DEMANDS row 1, field PZRQ" in message and "2024-02-30" in message
    assert "DEMANDS row 2, field GDMJ" in message and "-5" in message
    assert "SUPPLY row 5, field ZBBH" in message and "row 1" in message
    for path in outputs(tmp_path).values():
        assert not Path(path).exists(), path
    assert not (tmp_path / "out_report.html").exists()


def test_missing_field_is_named(run_alg, tmp_path):
    parameters = {
        "DEMANDS": write_csv(
            tmp_path / "d.csv",
            ["XMBH", "XZQDM", "PZRQ", "MJ", "STMJ", "DB"],
            [["P1", "410802", "2024-01-01", "10", "0", "7"]],
        ),
        "SUPPLY": write_csv(tmp_path / "s.csv", SUPPLY_HEADER, SUPPLY_ROWS),
        **outputs(tmp_path),
    }
    with pytest.raises(QgsProcessingException, match=r"DEMANDS has no field for GDMJ.*MJ"):
        run_alg("compensationbalance", parameters)


def test_annual_balance_by_hand(run_alg, tmp_path):
    # 2024: 410802 occupied P1 (1000 m², grade 7), supplied nothing in 2024 → quantity fails;
    # 410803 occupied P2 (500) and supplied nothing (Z3 is 2025, Z4 2022 and frozen).
    result = run_alg(
        "annualbalance",
        {
            "DEMANDS": write_csv(tmp_path / "d.csv", DEMAND_HEADER, DEMAND_ROWS),
            "SUPPLY": write_csv(tmp_path / "s.csv", SUPPLY_HEADER, SUPPLY_ROWS),
            "YEAR": 2025,
            "BALANCE": str(tmp_path / "balance.gpkg"),
            "DETAILS": str(tmp_path / "details.gpkg"),
            "REPORT": str(tmp_path / "annual.xlsx"),
        },
    )
    # 2025: nothing occupied; 410803 supplied Z3 600 m², 产能 1000 → every check passes; grade vs the
    # 2024 occupation of 410803 (grade 6): 5 ≤ 6 passes.
    balance = {r["XZQDM"]: r for r in rows(result["BALANCE"])}
    b = balance["410803"]
    assert (b["ZY_GDMJ"], b["BC_GDMJ"], b["BC_CN"], b["BC_DB"], b["SN_ZY_DB"]) == (0.0, 600.0, 1000.0, 5.0, 6.0)
    assert (b["JC_SL"], b["JC_ST"], b["JC_CN"], b["JC_ZLSN"]) == (1, 1, 1, 1)
    assert set(balance) == {"410803", "合计"} and result["FAILED_COUNT"] == 0  # stored texts are Chinese
    details = rows(result["DETAILS"])
    assert {(r["XZQDM"], r["BH"]) for r in details} == {("410803", "Z3"), ("410803", "P2")}
    assert Path(tmp_path / "annual.html").exists()


# --------------------------------------------------------------------- chained after the red-line overlay

X0, Y0 = 500000.0, 3900000.0
GEOD = Geod(a=6378137.0, rf=298.257222101)


def ring(x1, y1, x2, y2):
    return [(X0 + x1, Y0 + y1), (X0 + x1, Y0 + y2), (X0 + x2, Y0 + y2), (X0 + x2, Y0 + y1), (X0 + x1, Y0 + y1)]


def wkt(points) -> str:
    return "POLYGON(({}))".format(",".join("{!r} {!r}".format(x, y) for x, y in points))


def geodesic_cents(points) -> int:
    """GeographicLib area of the ring as drawn in EPSG:4547 (edges cut into 1 m pieces), in cents half-up."""
    pieces = []
    for (x1, y1), (x2, y2) in zip(points[:-1], points[1:]):
        n = max(1, int(np.ceil(np.hypot(x2 - x1, y2 - y1))))
        t = np.arange(n) / n
        pieces.append(np.column_stack([x1 + (x2 - x1) * t, y1 + (y2 - y1) * t]))
    xy = np.vstack(pieces)
    lon, lat = Transformer.from_crs(4547, 4490, always_xy=True).transform(xy[:, 0], xy[:, 1])
    area = abs(GEOD.polygon_area_perimeter(lon, lat)[0])
    return int((Decimal(repr(area)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_chains_after_the_red_line_overlay_in_a_model(farmland_provider, write_layer, tmp_path):
    """Model: redlineoverlay → its VERDICT as DEMANDS of compensationbalance."""
    from qgis import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
    )

    gpkg = tmp_path / "county.gpkg"
    paddy = ring(0, 0, 100, 200)  # one 水田 parcel, 等别 5, no 田坎
    dltb = write_layer(
        gpkg,
        "DLTB",
        4547,
        {"BSM": "str", "DLBM": "str", "ZLDWDM": "str", "KCXS": "real", "GDDB": "int"},
        [(wkt(paddy), {"BSM": "P1", "DLBM": "0101", "ZLDWDM": "4108211002010000000", "KCXS": 0.0, "GDDB": 5})],
    )
    sites = write_layer(
        gpkg,
        "XMYD",
        4547,
        {"XMBH": "str", "PZRQ": "str"},
        [
            (wkt(paddy), {"XMBH": "XM-A", "PZRQ": "2024-03-01"}),
            (wkt(ring(1000, 1000, 1100, 1100)), {"XMBH": "XM-C", "PZRQ": "2024-03-02"}),
        ],
    )
    supply = write_csv(
        tmp_path / "supply.csv",
        SUPPLY_HEADER,
        [["S1", "410821", "2023-01-01", "30000", "30000", "100000", "4", "可用"]],
    )

    model = QgsProcessingModelAlgorithm("balance model", "tests")
    for name in ("sites", "dltb", "ledger"):
        model.addModelParameter(QgsProcessingParameterFeatureSource(name, name), QgsProcessingModelParameter(name))
    overlay = QgsProcessingModelChildAlgorithm("farmland:redlineoverlay")
    overlay.setChildId("overlay")
    overlay.addParameterSources("SITES", [QgsProcessingModelChildParameterSource.fromModelParameter("sites")])
    overlay.addParameterSources("LANDUSE", [QgsProcessingModelChildParameterSource.fromModelParameter("dltb")])
    model.addChildAlgorithm(overlay)
    balance = QgsProcessingModelChildAlgorithm("farmland:compensationbalance")
    balance.setChildId("balance")
    balance.addParameterSources(
        "DEMANDS", [QgsProcessingModelChildParameterSource.fromChildOutput("overlay", "VERDICT")]
    )
    balance.addParameterSources("SUPPLY", [QgsProcessingModelChildParameterSource.fromModelParameter("ledger")])
    outputs_ = {}
    for name in ("ALLOCATION", "SHORTFALL"):
        out = QgsProcessingModelOutput(name.lower())
        out.setChildId("balance")
        out.setChildOutputName(name)
        outputs_[name.lower()] = out
    balance.setModelOutputs(outputs_)
    model.addChildAlgorithm(balance)

    result = processing.run(
        model,
        {
            "sites": sites,
            "dltb": dltb,
            "ledger": supply,
            "balance:allocation": str(tmp_path / "allocation.gpkg"),
            "balance:shortfall": str(tmp_path / "short.gpkg"),
        },
        context=QgsProcessingContext(),
        feedback=QgsProcessingFeedback(),
    )
    allocation = rows(result["balance:allocation"])
    area = geodesic_cents(paddy)
    # XM-A occupies the whole parcel: area = 水田 = the parcel; 产能 = area × 1.65 kg/m² (等别 5:
    # 1100 kg/亩 × 15 / 10000), half-up to 0.01 kg. XM-C occupies no farmland: nothing to balance.
    assert [(r["XMBH"], r["ZBBH"], r["XM_XZQDM"]) for r in allocation] == [("XM-A", "S1", "410821")]
    (line,) = allocation
    assert abs(line["GDMJ"] * 100 - area) <= 1 and abs(line["STMJ"] * 100 - area) <= 1
    capacity = (Decimal(area) / 100 * Decimal("1.65")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert line["CN"] == pytest.approx(float(capacity), abs=0.02)
    assert rows(result["balance:shortfall"]) == []


# ------------------------------------------------------------------------------ the generic helpers


def test_report_writer_writes_typed_sheets_and_html(tmp_path):
    from farmland_guard.engine.report_writer import Sheet, write_report

    sheets = [
        Sheet("按县汇总", ["县", "公顷", "个数"], [["410802", 1.2346, 3], ["410803", None, 0]], [None, 4, 0]),
        Sheet("bad[name]:*?/\\ and far too long for excel", ["说明"], [["<b>&</b>"]]),
        Sheet("按县汇总", ["空"], []),
    ]
    xlsx, html_path = write_report(str(tmp_path / "r.xlsx"), sheets, "标题")
    workbook = ogr.Open(xlsx)
    names = [workbook.GetLayer(k).GetName() for k in range(workbook.GetLayerCount())]
    # [ ] : * ? / \ become _, then cut to Excel's 31 characters; a repeated name gets (2)
    assert names == ["按县汇总", "bad_name______ and far too long", "按县汇总(2)"]
    first = workbook.GetLayer(0)
    definition = first.GetLayerDefn()
    kinds = [definition.GetFieldDefn(k).GetType() for k in range(definition.GetFieldCount())]
    assert kinds == [ogr.OFTString, ogr.OFTReal, ogr.OFTInteger64] or kinds[1:] == [ogr.OFTReal, ogr.OFTInteger]
    rows_ = [f.items() for f in first]
    assert rows_[0] == {"县": "410802", "公顷": 1.2346, "个数": 3} and rows_[1]["公顷"] is None
    html = Path(html_path).read_text(encoding="utf-8")
    assert "<td class=\"n\">1.2346</td>" in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html and "<h1>标题</h1>" in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.xlsx"]  # no temporary files left


def test_report_writer_leaves_nothing_on_failure(tmp_path):
    from farmland_guard.engine.report_writer import ReportWriteError, Sheet, write_report

    target = tmp_path / "missing_folder" / "r.xlsx"
    with pytest.raises(ReportWriteError):
        write_report(str(target), [Sheet("a", ["x"], [[1]])], "t")
    assert not target.parent.exists() or not any(target.parent.iterdir())


def test_table_reader_gives_plain_values(qgis_app, tmp_path):
    import datetime

    from farmland_guard.engine.tables import field_names, open_table, read_rows

    path = tmp_path / "t.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("t", None, ogr.wkbNone)
    for name, kind in (("ID", ogr.OFTString), ("D", ogr.OFTDate), ("V", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for ident, date, value in (("a", "2024/05/01", 1.5), ("b", None, None)):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("ID", ident)
        if date:
            feature.SetField("D", date)
        if value is not None:
            feature.SetField("V", value)
        layer.CreateFeature(feature)
    ds = None
    table = open_table("{}|layername=t".format(path))
    assert field_names(table) == ["fid", "ID", "D", "V"]
    rows_ = read_rows(table, {"KEY": "ID", "WHEN": "D", "AMOUNT": "V", "ABSENT": None})
    assert rows_ == [
        (1, {"KEY": "a", "WHEN": datetime.date(2024, 5, 1), "AMOUNT": 1.5}),
        (2, {"KEY": "b", "WHEN": None, "AMOUNT": None}),
    ]


def test_statement_keeps_the_three_ledgers_apart():
    """A 水田 record need not add area: the supplied side lists the indicators, no "of which"."""
    from farmland_guard.processing.compensation_balance import CompensationBalanceAlgorithm

    ha = 1_000_000  # cents of m² in a hectare
    text = CompensationBalanceAlgorithm()._statement((5 * ha, 4045300, 0), (0, 4045300, 0), (5 * ha, 0, 0))
    assert text.count("of which") == 1  # only the occupied side: paddy is part of the farmland occupied
    assert "compensated: farmland quantity 0.0000 ha, paddy 4.0453 ha" in text
    assert "still missing: farmland quantity 5.0000 ha, paddy 0.0000 ha" in text


def test_annual_balance_of_an_empty_year_says_so(run_alg, tmp_path, warning_log):
    parameters = {
        "DEMANDS": write_csv(tmp_path / "d.csv", DEMAND_HEADER, DEMAND_ROWS),
        "SUPPLY": write_csv(tmp_path / "s.csv", SUPPLY_HEADER, SUPPLY_ROWS),
        "YEAR": 2030,
        "BALANCE": str(tmp_path / "balance.gpkg"),
        "DETAILS": str(tmp_path / "details.gpkg"),
    }
    run_alg("annualbalance", parameters, context=QgsProcessingContext(), feedback=warning_log)
    assert any("falls in 2030" in w for w in warning_log.warnings)
    (total,) = list(QgsVectorLayer(str(tmp_path / "balance.gpkg"), "b", "ogr").getFeatures())
    assert total["ND"] == 2030


def test_a_report_folder_that_does_not_exist_stops_before_the_work(run_alg, tmp_path):
    parameters = {
        "DEMANDS": write_csv(tmp_path / "demands.csv", DEMAND_HEADER, DEMAND_ROWS),
        "SUPPLY": write_csv(tmp_path / "supply.csv", SUPPLY_HEADER, SUPPLY_ROWS),
        **outputs(tmp_path),
        "REPORT": str(tmp_path / "no" / "such" / "folder" / "r.xlsx"),
    }
    with pytest.raises(QgsProcessingException, match=r"The folder of the report .*r\.xlsx does not exist"):
        run_alg("compensationbalance", parameters)
    assert not (tmp_path / "out_allocation.gpkg").exists()


def test_many_record_grades_are_announced(run_alg, tmp_path, warning_log):
    # 40 records graded to 0.1 (40 grade classes): the LP grows with them, and the user is told why
    supply_rows = [
        ["Z{}".format(k), "410802", "2023-01-01", "100", "0", "100", "{:.1f}".format(5 + k / 10), "可用"]
        for k in range(40)
    ]
    parameters = {
        "DEMANDS": write_csv(tmp_path / "d.csv", DEMAND_HEADER, DEMAND_ROWS),
        "SUPPLY": write_csv(tmp_path / "s.csv", SUPPLY_HEADER, supply_rows),
        "SCOPE": 1,
        **outputs(tmp_path),
    }
    run_alg("compensationbalance", parameters, context=QgsProcessingContext(), feedback=warning_log)
    assert any("40 different grades" in w for w in warning_log.warnings)
    # whole grades, as usual, say nothing
    few = outputs(tmp_path, "few")
    parameters.update(few, SUPPLY=write_csv(tmp_path / "s2.csv", SUPPLY_HEADER, SUPPLY_ROWS))
    warning_log.warnings.clear()
    run_alg("compensationbalance", parameters, context=QgsProcessingContext(), feedback=warning_log)
    assert not any("different grades" in w for w in warning_log.warnings)
