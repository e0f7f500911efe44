"""A whole overlay layer read in bulk: WKB and boxes from GDAL's Arrow stream, candidates by one box join.

For a file layer already in the working CRS, this replaces loading a QgsSpatialIndex from QGIS
features (half a million parcels: 3.2 s, most of it making a QgsFeature and a geometry per parcel):
the features' WKB arrive in batches straight from GDAL (engine/arrow_stream.py), their bounding boxes
are computed from the parsed coordinates (core.area.RingBatch.feature_extents), the candidates of
every target are found at once (core/overlay/box_join.py), and a QgsGeometry is made only for a
feature that is a candidate somewhere.

:func:`read_bulk` returns None whenever the layer does not qualify (another provider, a subset or
selection, a CRS to transform, curves, any surprise in the stream); the caller then loads it as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

import numpy as np
from osgeo import gdal
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsProviderRegistry, QgsRectangle

from ..core.overlay.box_join import BoxJoinTooLarge, box_pairs
from ..core.wkb import WkbGeometryError, batch_from_wkb_buffer
from .arrow_stream import ArrowUnavailable, wkb_batches

_BATCH_FEATURES = 65536


class BulkLayer:
    """Geometries (as WKB) and candidates per target key of one layer read in bulk."""

    def __init__(self, fids, data: list, offsets: list, where: np.ndarray, candidates: dict, empty: int):
        # fids; per batch the WKB bytes and n + 1 offsets; per row (batch, index in batch); key → fids
        self._order = np.argsort(fids, kind="stable")  # fid → row by binary search (no dict of 500k)
        self._sorted = fids[self._order]
        self._data = data
        self._offsets = offsets
        self._where = where
        self._candidates = candidates
        self.without_geometry = empty

    def candidates(self, key) -> list[int]:
        return self._candidates.get(key, [])

    def geometry(self, fid: int) -> QgsGeometry:
        batch, index = self._where[self._order[np.searchsorted(self._sorted, fid)]]
        offsets = self._offsets[batch]
        geometry = QgsGeometry()
        geometry.fromWkb(self._data[batch][offsets[index] : offsets[index + 1]].tobytes())
        return geometry


Targets = Sequence[tuple[object, Sequence[QgsRectangle]]]


def read_bulk(source, ogr_uri: str, crs: QgsCoordinateReferenceSystem, targets: Targets) -> Optional[BulkLayer]:
    """The layer behind ``ogr_uri`` read in bulk, with the candidates of each (key, rectangles) target;
    None when it does not qualify (see the module docstring)."""
    if not ogr_uri or source.sourceCrs() != crs:
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", ogr_uri)
    path = parts.get("path")
    if not path or any(parts.get(key) for key in ("subset", "vsiPrefix", "openOptions", "geometryType")):
        return None
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    except RuntimeError:  # GDAL raises instead when another plugin switched its exceptions on
        return None
    if dataset is None:
        return None
    layer_name, layer_id = parts.get("layerName"), parts.get("layerId")
    ogr_layer = dataset.GetLayerByName(layer_name) if layer_name else dataset.GetLayer(int(layer_id or 0))
    if ogr_layer is None:
        return None
    definition = ogr_layer.GetLayerDefn()
    ogr_layer.SetIgnoredFields([definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())])
    fid_column = ogr_layer.GetFIDColumn() or "OGC_FID"
    batches = wkb_batches(ogr_layer, fid_column, ogr_layer.GetGeometryColumn() or "wkb_geometry", _BATCH_FEATURES)
    fids, data, offsets, extents = [], [], [], []
    try:
        for batch in batches:
            rings = batch_from_wkb_buffer(batch.data, batch.offsets, batch.valid)
            fids.append(batch.fids)
            data.append(batch.data)
            offsets.append(batch.offsets)
            extents.append(rings.feature_extents())
    except (ArrowUnavailable, WkbGeometryError, ValueError, RuntimeError):
        return None  # e.g. a curve: QGIS reads it, linearised
    finally:
        batches.close()  # GDAL's stream goes before its dataset
        ogr_layer = dataset = None
    all_fids = np.concatenate(fids) if fids else np.zeros(0, dtype=np.int64)
    if all_fids.size != source.featureCount():  # not the features QGIS sees (a selection, a filter)
        return None
    boxes = np.concatenate(extents) if extents else np.zeros((0, 4))
    places = [np.column_stack([np.full(f.size, k), np.arange(f.size)]) for k, f in enumerate(fids)]
    where = np.concatenate(places or [np.zeros((0, 2))]).astype(np.int64)
    try:
        candidates = _candidates(all_fids, boxes, targets)
    except BoxJoinTooLarge:
        return None
    return BulkLayer(all_fids, data, offsets, where, candidates, int(np.isnan(boxes[:, 0]).sum()))


def _candidates(fids: np.ndarray, boxes: np.ndarray, targets) -> dict:
    """key → sorted fids whose boxes meet any of the key's rectangles."""
    owners, queries = [], []
    for k, (_, rectangles) in enumerate(targets):
        for r in rectangles:
            owners.append(k)
            queries.append((r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()))
    query, box = box_pairs(boxes, np.array(queries, dtype=np.float64).reshape(-1, 4))
    owner = np.asarray(owners, dtype=np.int64)[query]
    pair = np.unique(owner * max(fids.size, 1) + box)  # a feature met by several tiles of one target once
    owner, box = pair // max(fids.size, 1), pair % max(fids.size, 1)
    found: dict = {}
    cuts = np.flatnonzero(np.diff(owner)) + 1
    for group_owner, group_boxes in zip(np.split(owner, cuts), np.split(box, cuts)):
        if group_owner.size:
            found[targets[int(group_owner[0])][0]] = sorted(fids[group_boxes].tolist())
    return found
