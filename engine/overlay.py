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

This module runs the overlay and cuts one target with one layer; beside it: overlay_geometry.py
(polygon parts, checks, search rectangles), overlay_layers.py (a layer's features in the working
CRS, indexed), overlay_parallel.py (the jobs in one or two processes) and overlay_attributes.py
(attributes of the features that gave pieces).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsFeedback,
    QgsGeometry,
    QgsSpatialIndex,
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
)
from ..core.progress import Canceled, NoProgress, Progress
from .geometry import GridChoice, features, measured_geometries
from .overlay_attributes import fill_attributes
from .overlay_geometry import (
    INTERSECTION_FAILED,
    INVALID_REPAIRED,
    OVERLAP_TRIMMED,
    checked_geometry,
    polygonal,
    search_rectangles,
    tile_size,
)
from .overlay_layers import LayerGeometries
from .overlay_parallel import Job, from_wkb, run_jobs
from .values import plain_value, text_of

#: relative planar tolerance under which pieces "exactly" tile a site (floating noise of GEOS)
RELATIVE_TOLERANCE = 1e-8


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
    piece_wkbs: list  # the same as WKB (as measured), and their extents ((n, 4): xmin, ymin, xmax, ymax)
    piece_extents: np.ndarray
    site_geometries: list
    issues: list
    grid: GridChoice
    duplicate_site_ids: list
    counters: dict
    skipped_without_geometry: dict  # layer name -> features without geometry (whole layer read)


# --- the run ------------------------------------------------------------------------------------


@dataclass
class _Target:
    site: int
    zone: str
    geometry: QgsGeometry
    rectangles: list
    area: float  # planar, working CRS



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

    def apply(self, layer: OverlayLayer, target: _Target, job: Job) -> None:
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
    progress.report(0.05)

    layer_targets = [[t for t in targets if t.zone in layer.zones] for layer in layers]
    stores = _load_layers(layers, layer_targets, run)
    jobs = [(li, ti) for li in range(len(layers)) for ti in range(len(layer_targets[li]))]

    def compute(li: int, ti: int) -> Job:
        return _overlay_target(layers[li], layer_targets[li][ti], stores[li])

    # the sites' overlaps with each other are found by this process while a second one cuts its share
    found: dict = {}
    results, child_issues = run_jobs(
        jobs, compute, stores, run, workers, meanwhile=lambda: found.update(_site_overlaps(site_geometries, run))
    )
    overlaps = found
    for li, ti in jobs:
        run.apply(layers[li], layer_targets[li][ti], results[(li, ti)])
    attribute_fids = _collect_store_issues(layers, stores, child_issues, run)
    progress.report(0.75)

    run.check_cancel()
    areas, grid, wkbs, extents = measured_geometries(run.measure.geometries, crs, context)
    pieces_at = np.asarray(run.piece_measure, dtype=np.int64)
    progress.report(0.85)
    run.check_cancel()
    table = run.pieces.build(areas[pieces_at] if run.piece_measure else [])
    fill_attributes(table, layers, attribute_fids, run)
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
        [wkbs[i] for i in run.piece_measure],
        extents[pieces_at] if run.piece_measure else np.zeros((0, 4)),
        site_geometries,
        _unique_issues(run.issues),
        grid,
        duplicates,
        run.counters,
        run.skipped_without_geometry,
    )


def _load_layers(layers: Sequence[OverlayLayer], layer_targets: list, run: _Run) -> list:
    """One LayerGeometries per layer (index bulk load), progress 5 % → 20 %."""
    weights = np.array([max(_feature_count(layer.source), 1) for layer in layers], dtype=np.float64)
    shares = np.concatenate(([0.0], np.cumsum(weights) / max(weights.sum(), 1.0)))
    stores = []
    for li, layer in enumerate(layers):
        run.check_cancel()
        targets = [((t.site, t.zone), t.rectangles) for t in layer_targets[li]]
        cancel = _CancelLink(run.feedback)
        stores.append(LayerGeometries(layer, run.crs, run.context, targets, cancel.feedback))
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
                found[issue.fid] = (issue.kind, from_wkb(issue.wkb))
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
                name=text_of(feature[sites.name_field]) if sites.name_field else "",
                county_code=text_of(feature[sites.county_field]) if sites.county_field else "",
                approval_date=iso_date(plain_value(feature[sites.date_field])) if sites.date_field else "",
            )
        )
        geometries.append(geometry)
    return records, geometries, duplicates



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


def _overlay_target(layer: OverlayLayer, target: _Target, store: LayerGeometries) -> Job:
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


def _cut(target: _Target, store: LayerGeometries) -> tuple[list, tuple, list]:
    """([(fid, piece, whole)], counters, fids GEOS failed on) for the features meeting the target."""
    candidates = store.candidates(target.rectangles, (target.site, target.zone))
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


def _settle_landuse(target: _Target, pieces, store: LayerGeometries, issues: list) -> Job:
    """LANDUSE pieces. The control is the site's area when the pieces tile it exactly, else the area
    of their union (overlaps trimmed first), and the uncovered rest becomes a GAP piece."""
    total = sum(p.area() for _, p, _ in pieces)
    exact = abs(total - target.area) <= _tolerance(target.area)
    union = None
    if not exact and pieces:
        union = QgsGeometry.unaryUnion([p for _, p, _ in pieces])
        if total - union.area() > _tolerance(target.area):
            pieces = _trim_overlaps(pieces, store, issues)
    job = Job(
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


def _settle_constraint(category: str, target: _Target, pieces, store: LayerGeometries, issues: list) -> Job:
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
    job = Job(pieces=[(category, p, fid, store.is_repaired(fid)) for fid, p, _ in pieces])
    job.control, job.control_geometry = (
        (CONTROL_GEOMETRY, union) if union is not None else (CONTROL_EMPTY, None)
    )
    if category == UDB:
        outside = polygonal(target.geometry.difference(union)) if union is not None else target.geometry
        if outside is not None and outside.area() > 0.0:
            job.pieces.append((UDB_OUT, outside, None, False))
    return job


def _trim_overlaps(pieces, store: LayerGeometries, issues: list):
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
