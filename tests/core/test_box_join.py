"""core/overlay/box_join against the plain all-pairs comparison."""

from __future__ import annotations

import numpy as np
import pytest

from farmland_guard.core.overlay.box_join import box_pairs


def brute_force(boxes, queries):
    found = []
    for q, (x0, y0, x1, y1) in enumerate(queries):
        for b, (a0, b0, a1, b1) in enumerate(boxes):
            if np.isfinite([a0, b0, a1, b1]).all() and a0 <= x1 and x0 <= a1 and b0 <= y1 and y0 <= b1:
                found.append((q, b))
    return found


def random_boxes(rng, n, size, spread=10_000.0):
    corner = rng.uniform(0, spread, (n, 2))
    extent = rng.lognormal(np.log(size), 1.0, (n, 2))
    return np.column_stack([corner, corner + extent])


@pytest.mark.parametrize("seed", range(6))
def test_pairs_are_those_of_the_all_pairs_comparison(seed):
    rng = np.random.default_rng(seed)
    boxes = np.vstack([random_boxes(rng, 800, 40.0), random_boxes(rng, 5, 3000.0)])  # parcels and a few towns
    boxes[rng.choice(len(boxes), 10, replace=False)] = np.nan  # features without geometry
    queries = np.vstack([random_boxes(rng, 150, 300.0), random_boxes(rng, 3, 6000.0), [[-500, -500, -400, -400]]])
    q, b = box_pairs(boxes, queries)
    assert list(zip(q.tolist(), b.tolist())) == brute_force(boxes, queries)


def test_touching_counts_and_degenerate_boxes_are_kept():
    # two boxes touching at a corner, a point, an inverted box
    boxes = np.array([[0, 0, 1, 1], [1, 1, 2, 2], [5, 5, 5, 5], [3, 3, 2, 2]], dtype=float)
    q, b = box_pairs(boxes, np.array([[1, 1, 1, 1], [5, 5, 6, 6]], dtype=float))
    assert list(zip(q.tolist(), b.tolist())) == [(0, 0), (0, 1), (1, 2)]


def test_nothing_to_join():
    empty = np.zeros((0, 4))
    assert [a.size for a in box_pairs(empty, np.array([[0, 0, 1, 1.0]]))] == [0, 0]
    assert [a.size for a in box_pairs(np.array([[0, 0, 1, 1.0]]), empty)] == [0, 0]


def test_a_box_stored_far_away_does_not_stretch_the_grid():
    rng = np.random.default_rng(3)
    boxes = random_boxes(rng, 2000, 40.0)
    boxes[17] += 39_000_000.0  # one parcel with the zone prefix in its eastings
    queries = random_boxes(rng, 200, 300.0)
    queries[5] = boxes[17] + [-1, -1, 1, 1]  # and a query that finds it
    from farmland_guard.core.overlay import box_join

    assert box_join._Grid(boxes).size < 1000  # cells stay parcel-sized
    q, b = box_pairs(boxes, queries)
    assert list(zip(q.tolist(), b.tolist())) == brute_force(boxes, queries)
    assert (5, 17) in zip(q.tolist(), b.tolist())


def test_a_join_beyond_its_budget_gives_up(monkeypatch):
    from farmland_guard.core.overlay import box_join

    rng = np.random.default_rng(4)
    monkeypatch.setattr(box_join, "MAX_PAIRS", 10)
    with pytest.raises(box_join.BoxJoinTooLarge):
        box_pairs(random_boxes(rng, 500, 40.0), random_boxes(rng, 50, 300.0))
