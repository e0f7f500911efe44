"""The county's layout: outline, hills, villages and townships, towns, settlements, linear strips.

All in local metres around the county centre (x east, y north). Parcels are Voronoi cells of
density-varying seeds; villages and townships are unions of cells, so everything nests exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import Delaunay, cKDTree

from .mesh import Atoms, Mesh, components
from .rand import stream
from .shapes import Blob, Field

MEAN_PARCEL_M2 = 3000.0  # the county's area is parcels × this
PARCELS_PER_VILLAGE = 1000


@dataclass
class Strip:
    """A straight band cut into the parcels: a road, a ditch, a river."""

    dlbm: str
    name: str
    ox: float
    oy: float
    angle: float
    width: float
    t0: float
    t1: float


@dataclass
class Town:
    """A township seat: its 城镇开发边界 zones (集中建设区 core, 弹性发展区, 特别用途区)."""

    township: int
    village: int
    core: Blob
    flexible: Blob
    special: Blob | None
    county_seat: bool


@dataclass
class Plan:
    seed: int
    n_parcels: int
    spacing: float
    area: float
    county: Blob
    hills: Field
    hill_line: float
    village_xy: np.ndarray
    village_township: np.ndarray
    township_xy: np.ndarray
    county_seat: int  # township index
    towns: list[Town] = field(default_factory=list)
    settlements: list[tuple[int, Blob]] = field(default_factory=list)
    strips: list[Strip] = field(default_factory=list)
    warp: tuple[Field, Field] | None = None

    def hill(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """0 on the plain, 1 in the hills (north), smooth in between."""
        r = self.county.radius
        line = self.hill_line * r + 0.12 * r * self.hills(x, y)
        t = np.clip((np.asarray(y) - line) / (0.18 * r), 0.0, 1.0)
        return t * t * (3 - 2 * t)

    def in_towns(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Index of the town core containing each point, −1 outside."""
        return blob_index([t.core for t in self.towns], x, y)

    def in_settlements(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Index of the village settlement containing each point, −1 outside."""
        return blob_index([b for _v, b in self.settlements], x, y)


def blob_index(blobs: list[Blob], x, y) -> np.ndarray:
    """Index of the first blob containing each point, −1 for none (bounding-box prefilter)."""
    x = np.atleast_1d(np.asarray(x, dtype=np.float64))
    y = np.atleast_1d(np.asarray(y, dtype=np.float64))
    out = np.full(x.shape, -1, dtype=np.int64)
    if not blobs or x.size == 0:
        return out
    order = np.argsort(x, kind="stable")
    xs = x[order]
    for i, blob in enumerate(blobs):
        e = blob.extent()
        lo, hi = np.searchsorted(xs, [blob.cx - e, blob.cx + e])
        if lo == hi:
            continue
        sel = order[lo:hi]
        sel = sel[np.abs(y[sel] - blob.cy) <= e]
        sel = sel[out[sel] < 0]
        out[sel[blob.contains(x[sel], y[sel])]] = i
    return out


def _kmeans(points: np.ndarray, k: int, rng: np.random.Generator, rounds: int = 25) -> np.ndarray:
    centres = points[rng.choice(len(points), k, replace=False)]
    for _ in range(rounds):
        label = cKDTree(centres).query(points)[1]
        sums = np.zeros_like(centres)
        np.add.at(sums, label, points)
        counts = np.bincount(label, minlength=k)
        empty = counts == 0
        centres = np.where(empty[:, None], centres, sums / np.maximum(counts, 1)[:, None])
    return centres


def _sample(rng, n: int, county: Blob, density, band: float, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """Exactly n points inside the county by rejection on ``density`` (max 1), plus exterior points
    within ``band`` of the outline (so every interior Voronoi cell is bounded)."""
    ext = county.extent() + band
    inside, outside = [], []
    got = 0
    while got < n:
        p = rng.uniform(-ext, ext, (chunk, 2)) + np.array([county.cx, county.cy])
        keep = rng.uniform(0, 1, chunk) < density(p[:, 0], p[:, 1])
        p = p[keep]
        depth = county.depth(p[:, 0], p[:, 1])
        is_in = depth > 0
        cum = np.cumsum(is_in)
        if got + cum[-1] >= n:
            stop = int(np.searchsorted(cum, n - got)) + 1
            p, depth, is_in = p[:stop], depth[:stop], is_in[:stop]
        inside.append(p[is_in])
        outside.append(p[~is_in & (depth > -band)])
        got += int(is_in.sum())
    return np.concatenate(inside), np.concatenate(outside)


def plan_county(n_parcels: int, seed: int) -> Plan:
    """Outline, hills, villages, townships, towns and settlements for a county of ~n parcels."""
    spacing = math.sqrt(MEAN_PARCEL_M2)
    area = n_parcels * MEAN_PARCEL_M2
    rng = stream(seed, "shape")
    county = Blob.random(rng, 0.0, 0.0, area, rough=0.12)
    r = county.radius
    hills = Field.random(rng, 0.9 * r)
    n_v = max(4, round(n_parcels / PARCELS_PER_VILLAGE))
    n_t = max(2, min(n_v // 2, round(1.8 * math.sqrt(n_v))))
    plan = Plan(
        seed,
        n_parcels,
        spacing,
        area,
        county,
        hills,
        float(rng.uniform(0.25, 0.4)),
        np.empty((0, 2)),
        np.empty(0, dtype=np.int64),
        np.empty((0, 2)),
        0,
    )
    # villages: k-means of a pilot sample of the base density (about equal parcel counts)
    prng = stream(seed, "pilot")
    pilot, _ = _sample(prng, 60 * n_v, county, lambda x, y: 1.0 - 0.6 * plan.hill(x, y), 0.0, 20000)
    villages = _kmeans(pilot, n_v, prng)
    villages = villages[np.lexsort((villages[:, 0], -np.round(villages[:, 1], -2)))]
    townships = _kmeans(villages, n_t, prng)
    townships = townships[np.lexsort((townships[:, 0], -np.round(townships[:, 1], -2)))]
    plan.village_xy = villages
    plan.village_township = cKDTree(townships).query(villages)[1]
    plan.township_xy = townships
    return plan


def place_towns(plan: Plan) -> None:
    """Township seats (the village nearest each township centre), their zones, and settlements."""
    rng = stream(plan.seed, "towns")
    n_t = len(plan.township_xy)
    t_area = plan.area / n_t
    seat_dist = np.hypot(*plan.township_xy.T)
    plan.county_seat = int(np.argmin(seat_dist + 3 * plan.county.radius * plan.hill(*plan.township_xy.T)))
    seats = {}
    for t in range(n_t):
        members = np.flatnonzero(plan.village_township == t)
        if len(members) == 0:
            continue
        d = np.hypot(*(plan.village_xy[members] - plan.township_xy[t]).T)
        v = int(members[np.argmin(d + 1e6 * plan.hill(*plan.village_xy[members].T))])
        seats[t] = v
        cx, cy = plan.village_xy[v]
        big = t == plan.county_seat
        core_area = t_area * (0.2 if big else 0.07)
        core = Blob.random(rng, cx, cy, core_area, rough=0.18)
        ang = rng.uniform(0, 2 * math.pi)
        off = 0.9 * core.radius
        flexible = Blob.random(
            rng, cx + off * math.cos(ang), cy + off * math.sin(ang), 0.45 * core_area, 0.15
        )
        special = None
        if big or rng.uniform() < 0.3:
            ang2 = ang + math.pi * rng.uniform(0.6, 1.4)
            off2 = 1.05 * core.radius
            special = Blob.random(
                rng, cx + off2 * math.cos(ang2), cy + off2 * math.sin(ang2), 0.12 * core_area, 0.1
            )
        plan.towns.append(Town(t, v, core, flexible, special, big))
    v_area = plan.area / len(plan.village_xy)
    for v, (cx, cy) in enumerate(plan.village_xy):
        if v in seats.values():
            continue
        main = Blob.random(rng, cx + rng.normal(0, 60), cy + rng.normal(0, 60), 0.07 * v_area, rough=0.2)
        plan.settlements.append((v, main))
        if rng.uniform() < 0.45:
            ang = rng.uniform(0, 2 * math.pi)
            d = 0.35 * math.sqrt(v_area)
            plan.settlements.append(
                (v, Blob.random(rng, cx + d * math.cos(ang), cy + d * math.sin(ang), 0.025 * v_area, 0.2))
            )


def density(plan: Plan):
    """Relative seed density (max 1): dense in towns and settlements, sparse in the hills."""

    def f(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        base = 1.0 - 0.62 * plan.hill(x, y)
        mult = np.ones(np.shape(x))
        mult[plan.in_settlements(x, y) >= 0] = 3.5
        mult[plan.in_towns(x, y) >= 0] = 3.0
        return base * mult / 3.5

    return f


def plan_strips(plan: Plan) -> None:
    """River, railway, highways, main canal (county-long); rural roads and ditches (short)."""
    rng = stream(plan.seed, "strips")
    r = plan.county.radius
    full = 2.5 * r
    n_v = len(plan.village_xy)
    strips = plan.strips
    river_angle = rng.uniform(-0.35, 0.35)
    strips.append(Strip("1101", "河流", 0.0, -0.45 * r, river_angle, rng.uniform(70, 110), -full, full))
    seat = plan.village_xy[plan.towns[[t.county_seat for t in plan.towns].index(True)].village]
    if n_v >= 10:
        a = rng.uniform(0.5, 1.2)
        strips.append(Strip("1001", "铁路", seat[0] + 400, seat[1] - 300, a, 22.0, -full, full))
    for k in range(1 + (r > 9000)):
        a = rng.uniform(0, math.pi)
        strips.append(
            Strip("1003", "公路", seat[0] + 150 * k, seat[1] - 120, a, rng.uniform(26, 40), -full, full)
        )
    a = math.pi / 2 + rng.uniform(-0.4, 0.4)
    strips.append(Strip("1107A", "干渠", rng.uniform(-0.4, 0.4) * r, -0.45 * r, a, 14.0, 0.0, full))
    grid = rng.uniform(0, math.pi / 2)
    v_size = math.sqrt(plan.area / n_v)
    for kind, name, count, widths, lengths in (
        ("1006", "农村道路", n_v, (4.5, 7.5), (1.0, 2.5)),
        ("1107", "沟渠", round(1.3 * n_v), (2.5, 4.5), (0.7, 2.0)),
    ):
        made = 0
        while made < count:
            x, y = rng.uniform(-r, r, 2)
            if not plan.county.contains(x, y) or plan.hill(x, y) > 0.3 or plan.in_towns(x, y) >= 0:
                rng.uniform(size=4)  # keep the stream in step whatever the test's outcome
                continue
            a = grid + rng.integers(0, 2) * math.pi / 2 + rng.normal(0, 0.05)
            half = 0.5 * v_size * rng.uniform(*lengths)
            strips.append(
                Strip(kind, name, float(x), float(y), float(a), float(rng.uniform(*widths)), -half, half)
            )
            made += 1
    plan.strips = strips


@dataclass
class CellLayout:
    """Voronoi cells of the seeds inside the county, with their village and township."""

    mesh: Mesh
    seeds: np.ndarray
    village: np.ndarray  # per cell
    township_of_village: np.ndarray


def _fix_components(labels: np.ndarray, a: np.ndarray, b: np.ndarray, n_labels: int) -> np.ndarray:
    """Make each label one connected set of nodes: smaller pieces join the neighbouring label they
    share most links with."""
    labels = labels.copy()
    for _ in range(20):
        same = labels[a] == labels[b]
        comp = components(len(labels), a[same], b[same])
        n_comp = int(comp.max()) + 1
        size = np.bincount(comp, minlength=n_comp)
        comp_label = np.zeros(n_comp, dtype=np.int64)
        comp_label[comp] = labels
        order = np.lexsort((np.arange(n_comp), -size, comp_label))
        first = np.ones(n_comp, dtype=bool)
        first[1:] = comp_label[order][1:] != comp_label[order][:-1]
        stray = np.ones(n_comp, dtype=bool)
        stray[order[first]] = False
        if not stray.any():
            return labels
        src = np.concatenate([comp[a], comp[b]])
        dst_comp = np.concatenate([comp[b], comp[a]])
        m = stray[src] & ~stray[dst_comp]
        if not m.any():
            m = stray[src] & (src != dst_comp)
        pair = src[m] * n_labels + comp_label[dst_comp[m]]
        uniq, count = np.unique(pair, return_counts=True)
        c_of, lab_of = uniq // n_labels, uniq % n_labels
        pick = np.lexsort((lab_of, -count, c_of))
        keep = np.ones(len(pick), dtype=bool)
        keep[1:] = c_of[pick][1:] != c_of[pick][:-1]
        target = comp_label.copy()
        target[c_of[pick][keep]] = lab_of[pick][keep]
        labels = target[comp]
    return labels


def _voronoi_cells(pts: np.ndarray, tri: np.ndarray, chosen: np.ndarray):
    """Voronoi cells of the chosen points from their Delaunay triangles: the circumcentres of the
    triangles around a point, in CCW order (shared vertices have one index)."""
    p0, p1, p2 = pts[tri[:, 0]], pts[tri[:, 1]], pts[tri[:, 2]]
    b, c = p1 - p0, p2 - p0
    d = 2.0 * (b[:, 0] * c[:, 1] - b[:, 1] * c[:, 0])
    bb, cc = (b * b).sum(1), (c * c).sum(1)
    ux = (c[:, 1] * bb - b[:, 1] * cc) / d
    uy = (b[:, 0] * cc - c[:, 0] * bb) / d
    centre = p0 + np.column_stack([ux, uy])
    owner = tri.ravel()  # triangle t, corner k -> point tri[t, k]; vertex index t
    vert = np.repeat(np.arange(len(tri), dtype=np.int64), 3)
    keep = chosen[owner]
    owner, vert = owner[keep], vert[keep]
    local = np.cumsum(chosen) - 1
    cell = local[owner]
    rel = centre[vert] - pts[owner]
    angle = np.arctan2(rel[:, 1], rel[:, 0])
    order = np.lexsort((angle, cell))
    idx = vert[order]
    lengths = np.bincount(cell, minlength=int(chosen.sum()))
    if lengths.min() < 3:
        raise RuntimeError("a Voronoi cell of the county has fewer than 3 vertices")
    ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ptr[1:])
    return centre, ptr, idx


def build_cells(plan: Plan) -> CellLayout:
    """Seeds, Voronoi cells of the county, village and township of each cell."""
    rng = stream(plan.seed, "seeds")
    band = 4.0 * plan.spacing
    inside, outside = _sample(rng, plan.n_parcels, plan.county, density(plan), band, 1 << 18)
    ext = plan.county.extent() + 3 * band
    t = np.linspace(0, 2 * math.pi, 64, endpoint=False)
    frame = np.column_stack([ext * np.cos(t), ext * np.sin(t)])
    pts = np.concatenate([inside, outside, frame])
    n_in = len(inside)
    tri = Delaunay(pts).simplices.astype(np.int64)
    a = np.concatenate([tri[:, 0], tri[:, 1], tri[:, 2]])
    b = np.concatenate([tri[:, 1], tri[:, 2], tri[:, 0]])
    # county: the largest connected set of interior cells, plus enclosed exterior pockets
    is_in = np.zeros(len(pts), dtype=bool)
    is_in[:n_in] = True
    for _ in range(2):
        same = is_in[a] == is_in[b]
        comp = components(len(pts), a[same], b[same])
        sizes = np.bincount(comp)
        main_in = np.argmax(np.where(np.bincount(comp, weights=is_in) > 0, sizes, -1))
        main_out = comp[len(pts) - 1]
        is_in = np.where(is_in, comp == main_in, comp != main_out)
    cells = np.flatnonzero(is_in)
    seeds = pts[cells]
    vertices, ptr, idx = _voronoi_cells(pts, tri, is_in)
    # villages: nearest centre in warped coordinates (wiggly boundaries), made contiguous
    wrng = stream(plan.seed, "warp")
    v_size = math.sqrt(plan.area / len(plan.village_xy))
    wx, wy = Field.random(wrng, 1.3 * v_size), Field.random(wrng, 1.3 * v_size)
    amp = 0.18 * v_size
    warped = seeds + amp * np.column_stack([wx(*seeds.T), wy(*seeds.T)])
    village = cKDTree(plan.village_xy).query(warped)[1]
    # cell adjacency restricted to the county
    local = np.full(len(pts), -1, dtype=np.int64)
    local[cells] = np.arange(len(cells))
    la, lb = local[a], local[b]
    keep = (la >= 0) & (lb >= 0)
    la, lb = la[keep], lb[keep]
    n_v = len(plan.village_xy)
    for t in plan.towns:  # the town core belongs to its seat village
        village[t.core.contains(*seeds.T) & (plan.village_township[village] == t.township)] = t.village
    village = _fix_components(village, la, lb, n_v)
    township = _fix_components(plan.village_township[village], la, lb, len(plan.township_xy))
    # a village lies in one township: the township most of its cells fall in
    tov = np.zeros(n_v, dtype=np.int64)
    for v in range(n_v):
        members = township[village == v]
        tov[v] = np.bincount(members).argmax() if len(members) else plan.village_township[v]
    for town in plan.towns:  # a seat village stays in its township
        tov[town.village] = town.township
    empty_v = np.setdiff1d(np.arange(n_v), village)
    empty_t = np.setdiff1d(np.arange(len(plan.township_xy)), tov)
    if len(empty_v) or len(empty_t):
        raise RuntimeError(
            "layout left villages {} / townships {} without land; try another seed".format(
                empty_v.tolist(), empty_t.tolist()
            )
        )
    mesh = Mesh(vertices, ptr, idx, np.arange(len(cells)), bucket=4 * plan.spacing)
    return CellLayout(mesh, seeds, village, tov)


def cut_strips(plan: Plan, cells: CellLayout) -> None:
    for sid, s in enumerate(plan.strips):
        cells.mesh.cut_strip(s.ox, s.oy, s.angle, s.width, s.t0, s.t1, sid)


def group_parcels(plan: Plan, atoms: Atoms, village_of_cell: np.ndarray, min_area: float = 60.0):
    """Parcel id of each atom: the pieces of one cell not separated by a strip, and the runs of one
    strip inside one village; tiny parcels join their longest neighbour in the same village."""
    left, right, lo, hi = atoms.adjacency()
    village = village_of_cell[atoms.cell]
    strip = atoms.strip
    same_cell = (atoms.cell[left] == atoms.cell[right]) & (strip[left] < 0) & (strip[right] < 0)
    same_strip = (strip[left] >= 0) & (strip[left] == strip[right]) & (village[left] == village[right])
    join = same_cell | same_strip
    parcel = components(atoms.count, left[join], right[join])
    area = atoms.areas()
    p_area = np.bincount(parcel, weights=area)
    small = p_area < min_area
    if small.any():
        d = atoms.xy[hi] - atoms.xy[lo]
        length = np.hypot(d[:, 0], d[:, 1])
        pl, pr = parcel[left], parcel[right]
        cand = (pl != pr) & (village[left] == village[right])
        best: dict[int, tuple[float, int]] = {}
        for x, y, ln in zip(pl[cand].tolist(), pr[cand].tolist(), length[cand].tolist()):
            for s_, t_ in ((x, y), (y, x)):
                if small[s_] and not small[t_]:
                    cur = best.get(s_)
                    if cur is None or ln > cur[0]:
                        best[s_] = (ln, t_)
        remap = np.arange(len(p_area))
        for s_, (_ln, t_) in sorted(best.items()):
            remap[s_] = t_
        parcel = remap[parcel]
    _, parcel = np.unique(parcel, return_inverse=True)
    return parcel
