"""Geometry helpers of the red-line overlay: polygon parts, checks and repair, index search rectangles."""

from __future__ import annotations

import math
from typing import Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsMultiPolygon, QgsRectangle, QgsWkbTypes

#: side of the grid tiles long sites are cut into for the index query (m, or degrees / 111 km)
TILE_SIZE_M = 500.0
#: a site whose area fills less than this share of its bounding box is tiled
SPARSE_FILL = 0.35

# kinds of geometry issues
INVALID_REPAIRED = "invalid-repaired"
NULL_SKIPPED = "null-skipped"
EMPTY_SKIPPED = "empty-skipped"
UNREPAIRABLE_SKIPPED = "unrepairable-skipped"
OVERLAP_TRIMMED = "overlap-trimmed"
INTERSECTION_FAILED = "intersection-failed"

_POLYGON_TYPES = (QgsWkbTypes.Polygon, QgsWkbTypes.MultiPolygon)


def polygonal(geometry) -> Optional[QgsGeometry]:
    """The polygon parts of a geometry (QgsGeometry or QgsAbstractGeometry) as a 2D (multi)polygon.

    None when there are none (lines and points from touching boundaries are dropped).
    """
    if geometry is None:
        return None
    g = geometry if isinstance(geometry, QgsGeometry) else QgsGeometry(geometry)
    wkb_type = g.wkbType()
    if wkb_type in _POLYGON_TYPES:  # the common case: plain 2D polygons
        return None if g.isEmpty() else g
    if g.isNull() or g.isEmpty():
        return None
    if QgsWkbTypes.geometryType(wkb_type) != QgsWkbTypes.PolygonGeometry:
        parts = QgsMultiPolygon()
        _collect_polygons(g.constGet(), parts)
        if parts.numGeometries() == 0:
            return None
        g = QgsGeometry(parts)
    else:
        g = QgsGeometry(g)
    if QgsWkbTypes.isCurvedType(g.wkbType()):
        g = QgsGeometry(g.constGet().segmentize())
    if QgsWkbTypes.hasZ(g.wkbType()):
        g.get().dropZValue()
    if QgsWkbTypes.hasM(g.wkbType()):
        g.get().dropMValue()
    return g


def _collect_polygons(geometry, out: QgsMultiPolygon) -> None:
    flat = QgsWkbTypes.flatType(geometry.wkbType())
    if QgsWkbTypes.geometryType(flat) == QgsWkbTypes.PolygonGeometry and not QgsWkbTypes.isMultiType(flat):
        out.addGeometry(geometry.clone())
        return
    if QgsWkbTypes.isMultiType(flat) or flat == QgsWkbTypes.GeometryCollection:
        for i in range(geometry.numGeometries()):
            _collect_polygons(geometry.geometryN(i), out)


def checked_geometry(geometry: Optional[QgsGeometry]) -> tuple[Optional[QgsGeometry], Optional[str]]:
    """(usable polygonal geometry or None, issue kind or None): repairs invalid geometries."""
    if geometry is None or geometry.isNull():
        return None, NULL_SKIPPED
    if geometry.isEmpty():
        return None, EMPTY_SKIPPED
    g = polygonal(geometry)
    if g is None:
        return None, EMPTY_SKIPPED
    if g.isGeosValid():
        return g, None
    repaired = polygonal(g.makeValid())
    if repaired is None or repaired.area() <= 0.0:
        return None, UNREPAIRABLE_SKIPPED
    return repaired, INVALID_REPAIRED


def search_rectangles(geometry: QgsGeometry, tile: float) -> list[QgsRectangle]:
    """Rectangles covering ``geometry`` for an index query: its bbox, or grid tiles touching it."""
    box = geometry.boundingBox()
    width, height = box.width(), box.height()
    if width <= tile and height <= tile:
        return [box]
    filled = geometry.area() / max(width * height, 1e-300)
    if filled >= SPARSE_FILL:
        return [box]
    engine = QgsGeometry.createGeometryEngine(geometry.constGet())
    engine.prepareGeometry()
    columns, rows = max(1, math.ceil(width / tile)), max(1, math.ceil(height / tile))
    rectangles = []
    for i in range(columns):
        x0 = box.xMinimum() + i * tile
        x1 = min(x0 + tile, box.xMaximum())
        for j in range(rows):
            y0 = box.yMinimum() + j * tile
            cell = QgsRectangle(x0, y0, x1, min(y0 + tile, box.yMaximum()))
            cell_geometry = QgsGeometry.fromRect(cell)  # kept alive: constGet() does not own it
            if engine.intersects(cell_geometry.constGet()):
                rectangles.append(cell)
    return rectangles or [box]


def tile_size(crs: QgsCoordinateReferenceSystem) -> float:
    """TILE_SIZE_M in the CRS's units (degrees for a geographic CRS)."""
    return TILE_SIZE_M / 111_000.0 if crs.isGeographic() else TILE_SIZE_M
