"""WKB (ISO, little-endian) of features held as numpy rings, and their bounding boxes."""

from __future__ import annotations

import struct

import numpy as np

EMPTY_MULTIPOLYGON = struct.pack("<BII", 1, 6, 0)


def feature_wkb(feature: list[list[np.ndarray]]) -> bytes:
    """MultiPolygon WKB of ``[[outer, *holes], ...]`` (rings not closed; closed here)."""
    out = [struct.pack("<BII", 1, 6, len(feature))]
    for polygon in feature:
        out.append(struct.pack("<BII", 1, 3, len(polygon)))
        for ring in polygon:
            out.append(struct.pack("<I", len(ring) + 1))
            out.append(np.ascontiguousarray(ring, dtype="<f8").tobytes())
            out.append(np.ascontiguousarray(ring[0], dtype="<f8").tobytes())
    return b"".join(out)


def feature_bbox(feature: list[list[np.ndarray]]) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of the outer rings, None for an empty feature."""
    if not feature:
        return None
    outer = np.concatenate([polygon[0] for polygon in feature])
    lo, hi = outer.min(axis=0), outer.max(axis=0)
    return (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))


def closed_rings(features: list[list[list[np.ndarray]]]):
    """Flat closed rings of features: (xy, offsets, ring feature, ring is hole)."""
    rings, feat, hole = [], [], []
    for f, feature in enumerate(features):
        for polygon in feature:
            for k, ring in enumerate(polygon):
                rings.append(ring)
                feat.append(f)
                hole.append(k > 0)
    lengths = np.fromiter((len(r) + 1 for r in rings), dtype=np.int64, count=len(rings))
    offsets = np.zeros(len(rings) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    xy = np.empty((int(offsets[-1]), 2))
    if rings:
        flat = np.concatenate(rings)
        # ring r's point j goes to offsets[r] + j = (its index in flat) + r; then the closing point
        xy[np.arange(len(flat)) + np.repeat(np.arange(len(rings)), lengths - 1)] = flat
        xy[offsets[1:] - 1] = xy[offsets[:-1]]
    return xy, offsets, np.asarray(feat, dtype=np.int64), np.asarray(hole, dtype=bool)
