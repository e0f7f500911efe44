"""Rows into a GeoPackage table in one SQLite transaction, for outputs of many thousand features.

A Processing sink converts every feature to a QgsFeature, then to an OGR feature, and updates the
spatial index row by row: 146,000 overlay pieces took 5 s that way. Here the sink is still what
creates the output (its file, table, fields, CRS, and the layer QGIS loads afterwards), but the rows
go in through Python's sqlite3 in one ``executemany``, and the spatial index gets its rows from the
envelopes at hand.

Only for a destination that is a GeoPackage file on disk whose table, once the sink has closed it, has
exactly the expected columns (:func:`target_of` says None otherwise, and the caller makes the sink
again and writes through it as before). A failure
part-way rolls the transaction back, so the table never holds part of the rows.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterable, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from qgis.core import QgsProviderRegistry

LOCK_WAIT = 5.0  # seconds to wait for another writer of the file
_HEADER = b"GP\x00\x03"  # GeoPackage binary, version 0, little-endian, envelope [minx, maxx, miny, maxy]
_ENVELOPE = struct.Struct("<i4d")


_MULTI_OF_ONE = struct.pack("<BII", 1, 6, 1)  # little-endian MultiPolygon of one part


def multi_polygon_wkb(wkb: Optional[bytes]) -> Optional[bytes]:
    """A Polygon's WKB as a MultiPolygon of one part (a MultiPolygon's as it is): the layer's type."""
    if not wkb:
        return None
    kind = struct.unpack_from("<I" if wkb[0] == 1 else ">I", wkb, 1)[0]
    return _MULTI_OF_ONE + wkb if kind == 3 else wkb


class BulkWriteError(RuntimeError):
    """The rows could not be written; nothing was (the transaction was rolled back)."""


class BulkUnavailable(BulkWriteError):
    """The table could not be locked for writing; no row was taken (write them another way)."""


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
            if geometry is not None:  # a spatial index this sqlite3 cannot write (no R*Tree module)
                rtree = "rtree_{}_{}".format(table, geometry[0])
                found = connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", [rtree])
                if found.fetchone() is not None:
                    probe = 'SELECT 1 FROM "{}" LIMIT 0'.format(_quoted(rtree))  # noqa: S608  # nosec B608
                    connection.execute(probe)
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
    (ISO WKB, (xmin, ymin, xmax, ymax)) each. Returns the count. Raises BulkWriteError.

    The spatial index's triggers call functions that only GDAL's own connection has (ST_MinX…): they
    are dropped for the insert, the index rows are written from the envelopes at hand, and the
    triggers are made again from their own SQL, all in the one transaction."""
    columns = ["fid"] + ([target.geometry_column] if target.geometry_column else []) + list(field_names)
    table = _quoted(target.table)
    # identifiers are the table's own (quoted), values are bound parameters
    insert = 'INSERT INTO "{}" ({}) VALUES ({})'.format(  # noqa: S608  # nosec B608
        table, ", ".join('"{}"'.format(_quoted(c)) for c in columns), ", ".join("?" * len(columns))
    )
    boxes: list[tuple[int, float, float, float, float]] = []
    try:
        with closing(sqlite3.connect(target.path, timeout=LOCK_WAIT, isolation_level=None)) as connection:
            try:
                connection.execute("BEGIN IMMEDIATE")  # the write lock now, before any row is taken
            except sqlite3.Error as error:
                raise BulkUnavailable("{}: {}".format(target.path, error)) from error
            try:
                next_fid = 'SELECT coalesce(max(fid), 0) + 1 FROM "{}"'.format(table)  # noqa: S608  # nosec B608
                first = connection.execute(next_fid).fetchone()[0]
                rtree = _rtree_of(connection, target)
                for name, _ in rtree[1] if rtree else ():
                    connection.execute('DROP TRIGGER "{}"'.format(_quoted(name)))
                if geometries is None:
                    values = ((fid, *row) for fid, row in enumerate(rows, first))
                else:
                    values = _with_geometry(rows, geometries, first, target.srs_id, boxes)
                count = connection.executemany(insert, values).rowcount
                _count_features(connection, target)
                if target.geometry_column:
                    _index_and_extent(connection, target, rtree, boxes)
                connection.execute("COMMIT")
            except BaseException:
                with suppress(sqlite3.Error):  # the error that made us roll back is the one to tell
                    connection.execute("ROLLBACK")
                raise
    except BulkUnavailable:
        raise
    except (sqlite3.Error, struct.error, TypeError, ValueError) as error:
        raise BulkWriteError("{}: {}".format(target.path, error)) from error
    return count


def _with_geometry(rows, geometries, first: int, srs_id: int, boxes: list):
    for fid, (row, (wkb, (xmin, ymin, xmax, ymax))) in enumerate(zip(rows, geometries), first):
        if not wkb or not xmin <= xmax:  # no geometry (an extent of NaN compares false)
            yield (fid, None, *row)
            continue
        boxes.append((fid, xmin, xmax, ymin, ymax))
        yield (fid, _HEADER + _ENVELOPE.pack(srs_id, xmin, xmax, ymin, ymax) + wkb, *row)


def _count_features(connection, target: Target) -> None:
    """GDAL's cached feature count (gpkg_ogr_contents), where the file keeps one."""
    kept = connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='gpkg_ogr_contents'")
    if kept.fetchone() is None:
        return
    count_rows = 'SELECT count(*) FROM "{}"'.format(_quoted(target.table))  # noqa: S608  # nosec B608
    (count,) = connection.execute(count_rows).fetchone()
    connection.execute(
        "UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)", (count, target.table)
    )


def _rtree_of(connection, target: Target) -> Optional[tuple[str, list]]:
    """(R-tree table, [(trigger name, SQL)] that keep it) of a table with a spatial index, else None."""
    if not target.geometry_column:
        return None
    rtree = "rtree_{}_{}".format(target.table, target.geometry_column)
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (rtree,))
    if found.fetchone() is None:
        return None
    triggers = [
        (name, sql)
        for name, sql in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (target.table,)
        )
        if name.startswith(rtree + "_")
    ]
    return rtree, triggers


def _index_and_extent(connection, target: Target, rtree: Optional[tuple[str, list]], boxes: list) -> None:
    """Fill the R-tree (when the table has one) with ``boxes``, restore its triggers, set the extent."""
    if rtree is not None:
        connection.executemany(
            'INSERT INTO "{}" VALUES (?, ?, ?, ?, ?)'.format(_quoted(rtree[0])), boxes  # noqa: S608  # nosec B608
        )
        for _, sql in rtree[1]:
            connection.execute(sql)
    if boxes:
        connection.execute(
            "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
            (
                min(b[1] for b in boxes),
                min(b[3] for b in boxes),
                max(b[2] for b in boxes),
                max(b[4] for b in boxes),
                target.table,
            ),
        )


def _quoted(name: str) -> str:
    return name.replace('"', '""')
