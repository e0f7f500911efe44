"""farmland:assesstargets on a hand-built township of two villages (EPSG:4547, metres from X0/Y0).

    villages  甲村 [0,1000]×[0,1000]   乙村 [1000,2000]×[0,1000]
    DLTB      A [0,500]×[0,1000] 0101 甲村 TBDLMJ 20 000 m² (30 亩) · B [500,1000] 0702 甲村 ·
              C [1000,2000] 0101 乙村 TBDLMJ 40 000 m² (60 亩)
    GDBHMB    T [300,700]×[200,400] in 甲村: half on A (耕地), half on B (0702) → lost [500,700]×[200,400]
    YJJBNTTB  P1 [800,900]×[600,800] on B (not 耕地) · P2 [1200,1300]×[200,300] on C (耕地)
    targets   township 100 亩 (mapped 90 → 90.00 %, not met) · 甲村 30 亩 (100.00 %, met) ·
              乙村 50 亩 (60 / 50 = 120.00 %, met)

Expected piece areas: GeographicLib (pyproj.Geod) on the CGCS2000 ellipsoid of each rectangle as drawn
(edges cut into ≤ 1 m pieces in the plane, then unprojected with pyproj).
"""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Geod, Transformer

from farmland_guard.core.targets.book import TargetChange
from farmland_guard.core.targets.records import TargetRecord
from farmland_guard.engine.target_store import GeoPackageStore

GEOD = Geod(a=6378137.0, rf=298.257222101)
X0, Y0 = 500000.0, 3900000.0
JIA, YI = "410823100201", "410823100202"


def rect(x1, y1, x2, y2):
    corners = [(x1, y1), (x1, y2), (x2, y2), (x2, y1), (x1, y1)]
    return [(X0 + x, Y0 + y) for x, y in corners]


def wkt(ring) -> str:
    return "POLYGON(({}))".format(",".join("{!r} {!r}".format(x, y) for x, y in ring))


def reference_area(ring) -> float:
    points = []
    for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
        n = max(1, int(np.ceil(np.hypot(x2 - x1, y2 - y1))))
        t = np.arange(n) / n
        points.append(np.column_stack([x1 + (x2 - x1) * t, y1 + (y2 - y1) * t]))
    xy = np.vstack(points)
    lon, lat = Transformer.from_crs(4547, 4490, always_xy=True).transform(xy[:, 0], xy[:, 1])
    return abs(GEOD.polygon_area_perimeter(lon, lat)[0])


def _layer(value, context):
    return context.getMapLayer(value) if isinstance(value, str) else value


@pytest.fixture()
def township(tmp_path, write_layer):
    path = tmp_path / "township.gpkg"
    villages = write_layer(
        path,
        "CJDCQ",
        4547,
        {"ZLDWDM": "str", "ZLDWMC": "str"},
        [
            (wkt(rect(0, 0, 1000, 1000)), {"ZLDWDM": JIA, "ZLDWMC": "甲村"}),
            (wkt(rect(1000, 0, 2000, 1000)), {"ZLDWDM": YI, "ZLDWMC": "乙村"}),
        ],
    )
    landuse = write_layer(
        path,
        "DLTB",
        4547,
        {"ZLDWDM": "str", "DLBM": "str", "TBDLMJ": "real"},
        [
            (wkt(rect(0, 0, 500, 1000)), {"ZLDWDM": JIA + "0000000", "DLBM": "0101", "TBDLMJ": 20000.0}),
            (wkt(rect(500, 0, 1000, 1000)), {"ZLDWDM": JIA + "0000000", "DLBM": "0702", "TBDLMJ": 500000.0}),
            (wkt(rect(1000, 0, 2000, 1000)), {"ZLDWDM": YI + "0000000", "DLBM": "0101", "TBDLMJ": 40000.0}),
        ],
    )
    targets_polygons = write_layer(
        path,
        "GDBHMB",
        4547,
        {"ZLDWDM": "str"},
        [(wkt(rect(300, 200, 700, 400)), {"ZLDWDM": JIA + "0000000"})],
    )
    pbf = write_layer(
        path,
        "YJJBNTTB",
        4547,
        {"ZLDWDM": "str", "KCXS": "real"},
        [
            (wkt(rect(800, 600, 900, 800)), {"ZLDWDM": JIA + "0000000", "KCXS": 0.0}),
            (wkt(rect(1200, 200, 1300, 300)), {"ZLDWDM": YI + "0000000", "KCXS": 0.0}),
        ],
    )
    store = GeoPackageStore(tmp_path / "targets.gpkg")
    store.ensure_schema()
    store.save_targets(
        [
            TargetChange(None, TargetRecord("410823100", 2024, farmland=10000)),
            TargetChange(None, TargetRecord(JIA, 2024, farmland=3000)),
            TargetChange(None, TargetRecord(YI, 2024, farmland=5000)),
            TargetChange(None, TargetRecord(YI, 2023, farmland=1)),  # another year: ignored
        ]
    )
    return {
        "VILLAGES": villages,
        "LANDUSE": landuse,
        "PBF": pbf,
        "TARGET_POLYGONS": targets_polygons,
        "TARGETS": store.qgis_source()[0],
    }


def test_assesstargets_completion_and_lost_pieces(run_alg, township):
    from qgis.core import QgsProcessing, QgsProcessingContext

    context = QgsProcessingContext()
    names = ("OUTPUT", "LOST_PARCELS", "PBF_NOT_FARMLAND")
    outputs = dict.fromkeys(names, QgsProcessing.TEMPORARY_OUTPUT)
    result = run_alg("assesstargets", {**township, "YEAR": 2024, **outputs}, context=context)

    table = _layer(result["OUTPUT"], context)
    rows = {
        f["UNIT_CODE"]: (f["TARGET_GD_MU"], f["MAPPED_GD_MU"], f["COMPLETION_PCT"], f["STATUS"])
        for f in table.getFeatures()
    }
    assert rows["410823100"][:3] == (100.0, 90.0, 90.0)
    assert rows[JIA][:3] == (30.0, 30.0, 100.0)
    assert rows[YI][:3] == (50.0, 60.0, 120.0)
    assert rows["410823100"][3] in ("not met", "未达标")
    assert rows[JIA][3] in ("met", "达标") and rows[YI][3] in ("met", "达标")
    assert result["NOT_MET"] == 1

    lost = list(_layer(result["LOST_PARCELS"], context).getFeatures())
    assert len(lost) == 1
    expected = reference_area(rect(500, 200, 700, 400))
    assert lost[0]["AREA_M2"] == pytest.approx(expected, abs=0.01)
    assert lost[0]["DLBM"] == "0702"
    assert lost[0]["ZLDWDM"] == JIA + "0000000"
    assert lost[0].geometry().area() == pytest.approx(200.0 * 200.0)
    assert result["LOST_MU"] == pytest.approx(round(expected * 0.0015, 2), abs=0.005)

    not_farmland = list(_layer(result["PBF_NOT_FARMLAND"], context).getFeatures())
    assert len(not_farmland) == 1
    assert not_farmland[0]["AREA_M2"] == pytest.approx(reference_area(rect(800, 600, 900, 800)), abs=0.01)
    assert not_farmland[0].geometry().area() == pytest.approx(100.0 * 200.0)


def test_assesstargets_without_overlays(run_alg, township):
    from qgis.core import QgsProcessing, QgsProcessingContext

    context = QgsProcessingContext()
    params = {k: v for k, v in township.items() if k not in ("PBF", "TARGET_POLYGONS")}
    result = run_alg(
        "assesstargets", {**params, "YEAR": 2024, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT}, context=context
    )
    assert result["NOT_MET"] == 1
    assert "LOST_PARCELS" not in result or not result["LOST_PARCELS"]
