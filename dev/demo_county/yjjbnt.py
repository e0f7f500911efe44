"""永久基本农田 YJJBNTTB: most farmland parcels, merged with some neighbours, slightly warped.

Parcels are chosen (about 80 % of farmland area; few inside 城镇开发边界 or 生态保护红线), grouped
with some farmland neighbours of the same village, dissolved on the shared mesh (so the patches tile
each other exactly), then every vertex is moved by a smooth field of 0.3–2.1 m per axis, never zero:
patch edges run beside the DLTB edges, never on them, while neighbouring patches still share
their vertices. The field's wavelength (km) keeps its Lipschitz constant near 0.005, so straight
edges between moved vertices stay simple.
"""

from __future__ import annotations

import numpy as np

from . import mesh
from .geometry import CountyGeometry
from .rand import stream
from .shapes import Field

SHARE_OF_FARMLAND = 0.80


def choose(geo: CountyGeometry, farm: np.ndarray, avoid: np.ndarray, seed: int) -> np.ndarray:
    """Mask of parcels in 永久基本农田: by priority until SHARE_OF_FARMLAND of farmland area."""
    rng = stream(seed, "yjjbnt")
    idx = np.flatnonzero(farm)
    priority = rng.uniform(0, 1, len(idx)) + 1.5 * avoid[idx]
    order = idx[np.argsort(priority, kind="stable")]
    area = geo.parcel_area
    cum = np.cumsum(area[order])
    take = order[: int(np.searchsorted(cum, SHARE_OF_FARMLAND * area[farm].sum())) + 1]
    mask = np.zeros(len(area), dtype=bool)
    mask[take] = True
    return mask


def clusters(geo: CountyGeometry, chosen: np.ndarray, seed: int, max_size: int = 4) -> np.ndarray:
    """Cluster id per parcel (−1 if not chosen): chosen neighbours in one village, merged at random."""
    rng = stream(seed, "yjjbnt", 1)
    left, right, _lo, _hi = geo.atoms.adjacency()
    p, q = geo.parcel_of_atom[left], geo.parcel_of_atom[right]
    ok = (p != q) & chosen[p] & chosen[q] & (geo.parcel_village[p] == geo.parcel_village[q])
    pairs = np.unique(np.sort(np.column_stack([p[ok], q[ok]]), axis=1), axis=0)
    pairs = pairs[rng.uniform(0, 1, len(pairs)) < 0.3]
    parent = np.arange(len(chosen))
    size = np.ones(len(chosen), dtype=np.int64)

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs.tolist():
        ra, rb = find(a), find(b)
        if ra != rb and size[ra] + size[rb] <= max_size:
            lo, hi = min(ra, rb), max(ra, rb)
            parent[hi] = lo
            size[lo] += size[hi]
    roots = np.array([find(i) for i in range(len(chosen))])
    cid = np.full(len(chosen), -1, dtype=np.int64)
    _, cid_chosen = np.unique(roots[chosen], return_inverse=True)
    cid[chosen] = cid_chosen
    return cid


def patches(geo: CountyGeometry, cluster_of_parcel: np.ndarray, seed: int) -> tuple[list, np.ndarray]:
    """Dissolved, warped patch polygons, one feature per cluster (in cluster order), and their boxes."""
    n = int(cluster_of_parcel.max()) + 1
    group = cluster_of_parcel[geo.parcel_of_atom]
    rings = mesh.dissolve(geo.atoms, group, geo.jitter)
    rng = stream(seed, "yjjbnt", 2)
    fx, fy = Field.random(rng, 2500.0), Field.random(rng, 2500.0)
    local = rings.xy - geo.offset
    shift = np.column_stack([1.2 + 0.55 * fx(*local.T), -1.2 - 0.55 * fy(*local.T)])
    rings.xy = np.round(rings.xy + shift, 4)
    return rings.polygons(n), rings.bboxes(n)
