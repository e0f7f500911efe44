"""Planar ring geometry for red-line files: orientation, self-intersection, nesting into polygons.

Rings are sequences of (x, y) = (easting, northing) points, closed (last point = first point).
Everything is plain numpy on one ring or one parcel at a time; coordinates are shifted to a local
origin before any product so that 8-digit eastings keep their precision.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

Point = tuple[float, float]
Ring = tuple[Point, ...]
_BLOCK = 256  # segments per block in the pairwise self-intersection test


def _closed_array(ring: Sequence[Point]) -> np.ndarray:
    array = np.asarray(ring, dtype=np.float64).reshape(-1, 2)
    if array.shape[0] and not np.array_equal(array[0], array[-1]):
        array = np.vstack([array, array[:1]])
    return array


def signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area (positive = counter-clockwise with x east, y north)."""
    array = _closed_array(ring)
    if array.shape[0] < 4:
        return 0.0
    local = array - array[0]
    x, y = local[:, 0], local[:, 1]
    return float(0.5 * np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def collinear(ring: Sequence[Point]) -> bool:
    """True when all points of the ring lie on one line (no area whatever the order)."""
    array = np.asarray(ring, dtype=np.float64).reshape(-1, 2)
    if array.shape[0] < 3:
        return True
    local = array - array[0]
    far = local[int(np.argmax(np.abs(local).sum(axis=1)))]
    if not far.any():
        return True
    return not np.any(far[0] * local[:, 1] - far[1] * local[:, 0])


def _orient(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Sign of the turn p → q → r (cross product of q − p and r − p)."""
    return np.sign(
        (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0])
    )


def _within_box(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
    """r lies in the bounding box of segment p–q (used for collinear points)."""
    return (
        (np.minimum(p[..., 0], q[..., 0]) <= r[..., 0])
        & (r[..., 0] <= np.maximum(p[..., 0], q[..., 0]))
        & (np.minimum(p[..., 1], q[..., 1]) <= r[..., 1])
        & (r[..., 1] <= np.maximum(p[..., 1], q[..., 1]))
    )


def self_intersections(ring: Sequence[Point]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of segments of a closed ring that cross, touch or overlap.

    Segment i joins point i to point i + 1. Neighbouring segments share a point by construction and
    count only when they fold back onto each other (a spike).
    """
    array = _closed_array(ring)
    count = array.shape[0] - 1
    if count < 3:
        return []
    local = array - array[0]
    start, end = local[:-1], local[1:]
    found: list[tuple[int, int]] = []
    # spikes: a segment folding back along its predecessor
    following = np.roll(np.arange(count), -1)
    turn = _orient(start, end, end[following])
    direction = end - start
    backwards = np.einsum("ij,ij->i", direction, direction[following]) < 0
    for i in np.flatnonzero((turn == 0) & backwards):
        j = int(following[i])
        found.append((min(int(i), j), max(int(i), j)))
    low, high = np.minimum(start, end), np.maximum(start, end)
    index = np.arange(count)
    for first in range(0, count, _BLOCK):
        rows = slice(first, min(first + _BLOCK, count))
        # only pairs whose bounding boxes meet can cross or touch
        candidate = (low[rows, None, 0] <= high[None, :, 0]) & (low[None, :, 0] <= high[rows, None, 0])
        candidate &= (low[rows, None, 1] <= high[None, :, 1]) & (low[None, :, 1] <= high[rows, None, 1])
        i_index, j_index = index[rows, None], index[None, :]
        candidate &= j_index > i_index + 1
        candidate &= ~((i_index == 0) & (j_index == count - 1))
        ii, jj = np.nonzero(candidate)
        if ii.size == 0:
            continue
        ii = ii + first
        a, b, c, d = start[ii], end[ii], start[jj], end[jj]
        d1, d2 = _orient(a, b, c), _orient(a, b, d)
        d3, d4 = _orient(c, d, a), _orient(c, d, b)
        hit = (d1 * d2 < 0) & (d3 * d4 < 0)
        hit |= (d1 == 0) & _within_box(a, b, c)
        hit |= (d2 == 0) & _within_box(a, b, d)
        hit |= (d3 == 0) & _within_box(c, d, a)
        hit |= (d4 == 0) & _within_box(c, d, b)
        found.extend(zip(ii[hit].tolist(), jj[hit].tolist()))
    return sorted(set(found))


def _inside(points: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Crossing-number test of many points against one closed ring (boundary points: either way)."""
    x, y = points[:, 0][:, None], points[:, 1][:, None]
    x1, y1 = ring[:-1, 0][None, :], ring[:-1, 1][None, :]
    x2, y2 = ring[1:, 0][None, :], ring[1:, 1][None, :]
    straddles = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing_x = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
    crossings = straddles & (x < crossing_x)
    return (np.count_nonzero(crossings, axis=1) % 2) == 1


def ring_inside(inner: Sequence[Point], outer: Sequence[Point]) -> bool:
    """True when most vertices of ``inner`` lie inside ``outer`` (robust to shared vertices)."""
    inner_array = _closed_array(inner)[:-1]
    outer_array = _closed_array(outer)
    origin = outer_array[0]
    inside = _inside(inner_array - origin, outer_array - origin)
    return int(np.count_nonzero(inside)) * 2 > inside.size


def assemble_polygons(rings: Sequence[Sequence[Point]]) -> list[list[int]]:
    """Group rings into polygons by nesting: [[outer, hole, hole], [outer], ...] as ring indices.

    A ring inside an odd number of others is a hole of the smallest ring containing it; a ring
    inside an even number (an island in a hole, or a ring outside all others) starts a new polygon.
    Polygons keep the file order of their outer rings; holes keep their order too.
    """
    count = len(rings)
    areas = [abs(signed_area(ring)) for ring in rings]
    boxes = np.array([_box(ring) for ring in rings], dtype=np.float64).reshape(-1, 4)
    by_size = sorted(range(count), key=lambda k: (-areas[k], k))
    rank_of = np.empty(count, dtype=np.int64)
    rank_of[by_size] = np.arange(count)
    depth: dict[int, int] = {}
    parent: dict[int, int | None] = {}
    for rank, k in enumerate(by_size):
        box = boxes[k]
        around = (
            (boxes[:, 0] <= box[0])
            & (boxes[:, 1] <= box[1])
            & (boxes[:, 2] >= box[2])
            & (boxes[:, 3] >= box[3])
            & (rank_of < rank)
        )
        candidates = np.flatnonzero(around)
        container = None
        for candidate in candidates[np.argsort(-rank_of[candidates])].tolist():  # smallest first
            if ring_inside(rings[k], rings[candidate]):
                container = candidate
                break
        parent[k] = container
        depth[k] = 0 if container is None else depth[container] + 1
    polygons: dict[int, list[int]] = {}
    for k in range(count):
        if depth[k] % 2 == 0:
            polygons[k] = [k]
    for k in range(count):
        if depth[k] % 2 == 1:
            polygons[parent[k]].append(k)  # type: ignore[index]
    return [polygons[k] for k in sorted(polygons)]


def _box(ring: Sequence[Point]) -> tuple[float, float, float, float]:
    array = np.asarray(ring, dtype=np.float64).reshape(-1, 2)
    return (
        float(array[:, 0].min()),
        float(array[:, 1].min()),
        float(array[:, 0].max()),
        float(array[:, 1].max()),
    )


def clockwise_from_north_west(ring: Sequence[Point]) -> list[Point]:
    """The ring's distinct points, clockwise, starting at the point nearest the north-west corner.

    The north-west corner is that of the ring's bounding box (min easting, max northing); ties go
    to the earlier point. The closing point is not repeated.
    """
    points = [tuple(p) for p in ring]
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    if signed_area(points) > 0:
        points.reverse()
    array = np.asarray(points, dtype=np.float64)
    corner = np.array([array[:, 0].min(), array[:, 1].max()])
    distance = np.hypot(array[:, 0] - corner[0], array[:, 1] - corner[1])
    first = int(np.argmin(distance))
    ordered = points[first:] + points[:first]
    return [(float(x), float(y)) for x, y in ordered]
