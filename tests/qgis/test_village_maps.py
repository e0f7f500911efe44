"""farmland:villagemaps end to end on a tiny county drawn by hand.

Statistics are checked against GeographicLib areas of the clipped pieces (computed here from their
coordinates, not by the plugin) and Decimal deductions; the PDF against pdffonts/pdftotext; the PNG
by its pixels. Also: a village without code, one whose file cannot be written, a multipart village,
a village without 耕地 or roster, templates missing items, cancel, one thread vs several, qgis_process.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pytest
from pyproj import Geod, Transformer

ROOT = Path(__file__).resolve().parents[2]
GEOD = Geod(a=6378137.0, rf=298.257222101)
EPSG = 4547  # CGCS2000 3° Gauss–Krüger CM 114°E, no zone prefix
X0, Y0 = 500000.0, 3900000.0
HAVE_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
CENT = Decimal("0.01")

V1 = ("4108211002000000000", "苏冲村")
V2 = ("4108211002010000000", "李店:村")  # ':' must not reach the file name
V3 = ("4108211010010000000", "柳河村")  # two parts
V4 = (None, "无码村")  # no code: fails early, the others go on


def box(x1, y1, x2, y2):
    return [
        (X0 + x1, Y0 + y1),
        (X0 + x1, Y0 + y2),
        (X0 + x2, Y0 + y2),
        (X0 + x2, Y0 + y1),
        (X0 + x1, Y0 + y1),
    ]


def wkt(*rings_per_part):
    parts = ",".join(
        "(({}))".format(",".join("{} {}".format(x, y) for x, y in ring)) for ring in rings_per_part
    )
    return "MULTIPOLYGON({})".format(parts)


VILLAGES = [
    (wkt(box(0, 0, 1000, 1000)), V1),
    (wkt(box(1000, 0, 2000, 1000)), V2),
    (wkt(box(0, 2000, 500, 2500), box(1500, 2000, 2000, 2500)), V3),
    (wkt(box(2000, 0, 3000, 1000)), V4),
]
# (TBBH, DLBM, KCXS, ring); P3 and P4 cross village boundaries
PARCELS = [
    ("1", "0101", 0.0, box(0, 0, 400, 400)),
    ("2", "0102", 0.0523, box(400, 600, 800, 1000)),
    ("3", "0103", 0.1, box(-200, 500, 200, 800)),
    ("4", "0301", 0.0, box(900, 0, 1500, 1000)),
    ("5", "0101", None, box(0, 2000, 300, 2300)),
    ("6", "0103", 0.2, box(1500, 2100, 1800, 2400)),
]
PBF = [
    ("B1", 0.0, box(0, 0, 400, 200)),
    ("B2", 0.1, box(-100, 600, 100, 700)),
    ("B3", 0.2, box(1500, 2100, 1600, 2200)),
]
# pieces inside each village as the clipping must find them: village → [(class or 'PBF', KCXS, ring)]
EXPECTED_PIECES = {
    "410821100200": [
        ("0101", 0.0, box(0, 0, 400, 400)),
        ("0102", 0.0523, box(400, 600, 800, 1000)),
        ("0103", 0.1, box(0, 500, 200, 800)),
        ("PBF", 0.0, box(0, 0, 400, 200)),
        ("PBF", 0.1, box(0, 600, 100, 700)),
    ],
    "410821101001": [
        ("0101", None, box(0, 2000, 300, 2300)),
        ("0103", 0.2, box(1500, 2100, 1800, 2400)),
        ("PBF", 0.2, box(1500, 2100, 1600, 2200)),
    ],
    "410821100201": [],
}
TITLE_V1 = "示范县城关镇苏冲村耕地保护现状图"


def reference_area(ring) -> float:
    """GeographicLib area of the ring as drawn in EPSG:4547 (edges cut into ≤ 1 m pieces)."""
    points = []
    for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
        n = max(1, int(np.ceil(np.hypot(x2 - x1, y2 - y1))))
        t = np.arange(n) / n
        points.append(np.column_stack([x1 + (x2 - x1) * t, y1 + (y2 - y1) * t]))
    xy = np.vstack(points)
    lon, lat = Transformer.from_crs(EPSG, 4490, always_xy=True).transform(xy[:, 0], xy[:, 1])
    return abs(GEOD.polygon_area_perimeter(lon, lat)[0])


def net_m2(ring, kcxs) -> Decimal:
    tbmj = Decimal(repr(reference_area(ring))).quantize(CENT, ROUND_HALF_UP)
    kcmj = (tbmj * Decimal(repr(kcxs or 0.0))).quantize(CENT, ROUND_HALF_UP)
    return tbmj - kcmj


def expected_mu(village: str, what: str) -> Decimal:
    """Exact 亩 (unrounded) of a class ('0101'…), of all 耕地 ('耕地') or of 'PBF' in a village."""
    total = Decimal(0)
    for cls, kcxs, ring in EXPECTED_PIECES[village]:
        if cls == what or (what == "耕地" and cls != "PBF"):
            total += net_m2(ring, kcxs)
    return total * Decimal("0.0015")


# -------------------------------------------------------------------------------------------- data


def _write(path, name, fields, rows, epsg=EPSG):
    from osgeo import ogr, osr

    kinds = {"str": ogr.OFTString, "real": ogr.OFTReal, "int": ogr.OFTInteger}
    ds = (
        ogr.Open(str(path), 1)
        if Path(path).exists()
        else ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    )
    srs = None
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    layer = ds.CreateLayer(name, srs, ogr.wkbMultiPolygon if epsg else ogr.wkbNone)
    for field_name, kind in fields.items():
        layer.CreateField(ogr.FieldDefn(field_name, kinds[kind]))
    for geometry, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        if geometry:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(geometry))
        for key, value in values.items():
            if value is not None:
                feature.SetField(key, value)
        layer.CreateFeature(feature)
    ds = None
    return "{}|layername={}".format(path, name)


def make_county(folder: Path) -> dict[str, str]:
    gpkg = folder / "county.gpkg"
    layers = {
        "VILLAGES": _write(
            gpkg,
            "CJDCQ",
            {"ZLDWDM": "str", "ZLDWMC": "str"},
            [(g, {"ZLDWDM": c, "ZLDWMC": n}) for g, (c, n) in VILLAGES],
        ),
        "LANDUSE": _write(
            gpkg,
            "DLTB",
            {"TBBH": "str", "DLBM": "str", "KCXS": "real"},
            [(wkt(r), {"TBBH": t, "DLBM": d, "KCXS": k}) for t, d, k, r in PARCELS],
        ),
        "PBF": _write(
            gpkg,
            "YJJBNTTB",
            {"YJJBNTTBBH": "str", "KCXS": "real"},
            [(wkt(r), {"YJJBNTTBBH": b, "KCXS": k}) for b, k, r in PBF],
        ),
        "TARGETS": _write(
            gpkg,
            "MBB",
            {"ZLDWDM": "str", "GDBYLMB": "real"},
            [
                (None, {"ZLDWDM": "410821100200", "GDBYLMB": 300.0}),
                (None, {"ZLDWDM": "410821101001", "GDBYLMB": 1000.0}),
            ],
            epsg=None,
        ),
        "ROSTER": _write(
            gpkg,
            "TZ",
            {"CJDM": "str", "JB": "str", "XM": "str", "ZW": "str", "DH": "str", "DWMC": "str"},
            [
                (
                    None,
                    {
                        "CJDM": "410821000000",
                        "JB": "县",
                        "XM": "雷振松",
                        "ZW": "县长",
                        "DH": "13500000001",
                        "DWMC": "示范县",
                    },
                ),
                (
                    None,
                    {
                        "CJDM": "410821100000",
                        "JB": "乡",
                        "XM": "邱军红",
                        "ZW": "镇长",
                        "DH": "13500000002",
                        "DWMC": "城关镇",
                    },
                ),
                (
                    None,
                    {
                        "CJDM": "410821101000",
                        "JB": "乡",
                        "XM": "史玉",
                        "ZW": "镇长",
                        "DH": "13500000003",
                        "DWMC": "柳河镇",
                    },
                ),
                (
                    None,
                    {
                        "CJDM": "410821100200",
                        "JB": "村",
                        "XM": "龙婷阳",
                        "ZW": "村党支部书记",
                        "DH": "13500000004",
                    },
                ),
            ],
            epsg=None,
        ),
    }
    return layers


def read_index(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------------------------------ runner


@pytest.fixture(scope="module")
def provider(qgis_app, qgis_processing):
    from qgis.core import QgsApplication

    from farmland_guard.processing.provider import FarmlandProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("farmland")
    if existing is not None:
        yield existing
        return
    own = FarmlandProvider()
    registry.addProvider(own)
    yield own
    registry.removeProvider(own)


class Log:
    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        class Feedback(QgsProcessingFeedback):
            def __init__(inner):
                super().__init__()
                inner.lines = []

            def pushInfo(inner, text):  # noqa: N802
                inner.lines.append(("info", text))

            def pushWarning(inner, text):  # noqa: N802
                inner.lines.append(("warning", text))

            def reportError(inner, text, fatal=False):  # noqa: N802
                inner.lines.append(("error", text))

        self.feedback = Feedback()

    def text(self, kind=None):
        return "\n".join(t for k, t in self.feedback.lines if kind is None or k == kind)


def run(provider, parameters, feedback=None):
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProject

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    log = Log() if feedback is None else None
    result = processing.run(
        "farmland:villagemaps", parameters, context=context, feedback=feedback or log.feedback
    )
    return result, log


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return make_county(tmp_path_factory.mktemp("county"))


@pytest.fixture(scope="module")
def export(provider, county, tmp_path_factory):
    out = tmp_path_factory.mktemp("maps")
    blocker = out / "410821100201_李店_村_耕地保护现状图.pdf"
    blocker.mkdir()  # a directory where V2's PDF should go: its export fails, the others must not
    result, log = run(provider, dict(county, FORMAT=2, DPI=72, BOOKLET=True, OUTPUT_FOLDER=str(out)))
    rows = read_index(result["INDEX_CSV"])
    return result, log, out, {r["村代码"]: r for r in rows}


def test_pages_index_and_failures(export):
    result, log, out, index = export
    assert result["PAGE_COUNT"] == 2
    assert result["FAILED_COUNT"] == 2
    v1 = out / "410821100200_苏冲村_耕地保护现状图"
    assert v1.with_suffix(".pdf").is_file() and v1.with_suffix(".png").is_file()
    assert index["410821100200"]["状态"] == "成功"
    assert (
        index["410821100200"]["文件"]
        == "410821100200_苏冲村_耕地保护现状图.pdf; 410821100200_苏冲村_耕地保护现状图.png"
    )
    assert index["410821100201"]["状态"] == "失败"  # its file could not be written
    assert index[""]["状态"] == "失败" and "12-digit" in index[""]["说明"]  # the village without code
    errors = log.text("error")
    assert "410821100201" in errors and "Villages that failed" in errors
    assert Path(result["INDEX_XLSX"]).is_file()


def test_statistics_equal_independent_areas(export):
    _, _, _, index = export
    for code in ("410821100200", "410821101001"):
        row = index[code]
        farmland = expected_mu(code, "耕地")
        assert abs(Decimal(row["耕地面积（亩）"]) - farmland) <= Decimal("0.00501"), (code, row, farmland)
        assert abs(Decimal(row["耕地面积（公顷）"]) - farmland / 15) <= Decimal("0.0000501")
        for column, cls in (("水田（亩）", "0101"), ("水浇地（亩）", "0102"), ("旱地（亩）", "0103")):
            # classes are levelled to the printed total: at most one more hundredth
            assert abs(Decimal(row[column]) - expected_mu(code, cls)) <= Decimal("0.01001"), (code, column)
        classes = sum(Decimal(row[c]) for c in ("水田（亩）", "水浇地（亩）", "旱地（亩）"))
        assert classes == Decimal(row["耕地面积（亩）"])
        assert abs(Decimal(row["永久基本农田面积（亩）"]) - expected_mu(code, "PBF")) <= Decimal("0.00501")
    assert index["410821100200"]["永久基本农田图斑数"] == "2"
    assert index["410821101001"]["永久基本农田图斑数"] == "1"
    # targets: 300 亩 for 苏冲村; completion = 耕地 / target
    completion = expected_mu("410821100200", "耕地") / Decimal(300) * 100
    assert abs(Decimal(index["410821100200"]["目标完成率（%）"]) - completion) <= Decimal("0.00501")
    assert index["410821100200"]["比例尺"] == "1:5000"
    # 2000 m × 500 m with 5 % margins in a 280 mm frame: 7857 → 1:8000, both parts in the frame
    assert index["410821101001"]["比例尺"] == "1:8000"


def test_special_villages_are_explained(export):
    _, log, _, index = export
    warnings = log.text("warning")
    assert "410821101001" in warnings and "2 separate parts" in warnings
    # the index is a document: its remarks are Chinese whatever the language of the interface
    assert "田长名录中无本村的村级田长或网格员" in index["410821101001"]["说明"]  # only county and township rows
    assert "耕地面积低于耕地保有量目标" in index["410821101001"]["说明"]  # 1000 亩 target not met
    assert "村内无耕地" in index["410821100201"]["说明"]


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils missing")
def test_pdf_embeds_a_cjk_font_and_the_text_extracts_exactly(export):
    _, _, out, index = export
    pdf = out / "410821100200_苏冲村_耕地保护现状图.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert any("WenQuanYi" in line and " yes " in line for line in fonts.splitlines()), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert TITLE_V1 in text
    assert index["410821100200"]["耕地面积（亩）"] in text  # the statistics table is real text
    assert "龙婷阳" in text and "邱军红" in text and "雷振松" in text
    assert "12336" in text and "2000国家大地坐标系" in text


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils missing")
def test_booklet_has_one_page_per_written_map(export):
    result, _, _, _ = export
    info = subprocess.run(
        ["pdfinfo", result["BOOKLET_PDF"]], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M), info
    text = subprocess.run(["pdftotext", result["BOOKLET_PDF"], "-"], capture_output=True, text=True).stdout
    assert TITLE_V1 in text


def test_png_is_a_drawn_map(export):
    from qgis.PyQt.QtGui import QColor, QImage

    _, _, out, _ = export
    image = QImage(str(out / "410821100200_苏冲村_耕地保护现状图.png"))
    assert abs(image.width() - 1191) <= 1 and abs(image.height() - 842) <= 1  # A3 landscape at 72 dpi
    paddy = QColor("#9fd3e0")
    step = 3
    white = drawn = paddy_pixels = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = QColor(image.pixel(x, y))
            if c.red() > 250 and c.green() > 250 and c.blue() > 250:
                white += 1
            else:
                drawn += 1
            if (
                abs(c.red() - paddy.red()) + abs(c.green() - paddy.green()) + abs(c.blue() - paddy.blue())
                < 12
            ):
                paddy_pixels += 1
    assert drawn > 0.25 * (white + drawn)  # not blank
    # the 水田 parcel (400 m square at 1:5000 = 80 mm = 227 px at 72 dpi) is filled in its colour
    assert paddy_pixels * step * step > 0.5 * 227 * 227


def test_one_thread_gives_the_same_numbers(provider, county, export, tmp_path):
    from qgis.core import QgsApplication

    _, _, _, index = export
    before = QgsApplication.maxThreads()
    QgsApplication.setMaxThreads(1)
    try:
        result, _ = run(
            provider,
            dict(county, FILTER="\"ZLDWMC\" = '苏冲村'", FORMAT=0, DPI=72, OUTPUT_FOLDER=str(tmp_path)),
        )
    finally:
        QgsApplication.setMaxThreads(before)
    rows = read_index(result["INDEX_CSV"])
    assert len(rows) == 1
    for key in ("耕地面积（亩）", "水田（亩）", "永久基本农田面积（亩）", "比例尺"):
        assert rows[0][key] == index["410821100200"][key]
    assert index["410821100200"]["文件"].startswith(rows[0]["文件"])


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils missing")
def test_booklet_drawn_again_where_gdal_cannot_read_pdfs(provider, county, tmp_path, monkeypatch):
    from farmland_guard.processing import village_maps

    monkeypatch.setattr(village_maps, "gdal_can_compose_pdfs", lambda: False)
    result, log = run(
        provider,
        dict(
            county,
            FORMAT=1,
            DPI=72,
            BOOKLET=True,
            FILTER="\"ZLDWMC\" = '苏冲村'",
            OUTPUT_FOLDER="TEMPORARY_OUTPUT",
        ),
    )
    assert "drawn again" in log.text("info")
    assert not list(Path(result["OUTPUT_FOLDER"]).glob("*.pdf.*"))
    info = subprocess.run(
        ["pdfinfo", result["BOOKLET_PDF"]], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    text = subprocess.run(["pdftotext", result["BOOKLET_PDF"], "-"], capture_output=True, text=True).stdout
    assert TITLE_V1 in text
    assert [p.suffix for p in Path(result["OUTPUT_FOLDER"]).glob("410821100200_*")] == [".png"]


def _template_without(tmp_path, *item_ids):
    from qgis.core import QgsPrintLayout, QgsProject, QgsReadWriteContext
    from qgis.PyQt.QtXml import QDomDocument

    project = QgsProject()
    layout = QgsPrintLayout(project)
    document = QDomDocument()
    document.setContent((ROOT / "resources" / "templates" / "village_map_a3.qpt").read_text(encoding="utf-8"))
    layout.loadFromTemplate(document, QgsReadWriteContext())
    for item_id in item_ids:
        layout.removeLayoutItem(layout.itemById(item_id))
    path = tmp_path / "custom.qpt"
    assert layout.saveAsTemplate(str(path), QgsReadWriteContext())
    return str(path)


def test_missing_template_items_are_named_and_the_maps_still_come(provider, county, tmp_path):
    template = _template_without(tmp_path, "stats_table", "legend")
    result, log = run(
        provider,
        dict(
            county,
            TEMPLATE=template,
            FILTER="\"ZLDWMC\" = '苏冲村'",
            DPI=72,
            OUTPUT_FOLDER=str(tmp_path / "out"),
        ),
    )
    assert result["PAGE_COUNT"] == 1
    assert "stats_table" in log.text("warning") and "legend" in log.text("warning")


def test_template_without_map_is_a_clear_error(provider, county, tmp_path):
    from qgis.core import QgsProcessingException

    template = _template_without(tmp_path, "map")
    with pytest.raises(QgsProcessingException, match="map item with id “map”"):
        run(provider, dict(county, TEMPLATE=template, OUTPUT_FOLDER=str(tmp_path / "out")))


def test_unknown_filename_placeholder_is_refused(provider, county, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="村长"):
        run(provider, dict(county, FILENAME="{村代码}_{村长}", OUTPUT_FOLDER=str(tmp_path)))


def test_cancel_stops_without_harm(provider, county, tmp_path):
    from qgis.core import QgsApplication, QgsProcessingFeedback

    class CancelAfterFirstMap(QgsProcessingFeedback):
        def isCanceled(self):  # noqa: N802 - asked before each village
            return any(tmp_path.glob("*.pdf"))

    before = QgsApplication.maxThreads()
    QgsApplication.setMaxThreads(1)
    try:
        result, _ = run(
            provider, dict(county, DPI=72, OUTPUT_FOLDER=str(tmp_path)), feedback=CancelAfterFirstMap()
        )
    finally:
        QgsApplication.setMaxThreads(before)
    assert result["PAGE_COUNT"] == 1
    assert len(list(tmp_path.glob("*.pdf"))) == 1
    rows = read_index(result["INDEX_CSV"])
    assert sorted(r["状态"] for r in rows) == ["失败", "失败", "失败", "成功"]
    assert sum("运行已取消，本村未绘制" in r["说明"] for r in rows) == 2


@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/qgis_process.bin").exists(), reason="qgis_process missing")
def test_qgis_process_runs_to_a_clean_exit(county, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "farmland_guard").symlink_to(ROOT, target_is_directory=True)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
        QGIS_PLUGINPATH=str(plugins),
    )

    def qgis_process(*args):
        return subprocess.run(
            ["/usr/bin/qgis_process.bin", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    assert qgis_process("plugins", "enable", "farmland_guard").returncode == 0
    out = tmp_path / "out"
    args = ["{}={}".format(k, v) for k, v in county.items()]
    done = qgis_process(
        "run",
        "farmland:villagemaps",
        "--",
        *args,
        "FORMAT=0",
        "DPI=72",
        "BOOKLET=true",
        "OUTPUT_FOLDER={}".format(out),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (out / "410821100200_苏冲村_耕地保护现状图.pdf").is_file()
    assert (out / "一村一图_图册.pdf").is_file()
    assert "PAGE_COUNT:\t3" in done.stdout or "PAGE_COUNT: 3" in done.stdout


def test_targets_from_the_targets_dock_table_use_the_latest_year(provider, county, tmp_path):
    """The dock's store table (unit_code, year, farmland_mu) holds every year: the newest one counts."""
    targets = _write(
        tmp_path / "store.gpkg",
        "fg_targets",
        {"unit_code": "str", "year": "int", "farmland_mu": "real"},
        [
            (None, {"unit_code": "410821100200", "year": 2024, "farmland_mu": 9999.0}),
            (None, {"unit_code": "410821100200", "year": 2025, "farmland_mu": 300.0}),
        ],
        epsg=None,
    )
    parameters = dict(county, TARGETS=targets, FILTER="\"ZLDWMC\" = '苏冲村'", FORMAT=0, DPI=72)
    result, log = run(provider, dict(parameters, OUTPUT_FOLDER=str(tmp_path / "maps")))
    (row,) = read_index(result["INDEX_CSV"])
    assert Decimal(row["耕地保有量目标（亩）"]) == Decimal("300.00")
    assert "the maps use the targets of 2025; 1 rows of other years" in log.text("warning")


def test_allocated_targets_feed_the_village_maps():
    """farmland:allocatetargets writes what farmland:villagemaps reads as a targets table."""
    from farmland_guard.core import village_maps as vm
    from farmland_guard.processing.targets_allocate import AllocateTargetsAlgorithm

    found = vm.match_fields(AllocateTargetsAlgorithm.output_fields().names(), vm.TARGET_FIELDS)
    assert (found["code"], found["target"], found["year"]) == ("UNIT_CODE", "TARGET_GD_MU", None)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("\"ZLDWMC\" = '苏冲村", "FILTER is not a valid expression"),  # QGIS would drop it and map every village
        ("\"CUNMC\" = '苏冲村'", "FILTER names fields the villages layer does not have: CUNMC"),
    ],
)
def test_a_filter_that_cannot_work_is_refused(provider, county, tmp_path, expression, message):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match=message):
        run(provider, dict(county, FILTER=expression, FORMAT=0, DPI=72, OUTPUT_FOLDER=str(tmp_path)))
    assert not list(tmp_path.iterdir())
