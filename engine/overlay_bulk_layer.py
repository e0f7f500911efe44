"""A whole overlay layer read in bulk: WKB and boxes from GDAL's Arrow stream, candidates by one box join.

For a file layer already in the working CRS, this replaces loading a QgsSpatialIndex from QGIS
features (half a million parcels: 3.2 s, most of it making a QgsFeature and a geometry per parcel):
the features' WKB arrive in batches straight from GDAL (engine/arrow_stream.py), their bounding boxes
are computed from the parsed coordinates (core.area.RingBatch.feature_extents), each batch is joined
with every target's search rectangles at once (core/overlay/box_join.py), and only the WKB of the
features that are a candidate somewhere is kept (memory follows the sites, not the layer's size); a
QgsGeometry is made from it when the feature is cut.

:func:`read_bulk` returns None whenever the layer does not qualify (another provider, a subset or
selection, a CRS to transform, curves, any surprise in the stream); the caller then loads it as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsRectangle

from ..core.overlay.box_join import BoxJoinTooLarge, box_pairs
from ..core.wkb import WkbGeometryError, batch_from_wkb_buffer
from .arrow_stream import ArrowUnavailable, wkb_batches
from .geometry import open_ogr_geometries

_BATCH_FEATURES = 65536


class BulkLayer:
    """The candidates of each target key, and the WKB of every candidate (only theirs is kept)."""

    def __init__(self, wkb: dict, candidates: dict, without_geometry: int) -> None:
        self._wkb = wkb
        self._candidates = candidates
        self.without_geometry = without_geometry

    def candidates(self, key) -> list[int]:
        return self._candidates.get(key, [])

    def geometry(self, fid: int) -> QgsGeometry:
        geometry = QgsGeometry()
        geometry.fromWkb(self._wkb[fid])
        return geometry


Targets = Sequence[tuple[object, Sequence[QgsRectangle]]]


def read_bulk(source, ogr_uri: str, crs: QgsCoordinateReferenceSystem, targets: Targets) -> Optional[BulkLayer]:
    """The layer behind ``ogr_uri`` read in bulk, with the candidates of each (key, rectangles) target;
    None when it does not qualify (see the module docstring)."""
    if not ogr_uri or source.sourceCrs() != crs:
        return None
    opened = open_ogr_geometries(ogr_uri)
    if opened is None:
        return None
    _dataset, ogr_layer = opened  # the dataset must outlive the stream
    fid_column = ogr_layer.GetFIDColumn() or "OGC_FID"
    batches = wkb_batches(ogr_layer, fid_column, ogr_layer.GetGeometryColumn() or "wkb_geometry", _BATCH_FEATURES)
    owners, queries = _queries(targets)
    read, without_geometry = 0, 0
    wkb: dict[int, bytes] = {}
    pairs: list[tuple[np.ndarray, np.ndarray]] = []  # (target, fid) per batch
    try:
        for batch in batches:  # joined batch by batch: only the candidates' WKB is kept
            extents = batch_from_wkb_buffer(batch.data, batch.offsets, batch.valid).feature_extents()
            read += batch.fids.size
            without_geometry += int(np.isnan(extents[:, 0]).sum())
            query, row = box_pairs(extents, queries)
            pairs.append((owners[query], batch.fids[row]))
            for r in np.unique(row).tolist():
                wkb[int(batch.fids[r])] = batch.data[batch.offsets[r] : batch.offsets[r + 1]].tobytes()
    except (ArrowUnavailable, WkbGeometryError, ValueError, RuntimeError, BoxJoinTooLarge):
        return None  # e.g. a curve: QGIS reads it, linearised
    finally:
        batches.close()  # GDAL's stream goes before its dataset
        ogr_layer = _dataset = opened = None
    if read != source.featureCount():  # not the features QGIS sees (a selection, a filter)
        return None
    return BulkLayer(wkb, _grouped(targets, pairs), without_geometry)


def _queries(targets) -> tuple[np.ndarray, np.ndarray]:
    """(target index per rectangle, the rectangles as (xmin, ymin, xmax, ymax))."""
    owners, queries = [], []
    for k, (_, rectangles) in enumerate(targets):
        for r in rectangles:
            owners.append(k)
            queries.append((r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()))
    return np.asarray(owners, dtype=np.int64), np.array(queries, dtype=np.float64).reshape(-1, 4)


def _grouped(targets, pairs: list) -> dict:
    """key → sorted fids, once each (a feature met by several tiles of one target counts once)."""
    if not pairs:
        return {}
    owner = np.concatenate([p[0] for p in pairs])
    fid = np.concatenate([p[1] for p in pairs])
    order = np.lexsort((fid, owner))
    owner, fid = owner[order], fid[order]
    first = np.ones(owner.size, dtype=bool)
    first[1:] = (owner[1:] != owner[:-1]) | (fid[1:] != fid[:-1])
    owner, fid = owner[first], fid[first]
    cuts = np.flatnonzero(np.diff(owner)) + 1
    return {
        targets[int(group[0])][0]: fids.tolist()
        for group, fids in zip(np.split(owner, cuts), np.split(fid, cuts))
        if group.size
    }
