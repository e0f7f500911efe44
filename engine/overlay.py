"""Red-line overlay, QGIS side: cut every site with every layer and measure the pieces officially.

How (perf-baselines.md, "What this means for the plugin"):

- Each layer is read once into a bulk-loaded ``QgsSpatialIndex`` that keeps the geometries (no second
  fetch), already reprojected to the working CRS; with few sites and a provider index, only the
  sites' neighbourhoods are requested instead.
- Long or sparse sites (roads, canals) are cut into grid tiles before the index query, so a diagonal
  road does not drag in every parcel of its bounding box.
- One prepared GEOS engine per site; a parcel the site *contains* is taken whole (no overlay), the
  rest are intersected.
- Geometries are checked once, on first use: invalid ones are repaired with ``makeValid`` and
  reported (layer, feature id, kind); null and empty ones are skipped and reported.
- Features of one layer that overlap inside a site are never counted twice: pieces of a constraint
  layer are measured against their union, and overlapping pieces are trimmed before levelling.
- All areas (sites, pieces, unions) are measured in one bulk call of the official area engine.
- Attributes are read only for the features that gave pieces, after the cutting; from a GeoPackage in
  one columnar read (GDAL's Arrow stream), else with one QGIS request.
- Outside the QGIS desktop on Linux (qgis_process, scripts), with enough work and an idle core, a
  second process (``os.fork``, which inherits the loaded indexes) cuts every other site; its results
  come back as WKB (core/overlay/wire.py) and are merged in the order of a single-process run, so
  the result is the same bit for bit. If it fails or stalls, the first process does its share.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from osgeo import ogr
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsFeedback,
    QgsGeometry,
    QgsMultiPolygon,
    QgsProcessingFeatureSource,
    QgsProviderRegistry,
    QgsRectangle,
    QgsSpatialIndex,
    QgsWkbTypes,
)

from ..core.overlay.records import (
    GAP,
    LANDUSE,
    UDB,
    UDB_OUT,
    ZONE_BUFFER,
    ZONE_SITE,
    LayerInfo,
    OverlayInput,
    PieceTableBuilder,
    Site,
)
from ..core.overlay.site_fields import iso_date, site_id_text
from ..core.overlay.wire import (
    CONTROL_EMPTY,
    CONTROL_GEOMETRY,
    CONTROL_SITE,
    WireError,
    WireIssue,
    WireJob,
    WirePiece,
    decode,
    encode,
)
from ..core.progress import Canceled, NoProgress, Progress
from .geometry import GridChoice, official_areas_of_geometries

#: side of the grid tiles long sites are cut into for the index query (m, or degrees / 111 km)
TILE_SIZE_M = 500.0
#: a site whose area fills less than this share of its bounding box is tiled
SPARSE_FILL = 0.35
#: with at most this many search rectangles and a provider index, request features per rectangle
FEW_RECTANGLES = 64
#: costs (s) behind the choice between per-rectangle requests and one bulk load (GeoPackage, measured)
REQUEST_COST = 1e-3
FETCH_COST = 40e-6
BULK_COST = 10e-6
#: relative planar tolerance under which pieces "exactly" tile a site (floating noise of GEOS)
RELATIVE_TOLERANCE = 1e-8

# kinds of geometry issues
INVALID_REPAIRED = "invalid-repaired"
NULL_SKIPPED = "null-skipped"
EMPTY_SKIPPED = "empty-skipped"
UNREPAIRABLE_SKIPPED = "unrepairable-skipped"
OVERLAP_TRIMMED = "overlap-trimmed"
INTERSECTION_FAILED = "intersection-failed"


@dataclass
class SiteLayer:
    """The SITES input: source and the fields holding id, name, approval date and county code."""

    source: QgsFeatureSource
    name: str
    id_field: Optional[str] = None
    name_field: Optional[str] = None
    date_field: Optional[str] = None
    county_field: Optional[str] = None
    uri: str = ""  # where the layer comes from, for the report's data sources


@dataclass
class OverlayLayer:
    """One layer to overlay: LANDUSE, PBF, ERL, UDB or EXTRA.

    ``fields`` maps piece text columns (see core.overlay.records.TEXT_COLUMNS) and ``kcxs``/``gddb``
    to the source's field names; ``src_id`` names the field that identifies a feature in reports.
    """

    category: str
    name: str
    source: QgsFeatureSource
    fields: dict = field(default_factory=dict)
    zones: tuple = (ZONE_SITE,)
    ogr_uri: str = ""  # the layer's OGR data source, if any: attributes are then read in bulk


@dataclass
class GeometryIssue:
    """A feature whose geometry was repaired, skipped or trimmed (``feature_id`` from its id field)."""

    layer: str
    fid: int
    kind: str
    feature_id: str = ""
    geometry: Optional[QgsGeometry] = None


@dataclass
class OverlayRun:
    """What the engine produced: the core's input, the geometries of pieces and sites, the issues."""

    data: OverlayInput
    piece_geometries: list
    site_geometries: list
    issues: list
    grid: GridChoice
    duplicate_site_ids: list
    counters: dict
    skipped_without_geometry: dict  # layer name -> features without geometry (whole layer read)


# --- geometry helpers ---------------------------------------------------------------------------


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


# --- layers in the working CRS ------------------------------------------------------------------


class _LayerGeometries:
    """Geometries of one layer in the working CRS, validated on first use, with candidate queries."""

    def __init__(
        self,
        layer: OverlayLayer,
        crs: QgsCoordinateReferenceSystem,
        context: QgsCoordinateTransformContext,
        rectangles: Sequence[QgsRectangle],
        feedback: Optional[QgsFeedback],
    ) -> None:
        self.layer = layer
        self._crs = crs
        self._context = context
        self._checked: dict[int, tuple[Optional[QgsGeometry], Optional[str]]] = {}
        self.issues: dict[int, tuple[str, Optional[QgsGeometry]]] = {}
        source = layer.source
        self._requested: Optional[dict[int, QgsGeometry]] = None
        self._filtered = False
        if _requests_pay(rectangles, source, crs, context):
            self._requested = {}
            self.index = QgsSpatialIndex()
            for rectangle in rectangles:
                for feature in features(source, self._request().setFilterRect(rectangle)):
                    if feature.id() not in self._requested:
                        self._requested[feature.id()] = feature.geometry()
                        self.index.addFeature(feature.id(), feature.geometry().boundingBox())
            return
        request = self._request()
        extent = _union_rectangle(rectangles)
        self._filtered = extent is not None and _worth_filtering(extent, source, crs, context)
        if self._filtered:
            request.setFilterRect(extent)
        self.index = QgsSpatialIndex(
            features(source, request), feedback, QgsSpatialIndex.FlagStoreFeatureGeometries
        )

    def skipped_without_geometry(self) -> Optional[int]:
        """Features without (or with empty) geometry, when the whole layer was read; else None."""
        if self._requested is not None or self._filtered:
            return None
        count = self.layer.source.featureCount()
        if count < 0:
            return None
        return max(count - len(self.index.intersects(QgsRectangle(-1e300, -1e300, 1e300, 1e300))), 0)

    def _request(self) -> QgsFeatureRequest:
        request = QgsFeatureRequest().setDestinationCrs(self._crs, self._context).setNoAttributes()
        request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
        return request

    def candidates(self, rectangles: Sequence[QgsRectangle]) -> list[int]:
        if len(rectangles) == 1:
            return sorted(self.index.intersects(rectangles[0]))
        found: set[int] = set()
        for rectangle in rectangles:
            found.update(self.index.intersects(rectangle))
        return sorted(found)

    def geometry(self, fid: int) -> Optional[QgsGeometry]:
        """The usable geometry of a feature (repaired if needed), None when it has to be skipped."""
        cached = self._checked.get(fid)
        if cached is None:
            raw = self._requested[fid] if self._requested is not None else self.index.geometry(fid)
            cached = checked_geometry(raw)
            self._checked[fid] = cached
            if cached[1] is not None:
                self.issues[fid] = (cached[1], raw)
        return cached[0]

    def is_repaired(self, fid: int) -> bool:
        return self._checked.get(fid, (None, None))[1] == INVALID_REPAIRED


def features(source: QgsFeatureSource, request: QgsFeatureRequest):
    """``source.getFeatures(request)`` without Processing's own invalid-geometry check (we repair)."""
    if isinstance(source, QgsProcessingFeatureSource):
        return source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
    return source.getFeatures(request)


def _union_rectangle(rectangles: Sequence[QgsRectangle]) -> Optional[QgsRectangle]:
    if not rectangles:
        return None
    box = QgsRectangle(rectangles[0])
    for rectangle in rectangles[1:]:
        box.combineExtentWith(rectangle)
    return box


def _layer_extent(source, crs, context) -> Optional[QgsRectangle]:
    """The layer's extent in the working CRS (None when unknown)."""
    extent = source.sourceExtent()
    if extent.isNull() or extent.isEmpty():
        return None
    if source.sourceCrs() != crs:
        transform = QgsCoordinateTransform(source.sourceCrs(), crs, context)
        try:
            extent = transform.transformBoundingBox(extent)
        except QgsCsException:
            return None
    return extent


def _worth_filtering(extent: QgsRectangle, source, crs, context) -> bool:
    """A rectangle filter pays when the sites' extent is well inside the layer's extent."""
    layer_extent = _layer_extent(source, crs, context)
    return layer_extent is not None and extent.area() < 0.5 * layer_extent.area()


def _requests_pay(rectangles: Sequence[QgsRectangle], source, crs, context) -> bool:
    """Whether fetching each search rectangle from the provider's spatial index beats loading the
    whole layer: a request costs about REQUEST_COST seconds plus FETCH_COST per feature it returns
    (features spread evenly over the layer's extent), a bulk load BULK_COST per feature."""
    if not rectangles or source.hasSpatialIndex() != QgsFeatureSource.SpatialIndexPresent:
        return False
    if len(rectangles) <= FEW_RECTANGLES:
        return True
    count = source.featureCount()
    extent = _layer_extent(source, crs, context)
    if count < 0 or extent is None or extent.area() <= 0:
        return False
    share = sum(r.intersect(extent).area() for r in rectangles) / extent.area()
    requested = len(rectangles) * REQUEST_COST + share * count * FETCH_COST
    return requested < 0.8 * count * BULK_COST


# --- the run ------------------------------------------------------------------------------------


@dataclass
class _Target:
    site: int
    zone: str
    geometry: QgsGeometry
    rectangles: list
    area: float  # planar, working CRS


@dataclass
class _Job:
    """What cutting one target with one layer gives: pieces (category, geometry, fid, repaired), the
    control (CONTROL_SITE: the target's area; CONTROL_GEOMETRY: the area of ``control_geometry``),
    issues (fid, kind) and counters (candidates, taken whole, cut)."""

    pieces: list = field(default_factory=list)
    control: int = CONTROL_EMPTY
    control_geometry: Optional[QgsGeometry] = None
    issues: list = field(default_factory=list)
    counters: tuple = (0, 0, 0)


@dataclass
class _Measure:
    """Geometries queued for the one bulk area call; returns their position."""

    geometries: list = field(default_factory=list)

    def add(self, geometry: QgsGeometry) -> int:
        self.geometries.append(geometry)
        return len(self.geometries) - 1


class _Run:
    def __init__(self, crs, context, progress: Progress, feedback: Optional[QgsFeedback]):
        self.crs = crs
        self.context = context
        self.progress = progress
        self.feedback = feedback
        self.measure = _Measure()
        self.pieces = PieceTableBuilder()
        self.piece_measure: list[int] = []
        self.piece_geometries: list[QgsGeometry] = []
        self.controls: dict = {}  # group key -> measure index
        self.issues: list[GeometryIssue] = []
        self.counters = {"candidates": 0, "whole": 0, "cut": 0, "processes": 1}
        self.skipped_without_geometry: dict[str, int] = {}
        self.needed: dict[str, set[int]] = {}  # layer name -> fids whose attributes are needed

    def check_cancel(self) -> None:
        if self.progress.is_canceled():
            raise Canceled()

    def apply(self, layer: OverlayLayer, target: _Target, job: _Job) -> None:
        """Queue a job's pieces and control, in the order of the serial run."""
        needed = self.needed.setdefault(layer.name, set())
        for category, geometry, fid, repaired in job.pieces:
            self.pieces.add(target.site, target.zone, category, layer.name, fid, repaired)
            self.piece_measure.append(self.measure.add(geometry))
            self.piece_geometries.append(geometry)
            if fid is not None:
                needed.add(fid)
        key = (target.site, target.zone, layer.category, layer.name)
        if job.control == CONTROL_SITE:
            self.controls[key] = self.measure.add(target.geometry)
        else:
            self.controls[key] = self.measure.add(job.control_geometry or QgsGeometry())
        self.issues += [GeometryIssue(layer.name, fid, kind) for fid, kind in job.issues]
        needed.update(fid for fid, _ in job.issues)
        for name, value in zip(("candidates", "whole", "cut"), job.counters):
            self.counters[name] += value


def run_overlay(
    sites: SiteLayer,
    layers: Sequence[OverlayLayer],
    crs: QgsCoordinateReferenceSystem,
    context: Optional[QgsCoordinateTransformContext] = None,
    buffer_distance: float = 0.0,
    progress: Optional[Progress] = None,
    feedback: Optional[QgsFeedback] = None,
    workers: Optional[int] = None,
) -> OverlayRun:
    """Overlay ``sites`` with ``layers`` in ``crs``; raises Canceled or engine.geometry.CrsProblem.

    ``workers``: 1 = one process; 2 = cut half of the sites in a forked second process (Linux, not
    inside the QGIS desktop); None = 2 where that is allowed, there is enough work and a core is idle.
    """
    progress = progress or NoProgress()
    context = context or QgsCoordinateTransformContext()
    run = _Run(crs, context, progress, feedback)
    site_records, site_geometries, duplicates = _read_sites(sites, run)
    progress.report(0.03)
    tile = tile_size(crs)
    targets = [
        _Target(s, ZONE_SITE, g, search_rectangles(g, tile), g.area()) for s, g in enumerate(site_geometries)
    ]
    rings: list[Optional[QgsGeometry]] = []
    if buffer_distance > 0:
        for s, g in enumerate(site_geometries):
            ring = polygonal(g.buffer(buffer_distance, 16).difference(g))
            rings.append(ring)
            if ring is not None:
                targets.append(_Target(s, ZONE_BUFFER, ring, search_rectangles(ring, tile), ring.area()))
    site_measure = [run.measure.add(g) for g in site_geometries]
    ring_measure = [run.measure.add(r) if r is not None else -1 for r in rings]
    overlaps = _site_overlaps(site_geometries, run)
    progress.report(0.05)

    layer_targets = [[t for t in targets if t.zone in layer.zones] for layer in layers]
    stores = _load_layers(layers, layer_targets, run)
    jobs = [(li, ti) for li in range(len(layers)) for ti in range(len(layer_targets[li]))]

    def compute(li: int, ti: int) -> _Job:
        return _overlay_target(layers[li], layer_targets[li][ti], stores[li])

    results, child_issues = _run_jobs(jobs, compute, stores, run, workers)
    for li, ti in jobs:
        run.apply(layers[li], layer_targets[li][ti], results[(li, ti)])
    attribute_fids = _collect_store_issues(layers, stores, child_issues, run)
    progress.report(0.75)

    run.check_cancel()
    areas, grid = official_areas_of_geometries(run.measure.geometries, crs, context)
    progress.report(0.85)
    run.check_cancel()
    table = run.pieces.build(
        areas[np.asarray(run.piece_measure, dtype=np.int64)] if run.piece_measure else []
    )
    _fill_attributes(table, layers, attribute_fids, run)
    data = OverlayInput(
        sites=site_records,
        site_area_m2=areas[np.asarray(site_measure, dtype=np.int64)] if site_measure else np.zeros(0),
        pieces=table,
        controls={key: float(areas[i]) for key, i in run.controls.items()},
        layers=[LayerInfo(layer.category, layer.name, tuple(layer.zones)) for layer in layers],
        zone_area_m2=(
            np.array([areas[i] if i >= 0 else 0.0 for i in ring_measure]) if buffer_distance > 0 else None
        ),
        overlaps={s: (others, float(areas[i])) for s, (others, i) in overlaps.items()},
    )
    progress.report(0.9)
    return OverlayRun(
        data,
        run.piece_geometries,
        site_geometries,
        _unique_issues(run.issues),
        grid,
        duplicates,
        run.counters,
        run.skipped_without_geometry,
    )


def _load_layers(layers: Sequence[OverlayLayer], layer_targets: list, run: _Run) -> list:
    """One _LayerGeometries per layer (index bulk load), progress 5 % → 20 %."""
    weights = np.array([max(_feature_count(layer.source), 1) for layer in layers], dtype=np.float64)
    shares = np.concatenate(([0.0], np.cumsum(weights) / max(weights.sum(), 1.0)))
    stores = []
    for li, layer in enumerate(layers):
        run.check_cancel()
        rectangles = [r for t in layer_targets[li] for r in t.rectangles]
        cancel = _CancelLink(run.feedback)
        stores.append(_LayerGeometries(layer, run.crs, run.context, rectangles, cancel.feedback))
        cancel.close()
        run.progress.report(0.05 + 0.15 * shares[li + 1])
    run.check_cancel()
    return stores


def _collect_store_issues(layers, stores, child_issues: list, run: _Run) -> dict:
    """Validation issues of every layer (both processes) into ``run.issues``; returns, per layer, the
    fids whose attributes are needed (pieces and issues)."""
    needed: dict[int, set[int]] = {li: set(run.needed.get(layer.name, ())) for li, layer in enumerate(layers)}
    for li, (layer, store) in enumerate(zip(layers, stores)):
        found = dict(store.issues)
        for issue in child_issues:
            if issue.layer == li and issue.fid not in found:
                found[issue.fid] = (issue.kind, _from_wkb(issue.wkb))
        for fid, (kind, geometry) in sorted(found.items()):
            run.issues.append(
                GeometryIssue(layer.name, fid, kind, "", geometry if kind == INVALID_REPAIRED else None)
            )
            needed[li].add(fid)
        skipped = store.skipped_without_geometry()
        if skipped:
            run.skipped_without_geometry[layer.name] = skipped
    return needed


def _unique_issues(issues: list[GeometryIssue]) -> list[GeometryIssue]:
    """One issue per layer, feature and kind (a feature can be trimmed in several sites)."""
    seen: set = set()
    unique = []
    for issue in issues:
        key = (issue.layer, issue.fid, issue.kind)
        if key not in seen:
            seen.add(key)
            unique.append(issue)
    return unique


def _feature_count(source: QgsFeatureSource) -> int:
    count = source.featureCount()
    return count if count >= 0 else 1000


def _read_sites(sites: SiteLayer, run: _Run) -> tuple[list[Site], list[QgsGeometry], list[str]]:
    request = QgsFeatureRequest().setDestinationCrs(run.crs, run.context)
    request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    records: list[Site] = []
    geometries: list[QgsGeometry] = []
    seen: dict[str, int] = {}
    duplicates: list[str] = []
    for feature in features(sites.source, request):
        if len(records) % 200 == 0:
            run.check_cancel()
        fallback = str(feature.id())
        site_id = site_id_text(feature[sites.id_field], fallback) if sites.id_field else fallback
        geometry, kind = checked_geometry(feature.geometry() if feature.hasGeometry() else None)
        if kind is not None:
            run.issues.append(GeometryIssue(sites.name, feature.id(), kind, site_id, feature.geometry()))
        if geometry is None:
            continue
        seen[site_id] = seen.get(site_id, 0) + 1
        if seen[site_id] == 2:
            duplicates.append(site_id)
        records.append(
            Site(
                site_id=site_id,
                name=_text(feature[sites.name_field]) if sites.name_field else "",
                county_code=_text(feature[sites.county_field]) if sites.county_field else "",
                approval_date=iso_date(_value(feature[sites.date_field])) if sites.date_field else "",
            )
        )
        geometries.append(geometry)
    return records, geometries, duplicates


def _value(value):
    """QVariant NULL → None; QDate/QDateTime → Python date/datetime; anything else as is."""
    if value is None:
        return None
    if hasattr(value, "isNull") and value.isNull():
        return None
    if hasattr(value, "toPyDateTime"):
        return value.toPyDateTime()
    if hasattr(value, "toPyDate"):
        return value.toPyDate()
    return value


def _text(value) -> str:
    value = _value(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _site_overlaps(geometries: list[QgsGeometry], run: _Run) -> dict:
    """site → (indices of the other sites it overlaps, measure index of the overlapped part)."""
    index = QgsSpatialIndex()
    for s, g in enumerate(geometries):
        index.addFeature(s, g.boundingBox())
    found: dict = {}
    for s, g in enumerate(geometries):
        engine = None
        parts = []
        others = []
        for o in sorted(index.intersects(g.boundingBox())):
            if o == s:
                continue
            if engine is None:
                engine = QgsGeometry.createGeometryEngine(g.constGet())
                engine.prepareGeometry()
            other = geometries[o]
            if not engine.intersects(other.constGet()):
                continue
            piece = polygonal(engine.intersection(other.constGet()))
            if piece is not None and piece.area() > 0:
                parts.append(piece)
                others.append(o)
        if others:
            merged = parts[0] if len(parts) == 1 else QgsGeometry.unaryUnion(parts)
            found[s] = (tuple(others), run.measure.add(merged))
    return found


class _CancelLink:
    """A QgsFeedback for C++ loops (index bulk load) that follows the run's cancel flag."""

    def __init__(self, feedback: Optional[QgsFeedback]):
        self.feedback = QgsFeedback()
        self._source = feedback
        if feedback is not None:
            if feedback.isCanceled():
                self.feedback.cancel()
            feedback.canceled.connect(self.feedback.cancel)

    def close(self) -> None:
        if self._source is not None:
            self._source.canceled.disconnect(self.feedback.cancel)


# --- one target × one layer ---------------------------------------------------------------------


def _overlay_target(layer: OverlayLayer, target: _Target, store: _LayerGeometries) -> _Job:
    """Cut the target with the layer and settle its control (pure with respect to the run)."""
    pieces, counters, failed = _cut(target, store)
    issues = [(fid, INTERSECTION_FAILED) for fid in failed]
    if layer.category == LANDUSE:
        job = _settle_landuse(target, pieces, store, issues)
    else:
        job = _settle_constraint(layer.category, target, pieces, store, issues)
    job.counters = counters
    job.issues = issues
    return job


def _cut(target: _Target, store: _LayerGeometries) -> tuple[list, tuple, list]:
    """([(fid, piece, whole)], counters, fids GEOS failed on) for the features meeting the target."""
    candidates = store.candidates(target.rectangles)
    if not candidates:
        return [], (0, 0, 0), []
    engine = QgsGeometry.createGeometryEngine(target.geometry.constGet())
    engine.prepareGeometry()
    intersects, contains, intersection = engine.intersects, engine.contains, engine.intersection
    geometry_of = store.geometry
    pieces = []
    failed = []
    whole = 0
    for fid in candidates:
        geometry = geometry_of(fid)
        if geometry is None:
            continue
        part = geometry.constGet()
        if not intersects(part):
            continue
        if contains(part):
            pieces.append((fid, geometry, True))
            whole += 1
            continue
        cut = intersection(part)
        if cut is None:
            cut = _retry_intersection(target.geometry, geometry)
            if cut is None:
                failed.append(fid)
                continue
        piece = polygonal(cut)
        if piece is not None and piece.area() > 0.0:
            pieces.append((fid, piece, False))
    return pieces, (len(candidates), whole, len(pieces) - whole), failed


def _retry_intersection(site: QgsGeometry, geometry: QgsGeometry):
    """GEOS failed on a valid pair (robustness): retry on a 1 mm snapped copy of the feature."""
    snapped = geometry.snappedToGrid(0.001, 0.001)
    result = site.intersection(snapped)
    return None if result.isNull() else result


def _tolerance(area: float) -> float:
    return RELATIVE_TOLERANCE * max(area, 0.0)


def _settle_landuse(target: _Target, pieces, store: _LayerGeometries, issues: list) -> _Job:
    """LANDUSE pieces. The control is the site's area when the pieces tile it exactly, else the area
    of their union (overlaps trimmed first), and the uncovered rest becomes a GAP piece."""
    total = sum(p.area() for _, p, _ in pieces)
    exact = abs(total - target.area) <= _tolerance(target.area)
    union = None
    if not exact and pieces:
        union = QgsGeometry.unaryUnion([p for _, p, _ in pieces])
        if total - union.area() > _tolerance(target.area):
            pieces = _trim_overlaps(pieces, store, issues)
    job = _Job(
        pieces=[(LANDUSE, p, fid, store.is_repaired(fid)) for fid, p, _ in pieces], control=CONTROL_SITE
    )
    if exact:
        return job
    gap = polygonal(target.geometry.difference(union)) if union is not None else target.geometry
    if gap is None or gap.area() <= 0.0:  # the pieces overlapped but leave nothing uncovered
        return job
    job.pieces.append((GAP, gap, None, False))
    job.control = CONTROL_GEOMETRY if union is not None else CONTROL_EMPTY
    job.control_geometry = union
    return job


def _settle_constraint(category: str, target: _Target, pieces, store: _LayerGeometries, issues: list) -> _Job:
    """Pieces of a constraint layer; the control is the area of their union (no double counting); for
    城镇开发边界 the part outside is a UDB_OUT piece."""
    if not pieces:
        union = None
    elif len(pieces) == 1:
        union = pieces[0][1]
    else:
        union = QgsGeometry.unaryUnion([p for _, p, _ in pieces])
        if sum(p.area() for _, p, _ in pieces) - union.area() > _tolerance(target.area):
            pieces = _trim_overlaps(pieces, store, issues)
    job = _Job(pieces=[(category, p, fid, store.is_repaired(fid)) for fid, p, _ in pieces])
    job.control, job.control_geometry = (
        (CONTROL_GEOMETRY, union) if union is not None else (CONTROL_EMPTY, None)
    )
    if category == UDB:
        outside = polygonal(target.geometry.difference(union)) if union is not None else target.geometry
        if outside is not None and outside.area() > 0.0:
            job.pieces.append((UDB_OUT, outside, None, False))
    return job


def _trim_overlaps(pieces, store: _LayerGeometries, issues: list):
    """Pieces that overlap keep their area once: valid features first, larger first; each later piece
    loses what earlier ones already cover (reported as OVERLAP_TRIMMED)."""
    order = sorted(pieces, key=lambda p: (store.is_repaired(p[0]), -p[1].area(), p[0]))
    kept: list[tuple[int, QgsGeometry, bool]] = []
    index = QgsSpatialIndex()
    for fid, piece, whole in order:
        box = piece.boundingBox()
        earlier = [kept[i][1] for i in index.intersects(box)]
        overlapping = [g for g in earlier if g.intersects(piece) and not g.touches(piece)]
        if overlapping:
            cover = overlapping[0] if len(overlapping) == 1 else QgsGeometry.unaryUnion(overlapping)
            trimmed = polygonal(piece.difference(cover))
            if trimmed is None or trimmed.area() < piece.area() * (1 - 1e-12):
                issues.append((fid, OVERLAP_TRIMMED))
            if trimmed is None or trimmed.area() <= 0.0:
                continue
            piece, whole = trimmed, False
        index.addFeature(len(kept), box)
        kept.append((fid, piece, whole))
    return sorted(kept, key=lambda p: p[0])


# --- two processes ------------------------------------------------------------------------------

#: fewer jobs than this are not worth a second process
MIN_PARALLEL_JOBS = 1000
#: the second process may take this many times as long as the first half before it is given up
CHILD_PATIENCE = 4.0


def fork_allowed() -> bool:
    """A second process by ``os.fork`` is used on Linux outside the QGIS desktop (qgis_process,
    scripts), where the process has no GUI threads to upset."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return False
    app = QgsApplication.instance()
    return app is None or app.platform() != "desktop"


def idle_core() -> bool:
    """Whether a core is free: the 1-minute load leaves at least one of them idle. When other jobs
    hold the cores, a second process only adds its copying and hand-over costs."""
    return os.getloadavg()[0] <= (os.cpu_count() or 1) - 1


def _run_jobs(jobs: list, compute, stores: list, run: _Run, workers: Optional[int]) -> tuple[dict, list]:
    """{(layer, target): _Job} for every job, and the validation issues the second process found."""
    parallel = workers == 2 or (workers is None and len(jobs) >= MIN_PARALLEL_JOBS and idle_core())
    if not parallel or not fork_allowed() or len(jobs) < 2:
        return _serial(jobs, compute, run, 0.2, 0.75), []
    mine, theirs = jobs[0::2], jobs[1::2]
    handle, path = tempfile.mkstemp(prefix="farmland-overlay-", suffix=".bin")
    os.close(handle)
    pid = os.fork()
    if pid == 0:  # the second process: compute, write, leave without running any clean-up of QGIS
        status = 1
        try:
            status = _child(theirs, compute, stores, path)
        finally:
            os._exit(status)
    try:
        started = time.monotonic()
        results = _serial(mine, compute, run, 0.2, 0.7)
        patience = max(60.0, CHILD_PATIENCE * (time.monotonic() - started))
        received = _await_child(pid, path, run, patience)
    finally:
        if os.path.exists(path):
            os.remove(path)
    if received is None:  # the second process failed or took too long: do its share here
        results.update(_serial(theirs, compute, run, 0.7, 0.75))
        return results, []
    wire_jobs, issues = received
    for job in wire_jobs:
        results[(job.layer, job.target)] = _job_from_wire(job)
    run.counters["processes"] = 2
    return results, issues


def _serial(jobs: list, compute, run: _Run, start: float, end: float) -> dict:
    results = {}
    for n, (li, ti) in enumerate(jobs):
        if n % 20 == 0:
            run.check_cancel()
            run.progress.report(start + (end - start) * n / max(len(jobs), 1))
        results[(li, ti)] = compute(li, ti)
    return results


def _child(jobs: list, compute, stores: list, path: str) -> int:
    """The second process's share: its jobs and the validation issues it met, written to ``path``."""
    wire_jobs = [_job_to_wire(li, ti, compute(li, ti)) for li, ti in jobs]
    issues = [
        WireIssue(li, fid, kind, _to_wkb(geometry))
        for li, store in enumerate(stores)
        for fid, (kind, geometry) in store.issues.items()
    ]
    with open(path, "wb") as handle:
        handle.write(encode(wire_jobs, issues))
    return 0


def _await_child(pid: int, path: str, run: _Run, patience: float):
    """The child's decoded results, or None if it failed or took longer than ``patience`` seconds."""
    deadline = time.monotonic() + patience
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if run.progress.is_canceled() or time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            run.check_cancel()
            return None
        time.sleep(0.02)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return decode(data)
    except WireError:
        return None


def _to_wkb(geometry: Optional[QgsGeometry]) -> bytes:
    return b"" if geometry is None or geometry.isNull() else bytes(geometry.asWkb())


def _from_wkb(data: bytes) -> Optional[QgsGeometry]:
    if not data:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(data)
    return geometry


def _job_to_wire(li: int, ti: int, job: _Job) -> WireJob:
    pieces = [
        WirePiece(category, -1 if fid is None else fid, repaired, _to_wkb(geometry))
        for category, geometry, fid, repaired in job.pieces
    ]
    wkb = _to_wkb(job.control_geometry) if job.control == CONTROL_GEOMETRY else b""
    return WireJob(li, ti, job.control, wkb, job.counters, pieces, list(job.issues))


def _job_from_wire(job: WireJob) -> _Job:
    pieces = [
        (p.category, _from_wkb(p.wkb) or QgsGeometry(), None if p.fid < 0 else p.fid, p.repaired)
        for p in job.pieces
    ]
    control = _from_wkb(job.control_wkb) if job.control == CONTROL_GEOMETRY else None
    return _Job(pieces, job.control, control, list(job.issues), tuple(job.counters))


def _fill_attributes(table, layers: Sequence[OverlayLayer], fids_by_layer: dict, run: _Run) -> None:
    """Read the attributes of the features that gave pieces (one request per layer) into the table."""
    rows_by_layer: dict[str, list[int]] = {}
    for i, (category, layer) in enumerate(zip(table.category, table.layer)):
        if category not in (GAP, UDB_OUT):
            rows_by_layer.setdefault(layer, []).append(i)
    issues_by_layer: dict[str, list[GeometryIssue]] = {}
    for issue in run.issues:
        issues_by_layer.setdefault(issue.layer, []).append(issue)
    for li, layer in enumerate(layers):
        run.check_cancel()
        columns = [(column, name) for column, name in layer.fields.items() if name]
        fids = fids_by_layer.get(li, set())
        if not columns or not fids:
            continue
        names = [name for _, name in columns]
        records = _read_attributes_ogr(layer.ogr_uri, fids, names) if layer.ogr_uri else None
        if records is None:
            records = _read_attributes(layer.source, sorted(fids), names)
        rows = rows_by_layer.get(layer.name, [])
        blank = (None,) * len(columns)
        by_column = list(zip(*[records.get(table.src_fid[i], blank) for i in rows])) if rows else []
        for position, (column, _) in enumerate(columns):
            if not rows:
                break
            values = by_column[position]
            if column in ("kcxs", "gddb"):
                target = table.kcxs if column == "kcxs" else table.gddb
                target[np.asarray(rows, dtype=np.int64)] = [_number(v) for v in values]
                continue
            text = table.text[column]
            cache: dict = {}
            for i, value in zip(rows, values):
                if isinstance(value, str):
                    converted = cache.get(value)
                    if converted is None:
                        converted = cache[value] = value.strip()
                else:
                    converted = _text(value)
                text[i] = converted
        id_position = next((p for p, (column, _) in enumerate(columns) if column == "src_id"), None)
        for issue in issues_by_layer.get(layer.name, []):
            if id_position is not None and issue.fid in records:
                issue.feature_id = _text(records[issue.fid][id_position])


def _read_attributes(source: QgsFeatureSource, fids: list[int], names: list[str]) -> dict:
    """fid → tuple of raw values of ``names`` for ``fids`` (one request, no geometry)."""
    all_fields = source.fields()
    indices = [all_fields.lookupField(name) for name in names]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(sorted({i for i in indices if i >= 0}))
    count = source.featureCount()
    if count < 0 or len(fids) * 5 < count:
        request.setFilterFids(fids)
    wanted = set(fids)
    records: dict = {}
    for feature in features(source, request):
        fid = feature.id()
        if fid in wanted:
            attributes = feature.attributes()
            records[fid] = tuple(attributes[i] if i >= 0 else None for i in indices)
    return records


def _read_attributes_ogr(uri: str, fids: set, names: list[str]) -> Optional[dict]:
    """Like :func:`_read_attributes`, through GDAL's Arrow stream (GeoPackage only, GDAL ≥ 3.6): one
    columnar read instead of a QgsFeature per row. None when the source does not qualify."""
    parts = QgsProviderRegistry.instance().decodeUri("ogr", uri)
    path, layer_name = parts.get("path", ""), parts.get("layerName", "")
    if not path.lower().endswith(".gpkg") or not layer_name:
        return None
    dataset = ogr.Open(path)
    layer = dataset.GetLayerByName(layer_name) if dataset is not None else None
    if layer is None or not hasattr(layer, "GetArrowStreamAsNumPy"):
        return None
    schema = [
        layer.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(layer.GetLayerDefn().GetFieldCount())
    ]
    if any(name not in schema for name in names):
        return None
    layer.SetIgnoredFields([name for name in schema if name not in names] + ["OGR_GEOMETRY"])
    wanted = np.fromiter(fids, dtype=np.int64, count=len(fids))
    records: dict = {}
    for batch in layer.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"]):
        fid_column = batch.get(layer.GetFIDColumn() or "OGC_FID", batch.get("fid"))
        if fid_column is None:
            return None
        keep = np.flatnonzero(np.isin(np.asarray(fid_column), wanted))
        if keep.size == 0:
            continue
        columns = [_arrow_values(batch[name], keep) for name in names]
        for fid, values in zip(np.asarray(fid_column)[keep].tolist(), zip(*columns)):
            records[fid] = values
    return records


def _arrow_values(column, rows: np.ndarray) -> list:
    """Python values of ``column[rows]``: text decoded from UTF-8, masked (NULL) entries None."""
    values = column[rows]
    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else np.zeros(len(rows), dtype=bool)
    data = np.ma.getdata(values)
    if data.dtype.kind == "S":
        cache: dict = {}
        out = []
        for raw in data.tolist():
            text = cache.get(raw)
            if text is None:
                text = cache[raw] = raw.decode("utf-8", "replace")
            out.append(text)
    elif data.dtype.kind == "O":
        out = [v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in data.tolist()]
    else:
        out = data.tolist()
    return [None if masked else value for value, masked in zip(out, mask.tolist())]


def _number(value) -> float:
    value = _value(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return float("nan")
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")
