"""Rows into a GeoPackage table in one SQLite transaction, for outputs of many thousand features.

A Processing sink converts every feature to a QgsFeature, then to an OGR feature, and updates the
spatial index row by row: 146,000 overlay pieces took 5 s that way. Here the sink is still what
creates the output (its file, table, fields, CRS, and the layer QGIS loads afterwards), but the rows
go in through Python's sqlite3 in one ``executemany``; the spatial index is dropped before and built
again after, in bulk, by GDAL.

Only for a destination that is a GeoPackage file on disk whose table, once the sink has closed it, has
exactly the expected columns (:func:`target_of` says None otherwise, and the caller makes the sink
again and writes through it as before). A failure
part-way rolls the transaction back, so the table never holds part of the rows.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from osgeo import gdal, ogr
from qgis.core import QgsProviderRegistry

_HEADER = b"GP\x00\x03"  # GeoPackage binary, version 0, little-endian, envelope [minx, maxx, miny, maxy]
_ENVELOPE = struct.Struct("<i4d")


class BulkWriteError(RuntimeError):
    """The rows could not be written; nothing was (the transaction was rolled back)."""


@dataclass(frozen=True)
class Target:
    path: str
    table: str
    geometry_column: Optional[str]
    srs_id: int


def geopackage_file(dest_id: str) -> bool:
    """Whether a sink's destination is a GeoPackage file on disk."""
    path = QgsProviderRegistry.instance().decodeUri("ogr", dest_id or "").get("path") or ""
    return path.lower().endswith(".gpkg") and Path(path).is_file()


def target_of(dest_id: str, field_names: Sequence[str], with_geometry: bool) -> Optional[Target]:
    """The GeoPackage table behind a (closed) sink's destination, when rows can go in directly: the
    table holds exactly fid, the geometry column if any, and ``field_names``. Else None."""
    if not geopackage_file(dest_id):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", dest_id)
    path = parts["path"]
    try:
        with closing(sqlite3.connect(path)) as connection:
            tables = [row[0] for row in connection.execute("SELECT table_name FROM gpkg_contents")]
            table = parts.get("layerName") or (tables[0] if len(tables) == 1 else None)
            if table not in tables:
                return None
            columns = [row[1] for row in connection.execute('PRAGMA table_info("{}")'.format(_quoted(table)))]
            geometry = connection.execute(
                "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
            ).fetchone()
    except sqlite3.Error:
        return None
    if with_geometry != (geometry is not None):
        return None
    expected = ["fid"] + ([geometry[0]] if geometry else []) + list(field_names)
    if [c.lower() for c in columns] != [c.lower() for c in expected]:
        return None
    return Target(path, table, geometry[0] if geometry else None, int(geometry[1]) if geometry else 0)


def insert_rows(
    target: Target,
    field_names: Sequence[str],
    rows: Iterable[Sequence[object]],
    geometries: Optional[Iterable[tuple[bytes, tuple[float, float, float, float]]]] = None,
) -> int:
    """Insert ``rows`` (values in ``field_names`` order) with, when the table has geometry, one
    (ISO WKB, (xmin, ymin, xmax, ymax)) each. Returns the count. Raises BulkWriteError."""
    spatial_index = target.geometry_column is not None and _has_spatial_index(target)
    if spatial_index:
        _gdal_sql(target.path, "SELECT DisableSpatialIndex('{}', '{}')", target)
    columns = ([target.geometry_column] if target.geometry_column else []) + list(field_names)
    # identifiers are the table's own (quoted), values are bound parameters
    sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(  # noqa: S608  # nosec B608
        _quoted(target.table),
        ", ".join('"{}"'.format(_quoted(c)) for c in columns),
        ", ".join("?" * len(columns)),
    )
    extent = [float("inf"), float("inf"), float("-inf"), float("-inf")]

    def values():
        if geometries is None:
            yield from rows
            return
        for row, (wkb, (xmin, ymin, xmax, ymax)) in zip(rows, geometries):
            extent[0], extent[1] = min(extent[0], xmin), min(extent[1], ymin)
            extent[2], extent[3] = max(extent[2], xmax), max(extent[3], ymax)
            yield (_HEADER + _ENVELOPE.pack(target.srs_id, xmin, xmax, ymin, ymax) + wkb, *row)

    try:
        with closing(sqlite3.connect(target.path)) as connection, connection:  # one transaction
            count = connection.executemany(sql, values()).rowcount
            if target.geometry_column and extent[0] <= extent[2]:
                connection.execute(
                    "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                    (*extent, target.table),
                )
    except (sqlite3.Error, struct.error, TypeError, ValueError) as error:
        raise BulkWriteError("{}: {}".format(target.path, error)) from error
    if spatial_index:
        _gdal_sql(target.path, "SELECT CreateSpatialIndex('{}', '{}')", target)
    return count


def _has_spatial_index(target: Target) -> bool:
    with closing(sqlite3.connect(target.path)) as connection:
        row = connection.execute(
            "SELECT 1 FROM gpkg_extensions WHERE lower(table_name) = lower(?) "
            "AND extension_name = 'gpkg_rtree_index'",
            (target.table,),
        ).fetchone()
    return row is not None


def _gdal_sql(path: str, statement: str, target: Target) -> None:
    """Run one of GDAL's GeoPackage SQL functions (they exist only inside GDAL's connection)."""
    sql = statement.format(_literal(target.table), _literal(target.geometry_column))
    gdal.ErrorReset()
    try:
        dataset = ogr.Open(path, 1)
        if dataset is not None:
            dataset.ExecuteSQL(sql)
    except RuntimeError as error:  # GDAL raises when its exceptions are switched on
        raise BulkWriteError("{}: {}".format(path, error)) from error
    failed = dataset is None or gdal.GetLastErrorType() >= gdal.CE_Failure
    message = gdal.GetLastErrorMsg()
    dataset = None  # closes the file
    if failed:
        raise BulkWriteError("{}: {}".format(path, message or "cannot open the GeoPackage"))


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def _literal(name: str) -> str:
    return name.replace("'", "''")
