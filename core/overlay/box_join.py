"""Which query rectangles meet which feature boxes, for all of them at once (numpy, no per-pair Python).

The red-line overlay asks, for every site (and each grid tile of a long site), which features of a
layer have a bounding box meeting it. With the features' boxes in arrays (read in bulk), one join
over a uniform grid answers every query: each box and each query is listed under the grid cells it
covers, entries that share a cell are paired, and the pairs are filtered exactly and made unique.
Boxes or queries that would cover very many cells (a town's development boundary, an untiled large
site) are compared directly instead.

Rectangles are (xmin, ymin, xmax, ymax); touching counts as meeting (as in QgsSpatialIndex); a box
with a NaN never meets anything.
"""

from __future__ import annotations

import numpy as np

#: a box or query covering more cells than this is compared directly with every query or box
MAX_CELLS = 256
#: at most this many cells along an axis (the cell grows for very sparse layers)
MAX_AXIS_CELLS = 8192
#: the grid spans the boxes between these percentiles (a parcel stored far away, e.g. with a zone
#: prefix, must not stretch the cells over the whole county); boxes and queries beyond are clipped
#: into the edge cells, where the exact test still sorts them out
GRID_PERCENTILES = (0.5, 99.5)
#: more candidate pairs than this before the exact test: the join gives up (BoxJoinTooLarge)
MAX_PAIRS = 50_000_000


class BoxJoinTooLarge(RuntimeError):
    """The boxes are laid out so that the grid would pair too many of them (the caller uses an index)."""


def box_pairs(boxes: np.ndarray, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(query index, box index) of every query–box pair whose rectangles meet, sorted by query, then box."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    queries = np.asarray(queries, dtype=np.float64).reshape(-1, 4)
    ordered = (boxes[:, 0] <= boxes[:, 2]) & (boxes[:, 1] <= boxes[:, 3])  # NaN compares false
    valid = np.flatnonzero(np.isfinite(boxes).all(axis=1) & ordered)
    asked = np.flatnonzero(np.isfinite(queries).all(axis=1))
    if valid.size == 0 or asked.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    grid = _Grid(boxes[valid])
    box_cells, box_big = grid.cells(boxes[valid])
    query_cells, query_big = grid.cells(queries[asked])
    pairs = [_shared_cells(box_cells, query_cells)]
    big_boxes = np.flatnonzero(box_big)
    big_queries = np.flatnonzero(query_big)
    for b in big_boxes.tolist():  # compared with every query
        hit = np.flatnonzero(_meet(queries[asked], boxes[valid][b]))
        pairs.append((hit, np.full(hit.size, b, dtype=np.int64)))
    small_boxes = np.flatnonzero(~box_big)
    for q in big_queries.tolist():  # compared with every box the grid holds (the big ones are done above)
        hit = small_boxes[_meet(boxes[valid][small_boxes], queries[asked][q])]
        pairs.append((np.full(hit.size, q, dtype=np.int64), hit))
    q_index = np.concatenate([p[0] for p in pairs])
    b_index = np.concatenate([p[1] for p in pairs])
    meets = _meet_pairs(queries[asked][q_index], boxes[valid][b_index])
    key = np.unique(q_index[meets] * valid.size + b_index[meets])
    return asked[key // valid.size], valid[key % valid.size]


class _Grid:
    def __init__(self, boxes: np.ndarray) -> None:
        widths = boxes[:, 2] - boxes[:, 0]
        heights = boxes[:, 3] - boxes[:, 1]
        low, high = GRID_PERCENTILES
        self.x0, self.y0 = float(np.percentile(boxes[:, 0], low)), float(np.percentile(boxes[:, 1], low))
        x1, y1 = float(np.percentile(boxes[:, 2], high)), float(np.percentile(boxes[:, 3], high))
        span = max(x1 - self.x0, y1 - self.y0, 1e-9)
        typical = max(float(np.median(widths)), float(np.median(heights)), span / MAX_AXIS_CELLS)
        self.size = 4.0 * typical  # measured best among 1, 2, 4, 8 × on the demo county
        self.columns = int(np.floor(span / self.size)) + 1

    def cells(self, rectangles: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
        """((cell id, rectangle index) entries of the rectangles that cover few cells, sorted by
        cell), and which rectangles cover too many (left out of the entries)."""
        last = self.columns - 1
        i0 = np.clip(np.floor((rectangles[:, 0] - self.x0) / self.size), 0, last).astype(np.int64)
        i1 = np.clip(np.floor((rectangles[:, 2] - self.x0) / self.size), 0, last).astype(np.int64)
        j0 = np.clip(np.floor((rectangles[:, 1] - self.y0) / self.size), 0, last).astype(np.int64)
        j1 = np.clip(np.floor((rectangles[:, 3] - self.y0) / self.size), 0, last).astype(np.int64)
        wide, high = i1 - i0 + 1, j1 - j0 + 1
        count = wide * high
        big = count > MAX_CELLS
        small = np.flatnonzero(~big)
        n = count[small]
        owner = np.repeat(small, n)
        within = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)  # 0 … n−1 per rectangle
        column = i0[owner] + within % wide[owner]
        row = j0[owner] + within // wide[owner]
        cell = row * self.columns + column
        order = np.argsort(cell, kind="stable")
        return (cell[order], owner[order]), big


def _shared_cells(boxes: tuple[np.ndarray, np.ndarray], queries: tuple[np.ndarray, np.ndarray]):
    """(query, box) for every query entry and box entry in the same cell (duplicates included)."""
    box_cell, box_owner = boxes
    query_cell, query_owner = queries
    start = np.searchsorted(box_cell, query_cell, side="left")
    stop = np.searchsorted(box_cell, query_cell, side="right")
    n = stop - start
    total = int(n.sum())
    if total > MAX_PAIRS:
        raise BoxJoinTooLarge("{} candidate pairs".format(total))
    q = np.repeat(query_owner, n)
    position = np.repeat(start - (np.cumsum(n) - n), n) + np.arange(total)
    return q, box_owner[position]


def _meet(rectangles: np.ndarray, one: np.ndarray) -> np.ndarray:
    return _meet_pairs(rectangles, one[np.newaxis, :])


def _meet_pairs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a[:, 0] <= b[:, 2]) & (b[:, 0] <= a[:, 2]) & (a[:, 1] <= b[:, 3]) & (b[:, 1] <= a[:, 3])
