"""Polygon WKB → :class:`~.area.RingBatch`, without QGIS.

Reads Polygon and MultiPolygon in 2D, Z, M and ZM, as ISO WKB (types 3/6, 1003/1006, 2003/2006,
3003/3006 — what QGIS writes) and as PostGIS EWKB (Z/M/SRID flag bits), either byte order, and
keeps x, y. Curves must be segmentized by the caller first (``QgsGeometry.convertToStraightSegment``);
anything else raises :class:`WkbGeometryError`. Headers are read with ``struct`` per feature and ring,
coordinates with one ``np.frombuffer`` per ring — no Python work per vertex.
"""

from __future__ import annotations

import struct
from typing import Sequence

import numpy as np

from .area import RingBatch, close_ring

POLYGON = 3
MULTIPOLYGON = 6
_EWKB_Z = 0x80000000
_EWKB_M = 0x40000000
_EWKB_SRID = 0x20000000
_EWKB_FLAGS = _EWKB_Z | _EWKB_M | _EWKB_SRID

UNSUPPORTED_TYPE = "unsupported-type"
MALFORMED = "malformed"


class WkbGeometryError(ValueError):
    """A feature's WKB cannot be read as polygons.

    ``reason`` is ``"unsupported-type"`` (``wkb_type`` holds the type code as read) or
    ``"malformed"`` (truncated data, bad byte-order mark; ``wkb_type`` may be None).
    """

    def __init__(self, feature_index: int, wkb_type: int | None, reason: str, detail: str = "") -> None:
        self.feature_index = feature_index
        self.wkb_type = wkb_type
        self.reason = reason
        self.detail = detail
        type_text = "unknown type" if wkb_type is None else f"WKB type {wkb_type}"
        super().__init__(f"feature {feature_index}: {reason} ({type_text}){': ' + detail if detail else ''}")


class _Reader:
    """Cursor over one WKB buffer."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def geometry_header(self) -> tuple[str, int, int, int]:
        """(byte order '<' or '>', raw type code, base type, coordinate count per vertex)."""
        mark = self.data[self.pos]
        if mark not in (0, 1):
            raise ValueError(f"bad byte-order mark {mark}")
        order = "<" if mark == 1 else ">"
        (raw,) = struct.unpack_from(order + "I", self.data, self.pos + 1)
        self.pos += 5
        if raw & _EWKB_SRID:
            self.pos += 4
        iso = raw & ~_EWKB_FLAGS
        iso_dims, base = divmod(iso, 1000)
        has_z = bool(raw & _EWKB_Z) or iso_dims in (1, 3)
        has_m = bool(raw & _EWKB_M) or iso_dims in (2, 3)
        if iso_dims > 3:
            base = -1
        return order, raw, base, 2 + has_z + has_m

    def count(self, order: str) -> int:
        (value,) = struct.unpack_from(order + "I", self.data, self.pos)
        self.pos += 4
        return value

    def ring(self, order: str, dims: int) -> np.ndarray:
        points = self.count(order)
        size = points * dims * 8
        if self.pos + size > len(self.data):
            raise ValueError("truncated ring")
        values = np.frombuffer(self.data, dtype=order + "f8", count=points * dims, offset=self.pos)
        self.pos += size
        return values.reshape(points, dims)[:, :2]


def _polygon_rings(reader: _Reader, order: str, dims: int, out: list[np.ndarray], holes: list[bool]) -> None:
    for index in range(reader.count(order)):
        out.append(reader.ring(order, dims))
        holes.append(index > 0)


def _feature_rings(data: bytes, feature_index: int, out: list[np.ndarray], holes: list[bool]) -> int:
    """Append the feature's rings; returns how many."""
    before = len(out)
    reader = _Reader(data)
    raw: int | None = None
    try:
        order, raw, base, dims = reader.geometry_header()
        if base == POLYGON:
            _polygon_rings(reader, order, dims, out, holes)
        elif base == MULTIPOLYGON:
            for _ in range(reader.count(order)):
                order_part, raw_part, base_part, dims_part = reader.geometry_header()
                if base_part != POLYGON:
                    raise WkbGeometryError(feature_index, raw_part, UNSUPPORTED_TYPE, "part of a MultiPolygon")
                _polygon_rings(reader, order_part, dims_part, out, holes)
        else:
            raise WkbGeometryError(feature_index, raw, UNSUPPORTED_TYPE)
    except (struct.error, IndexError, ValueError) as error:
        if isinstance(error, WkbGeometryError):
            raise
        raise WkbGeometryError(feature_index, raw, MALFORMED, str(error)) from error
    return len(out) - before


def batch_from_wkb(wkbs: Sequence[bytes | None]) -> RingBatch:
    """One feature per entry; None or empty bytes give a feature without rings (area 0)."""
    rings: list[np.ndarray] = []
    holes: list[bool] = []
    ring_feature: list[int] = []
    for feature_index, data in enumerate(wkbs):
        if data is None or len(data) == 0:
            continue
        if not isinstance(data, (bytes, bytearray, memoryview)):
            data = bytes(data)
        added = _feature_rings(data, feature_index, rings, holes)
        ring_feature.extend([feature_index] * added)
    xy, offsets = _assemble(rings)
    open_rings = _open_rings(xy, offsets)
    if open_rings.size:  # rare: invalid WKB; close just those rings and assemble again
        for index in open_rings:
            rings[index] = close_ring(rings[index])
        xy, offsets = _assemble(rings)
    return RingBatch(
        xy,
        offsets,
        np.asarray(ring_feature, dtype=np.int64),
        np.asarray(holes, dtype=bool),
        len(wkbs),
    )


def _assemble(rings: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    offsets = np.zeros(len(rings) + 1, dtype=np.int64)
    np.cumsum(np.fromiter((len(ring) for ring in rings), dtype=np.int64, count=len(rings)), out=offsets[1:])
    xy = np.concatenate(rings) if rings else np.empty((0, 2))
    return xy, offsets


def _open_rings(xy: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Indices of non-empty rings whose last vertex differs from their first."""
    filled = np.flatnonzero(offsets[1:] > offsets[:-1])
    first, last = xy[offsets[filled]], xy[offsets[filled + 1] - 1]
    same = np.all((first == last) | (np.isnan(first) & np.isnan(last)), axis=1)
    return filled[~same]
