"""farmland:officialarea end to end, against independent expectations (GeographicLib, Decimal)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from pyproj import Geod, Transformer
from qgis.core import NULL, QgsProcessingException, QgsVectorLayer

GEOD = Geod(a=6378137.0, rf=298.257222101)


def reference_area(ring: list[tuple[float, float]], epsg: int) -> float:
    """GeographicLib area of the ring as drawn in ``epsg``: edges cut into ≤ 1 m pieces, then unprojected."""
    points = []
    for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
        n = max(1, int(np.ceil(np.hypot(x2 - x1, y2 - y1))))
        t = np.arange(n) / n
        points.append(np.column_stack([x1 + (x2 - x1) * t, y1 + (y2 - y1) * t]))
    xy = np.vstack(points)
    lon, lat = Transformer.from_crs(epsg, 4490, always_xy=True).transform(xy[:, 0], xy[:, 1])
    return abs(GEOD.polygon_area_perimeter(lon, lat)[0])


def half_up(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def wkt(ring) -> str:
    return "POLYGON(({}))".format(",".join("{} {}".format(x, y) for x, y in ring))


def features(path) -> list:
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid()
    return sorted(layer.getFeatures(), key=lambda f: f["BSM"])


SQUARE = [(650000, 3900000), (650000, 3901000), (651000, 3901000), (651000, 3900000), (650000, 3900000)]
SLIVER = [(520000.0, 3880000.0), (520000.0, 3880300.37), (520400.5, 3880300.37), (520000.0, 3880000.0)]


def test_areas_deduction_and_units(run_alg, write_layer, tmp_path):
    fields = {"BSM": "str", "KCXS": "real", "TBMJ": "real"}
    rows = [(wkt(SQUARE), {"BSM": "1", "KCXS": 0.1195, "TBMJ": 0.0}), (wkt(SLIVER), {"BSM": "2", "KCXS": None})]
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 4547, fields, rows)
    result = run_alg(
        "officialarea", {"INPUT": source, "ADD_MU": True, "ADD_HA": True, "OUTPUT": str(tmp_path / "out.gpkg")}
    )
    square, sliver = features(tmp_path / "out.gpkg")
    for feature, ring in ((square, SQUARE), (sliver, SLIVER)):
        expected = reference_area(ring, 4547)
        assert abs(feature["TBMJ"] - expected) <= 0.01 + 0.005, (feature["BSM"], feature["TBMJ"], expected)
    tbmj = Decimal(repr(square["TBMJ"]))
    kcmj = half_up(tbmj * Decimal("0.1195"))
    assert Decimal(repr(square["KCMJ"])) == kcmj
    assert Decimal(repr(square["TBDLMJ"])) == tbmj - kcmj
    assert sliver["KCMJ"] == 0 and sliver["TBDLMJ"] == sliver["TBMJ"]
    assert Decimal(repr(square["TBMJ_MU"])) == half_up(tbmj * 15 / 10000)
    assert Decimal(repr(square["TBMJ_HA"])) == half_up(tbmj / 10000, "0.0001")
    assert result["FEATURE_COUNT"] == 2
    assert result["TOTAL_AREA_M2"] == pytest.approx(square["TBMJ"] + sliver["TBMJ"], abs=1e-9)
    # the square lies 150 km east of the central meridian: its ellipsoidal area is ~0.056 % below planar
    assert 999_000 < square["TBMJ"] < 999_700


def test_levelling_to_village_control_and_qa(run_alg, write_layer, tmp_path):
    left = [(500000, 3900000), (500000, 3900100), (500050, 3900100), (500050, 3900000), (500000, 3900000)]
    right = [(500050, 3900000), (500050, 3900100), (500120, 3900100), (500120, 3900000), (500050, 3900000)]
    fields = {"BSM": "str", "ZLDWDM": "str", "TBMJ": "real"}
    rows = [
        (wkt(left), {"BSM": "1", "ZLDWDM": "4108211010010000000", "TBMJ": 4000.0}),
        (wkt(right), {"BSM": "2", "ZLDWDM": "4108211010010000000", "TBMJ": 7000.0}),
    ]
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 4547, fields, rows)
    raw = [reference_area(left, 4547), reference_area(right, 4547)]
    control_value = float(half_up(Decimal(sum(raw))) + Decimal("0.07"))
    control = write_layer(
        tmp_path / "in.gpkg",
        "CJDCQ",
        4547,
        {"ZLDWDM": "str", "DCMJ": "real"},
        [(None, {"ZLDWDM": "4108211010010000000", "DCMJ": control_value})],
    )
    result = run_alg(
        "officialarea",
        {
            "INPUT": source,
            "CONTROL": control,
            "CODE_FIELD": "ZLDWDM",
            "CONTROL_CODE_FIELD": "ZLDWDM",
            "CONTROL_AREA_FIELD": "DCMJ",
            "TOLERANCE": 0.5,
            "OUTPUT": str(tmp_path / "out.gpkg"),
            "QA": str(tmp_path / "qa.gpkg"),
        },
    )
    a, b = features(tmp_path / "out.gpkg")
    assert Decimal(repr(a["TBMJ"])) + Decimal(repr(b["TBMJ"])) == Decimal(repr(control_value))
    # the larger parcel takes the odd cent: 0.07 = 0.04 + 0.03
    assert abs(b["TBMJ"] - raw[1] - 0.04) < 0.011 and abs(a["TBMJ"] - raw[0] - 0.03) < 0.011
    qa = QgsVectorLayer(str(tmp_path / "qa.gpkg"), "qa", "ogr")
    rows = sorted((f["BSM"], f["MJ_STORED"], f["MJ_COMPUTED"]) for f in qa.getFeatures())
    assert rows == [("1", 4000.0, a["TBMJ"])]  # 7000 vs 7000.04 is within the 0.5 m² tolerance
    assert result["MAX_DEVIATION"] == pytest.approx(a["TBMJ"] - 4000.0)


def test_prefixed_eastings_in_a_no_prefix_crs_name_the_crs_that_fits(run_alg, write_layer, tmp_path):
    ring = [(x + 38_000_000, y) for x, y in SQUARE]
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 4547, {"BSM": "str"}, [(wkt(ring), {"BSM": "1"})])
    with pytest.raises(QgsProcessingException, match="EPSG:4526"):
        run_alg("officialarea", {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg")})


def test_layer_without_crs_reads_the_zone_from_the_eastings(run_alg, write_layer, tmp_path):
    ring = [(x + 38_000_000, y) for x, y in SQUARE]
    source = write_layer(tmp_path / "in.gpkg", "DLTB", None, {"BSM": "str"}, [(wkt(ring), {"BSM": "1"})])
    run_alg("officialarea", {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg")})
    (feature,) = features(tmp_path / "out.gpkg")
    assert abs(feature["TBMJ"] - reference_area(ring, 4526)) <= 0.015


@pytest.mark.parametrize("epsg", [3857, 32649, 4326])
def test_other_crs_are_transformed_to_cgcs2000(run_alg, write_layer, tmp_path, epsg):
    to_other = Transformer.from_crs(4547, epsg, always_xy=True)
    ring = [tuple(to_other.transform(x, y)) for x, y in SQUARE]
    source = write_layer(tmp_path / "in.gpkg", "DLTB", epsg, {"BSM": "str"}, [(wkt(ring), {"BSM": "1"})])
    run_alg("officialarea", {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg")})
    (feature,) = features(tmp_path / "out.gpkg")
    if epsg == 4326:  # edges straight in lon/lat: the geodesic reference of the vertices themselves
        lon, lat = zip(*ring)
        expected = abs(GEOD.polygon_area_perimeter(lon, lat)[0])
        tolerance = 0.05  # a rhumb-ish edge (straight in lon/lat) vs a geodesic over 1 km
    else:
        expected, tolerance = reference_area(ring, epsg), 0.015
    assert abs(feature["TBMJ"] - expected) <= tolerance


def test_gbk_shapefile_without_cpg_keeps_its_chinese(run_alg, tmp_path):
    from qgis.core import QgsCoordinateTransformContext, QgsFeature, QgsGeometry, QgsVectorFileWriter

    memory = QgsVectorLayer("Polygon?crs=EPSG:4547&field=BSM:string&field=ZLDWMC:string", "cun", "memory")
    feature = QgsFeature(memory.fields())
    feature.setGeometry(QgsGeometry.fromWkt(wkt(SQUARE)))
    feature.setAttributes(["1", "东风村"])
    memory.dataProvider().addFeatures([feature])
    shp = tmp_path / "cun.shp"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.fileEncoding = "ESRI Shapefile", "GBK"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(memory, str(shp), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    (tmp_path / "cun.cpg").unlink()  # the case QGIS misreads: no .cpg, LDID 0
    assert "东风村".encode("gbk") in (tmp_path / "cun.dbf").read_bytes()
    assert next(QgsVectorLayer(str(shp), "raw", "ogr").getFeatures())["ZLDWMC"] != "东风村"
    run_alg("officialarea", {"INPUT": str(shp), "OUTPUT": str(tmp_path / "out.gpkg")})
    (out,) = features(tmp_path / "out.gpkg")
    assert out["ZLDWMC"] == "东风村"


def test_empty_layer_gives_zero_not_an_error(run_alg, write_layer, tmp_path, warning_log):
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 4547, {"BSM": "str"}, [])
    parameters = {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg")}
    result = run_alg("officialarea", parameters, feedback=warning_log)
    assert result["FEATURE_COUNT"] == 0 and result["TOTAL_AREA_M2"] == 0
    assert "Layer “DLTB” has no features." in warning_log.text


def _squares(count: int, kcxs) -> list:
    rows = []
    for i in range(count):
        x, y = 600000 + 150.0 * i, 3800000 + 40.0 * i
        ring = [(x, y), (x, y + 90 + i), (x + 100 + 3 * i, y + 90 + i), (x + 100 + 3 * i, y), (x, y)]
        rows.append((wkt(ring), {"BSM": "{:02d}".format(i), "KCXS": kcxs(i), "TBMJ": 9000.0 + i}))
    return rows


def test_deduction_and_qa_across_write_chunks(run_alg, write_layer, tmp_path, monkeypatch):
    from farmland_guard.processing import official_area

    monkeypatch.setattr(official_area, "_CHUNK", 4)  # 11 features: chunks of 4, 4 and 3
    coefficients = [0.1195, None, 0.05, 0.0, 0.3333, None, 0.2, 0.0649, 0.0651, 0.5, 0.0001]
    source = write_layer(
        tmp_path / "in.gpkg", "DLTB", 4547, {"BSM": "str", "KCXS": "real", "TBMJ": "real"},
        _squares(11, lambda i: coefficients[i]),
    )
    result = run_alg(
        "officialarea", {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg"), "QA": str(tmp_path / "qa.gpkg")}
    )
    out = features(tmp_path / "out.gpkg")
    assert [f["BSM"] for f in out] == ["{:02d}".format(i) for i in range(11)]
    for feature, kcxs in zip(out, coefficients):
        tbmj = Decimal(repr(feature["TBMJ"]))
        kcmj = half_up(tbmj * Decimal(repr(kcxs))) if kcxs else Decimal("0")
        assert Decimal(repr(feature["KCMJ"])) == kcmj, feature["BSM"]
        assert Decimal(repr(feature["TBDLMJ"])) == tbmj - kcmj, feature["BSM"]
    qa = QgsVectorLayer(str(tmp_path / "qa.gpkg"), "qa", "ogr")
    assert qa.featureCount() == 11  # every stored TBMJ (9000 + i) is far from the computed area
    assert result["MAX_DEVIATION"] == pytest.approx(max(abs(f["TBMJ"] - 9000 - i) for i, f in enumerate(out)))


def _fid_of(source: str, bsm: str) -> int:
    layer = QgsVectorLayer(source, "in", "ogr")
    return next(f.id() for f in layer.getFeatures() if f["BSM"] == bsm)


def test_a_coefficient_outside_0_1_names_the_feature(run_alg, write_layer, tmp_path, monkeypatch):
    from farmland_guard.processing import official_area

    monkeypatch.setattr(official_area, "_CHUNK", 4)
    source = write_layer(
        tmp_path / "in.gpkg", "DLTB", 4547, {"BSM": "str", "KCXS": "real", "TBMJ": "real"},
        _squares(7, lambda i: 1.5 if i == 5 else 0.1),
    )
    bad_fid = _fid_of(source, "05")  # no layer object in this frame: the exception's traceback keeps it
    with pytest.raises(QgsProcessingException, match=r"feature {}: KCXS value 1\.5 ".format(bad_fid)):
        run_alg("officialarea", {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg")})


def test_bow_tie_is_measured_after_repair_and_named(run_alg, write_layer, tmp_path, warning_log):
    bow_tie = [(500000, 3900000), (500100, 3900100), (500100, 3900000), (500000, 3900100), (500000, 3900000)]
    lobes = [  # makeValid splits the bow tie at its crossing into two triangles
        [(500000, 3900000), (500050, 3900050), (500000, 3900100), (500000, 3900000)],
        [(500050, 3900050), (500100, 3900100), (500100, 3900000), (500050, 3900050)],
    ]
    rows = [(wkt(bow_tie), {"BSM": "BT01"}), (wkt(SQUARE), {"BSM": "OK02"}), (None, {"BSM": "NG03"})]
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 4547, {"BSM": "str"}, rows)
    run_alg("officialarea", {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg")}, feedback=warning_log)
    tie, empty, ok = features(tmp_path / "out.gpkg")  # sorted by BSM
    expected = sum(reference_area(lobe, 4547) for lobe in lobes)  # 5000 m² on the plane, not 0
    assert abs(tie["TBMJ"] - expected) <= 0.015
    assert abs(ok["TBMJ"] - reference_area(SQUARE, 4547)) <= 0.015
    assert empty["TBMJ"] == 0.0
    assert "1 invalid geometries" in warning_log.text and "BT01" in warning_log.text
    assert "1 features have no geometry" in warning_log.text and "NG03" in warning_log.text
    assert "OK02" not in warning_log.text


def _village(write_layer, tmp_path, dcmj_offset: float):
    left = [(500000, 3900000), (500000, 3900100), (500100, 3900100), (500100, 3900000), (500000, 3900000)]
    code = "4108211010010000000"
    fields = {"BSM": "str", "ZLDWDM": "str"}
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 4547, fields, [(wkt(left), {"BSM": "1", "ZLDWDM": code})])
    control = write_layer(
        tmp_path / "in.gpkg", "CJDCQ", 4547, {"ZLDWDM": "str", "DCMJ": "real"},
        [
            (None, {"ZLDWDM": code, "DCMJ": reference_area(left, 4547) + dcmj_offset}),
            (None, {"ZLDWDM": "4108211010020000000", "DCMJ": 5000.0}),  # a village with no parcels here
        ],
    )
    return {
        "INPUT": source, "CONTROL": control, "CODE_FIELD": "ZLDWDM", "CONTROL_CODE_FIELD": "ZLDWDM",
        "CONTROL_AREA_FIELD": "DCMJ", "OUTPUT": str(tmp_path / "out.gpkg"),
    }


def test_a_control_gap_beyond_rounding_is_listed(run_alg, write_layer, tmp_path, warning_log):
    run_alg("officialarea", _village(write_layer, tmp_path, 25.0), feedback=warning_log)  # 0.25 % of 1 ha
    assert re.search(r"4108211010010000000 \+25\.00 m² \(\+0\.249 %\)", warning_log.text)  # 25 of 10,025 m²
    assert "Layer “DLTB”: levelling spreads" in warning_log.text  # named after its table, not the file in.gpkg
    assert "1 control units have no parcels in the layer: 4108211010020000000" in warning_log.text
    (parcel,) = features(tmp_path / "out.gpkg")
    assert parcel["TBMJ"] > 10_000.0  # levelled up to the control


def test_a_control_gap_above_one_percent_stops(run_alg, write_layer, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"more than 1\.0 %.*4108211010010000000 -150\.00 m²"):
        run_alg("officialarea", _village(write_layer, tmp_path, -150.0))


def test_coordinates_outside_china_in_the_declared_crs_are_refused(run_alg, write_layer, tmp_path):
    """Gauss–Krüger coordinates labelled EPSG:3857 land near 4°E 32°N: the CRS is wrong, not the area."""
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 3857, {"BSM": "str"}, [(wkt(SQUARE), {"BSM": "1"})])
    with pytest.raises(QgsProcessingException, match="coordinates fall outside China"):
        run_alg("officialarea", {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg")})


def test_invalid_parcels_are_levelled_whatever_processing_does_with_invalid_geometries(
    run_alg, write_layer, tmp_path
):
    from qgis.core import QgsFeatureRequest, QgsProcessingContext

    code = "4108211010010000000"
    bow_tie = [(500000, 3900000), (500100, 3900100), (500100, 3900000), (500000, 3900100), (500000, 3900000)]
    square = [(500200, 3900000), (500200, 3900100), (500300, 3900100), (500300, 3900000), (500200, 3900000)]
    fields = {"BSM": "str", "ZLDWDM": "str"}
    rows = [(wkt(bow_tie), {"BSM": "BT", "ZLDWDM": code}), (wkt(square), {"BSM": "SQ", "ZLDWDM": code})]
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 4547, fields, rows)
    lobes = [
        [(500000, 3900000), (500050, 3900050), (500000, 3900100), (500000, 3900000)],
        [(500050, 3900050), (500100, 3900100), (500100, 3900000), (500050, 3900050)],
    ]
    expected = sum(reference_area(r, 4547) for r in lobes) + reference_area(square, 4547)
    control_value = float(half_up(Decimal(expected)) + Decimal("0.05"))
    control = write_layer(
        tmp_path / "in.gpkg", "CJDCQ", 4547, {"ZLDWDM": "str", "DCMJ": "real"},
        [(None, {"ZLDWDM": code, "DCMJ": control_value})],
    )
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)  # the desktop's default
    parameters = {
        "INPUT": source, "CONTROL": control, "CODE_FIELD": "ZLDWDM", "CONTROL_CODE_FIELD": "ZLDWDM",
        "CONTROL_AREA_FIELD": "DCMJ", "OUTPUT": str(tmp_path / "out.gpkg"),
    }
    run_alg("officialarea", parameters, context=context)
    tie, sq = features(tmp_path / "out.gpkg")
    assert Decimal(repr(tie["TBMJ"])) + Decimal(repr(sq["TBMJ"])) == Decimal(repr(control_value))
    assert tie["TBMJ"] > 4999.0  # the two lobes, not their difference


def test_every_input_attribute_and_geometry_is_carried_over_unchanged(run_alg, tmp_path):
    from osgeo import ogr, osr

    path = str(tmp_path / "in.gpkg")
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    layer = dataset.CreateLayer("DLTB", srs, ogr.wkbPolygon)
    kinds = {"BSM": ogr.OFTString, "ZLDWMC": ogr.OFTString, "TBBH": ogr.OFTInteger64, "XZDWKD": ogr.OFTReal,
             "GXSJ": ogr.OFTDate, "TBMJ": ogr.OFTReal}
    for name, kind in kinds.items():
        layer.CreateField(ogr.FieldDefn(name, kind))
    values = [
        {"BSM": "1", "ZLDWMC": "东风村", "TBBH": 12, "XZDWKD": 2.5, "GXSJ": "2023/06/30", "TBMJ": 1.0},
        {"BSM": "2", "ZLDWMC": None, "TBBH": None, "XZDWKD": None, "GXSJ": None, "TBMJ": None},
    ]
    for ring, row in zip((SQUARE, SLIVER), values):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt(ring)))
        for name, value in row.items():
            if value is not None:
                feature.SetField(name, value)
        layer.CreateFeature(feature)
    dataset = None
    parameters = {"INPUT": path + "|layername=DLTB", "ADD_MU": True, "OUTPUT": str(tmp_path / "o.gpkg")}
    run_alg("officialarea", parameters)
    source = sorted(QgsVectorLayer(path + "|layername=DLTB", "in", "ogr").getFeatures(), key=lambda f: f["BSM"])
    output = features(tmp_path / "o.gpkg")
    for before, after in zip(source, output):
        for name in ("BSM", "ZLDWMC", "TBBH", "XZDWKD", "GXSJ"):
            assert after[name] == before[name], name
        assert after.geometry().asWkt(3) == before.geometry().asWkt(3)
        assert after["TBMJ"] > 1.0 and after["TBMJ_MU"] > 0  # computed, not carried over
    assert output[0]["ZLDWMC"] == "东风村" and output[0]["GXSJ"].toString("yyyy-MM-dd") == "2023-06-30"
    assert output[1]["TBBH"] == NULL and output[1]["GXSJ"] == NULL


def test_an_integer_kcmj_of_the_input_does_not_cut_the_computed_one(run_alg, write_layer, tmp_path):
    fields = {"BSM": "str", "KCXS": "real", "KCMJ": "int", "TBMJ": "int"}
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 4547, fields, [(wkt(SQUARE), {"BSM": "1", "KCXS": 0.1195})])
    run_alg("officialarea", {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg")})
    (square,) = features(tmp_path / "out.gpkg")
    tbmj = Decimal(repr(square["TBMJ"]))
    assert tbmj != tbmj.to_integral_value()  # the decimals of the area are kept
    assert Decimal(repr(square["KCMJ"])) == half_up(tbmj * Decimal("0.1195"))
    assert Decimal(repr(square["TBDLMJ"])) == tbmj - Decimal(repr(square["KCMJ"]))


def test_computed_fields_are_found_whatever_their_case(run_alg, write_layer, tmp_path):
    fields = {"BSM": "str", "kcxs": "real", "kcmj": "int", "tbmj": "int"}
    source = write_layer(tmp_path / "in.gpkg", "DLTB", 4547, fields, [(wkt(SQUARE), {"BSM": "1", "kcxs": 0.1195})])
    run_alg("officialarea", {"INPUT": source, "OUTPUT": str(tmp_path / "out.gpkg")})
    (square,) = features(tmp_path / "out.gpkg")
    names = square.fields().names()
    assert "KCMJ" not in names and "TBMJ" not in names  # the input's own columns hold them
    tbmj = Decimal(repr(square["tbmj"]))
    assert tbmj != tbmj.to_integral_value()
    assert Decimal(repr(square["kcmj"])) + Decimal(repr(square["TBDLMJ"])) == tbmj
