"""Official (32号 ellipsoidal) areas of QGIS geometries: the bridge from layers to core/area.py.

Geometries are read once as WKB into one ``RingBatch`` per layer, so the area engine works on all
vertices at once.  Coordinates in the CGCS2000 Gauss–Krüger and geographic CRSs go to the engine as
they are; any other CRS is densified in its own plane and transformed to EPSG:4490 first.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingFeatureSource,
    QgsProviderRegistry,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core import gauss_kruger
from ..core.area import RingBatch, ellipsoidal_areas
from ..core.progress import Canceled, NoProgress, Progress
from ..core.wkb import WkbGeometryError, batch_from_wkb, batch_from_wkb_buffer
from .arrow_stream import ArrowUnavailable, WkbBatch, wkb_batches

CGCS2000_GEOGRAPHIC = "EPSG:4490"
#: longitudes and latitudes (degrees) that hold China and its seas: coordinates outside, once in
#: EPSG:4490, mean the layer's declared CRS is not the one its coordinates were made in
CHINA_LONGITUDES = (70.0, 140.0)
CHINA_LATITUDES = (0.0, 56.0)
#: step (metres) used to densify edges of geometries in CRSs other than CGCS2000 before reprojection
FOREIGN_CRS_DENSIFY_STEP = 5.0
_ARROW_BATCH_FEATURES = 32768


class CrsProblem(Exception):
    """The declared CRS and the coordinates disagree, or the CRS cannot be used.

    ``kind`` is one of ``prefix-in-no-prefix-crs``, ``no-prefix-in-prefix-crs``, ``zone-mismatch``,
    ``no-crs``, ``outside-china`` (in EPSG:4490 the coordinates fall outside China); ``suggested_epsg``
    names the CRS that fits the coordinates, when one does.
    """

    def __init__(self, kind: str, declared: str, suggested_epsg: int | None):
        super().__init__(kind)
        self.kind = kind
        self.declared = declared
        self.suggested_epsg = suggested_epsg


@dataclass
class GridChoice:
    """How coordinates of a layer reach the area engine."""

    grid: object  # core.gauss_kruger.GaussKruger | Geographic
    transform: QgsCoordinateTransform | None = None
    derived_from_eastings: bool = False
    notes: list[str] = field(default_factory=list)


def _epsg_of(crs: QgsCoordinateReferenceSystem) -> int | None:
    authid = crs.authid() if crs.isValid() else ""
    if authid.upper().startswith("EPSG:"):
        try:
            return int(authid.split(":", 1)[1])
        except ValueError:
            return None
    return None


def is_cgcs2000(crs: QgsCoordinateReferenceSystem) -> bool:
    """EPSG:4490 or a CGCS2000 Gauss–Krüger CRS: one the area engine reads without a transformation."""
    return gauss_kruger.grid_for_epsg(_epsg_of(crs) or 0) is not None


def crs_is_undefined(crs: QgsCoordinateReferenceSystem) -> bool:
    """No CRS, or a placeholder one (GeoPackage's "Undefined geographic/cartesian SRS")."""
    return not crs.isValid() or (not crs.authid() and crs.description().lower().startswith("undefined"))


def choose_grid(
    crs: QgsCoordinateReferenceSystem,
    sample_x: np.ndarray,
    transform_context: QgsCoordinateTransformContext | None = None,
) -> GridChoice:
    """Pick the engine grid for a layer in ``crs`` whose eastings (or longitudes) are ``sample_x``.

    Raises CrsProblem when the declared CRS contradicts the coordinates.
    """
    if crs_is_undefined(crs):
        grid = gauss_kruger.grid_from_eastings(sample_x)
        if grid is None:
            raise CrsProblem("no-crs", "", None)
        return GridChoice(grid=grid, derived_from_eastings=True)
    grid = gauss_kruger.grid_for_epsg(_epsg_of(crs) or 0)
    if isinstance(grid, gauss_kruger.GaussKruger):
        problem = gauss_kruger.check_eastings(grid, sample_x) if sample_x.size else None
        if problem is not None:
            raise CrsProblem(problem, crs.authid(), gauss_kruger.suggest_epsg(grid, sample_x))
        return GridChoice(grid=grid)
    if grid is not None:
        return GridChoice(grid=grid)
    target = QgsCoordinateReferenceSystem(CGCS2000_GEOGRAPHIC)
    context = transform_context or QgsCoordinateTransformContext()
    return GridChoice(
        grid=gauss_kruger.grid_for_epsg(4490),
        transform=QgsCoordinateTransform(crs, target, context),
    )


def _has_curves(layer: QgsVectorLayer) -> bool:
    return QgsWkbTypes.isCurvedType(layer.wkbType())


def _linear(geometry: QgsGeometry) -> QgsGeometry:
    if QgsWkbTypes.isCurvedType(geometry.wkbType()):
        return QgsGeometry(geometry.constGet().segmentize())
    return geometry


def _foreign_to_geographic(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem, choice: GridChoice):
    """Densify in the layer's own plane (edges are straight there), then transform to EPSG:4490."""
    g = QgsGeometry(geometry)
    if not crs.isGeographic():
        factor = QgsUnitTypes.fromUnitToUnitFactor(QgsUnitTypes.DistanceMeters, crs.mapUnits())
        g = g.densifyByDistance(FOREIGN_CRS_DENSIFY_STEP * factor)
    g.transform(choice.transform)
    return g


def features(source, request: QgsFeatureRequest):
    """``source.getFeatures(request)`` without Processing's own invalid-geometry check: its "skip
    invalid" setting would drop features silently; we measure them (repaired) and say so."""
    if isinstance(source, QgsProcessingFeatureSource):
        return source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
    return source.getFeatures(request)


def wkb_of(geometry: QgsGeometry | None) -> bytes | None:
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    return bytes(_linear(geometry).asWkb())


def official_areas_of_geometries(
    geometries: Iterable[QgsGeometry | None],
    crs: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext | None = None,
) -> tuple[np.ndarray, GridChoice]:
    """Unrounded official areas (m²) of ``geometries`` given in ``crs``, in input order."""
    wkbs = [wkb_of(g) for g in geometries]
    return _areas_from_wkbs(wkbs, crs, transform_context)


def measured_geometries(
    geometries: Iterable[QgsGeometry | None],
    crs: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext | None = None,
) -> tuple[np.ndarray, GridChoice, list, np.ndarray]:
    """:func:`official_areas_of_geometries`, and what writing them needs: each geometry's WKB (None
    when null or empty) and extent in ``crs`` ((n, 4): xmin, ymin, xmax, ymax; NaN when empty)."""
    wkbs = [wkb_of(g) for g in geometries]
    batch = batch_from_wkb(wkbs)
    areas, choice = _areas_from_wkbs(wkbs, crs, transform_context, batch)
    return areas, choice, wkbs, batch.feature_extents()


def _areas_from_wkbs(
    wkbs,
    crs: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext | None,
    batch: RingBatch | None = None,
) -> tuple[np.ndarray, GridChoice]:
    batch = batch if batch is not None else batch_from_wkb(wkbs)
    if batch.xy.shape[0] == 0:  # nothing to measure: no CRS question to ask
        return np.zeros(len(wkbs)), GridChoice(grid=gauss_kruger.grid_for_epsg(4490))
    choice = choose_grid(crs, _sample_x(batch), transform_context)
    if choice.transform is not None:
        transformed = []
        for wkb in wkbs:
            if wkb is None:
                transformed.append(None)
                continue
            g = QgsGeometry()
            g.fromWkb(wkb)
            transformed.append(bytes(_foreign_to_geographic(g, crs, choice).asWkb()))
        batch = batch_from_wkb(transformed)
    if isinstance(choice.grid, gauss_kruger.Geographic):
        check_in_china(batch, crs.authid())
    return ellipsoidal_areas(batch, choice.grid), choice


def check_in_china(batch: RingBatch, declared: str) -> None:
    """Raise CrsProblem('outside-china') when longitudes/latitudes of the batch leave China."""
    xy = batch.xy[np.isfinite(batch.xy).all(axis=1)]
    if xy.size == 0:
        return
    (west, south), (east, north) = xy.min(axis=0), xy.max(axis=0)
    inside = CHINA_LONGITUDES[0] <= west and east <= CHINA_LONGITUDES[1]
    if not (inside and CHINA_LATITUDES[0] <= south and north <= CHINA_LATITUDES[1]):
        raise CrsProblem("outside-china", declared, None)


def _sample_x(batch: RingBatch, size: int = 10000) -> np.ndarray:
    xs = batch.xy[:, 0]
    if xs.size <= size:
        return xs
    return xs[:: max(1, xs.size // size)]


def _plain_ogr_layer(layer: QgsVectorLayer | None):
    """(dataset, OGR layer) behind a plain, unfiltered, unedited OGR file layer, with its attributes
    ignored; None for anything else (then features are iterated through QGIS)."""
    if layer is None or not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    if layer.subsetString() or layer.isModified() or _has_curves(layer):
        return None
    return open_ogr_geometries(layer.source())


def open_ogr_geometries(uri: str):
    """(dataset, OGR layer) of an OGR data source, attributes ignored (only FIDs and geometries are
    read); None for a subset, a /vsi path, open options or a forced geometry type, or what GDAL cannot
    open. The dataset must outlive the layer."""
    parts = QgsProviderRegistry.instance().decodeUri("ogr", uri or "")
    path, name, layer_id = parts.get("path"), parts.get("layerName"), parts.get("layerId")
    if not path or any(parts.get(key) for key in ("subset", "vsiPrefix", "openOptions", "geometryType")):
        return None
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    except RuntimeError:  # GDAL raises instead when its exceptions were switched on (another plugin)
        return None
    if dataset is None:
        return None
    ogr_layer = dataset.GetLayerByName(name) if name else dataset.GetLayer(int(layer_id or 0))
    if ogr_layer is None:
        return None
    definition = ogr_layer.GetLayerDefn()
    ogr_layer.SetIgnoredFields([definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())])
    return dataset, ogr_layer


def _bulk_areas(
    layer: QgsVectorLayer | None,
    crs: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext | None,
    progress: Progress,
) -> tuple[np.ndarray, np.ndarray, GridChoice] | None:
    """(fids, areas, grid) of a plain OGR file layer in a CGCS2000 grid, read in Arrow batches.

    Batches are parsed and measured on a worker thread while the next one is read (GDAL and numpy
    release the GIL), so reading costs little on top of measuring. None when the layer cannot be
    read this way or its CRS needs a transformation: then the caller reads it feature by feature.
    """
    opened = _plain_ogr_layer(layer)
    if opened is None:
        return None
    _dataset, ogr_layer = opened  # the dataset must outlive the stream
    fid_column = ogr_layer.GetFIDColumn() or "OGC_FID"
    geometry_column = ogr_layer.GetGeometryColumn() or "wkb_geometry"
    batches = wkb_batches(ogr_layer, fid_column, geometry_column, _ARROW_BATCH_FEATURES)
    try:
        with ThreadPoolExecutor(max_workers=1) as worker:
            try:
                queued = _queue_batches(batches, worker, crs, transform_context, progress, layer.featureCount())
                if queued is None:
                    return None
                fids, futures, choice, done = queued
                areas = _results(futures)
            except BaseException:  # cancel, or a worker's error: drop the queued batches
                worker.shutdown(wait=True, cancel_futures=True)
                raise
    except (ArrowUnavailable, WkbGeometryError):
        # a blob the vectorised reader does not take (e.g. a curve in a layer not declared curved):
        # QGIS's own geometries, read feature by feature, are linearised first
        return None
    finally:
        batches.close()  # release GDAL's stream while its dataset is still open, then the dataset
        ogr_layer = _dataset = opened = None
    if done != layer.featureCount():  # not the features QGIS sees: iterate them instead
        return None
    if not fids:
        return np.zeros(0, dtype=np.int64), np.zeros(0), choice
    all_fids = np.concatenate(fids)
    return all_fids, (np.concatenate(areas) if areas else np.zeros(all_fids.size)), choice


def _queue_batches(batches, worker, crs, transform_context, progress: Progress, feature_count: int):
    """Read every batch and queue its measuring on ``worker``: (fids per batch, futures, grid, features
    read), or None when the CRS needs a transformation (then the layer is read feature by feature)."""
    total = max(feature_count, 1)
    declared = crs.authid()
    fids: list[np.ndarray] = []
    pending: list[RingBatch] = []  # batches read before the grid is known
    futures: list = []
    choice: GridChoice | None = None
    done = 0
    for batch in batches:
        if progress.is_canceled():
            raise Canceled()
        fids.append(batch.fids)
        if choice is None:
            rings = _parse(batch, done)
            pending.append(rings)
            if rings.xy.shape[0]:
                choice = choose_grid(crs, _sample_x(rings), transform_context)
                if choice.transform is not None:
                    return None
                futures += [worker.submit(_measure_rings, queued, choice, declared) for queued in pending]
        else:
            futures.append(worker.submit(_measure_batch, batch, done, choice, declared))
        done += batch.fids.size
        progress.report(0.8 * done / total)
    if choice is None:  # nothing to measure: no CRS question to ask
        return fids, [], GridChoice(grid=gauss_kruger.grid_for_epsg(4490)), done
    return fids, futures, choice, done


def _results(futures: list) -> list:
    """The futures' results in order; the list is emptied either way, so that an exception raised by
    one (whose traceback holds our frames) does not keep the futures, the layer and itself in a cycle."""
    try:
        return [future.result() for future in futures]
    finally:
        futures.clear()


def _parse(batch: WkbBatch, first_index: int) -> RingBatch:
    try:
        return batch_from_wkb_buffer(batch.data, batch.offsets, batch.valid)
    except WkbGeometryError as error:  # number the feature within the layer, not the batch
        raise WkbGeometryError(
            error.feature_index + first_index, error.wkb_type, error.reason, error.detail
        ) from error


def _measure_rings(rings: RingBatch, choice: GridChoice, declared: str) -> np.ndarray:
    if isinstance(choice.grid, gauss_kruger.Geographic):
        check_in_china(rings, declared)
    return ellipsoidal_areas(rings, choice.grid)


def _measure_batch(batch: WkbBatch, first_index: int, choice: GridChoice, declared: str) -> np.ndarray:
    """Areas of one later batch; its eastings must fit the grid chosen from the first one."""
    rings = _parse(batch, first_index)
    grid = choice.grid
    if isinstance(grid, gauss_kruger.GaussKruger) and rings.xy.shape[0]:
        sample = _sample_x(rings)
        problem = gauss_kruger.check_eastings(grid, sample)
        if problem is not None:
            if choice.derived_from_eastings:
                raise CrsProblem("no-crs", "", None)
            raise CrsProblem(problem, declared, gauss_kruger.suggest_epsg(grid, sample))
    return _measure_rings(rings, choice, declared)


def official_areas_of_source(
    source,
    transform_context: QgsCoordinateTransformContext | None = None,
    progress: Progress | None = None,
    request: QgsFeatureRequest | None = None,
    layer: QgsVectorLayer | None = None,
) -> tuple[list[int], np.ndarray, GridChoice]:
    """Feature ids and unrounded official areas (m²) of every feature of a feature source or layer.

    Reads the geometries once (no attributes); reading is the first 80 % of the progress.  When
    ``layer`` is the plain OGR file layer behind ``source`` (no selection, filter or edits), its
    geometries are read in bulk through GDAL instead of feature by feature.
    """
    progress = progress or NoProgress()
    bulk = _bulk_areas(layer, source.sourceCrs(), transform_context, progress) if request is None else None
    if bulk is not None:
        fids, areas, choice = bulk
        progress.report(1.0)
        return fids.tolist(), areas, choice
    total = max(source.featureCount(), 1)
    request = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    request.setNoAttributes()
    fids: list[int] = []
    wkbs: list[bytes | None] = []
    for i, feature in enumerate(features(source, request)):
        if i % 1000 == 0:
            if progress.is_canceled():
                raise Canceled()
            progress.report(0.8 * i / total)
        fids.append(feature.id())
        wkbs.append(wkb_of(feature.geometry()) if feature.hasGeometry() else None)
    areas, choice = _areas_from_wkbs(wkbs, source.sourceCrs(), transform_context)
    progress.report(1.0)
    return fids, areas, choice
