"""Official areas read in bulk (GDAL's Arrow C stream, batch by batch) equal those read feature by feature."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal, ogr
from qgis.core import QgsFeatureRequest, QgsVectorLayer

from farmland_guard.core.area import ellipsoidal_areas
from farmland_guard.core.gauss_kruger import grid_for_epsg
from farmland_guard.core.wkb import batch_from_wkb
from farmland_guard.engine import arrow_stream, geometry
from farmland_guard.engine.geometry import CrsProblem, official_areas_of_source


def square(x: float, y: float, size: float) -> str:
    return "({x} {y},{x} {y2},{x2} {y2},{x2} {y},{x} {y})".format(x=x, y=y, x2=x + size, y2=y + size)


def parcel_rows(count: int, easting: float = 39_500_000.0) -> list:
    """Polygons, polygons with holes, multipolygons and a few null geometries."""
    rows = []
    for i in range(count):
        x, y = easting + 37.0 * i, 3_400_000.0 + 11.0 * i
        if i % 9 == 4:
            rows.append((None, {"BSM": str(i)}))
        elif i % 3 == 1:
            rows.append(("POLYGON({},{})".format(square(x, y, 30.5), square(x + 5, y + 5, 3.25)), {"BSM": str(i)}))
        elif i % 3 == 2:
            parts = square(x, y, 12.0), square(x + 20, y, 7.5)
            rows.append(("MULTIPOLYGON(({}),({}))".format(*parts), {"BSM": str(i)}))
        else:
            rows.append(("POLYGON({})".format(square(x, y, 25.0 + i)), {"BSM": str(i)}))
    return rows


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 7 features, and a record of how many batches the bulk reader took."""
    monkeypatch.setattr(geometry, "_ARROW_BATCH_FEATURES", 7)
    seen = []
    original = geometry.wkb_batches

    def counting(*args, **kwargs):
        for batch in original(*args, **kwargs):
            seen.append(batch.fids.size)
            yield batch

    monkeypatch.setattr(geometry, "wkb_batches", counting)
    return seen


@pytest.mark.parametrize("driver", ["GPKG", "ESRI Shapefile"])
def test_bulk_areas_equal_feature_by_feature(write_layer, tmp_path, small_batches, driver):
    suffix = "gpkg" if driver == "GPKG" else "shp"
    path = tmp_path / "dltb.{}".format(suffix)
    uri = write_layer(path, "DLTB", 4527, {"BSM": "str"}, parcel_rows(40), driver=driver)
    layer = QgsVectorLayer(uri, "DLTB", "ogr")
    assert layer.isValid()

    fids, areas, choice = official_areas_of_source(layer, layer=layer)
    assert sum(small_batches) == 40 and len(small_batches) == 6  # the bulk reader ran, in batches
    iterated_fids, iterated, _ = official_areas_of_source(layer, request=QgsFeatureRequest(), layer=layer)
    assert len(small_batches) == 6  # a request means feature by feature
    assert fids == iterated_fids
    np.testing.assert_array_equal(areas, iterated)

    # and both are the core's areas of the WKB QGIS gives for each feature
    by_fid = {f.id(): f for f in layer.getFeatures()}
    wkbs = [bytes(by_fid[fid].geometry().asWkb()) if by_fid[fid].hasGeometry() else None for fid in fids]
    expected = ellipsoidal_areas(batch_from_wkb(wkbs), grid_for_epsg(4527))
    np.testing.assert_allclose(areas, expected, rtol=0, atol=1e-9)
    assert choice.grid.epsg == 4527
    nulls = [i for i, fid in enumerate(fids) if not by_fid[fid].hasGeometry()]
    assert nulls and np.all(areas[nulls] == 0.0)
    assert np.all(np.delete(areas, nulls) > 0.0)


def test_arrow_batches_carry_the_features_wkb_and_nulls(write_layer, tmp_path):
    uri = write_layer(tmp_path / "dltb.gpkg", "DLTB", 4527, {"BSM": "str"}, parcel_rows(20))
    dataset = gdal.OpenEx(uri.split("|")[0], gdal.OF_VECTOR)
    ogr_layer = dataset.GetLayerByName("DLTB")
    expected = {}
    for feature in ogr_layer:
        geometry_ref = feature.GetGeometryRef()
        expected[feature.GetFID()] = None if geometry_ref is None else bytes(geometry_ref.ExportToIsoWkb())
    batches = list(arrow_stream.wkb_batches(ogr_layer, ogr_layer.GetFIDColumn(), ogr_layer.GetGeometryColumn(), 6))
    assert [batch.fids.size for batch in batches] == [6, 6, 6, 2]
    got = {}
    for batch in batches:
        for i, fid in enumerate(batch.fids.tolist()):
            blob = batch.data[batch.offsets[i] : batch.offsets[i + 1]].tobytes()
            got[fid] = blob if batch.valid[i] else None
    assert got == expected


def test_missing_columns_fall_back(write_layer, tmp_path):
    uri = write_layer(tmp_path / "dltb.gpkg", "DLTB", 4527, {"BSM": "str"}, parcel_rows(3))
    dataset = ogr.Open(uri.split("|")[0])  # held: its layer dies with it
    ogr_layer = dataset.GetLayerByName("DLTB")
    with pytest.raises(arrow_stream.ArrowUnavailable):
        next(arrow_stream.wkb_batches(ogr_layer, "no_such_fid", ogr_layer.GetGeometryColumn(), 10))


def crs_problem(call) -> tuple[str, str]:
    with pytest.raises(CrsProblem) as raised:
        call()
    return raised.value.kind, raised.value.declared


def test_a_later_batch_in_another_zone_stops_like_the_whole_layer_read(write_layer, tmp_path, small_batches):
    rows = parcel_rows(10) + parcel_rows(10, easting=40_500_000.0)  # the second half lies in zone 40
    uri = write_layer(tmp_path / "dltb.gpkg", "DLTB", 4527, {"BSM": "str"}, rows)
    layer = QgsVectorLayer(uri, "DLTB", "ogr")
    bulk = crs_problem(lambda: official_areas_of_source(layer, layer=layer))
    assert len(small_batches) >= 2  # the first batch alone fits zone 39
    iterated = crs_problem(lambda: official_areas_of_source(layer, request=QgsFeatureRequest(), layer=layer))
    assert bulk == iterated == ("zone-mismatch", "EPSG:4527")


def test_a_stream_failing_midway_falls_back_to_reading_feature_by_feature(write_layer, tmp_path, monkeypatch):
    uri = write_layer(tmp_path / "dltb.gpkg", "DLTB", 4527, {"BSM": "str"}, parcel_rows(30))
    layer = QgsVectorLayer(uri, "DLTB", "ogr")
    expected_fids, expected, _ = official_areas_of_source(layer, request=QgsFeatureRequest(), layer=layer)
    monkeypatch.setattr(geometry, "_ARROW_BATCH_FEATURES", 8)
    original = geometry.wkb_batches
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        batches = original(*args, **kwargs)
        yield next(batches)
        raise arrow_stream.ArrowUnavailable("GDAL failed on the second batch")

    monkeypatch.setattr(geometry, "wkb_batches", failing)
    fids, areas, _ = official_areas_of_source(layer, layer=layer)
    assert calls == [1]
    assert fids == expected_fids
    np.testing.assert_array_equal(areas, expected)


def test_a_blob_the_vectorised_reader_refuses_falls_back(write_layer, tmp_path, monkeypatch):
    from farmland_guard.core.wkb import UNSUPPORTED_TYPE, WkbGeometryError

    uri = write_layer(tmp_path / "dltb.gpkg", "DLTB", 4527, {"BSM": "str"}, parcel_rows(12))
    layer = QgsVectorLayer(uri, "DLTB", "ogr")
    expected_fids, expected, _ = official_areas_of_source(layer, request=QgsFeatureRequest(), layer=layer)

    def refuse(batch, first_index):
        raise WkbGeometryError(first_index, 10, UNSUPPORTED_TYPE)  # e.g. a CurvePolygon

    monkeypatch.setattr(geometry, "_parse", refuse)
    fids, areas, _ = official_areas_of_source(layer, layer=layer)
    assert fids == expected_fids
    np.testing.assert_array_equal(areas, expected)
