"""engine/gpkg_bulk: rows go into a GeoPackage table all together or not at all, index included."""

from __future__ import annotations

import sqlite3

import pytest
from osgeo import ogr, osr

from farmland_guard.engine.gpkg_bulk import BulkWriteError, insert_rows, multi_polygon_wkb, target_of

SQUARE = ogr.CreateGeometryFromWkt("POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))")


def test_a_polygon_becomes_a_multipolygon_of_one_part_whatever_its_byte_order():
    for order in (ogr.wkbNDR, ogr.wkbXDR):
        wkb = multi_polygon_wkb(SQUARE.ExportToIsoWkb(order))
        geometry = ogr.CreateGeometryFromWkb(wkb)
        assert geometry.GetGeometryType() == ogr.wkbMultiPolygon
        assert geometry.GetGeometryRef(0).Equals(SQUARE)
    multi = ogr.ForceToMultiPolygon(SQUARE.Clone()).ExportToIsoWkb()
    assert multi_polygon_wkb(multi) == multi
    assert multi_polygon_wkb(None) is None


@pytest.fixture
def table(tmp_path):
    path = str(tmp_path / "t.gpkg")
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    layer = dataset.CreateLayer("pieces", srs, ogr.wkbMultiPolygon)
    layer.CreateField(ogr.FieldDefn("NAME", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("MJ", ogr.OFTReal))
    dataset = None
    return path


def test_rows_geometry_and_index_go_in_together(table):
    target = target_of(table, ["NAME", "MJ"], True)
    wkb = multi_polygon_wkb(SQUARE.ExportToIsoWkb())
    shapes = [(wkb, (0.0, 0.0, 1.0, 1.0)), (None, (float("nan"),) * 4)]
    assert insert_rows(target, ["NAME", "MJ"], [("甲", 1.5), ("无图形", None)], shapes) == 2
    dataset = ogr.Open(table)
    layer = dataset.GetLayer(0)
    features = [(f.GetField("NAME"), f.GetField("MJ"), _clone(f.GetGeometryRef())) for f in layer]
    assert [(n, m) for n, m, _ in features] == [("甲", 1.5), ("无图形", None)]
    assert features[0][2].Equals(ogr.ForceToMultiPolygon(SQUARE.Clone())) and features[1][2] is None
    layer.SetSpatialFilterRect(0.5, 0.5, 2, 2)
    assert [f.GetField("NAME") for f in layer] == ["甲"]
    dataset = None
    with sqlite3.connect(table) as connection:  # GDAL's cached count is right, not left empty
        assert connection.execute("SELECT feature_count FROM gpkg_ogr_contents").fetchone() == (2,)


def _clone(geometry):
    return None if geometry is None else geometry.Clone()  # the feature's own copy dies with it


def test_a_failing_row_leaves_the_table_empty_and_indexed(table):
    target = target_of(table, ["NAME", "MJ"], True)
    wkb = multi_polygon_wkb(SQUARE.ExportToIsoWkb())
    rows = [("甲", 1.5), ("乙", object())]  # sqlite cannot store the second value
    with pytest.raises(BulkWriteError):
        insert_rows(target, ["NAME", "MJ"], rows, [(wkb, (0.0, 0.0, 1.0, 1.0))] * 2)
    with sqlite3.connect(table) as connection:
        assert connection.execute("SELECT count(*) FROM pieces").fetchone() == (0,)
        triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree%'"
        assert connection.execute(triggers).fetchone()[0] >= 3  # the index's triggers were not lost


def test_a_table_with_other_columns_is_not_a_target(table):
    assert target_of(table, ["NAME"], True) is None
    assert target_of(table, ["NAME", "MJ"], False) is None
    assert target_of(table + ".missing", ["NAME", "MJ"], True) is None


def test_a_locked_file_is_unavailable_before_any_row_is_taken(table, monkeypatch):
    from farmland_guard.engine import gpkg_bulk

    monkeypatch.setattr(gpkg_bulk, "LOCK_WAIT", 0.05)
    target = target_of(table, ["NAME", "MJ"], True)
    taken = []

    def rows():
        taken.append(1)
        yield ("甲", 1.0)

    other = sqlite3.connect(table, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the file
    try:
        with pytest.raises(gpkg_bulk.BulkUnavailable):
            insert_rows(target, ["NAME", "MJ"], rows(), [(None, (float("nan"),) * 4)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert taken == []  # the rows can still go through the sink
