"""Features of one overlay layer in the working CRS: loaded into a spatial index (in bulk, or per search
rectangle where the provider's index makes that cheaper), checked and repaired on first use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsFeedback,
    QgsGeometry,
    QgsRectangle,
    QgsSpatialIndex,
)

from .geometry import features
from .overlay_bulk_layer import BulkLayer, read_bulk
from .overlay_geometry import INVALID_REPAIRED, checked_geometry

if TYPE_CHECKING:
    from .overlay import OverlayLayer

#: with at most this many search rectangles and a provider index, request features per rectangle
FEW_RECTANGLES = 64
#: costs (s) behind the choice between per-rectangle requests and one bulk load (GeoPackage, measured)
REQUEST_COST = 1e-3
FETCH_COST = 40e-6
BULK_COST = 10e-6


class LayerGeometries:
    """Geometries of one layer in the working CRS, validated on first use, with candidate queries."""

    def __init__(
        self,
        layer: OverlayLayer,
        crs: QgsCoordinateReferenceSystem,
        context: QgsCoordinateTransformContext,
        targets: Sequence[tuple[object, Sequence[QgsRectangle]]],
        feedback: Optional[QgsFeedback],
    ) -> None:
        """``targets``: (key, search rectangles) of every target the layer is cut with."""
        self.layer = layer
        self._crs = crs
        self._context = context
        self._checked: dict[int, tuple[Optional[QgsGeometry], Optional[str]]] = {}
        self.issues: dict[int, tuple[str, Optional[QgsGeometry]]] = {}
        source = layer.source
        self._requested: Optional[dict[int, QgsGeometry]] = None
        self._bulk: Optional[BulkLayer] = None
        self._filtered = False
        rectangles = [r for _, target_rectangles in targets for r in target_rectangles]
        if _requests_pay(rectangles, source, crs, context):
            self._requested = {}
            self.index = QgsSpatialIndex()
            for rectangle in rectangles:
                for feature in features(source, self._request().setFilterRect(rectangle)):
                    if feature.id() not in self._requested:
                        self._requested[feature.id()] = feature.geometry()
                        self.index.addFeature(feature.id(), feature.geometry().boundingBox())
            return
        self._bulk = read_bulk(source, layer.ogr_uri, crs, targets)
        if self._bulk is not None:
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
        if self._bulk is not None:
            return self._bulk.without_geometry
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

    def candidates(self, rectangles: Sequence[QgsRectangle], key=None) -> list[int]:
        """Sorted fids of the features whose boxes meet ``rectangles`` (those of target ``key``)."""
        if self._bulk is not None:
            return self._bulk.candidates(key)
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
            if self._bulk is not None:
                raw = self._bulk.geometry(fid)
            elif self._requested is not None:
                raw = self._requested[fid]
            else:
                raw = self.index.geometry(fid)
            cached = checked_geometry(raw)
            self._checked[fid] = cached
            if cached[1] is not None:
                self.issues[fid] = (cached[1], raw)
        return cached[0]

    def is_repaired(self, fid: int) -> bool:
        return self._checked.get(fid, (None, None))[1] == INVALID_REPAIRED


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
