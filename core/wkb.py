"""Polygon WKB → :class:`~.area.RingBatch`, without QGIS.

Reads Polygon and MultiPolygon in 2D, Z, M and ZM, as ISO WKB (types 3/6, 1003/1006, 2003/2006,
3003/3006 — what QGIS and GDAL write) and as PostGIS EWKB (Z/M/SRID flag bits), either byte order,
and keeps x, y. Curves must be segmentized by the caller first (``QgsGeometry.convertToStraightSegment``);
anything else raises :class:`WkbGeometryError`.

:func:`batch_from_wkb` reads a whole layer at once: all blobs are joined into one buffer and the
structure is walked with numpy, one ring (with its part header) of every feature per step, so there
is no Python work per feature or ring; coordinates are then gathered through index arrays built by a
cumulative sum. Features that this walk does not take — big-endian, more than ``_VECTOR_STEPS`` rings,
anything malformed or unsupported — are read one by one by the per-feature reader
(:func:`batch_from_wkb_per_feature`), which also raises the errors, so both give the same batch and
the same exceptions. :func:`batch_from_wkb_buffer` takes blobs already back to back in one buffer
(an Arrow binary column's data and offsets), without a Python object per feature.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any, Sequence

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
                    raise WkbGeometryError(
                        feature_index, raw_part, UNSUPPORTED_TYPE, "part of a MultiPolygon"
                    )
                _polygon_rings(reader, order_part, dims_part, out, holes)
        else:
            raise WkbGeometryError(feature_index, raw, UNSUPPORTED_TYPE)
    except (struct.error, IndexError, ValueError) as error:
        if isinstance(error, WkbGeometryError):
            raise
        raise WkbGeometryError(feature_index, raw, MALFORMED, str(error)) from error
    return len(out) - before


def batch_from_wkb(wkbs: np.ndarray | Sequence[bytes | None]) -> RingBatch:
    """One feature per entry; None or empty bytes give a feature without rings (area 0).

    The same as :func:`batch_from_wkb_array` (vectorised).
    """
    return batch_from_wkb_array(wkbs)


def batch_from_wkb_per_feature(wkbs: Sequence[bytes | None]) -> RingBatch:
    """One feature per entry, read one by one with ``struct`` (the reference reader; slow)."""
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
    first, last = np.take(xy, offsets[filled], axis=0), np.take(xy, offsets[filled + 1] - 1, axis=0)
    same = np.all((first == last) | (np.isnan(first) & np.isnan(last)), axis=1)
    return filled[~same]


# --- vectorised reader ---------------------------------------------------------------------------

_VECTOR_STEPS = 32
"""Rings (with their part headers) per feature walked with numpy; features with more are read alone."""
_MIN_BUFFER = 16  # bytes: shorter buffers are padded so that fixed-size reads stay inside
_GATHER_VERTICES = 1 << 16


@dataclass(frozen=True)
class _Walk:
    """Rings found by the vectorised walk (one entry per ring) and the features it left alone."""

    feature: np.ndarray  # feature index of the ring
    ordinal: np.ndarray  # ring number within its feature
    first_byte: np.ndarray  # offset of the ring's first coordinate in the joined buffer
    points: np.ndarray
    stride: np.ndarray  # bytes per vertex: 8 × coordinates per vertex
    is_hole: np.ndarray
    slow: np.ndarray  # bool per feature: read it with the per-feature reader


def batch_from_wkb_array(wkbs: np.ndarray | Sequence[bytes | None]) -> RingBatch:
    """One feature per entry of a 1-D object array (as GDAL's Arrow stream gives) or any sequence.

    None or empty bytes give a feature without rings (area 0). The result, and any
    :class:`WkbGeometryError`, equal those of :func:`batch_from_wkb_per_feature`.
    """
    if isinstance(wkbs, np.ndarray):
        if wkbs.ndim != 1:
            raise ValueError(f"expected a 1-D array of WKB blobs, got shape {wkbs.shape}")
        blobs = wkbs.tolist()
    else:
        blobs = list(wkbs)
    buffer, offsets = _joined(blobs)
    return _read_buffer(np.frombuffer(buffer, dtype=np.uint8), offsets[:-1], offsets[1:])


def batch_from_wkb_buffer(buffer: Any, offsets: np.ndarray, valid: np.ndarray | None = None) -> RingBatch:
    """Features whose WKB lie back to back in one buffer, as in an Arrow binary column.

    Feature i is ``buffer[offsets[i]:offsets[i + 1]]`` (n + 1 offsets for n features); features
    where ``valid`` is False, or of no bytes, have no rings. The same batch (and errors) as
    :func:`batch_from_wkb` on the separate blobs, without making a Python object per feature.
    """
    data = np.frombuffer(buffer, dtype=np.uint8)
    offsets = np.asarray(offsets, dtype=np.int64).ravel()
    if offsets.size == 0 or np.any(np.diff(offsets) < 0) or offsets[0] < 0 or offsets[-1] > data.size:
        raise ValueError("offsets must rise, and stay within the buffer")
    starts, ends = offsets[:-1], offsets[1:]
    if valid is not None:
        valid = np.asarray(valid, dtype=bool).ravel()
        if valid.size != starts.size:
            raise ValueError(f"valid has {valid.size} entries for {starts.size} features")
        ends = np.where(valid, ends, starts)
    return _read_buffer(data, starts, ends)


def _read_buffer(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> RingBatch:
    if data.size < _MIN_BUFFER:  # every fixed-size read needs a few bytes to stand on
        data = np.concatenate([data, np.zeros(_MIN_BUFFER, dtype=np.uint8)])
    return _assemble_walk(data, starts, ends, _walk(data, starts, ends))


def _joined(blobs: list) -> tuple[bytes, np.ndarray]:
    """All blobs in one buffer, and where each starts (plus the total length)."""
    try:
        joined = _join(blobs)
    except TypeError:  # None among them, or objects that are not bytes-like
        joined = None
    if joined is None:
        joined = _join([_feature_bytes(data) for data in blobs])
    if joined is None:
        raise ValueError("cannot join the WKB blobs")
    return joined


def _join(blobs: list) -> tuple[bytes, np.ndarray] | None:
    lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
    buffer = b"".join(blobs)
    if int(lengths.sum()) != len(buffer):  # a memoryview of items wider than a byte
        return None
    starts = np.zeros(len(blobs) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    return buffer, starts


def _feature_bytes(data: Any) -> bytes | bytearray:
    """One entry as the per-feature reader takes it: None or empty → b"", other objects → bytes."""
    if data is None or len(data) == 0:
        return b""
    if isinstance(data, (bytes, bytearray)):
        return data
    return bytes(data)


def _headers(
    u8: np.ndarray, u32: np.ndarray, pos: np.ndarray, limit: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Geometry headers at ``pos``: (little-endian?, header bytes, base type, bytes per vertex).

    The same reading as ``_Reader.geometry_header``; base is −1 for an unknown dimension code.
    Positions are clamped to ``limit`` (reads there belong to features that fail a bounds check).
    """
    mark = u8[np.minimum(pos, limit)]
    raw = u32[np.minimum(pos + 1, limit)].astype(np.int64)
    header = np.where(raw & _EWKB_SRID, 9, 5)
    iso_dims, base = np.divmod(raw & ~_EWKB_FLAGS, 1000)
    has_z = ((raw & _EWKB_Z) != 0) | (iso_dims == 1) | (iso_dims == 3)
    has_m = ((raw & _EWKB_M) != 0) | (iso_dims == 2) | (iso_dims == 3)
    base = np.where(iso_dims > 3, -1, base)
    return mark == 1, header, base, 8 * (2 + has_z.astype(np.int64) + has_m)


def _walk(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> _Walk:
    """Walk every little-endian feature one ring per step, all features of a step at once."""
    limit = data.size - 4
    u8 = data
    u32 = np.ndarray((data.size - 3,), dtype="<u4", buffer=data, strides=(1,))  # at any byte
    slow = np.zeros(starts.size, dtype=bool)
    ring_count = np.zeros(starts.size, dtype=np.int64)

    feature = np.flatnonzero(ends > starts)
    end = ends[feature]
    pos = starts[feature]
    little, header, base, stride = _headers(u8, u32, pos, limit)
    count = u32[np.minimum(pos + header, limit)].astype(np.int64)
    pos = pos + header + 4
    fine = little & ((base == POLYGON) | (base == MULTIPOLYGON)) & (pos <= end)
    slow[feature[~fine]] = True
    polygon = base == POLYGON
    rings_left = np.where(fine & polygon, count, 0)  # rings left in the current part
    parts_left = np.where(fine & ~polygon, count, 0)
    ring_index = np.zeros_like(pos)  # index of the next ring within its part

    found: list[tuple[np.ndarray, ...]] = []
    for step in range(_VECTOR_STEPS + 1):
        live = (rings_left > 0) | (parts_left > 0)
        if not live.all():
            feature, end, pos, stride = feature[live], end[live], pos[live], stride[live]
            rings_left, parts_left, ring_index = rings_left[live], parts_left[live], ring_index[live]
        if feature.size == 0:
            break
        if step == _VECTOR_STEPS:
            slow[feature] = True
            break
        at_part = np.flatnonzero(rings_left == 0)  # the current part is done: read the next header
        if at_part.size:
            part_pos = pos[at_part]
            little, header, base, part_stride = _headers(u8, u32, part_pos, limit)
            count = u32[np.minimum(part_pos + header, limit)].astype(np.int64)
            body = part_pos + header + 4
            fine = little & (base == POLYGON) & (body <= end[at_part])
            rings_left[at_part] = np.where(fine, count, 0)
            parts_left[at_part] = np.where(fine, parts_left[at_part] - 1, 0)
            stride[at_part] = part_stride
            ring_index[at_part] = 0
            pos[at_part] = body
            slow[feature[at_part[~fine]]] = True
        at_ring = np.flatnonzero(rings_left > 0)
        ring_pos = pos[at_ring]
        points = u32[np.minimum(ring_pos, limit)].astype(np.int64)
        first_byte = ring_pos + 4
        after = first_byte + points * stride[at_ring]
        fine = after <= end[at_ring]
        ring_feature = feature[at_ring]
        ordinal, is_hole = ring_count[ring_feature], ring_index[at_ring] > 0
        found.append((ring_feature, ordinal, first_byte, points, stride[at_ring], is_hole))
        ring_count[ring_feature] += 1
        pos[at_ring] = after
        rings_left[at_ring] = np.where(fine, rings_left[at_ring] - 1, 0)
        parts_left[at_ring[~fine]] = 0
        ring_index[at_ring] += 1
        slow[ring_feature[~fine]] = True

    columns = [np.concatenate(column) for column in zip(*found)] if found else [np.zeros(0, np.int64)] * 6
    keep = ~slow[columns[0]]
    feature_of, ordinal, first_byte, points, stride, is_hole = (column[keep] for column in columns)
    return _Walk(feature_of, ordinal, first_byte, points, stride, is_hole.astype(bool), slow)


def _assemble_walk(data: np.ndarray, starts: np.ndarray, ends: np.ndarray, walk: _Walk) -> RingBatch:
    """Rings in feature order (as the per-feature reader gives them), coordinates in one gather."""
    feature_count = starts.size
    ring_count = np.bincount(walk.feature, minlength=feature_count)
    slow_rings: list[np.ndarray] = []
    slow_holes: list[bool] = []
    slow_features = np.flatnonzero(walk.slow)
    for index in slow_features.tolist():  # rare: big-endian, deep or broken features
        blob = data[starts[index] : ends[index]].tobytes()
        ring_count[index] = _feature_rings(blob, index, slow_rings, slow_holes)
    first_ring = np.zeros(feature_count + 1, dtype=np.int64)
    np.cumsum(ring_count, out=first_ring[1:])
    rings = int(first_ring[-1])

    slot = first_ring[walk.feature] + walk.ordinal
    points = np.zeros(rings, dtype=np.int64)
    ring_feature = np.zeros(rings, dtype=np.int64)
    is_hole = np.zeros(rings, dtype=bool)
    first_byte = np.zeros(rings, dtype=np.int64)
    stride = np.zeros(rings, dtype=np.int64)
    points[slot], ring_feature[slot], is_hole[slot] = walk.points, walk.feature, walk.is_hole
    first_byte[slot], stride[slot] = walk.first_byte, walk.stride
    stride[stride == 0] = 16  # rings read one by one: dummy sources inside the buffer, overwritten below
    slow_slot = np.zeros(0, dtype=np.int64)
    if slow_rings:
        slow_count = ring_count[slow_features]
        slow_slot = np.repeat(first_ring[slow_features], slow_count)
        slow_slot += np.arange(slow_slot.size) - np.repeat(np.cumsum(slow_count) - slow_count, slow_count)
        points[slow_slot] = [len(ring) for ring in slow_rings]
        ring_feature[slow_slot] = np.repeat(slow_features, slow_count)
        is_hole[slow_slot] = slow_holes

    offsets = np.zeros(rings + 1, dtype=np.int64)
    np.cumsum(points, out=offsets[1:])
    xy = _gather_xy(data, first_byte, stride, points, offsets)
    for index, ring in zip(slow_slot.tolist(), slow_rings):
        xy[offsets[index] : offsets[index + 1]] = ring
    open_rings = _open_rings(xy, offsets)
    if open_rings.size:  # rare: invalid WKB; append each open ring's first vertex to it
        xy = np.insert(xy, offsets[open_rings + 1], xy[offsets[open_rings]], axis=0)
        added = np.zeros(rings + 1, dtype=np.int64)
        added[open_rings + 1] = 1
        offsets = offsets + np.cumsum(added)
    return RingBatch(xy, offsets, ring_feature, is_hole, feature_count)


def _gather_xy(
    data: np.ndarray, first_byte: np.ndarray, stride: np.ndarray, points: np.ndarray, offsets: np.ndarray
) -> np.ndarray:
    """x, y of every vertex, gathered from the buffer as little-endian doubles at any byte offset.

    In chunks of ``_GATHER_VERTICES``: the byte offsets of x₀ y₀ x₁ y₁ … of a chunk come from one
    cumulative sum (steps of 8 and stride − 8 within a ring, a jump at each ring's start), so the
    index array stays small instead of twice the layer's vertices.
    """
    vertices = int(offsets[-1])
    xy = np.empty((vertices, 2))
    filled = np.flatnonzero(points)
    if filled.size == 0:
        return xy
    first, step, start = first_byte[filled], stride[filled], offsets[filled]  # rings are consecutive
    end = np.append(start[1:], vertices)
    last_y = first + step * (end - start - 1) + 8
    uniform = step.min() == step.max()
    doubles = np.ndarray((data.size - 7,), dtype="<f8", buffer=data, strides=(1,))  # at any byte
    flat = xy.reshape(-1)
    delta = np.empty(2 * min(vertices, _GATHER_VERTICES), dtype=np.int64)
    for low in range(0, vertices, _GATHER_VERTICES):
        high = min(low + _GATHER_VERTICES, vertices)
        ring_low = int(np.searchsorted(start, low, side="right")) - 1  # the ring holding vertex `low`
        ring_high = int(np.searchsorted(start, high, side="left"))
        chunk = delta[: 2 * (high - low)]
        chunk[1::2] = 8
        if uniform:
            chunk[0::2] = step[0] - 8
        else:
            here = slice(ring_low, ring_high)
            inside = np.minimum(end[here], high) - np.maximum(start[here], low)
            chunk[0::2] = np.repeat(step[here] - 8, inside)
        later = slice(ring_low + 1, ring_high)  # rings starting inside the chunk: jump from the last y
        chunk[2 * (start[later] - low)] = first[later] - last_y[ring_low : ring_high - 1]
        chunk[0] = first[ring_low] + step[ring_low] * (low - start[ring_low])
        np.cumsum(chunk, out=chunk)
        flat[2 * low : 2 * high] = doubles[chunk]
    return xy
