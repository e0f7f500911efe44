"""farmland:importredline / farmland:exportredline end to end: hand-written 部标 TXT files, every problem
with its file and line, a DXF made by GDAL, DWG, the round trip, and qgis_process."""

from __future__ import annotations

import json
import os
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pytest
from pyproj import Geod, Transformer
from qgis.core import (
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

GEOD = Geod(a=6378137.0, rf=298.257222101)
ROOT = Path(__file__).resolve().parents[2]
QGIS_PROCESS = Path("/usr/bin/qgis_process.bin")

HEADER = """[属性描述]
格式版本号=1.01版本
数据产生单位=焦作市勘测院
数据产生日期=2024-05-20
坐标系=2000国家大地坐标系
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号=38
精度=0.001
转换参数=0,0,0,0,0,0,0
[地块坐标]
"""
HEADER_LINES = 12

SQUARE = """5,1.0000,DK001,东风村项目,面,,建设用地,,@
J1,1,3899300.000,38430800.000
J2,1,3899300.000,38430900.000
J3,1,3899200.000,38430900.000
J4,1,3899200.000,38430800.000
J1,1,3899300.000,38430800.000
"""
HOLE = """10,0.9600,DK002,有洞地块,面,,,,@
J1,1,3899100.000,38430800.000
J2,1,3899100.000,38430900.000
J3,1,3899000.000,38430900.000
J4,1,3899000.000,38430800.000
J1,1,3899100.000,38430800.000
J5,2,3899060.000,38430840.000
J6,2,3899060.000,38430860.000
J7,2,3899040.000,38430860.000
J8,2,3899040.000,38430840.000
J5,2,3899060.000,38430840.000
"""
MULTIPART = """10,0.5000,DK003,两块地,面,,,,@
J1,1,3898900.000,38430800.000
J2,1,3898900.000,38430850.000
J3,1,3898850.000,38430850.000
J4,1,3898850.000,38430800.000
J1,1,3898900.000,38430800.000
J5,2,3898900.000,38430900.000
J6,2,3898900.000,38430950.000
J7,2,3898850.000,38430950.000
J8,2,3898850.000,38430900.000
J5,2,3898900.000,38430900.000
"""
# planar (Gauss–Krüger) areas by hand
PLANAR = {"DK001": 10000.0, "DK002": 10000.0 - 400.0, "DK003": 2 * 2500.0}


def ring_of(text: str, ring: int = 1) -> list[tuple[float, float]]:
    """(easting, northing) of one 圈 of a hand-written parcel."""
    points = []
    for line in text.splitlines()[1:]:
        _, number, north, east = line.split(",")
        if int(number) == ring:
            points.append((float(east), float(north)))
    return points


def reference_area(rings: list[list[tuple[float, float]]], epsg: int = 4526) -> float:
    """GeographicLib area (outer minus holes) of rings as drawn: edges cut into ≤ 1 m pieces."""
    transformer = Transformer.from_crs(epsg, 4490, always_xy=True)
    total = 0.0
    for k, ring in enumerate(rings):
        pieces = []
        for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
            n = max(1, int(np.ceil(np.hypot(x2 - x1, y2 - y1))))
            t = np.arange(n) / n
            pieces.append(np.column_stack([x1 + (x2 - x1) * t, y1 + (y2 - y1) * t]))
        xy = np.vstack(pieces)
        lon, lat = transformer.transform(xy[:, 0], xy[:, 1])
        area = abs(GEOD.polygon_area_perimeter(lon, lat)[0])
        total += area if k == 0 else -area
    return total


def hectares(m2: float) -> float:
    """m² → 公顷, 0.01 m² then 4 decimals, half-up (Decimal, independent of the plugin)."""
    cents = Decimal(repr(m2)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float((cents / 10000).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def by_number(path) -> dict:
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    return {f["DKBH"]: f for f in layer.getFeatures()}


def problems(layer) -> list[tuple]:
    return sorted((f["FILE"], f["LINE"], f["CODE"], f["LEVEL"]) for f in layer.getFeatures())


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture()
def good_folder(tmp_path) -> Path:
    folder = tmp_path / "in"
    write(folder, "square_gbk.txt", HEADER + SQUARE, "gbk")
    write(folder, "hole.TXT", "\ufeff" + (HEADER + HOLE).replace("\n", "\r\n"))
    no_prefix = HEADER.replace("带号=38", "带号=114") + MULTIPART.replace(",38430", ",430")
    write(folder / "sub", "multipart_no_prefix.txt", no_prefix)
    write(folder, "readme.md", "not a red line")
    return folder


def test_import_folder_gbk_utf8_holes_parts_and_zones(run_alg, good_folder, tmp_path):
    out = tmp_path / "out.gpkg"
    result = run_alg("importredline", {"INPUT": [str(good_folder)], "OUTPUT": str(out)})
    assert (result["FILE_COUNT"], result["PARCEL_COUNT"], result["ERROR_COUNT"]) == (3, 3, 0)
    layer = QgsVectorLayer(str(out), "out", "ogr")
    assert layer.crs().authid() == "EPSG:4526"  # the first file's CRS: 3° zone 38 with prefix
    features = by_number(out)
    assert features["DK001"]["DKMC"] == "东风村项目"  # GBK decoded
    assert features["DK001"]["DKYT"] == "建设用地"
    assert features["DK001"]["SJSCDW"] == "焦作市勘测院"
    assert features["DK001"]["SRCFILE"] == "square_gbk.txt"
    assert features["DK001"]["SRCLINE"] == HEADER_LINES + 1
    assert features["DK002"]["JZDS"] == 10
    for number, planar in PLANAR.items():
        assert features[number].geometry().area() == pytest.approx(planar, abs=1e-6)
    # the no-prefix file (带号 written as the central meridian) is reprojected into zone 38 with prefix
    first_vertex = features["DK003"].geometry().vertexAt(0)
    assert (first_vertex.x(), first_vertex.y()) == pytest.approx((38430800.0, 3898900.0), abs=1e-6)
    assert features["DK003"].geometry().constGet().numGeometries() == 2
    # official areas, and the QA difference declared − computed
    expected = {
        "DK001": reference_area([ring_of(SQUARE)]),
        "DK002": reference_area([ring_of(HOLE, 1), ring_of(HOLE, 2)]),
        "DK003": reference_area([[(x - 38e6, y) for x, y in ring_of(MULTIPART, 1)]], 4547)
        + reference_area([[(x - 38e6, y) for x, y in ring_of(MULTIPART, 2)]], 4547),
    }
    declared = {"DK001": 1.0, "DK002": 0.96, "DK003": 0.5}
    for number, m2 in expected.items():
        assert features[number]["JSMJ"] == hectares(m2), number
        difference = Decimal(repr(declared[number])) - Decimal(repr(hectares(m2)))
        assert features[number]["MJCZ"] == pytest.approx(float(difference), abs=1e-12)
    assert features["DK001"]["JSMJ"] == 0.9999  # 100 m square 69 km west of 114°E: 9998.82 m²


ERROR_FILES = {
    # file: (text, [(line, code, level)])
    "unclosed.txt": (
        HEADER + "4,1.0000,DK001,,面,,,,@\n" + "\n".join(SQUARE.splitlines()[1:5]) + "\n",
        [(HEADER_LINES + 5, "unclosed-ring", "error")],
    ),
    "few.txt": (
        HEADER + "3,,DK9,,面,,,,@\nJ1,1,3899300.000,38430800.000\nJ2,1,3899300.000,38430900.000\n"
        "J1,1,3899300.000,38430800.000\n",
        [(HEADER_LINES + 2, "too-few-points", "error")],
    ),
    "duplicate.txt": (
        HEADER
        + SQUARE.replace("5,1.0000", "6,1.0000").replace("J3,", "J2,1,3899300.000,38430900.000\nJ3,", 1),
        [(HEADER_LINES + 4, "duplicate-point", "warning")],
    ),
    "count.txt": (
        HEADER + SQUARE.replace("5,1.0000", "8,1.0000"),
        [(HEADER_LINES + 1, "count-mismatch", "error")],
    ),
    "bowtie.txt": (
        HEADER
        + SQUARE.replace("J3,1,3899200.000,38430900.000", "J3,1,3899200.000,38430800.000").replace(
            "J4,1,3899200.000,38430800.000", "J4,1,3899200.000,38430950.000"
        ),
        # the repaired bow tie is not the declared 1 公顷 any more
        [(HEADER_LINES + 1, "area-mismatch", "warning"), (HEADER_LINES + 5, "self-intersection", "warning")],
    ),
    "zones.txt": (
        HEADER + SQUARE + SQUARE.replace("DK001", "DK_39").replace(",38430", ",39430"),
        [(HEADER_LINES + 8, "mixed-zones", "error")],
    ),
}


def test_each_problem_is_reported_with_file_and_line(run_alg, tmp_path):
    folder = tmp_path / "bad"
    for name, (text, _) in ERROR_FILES.items():
        write(folder, name, text)
    out = tmp_path / "out.gpkg"
    result = run_alg(
        "importredline", {"INPUT": [str(folder)], "OUTPUT": str(out), "ERRORS": "TEMPORARY_OUTPUT"}
    )
    found = problems(result["ERRORS"])
    expected = sorted(
        (name, line, code, "error" if level == "error" else "warning")
        for name, (_, rows) in ERROR_FILES.items()
        for line, code, level in rows
    )
    assert found == expected
    # only the parcels with warnings were imported: the duplicate point and the repaired bow tie
    features = QgsVectorLayer(str(out), "out", "ogr").getFeatures()
    imported = sorted((f["SRCFILE"], f["SFXF"], f.geometry().isGeosValid()) for f in features)
    assert imported == [("bowtie.txt", 1, True), ("duplicate.txt", 0, True)]
    assert result["ERROR_COUNT"] == 4 and result["WARNING_COUNT"] == 3
    messages = [f["MESSAGE"] for f in result["ERRORS"].getFeatures()]
    assert all(m and "{" not in m for m in messages)


def test_bow_tie_is_repaired_into_its_two_triangles(run_alg, tmp_path):
    text, _ = ERROR_FILES["bowtie.txt"]
    out = tmp_path / "out.gpkg"
    run_alg("importredline", {"INPUT": [str(write(tmp_path, "b.txt", text))], "OUTPUT": str(out)})
    (feature,) = QgsVectorLayer(str(out), "o", "ogr").getFeatures()
    # in local metres the ring is (0,100) (100,100) (0,0) (150,0): edge (100,100)→(0,0) crosses edge
    # (150,0)→(0,100) at (60,60), leaving the triangles (0,100),(100,100),(60,60) and (60,60),(0,0),(150,0)
    expected = 0.5 * 100 * 40 + 0.5 * 150 * 60
    assert feature.geometry().area() == pytest.approx(expected, abs=1e-6)
    assert feature["SFXF"] == 1


def test_crs_parameter_overrides_and_is_checked(run_alg, tmp_path):
    text = HEADER.replace("带号=38", "带号=") + SQUARE.replace(",38430", ",430")
    path = write(tmp_path, "nozone.txt", text)
    result = run_alg(
        "importredline", {"INPUT": [str(path)], "OUTPUT": "memory:", "ERRORS": "TEMPORARY_OUTPUT"}
    )
    assert problems(result["ERRORS"]) == [("nozone.txt", None, "crs-unknown", "error")]
    result = run_alg("importredline", {"INPUT": [str(path)], "CRS": "EPSG:4547", "OUTPUT": "memory:"})
    assert result["PARCEL_COUNT"] == 1 and result["OUTPUT"].crs().authid() == "EPSG:4547"
    result = run_alg(
        "importredline", {"INPUT": [str(path)], "CRS": "EPSG:4526", "OUTPUT": "memory:", "ERRORS": "memory:"}
    )
    assert [row[2] for row in problems(result["ERRORS"])] == ["override-mismatch"]


def _gdal_dxf(path: Path, entities: list[tuple[str, str]]) -> Path:
    """A DXF written by GDAL, then turned into what Chinese CAD writes: code page 936, GBK bytes."""
    from osgeo import ogr

    ds = ogr.GetDriverByName("DXF").CreateDataSource(str(path))
    layer = ds.CreateLayer("entities")
    for cad_layer, wkt in entities:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("Layer", cad_layer)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    ds = None
    text = path.read_bytes().decode("utf-8").replace("ANSI_1252", "ANSI_936")
    path.write_bytes(text.encode("gbk"))
    return path


def _linestring(ring: list[tuple[float, float]]) -> str:
    return "LINESTRING({})".format(",".join("{} {}".format(x, y) for x, y in ring))


def test_dxf_closed_polylines_on_chosen_layers(run_alg, tmp_path):
    outer = ring_of(HOLE, 1)
    hole = ring_of(HOLE, 2)
    other = ring_of(SQUARE)
    path = _gdal_dxf(
        tmp_path / "红线.dxf",
        [
            ("红线", _linestring(outer)),
            ("红线", _linestring(hole)),
            ("红线", "LINESTRING(38431000 3899000,38431100 3899000)"),  # open: not a polygon
            ("道路", _linestring(other)),
        ],
    )
    result = run_alg(
        "importredline",
        {"INPUT": [str(path)], "CAD_LAYERS": "红线", "OUTPUT": "memory:", "ERRORS": "memory:"},
    )
    (feature,) = result["OUTPUT"].getFeatures()
    assert result["OUTPUT"].crs().authid() == "EPSG:4526"  # from the 8-digit eastings
    assert feature["CADTC"] == "红线"
    assert feature.geometry().area() == pytest.approx(PLANAR["DK002"], abs=1e-6)
    assert feature["JSMJ"] == hectares(reference_area([outer, hole]))
    assert [row[2] for row in problems(result["ERRORS"])] == ["zone-from-eastings"]
    every_layer = run_alg("importredline", {"INPUT": [str(path)], "OUTPUT": "memory:"})
    assert sorted(f["CADTC"] for f in every_layer["OUTPUT"].getFeatures()) == ["红线", "道路"]


def test_dwg_gdal_cannot_read_gets_a_clear_message(run_alg, tmp_path):
    path = tmp_path / "site.dwg"
    path.write_bytes(b"AC1032" + bytes(200))
    result = run_alg("importredline", {"INPUT": [str(path)], "OUTPUT": "memory:", "ERRORS": "memory:"})
    (row,) = result["ERRORS"].getFeatures()
    assert row["CODE"] == "dwg-unreadable"
    assert "2018" in row["MESSAGE"] and "DXF" in row["MESSAGE"]


def test_canceled_import_writes_nothing(run_alg, good_folder, tmp_path):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException):
        run_alg("importredline", {"INPUT": [str(good_folder)], "OUTPUT": str(out)}, feedback=feedback)
    assert not out.exists()


# --- export and the round trip ------------------------------------------------------------------


def test_export_one_file_gbk_numbered_clockwise(run_alg, good_folder, tmp_path):
    imported = tmp_path / "imported.gpkg"
    run_alg("importredline", {"INPUT": [str(good_folder)], "OUTPUT": str(imported)})
    folder = tmp_path / "export"
    result = run_alg(
        "exportredline",
        {"INPUT": str(imported), "OUTPUT_FOLDER": str(folder), "FILE_NAME": "项目", "PRODUCER": "某测绘院"},
    )
    assert (result["FILE_COUNT"], result["PARCEL_COUNT"]) == (1, 3)
    data = (folder / "项目.txt").read_bytes()
    text = data.decode("gbk")  # GBK by default
    assert b"\r\n" in data
    lines = text.splitlines()
    assert lines[:12] == [
        "[属性描述]",
        "格式版本号=1.01版本",
        "数据产生单位=某测绘院",
        lines[3],
        "坐标系=2000国家大地坐标系",
        "几度分带=3",
        "投影类型=高斯克吕格",
        "计量单位=米",
        "带号=38",
        "精度=0.001",
        "转换参数=0,0,0,0,0,0,0",
        "[地块坐标]",
    ]
    assert lines[3].startswith("数据产生日期=20")
    square = lines.index(next(line for line in lines if ",DK001," in line))
    area = "{:.4f}".format(hectares(reference_area([ring_of(SQUARE)])))
    assert lines[square : square + 6] == [
        "5,{},DK001,东风村项目,面,,建设用地,,@".format(area),
        "J1,1,3899300.000,38430800.000",
        "J2,1,3899300.000,38430900.000",
        "J3,1,3899200.000,38430900.000",
        "J4,1,3899200.000,38430800.000",
        "J1,1,3899300.000,38430800.000",
    ]


def test_round_trip_keeps_geometry_and_areas(run_alg, good_folder, tmp_path):
    first = tmp_path / "first.gpkg"
    run_alg("importredline", {"INPUT": [str(good_folder)], "OUTPUT": str(first)})
    folder = tmp_path / "export"
    result = run_alg(
        "exportredline", {"INPUT": str(first), "OUTPUT_FOLDER": str(folder), "FILE_MODE": 0, "ENCODING": 1}
    )
    assert sorted(p.name for p in folder.iterdir()) == ["DK001.txt", "DK002.txt", "DK003.txt"]
    assert result["FILE_COUNT"] == 3
    second = tmp_path / "second.gpkg"
    again = run_alg("importredline", {"INPUT": [str(folder)], "OUTPUT": str(second), "ERRORS": "memory:"})
    assert again["ERROR_COUNT"] == 0 and again["WARNING_COUNT"] == 0
    before, after = by_number(first), by_number(second)
    for number in PLANAR:
        a, b = before[number].geometry(), after[number].geometry()
        assert a.symDifference(b).area() == pytest.approx(0.0, abs=1e-9), number
        # what was written as declared is what is computed again
        assert after[number]["MJCZ"] == 0.0 and after[number]["JSMJ"] == before[number]["JSMJ"]


def test_round_trip_of_an_arbitrary_layer_to_the_stated_precision(run_alg, write_layer, tmp_path):
    """Coordinates with many decimals, a hole and two parts, in the no-prefix CRS: written at 精度 2, read
    back in the prefixed zone; every vertex moves by at most half a centimetre (half-up rounding)."""
    rng = np.random.default_rng(7)
    angles = np.sort(rng.uniform(0, 2 * np.pi, 9))
    outer = [(430812.3456 + 90 * np.cos(a), 3899264.98765 + 70 * np.sin(a)) for a in angles]
    hole = [(430812.3456 + 20 * np.cos(a), 3899264.98765 + 20 * np.sin(a)) for a in angles[::2]]
    part = [(431100.123456, 3899000.987654), (431150.5, 3899000.25), (431120.0, 3899050.0)]
    wkt = "MULTIPOLYGON((({}),({})),(({})))".format(
        *(
            ",".join("{!r} {!r}".format(float(x), float(y)) for x, y in ring + ring[:1])
            for ring in (outer, hole, part)
        )
    )
    source = write_layer(tmp_path / "in.gpkg", "HX", 4547, {"XMBH": "str"}, [(wkt, {"XMBH": "P-1"})])
    folder = tmp_path / "txt"
    run_alg("exportredline", {"INPUT": source, "OUTPUT_FOLDER": str(folder), "DECIMALS": 2, "FILE_NAME": "p"})
    result = run_alg(
        "importredline", {"INPUT": [str(folder / "p.txt")], "OUTPUT": "memory:", "ERRORS": "memory:"}
    )
    assert result["ERROR_COUNT"] == 0
    (feature,) = result["OUTPUT"].getFeatures()
    assert feature["DKBH"] == "P-1" and feature["JD"] == "0.01"
    assert result["OUTPUT"].crs().authid() == "EPSG:4526"
    got = feature.geometry()
    got.translate(-38_000_000.0, 0.0)
    original = QgsGeometry.fromWkt(wkt)
    assert got.constGet().numGeometries() == 2
    assert got.hausdorffDistance(original) <= 0.005 * np.sqrt(2) + 1e-9
    for vertex in original.vertices():
        nearest = got.closestVertex(QgsPointXY(vertex.x(), vertex.y()))[0]
        assert abs(nearest.x() - vertex.x()) <= 0.005 + 1e-9 and abs(nearest.y() - vertex.y()) <= 0.005 + 1e-9


def test_export_refuses_characters_gbk_lacks_and_writes_nothing(run_alg, write_layer, tmp_path):
    square = "POLYGON((430800 3899300,430900 3899300,430900 3899200,430800 3899200,430800 3899300))"
    source = write_layer(tmp_path / "in.gpkg", "HX", 4547, {"DKMC": "str"}, [(square, {"DKMC": "𠀀村"})])
    folder = tmp_path / "out"
    with pytest.raises(QgsProcessingException, match="UTF-8"):
        run_alg("exportredline", {"INPUT": source, "OUTPUT_FOLDER": str(folder)})
    assert not folder.exists() or not any(folder.iterdir())
    run_alg(
        "exportredline", {"INPUT": source, "OUTPUT_FOLDER": str(folder), "ENCODING": 2, "ZONE_PREFIX": False}
    )
    (path,) = folder.iterdir()
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "𠀀村" in data.decode("utf-8-sig")
    assert "J1,1,3899300.000,430800.000" in data.decode("utf-8-sig")


def test_export_from_geographic_layer_picks_the_zone(run_alg, write_layer, tmp_path):
    lon, lat = Transformer.from_crs(4526, 4490, always_xy=True).transform(38430800.0, 3899300.0)
    d = 0.001
    ring = [(lon, lat), (lon + d, lat), (lon + d, lat - d), (lon, lat - d), (lon, lat)]
    wkt = "POLYGON(({}))".format(",".join("{!r} {!r}".format(x, y) for x, y in ring))
    source = write_layer(tmp_path / "in.gpkg", "HX", 4490, {"DKBH": "str"}, [(wkt, {"DKBH": "G1"})])
    folder = tmp_path / "out"
    run_alg("exportredline", {"INPUT": source, "OUTPUT_FOLDER": str(folder), "FILE_NAME": "g"})
    lines = (folder / "g.txt").read_bytes().decode("gbk").splitlines()
    assert "带号=38" in lines
    north, east = (float(v) for v in lines[13].split(",")[2:])
    assert (east, north) == pytest.approx((38430800.0, 3899300.0), abs=0.001)


# --- qgis_process --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not QGIS_PROCESS.exists(), reason="qgis_process missing")
def test_both_algorithms_run_under_qgis_process(good_folder, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "farmland_guard").symlink_to(ROOT, target_is_directory=True)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
        QGIS_PLUGINPATH=str(plugins),
    )

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(QGIS_PROCESS), *args], env=env, capture_output=True, text=True, timeout=300, check=False
        )

    enabled = run("plugins", "enable", "farmland_guard")
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    out = tmp_path / "out.gpkg"
    imported = run(
        "--json",
        "run",
        "farmland:importredline",
        "--",
        "INPUT={}".format(good_folder / "square_gbk.txt"),
        "INPUT={}".format(good_folder / "hole.TXT"),
        "OUTPUT={}".format(out),
    )
    assert imported.returncode == 0, imported.stdout[-2000:] + imported.stderr[-2000:]
    results = json.loads(imported.stdout)["results"]
    assert results["PARCEL_COUNT"] == 2 and results["ERROR_COUNT"] == 0
    assert sorted(by_number(out)) == ["DK001", "DK002"]
    folder = tmp_path / "txt"
    exported = run(
        "--json",
        "run",
        "farmland:exportredline",
        "--",
        "INPUT={}".format(out),
        "OUTPUT_FOLDER={}".format(folder),
    )
    assert exported.returncode == 0, exported.stdout[-2000:] + exported.stderr[-2000:]
    assert json.loads(exported.stdout)["results"]["FILE_COUNT"] == 1
    (path,) = folder.iterdir()
    assert ",DK002,有洞地块," in path.read_bytes().decode("gbk")


def test_export_keeps_precision_and_producer_of_an_imported_file(run_alg, tmp_path):
    text = HEADER.replace("精度=0.001", "精度=0.01") + SQUARE.replace(".000,", ".00,").replace(
        ".000\n", ".00\n"
    )
    imported = run_alg(
        "importredline", {"INPUT": [str(write(tmp_path, "in.txt", text))], "OUTPUT": "memory:"}
    )
    folder = tmp_path / "out"
    run_alg("exportredline", {"INPUT": imported["OUTPUT"], "OUTPUT_FOLDER": str(folder), "FILE_NAME": "p"})
    lines = (folder / "p.txt").read_bytes().decode("gbk").splitlines()
    assert "精度=0.01" in lines and "数据产生单位=焦作市勘测院" in lines
    assert lines[13] == "J1,1,3899300.00,38430800.00"


def test_declared_area_in_square_metres_is_flagged(run_alg, tmp_path):
    path = write(tmp_path, "m2.txt", HEADER + SQUARE.replace(",1.0000,", ",9998.82,"))
    result = run_alg("importredline", {"INPUT": [str(path)], "OUTPUT": "memory:", "ERRORS": "memory:"})
    assert problems(result["ERRORS"]) == [("m2.txt", HEADER_LINES + 1, "area-unit-suspect", "warning")]
    (feature,) = result["OUTPUT"].getFeatures()
    assert feature["DKMJ"] == 9998.82 and feature["MJCZ"] == pytest.approx(9998.82 - 0.9999, abs=1e-9)


def test_every_problem_code_has_a_message(farmland_provider):
    from farmland_guard.core import redline_problems as rp
    from farmland_guard.processing.import_redline import ImportRedlineAlgorithm

    codes = [
        v
        for k, v in vars(rp).items()
        if k.isupper() and isinstance(v, str) and v not in (rp.ERROR, rp.WARNING)
    ]
    algorithm = ImportRedlineAlgorithm()
    for code in codes:
        text = algorithm.message(rp.error(code))
        assert text != code and "{" not in text, code


def test_declared_area_more_than_one_percent_off_is_flagged(run_alg, tmp_path):
    path = write(tmp_path, "off.txt", HEADER + SQUARE.replace(",1.0000,", ",1.1600,"))  # computed 0.9999
    result = run_alg("importredline", {"INPUT": [str(path)], "OUTPUT": "memory:", "ERRORS": "memory:"})
    assert problems(result["ERRORS"]) == [("off.txt", HEADER_LINES + 1, "area-mismatch", "warning")]
    assert result["WARNING_COUNT"] == 1
    within = write(tmp_path, "within.txt", HEADER + SQUARE.replace(",1.0000,", ",1.0090,"))  # 0.91 %: accepted
    result = run_alg("importredline", {"INPUT": [str(within)], "OUTPUT": "memory:", "ERRORS": "memory:"})
    assert result["WARNING_COUNT"] == 0
