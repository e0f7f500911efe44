"""A planar mesh of convex atoms sharing their vertices exactly, and its dissolve into rings.

* Atoms start as Voronoi cells. Straight cuts split them conformingly: a vertex put on an edge is
  put in every atom that has that edge, so neighbours always share every vertex bit for bit.
* Jitter points are added on the edges that end up between two groups (parcels). Each point stays
  strictly inside the two fan triangles (atom centre, edge) of its edge; the fan triangles of all
  atoms partition the plane, so jittered edges never cross and every dissolved ring stays simple.
* :func:`dissolve` cancels the edges shared inside a group and chains the rest into rings, with the
  jitter points of each edge, so groups of a partition tile each other without gaps or overlaps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


class Mesh:
    """Convex atoms (CCW vertex-index cycles) over a shared vertex table; see the module docstring."""

    def __init__(self, xy: np.ndarray, ptr: np.ndarray, idx: np.ndarray, cell: np.ndarray, bucket: float):
        """Atoms given as CSR cycles (``idx[ptr[i]:ptr[i + 1]]``, CCW) over the vertex table ``xy``."""
        self.x: list[float] = xy[:, 0].tolist()
        self.y: list[float] = xy[:, 1].tolist()
        self.atoms: list[list[int]] = [a.tolist() for a in np.split(idx, ptr[1:-1])]
        self.cell: list[int] = cell.tolist()  # original Voronoi cell of each atom
        self.strip = [-1] * len(self.atoms)  # index of the strip an atom belongs to, -1 for none
        self.straight: set[tuple[int, int]] = set()  # edges on cut lines: never jittered
        self._bucket_size = bucket
        lengths = np.diff(ptr)
        centre = np.add.reduceat(xy[idx], ptr[:-1], axis=0) / lengths[:, None]
        spread = np.hypot(*(xy[idx] - np.repeat(centre, lengths, axis=0)).T)
        own = np.maximum.reduceat(spread, ptr[:-1])
        self.radius = float(own.max())
        cap = 2 * len(self.atoms) + 1024
        self._cx, self._cy, self._r = np.zeros(cap), np.zeros(cap), np.zeros(cap)
        n = len(self.atoms)
        self._cx[:n], self._cy[:n], self._r[:n] = centre[:, 0], centre[:, 1], own
        gx = np.floor(centre[:, 0] / bucket).astype(np.int64)
        gy = np.floor(centre[:, 1] / bucket).astype(np.int64)
        self._atom_bucket: list[tuple[int, int]] = list(zip(gx.tolist(), gy.tolist()))
        order = np.lexsort((gy, gx))
        cut = np.flatnonzero((np.diff(gx[order]) != 0) | (np.diff(gy[order]) != 0)) + 1
        self._buckets: dict[tuple[int, int], list[int]] = {}
        self._bucket_r: dict[tuple[int, int], float] = {}  # largest atom radius in the bucket
        for part in np.split(order, cut):
            key = self._atom_bucket[int(part[0])]
            self._buckets[key] = part.tolist()
            self._bucket_r[key] = float(own[part].max())

    def _place(self, a: int) -> None:
        """Record the centre and radius of atom a (after it was created or changed)."""
        if a >= len(self._cx):
            grow = len(self._cx)
            self._cx = np.concatenate([self._cx, np.zeros(grow)])
            self._cy = np.concatenate([self._cy, np.zeros(grow)])
            self._r = np.concatenate([self._r, np.zeros(grow)])
        poly = self.atoms[a]
        px = [self.x[v] for v in poly]
        py = [self.y[v] for v in poly]
        cx, cy = sum(px) / len(px), sum(py) / len(py)
        self._cx[a], self._cy[a] = cx, cy
        self._r[a] = max(math.hypot(x - cx, y - cy) for x, y in zip(px, py))

    # --- cutting -------------------------------------------------------------------------------

    def _candidates(self, ox: float, oy: float, dx: float, dy: float, half: float, t0: float, t1: float):
        """Atoms that may reach within ``half`` of the segment origin + t·d, t ∈ [t0, t1], judged per
        bucket by its largest atom radius (children of a split atom stay in its bucket)."""
        b = self._bucket_size
        x0, y0 = ox + t0 * dx, oy + t0 * dy
        x1, y1 = ox + t1 * dx, oy + t1 * dy
        r = half + self.radius + b * 0.75
        gx0, gx1 = math.floor((min(x0, x1) - r) / b), math.floor((max(x0, x1) + r) / b)
        gy0, gy1 = math.floor((min(y0, y1) - r) / b), math.floor((max(y0, y1) + r) / b)
        out: list[int] = []
        buckets, bucket_r = self._buckets, self._bucket_r
        for gx in range(gx0, gx1 + 1):
            cx = (gx + 0.5) * b - ox
            for gy in range(gy0, gy1 + 1):
                atoms = buckets.get((gx, gy))
                if not atoms:
                    continue
                cy = (gy + 0.5) * b - oy
                t = min(max(cx * dx + cy * dy, t0), t1)
                if math.hypot(cx - t * dx, cy - t * dy) <= half + bucket_r[(gx, gy)] + b * 0.75:
                    out.extend(atoms)
        return out

    def cut_strip(self, ox: float, oy: float, angle: float, width: float, t0: float, t1: float, sid: int):
        """Cut a straight band (centre line origin + t·(cos, sin), |offset| < width/2) into the mesh.

        Only atoms whose chord midpoint lies in [t0, t1] are split; their neighbours get the new
        vertices on the shared edges. Atoms inside the band with no strip yet get ``sid``.
        Returns the atoms that got ``sid``.
        """
        dx, dy = math.cos(angle), math.sin(angle)
        nx, ny = -dy, dx
        half = width / 2.0
        cands = self._candidates(ox, oy, dx, dy, half, t0 - 3 * self.radius, t1 + 3 * self.radius)
        base = nx * ox + ny * oy
        for offset in (-half, half):
            cands.extend(self._cut_line(cands, nx, ny, base + offset, dx, dy, ox, oy, t0, t1))
        got = []
        tol = 1e-7 * max(1.0, abs(base)) + 1e-9 * width
        cand = np.unique(np.asarray(cands, dtype=np.int64))
        dist = np.abs(nx * self._cx[cand] + ny * self._cy[cand] - base)
        along = (self._cx[cand] - ox) * dx + (self._cy[cand] - oy) * dy
        near = (dist <= half + tol) & (along >= t0 - self.radius) & (along <= t1 + self.radius)
        for a in cand[near].tolist():
            if self.strip[a] != -1:
                continue
            s = [nx * self.x[v] + ny * self.y[v] - base for v in self.atoms[a]]
            if min(s) >= -half - tol and max(s) <= half + tol:
                self.strip[a] = sid
                got.append(a)
        return got

    def _cut_line(self, cands, nx, ny, c, dx, dy, ox, oy, t0, t1) -> list[int]:
        """Split the candidate atoms crossed by n·p = c (chord midpoint in range); return new atoms."""
        x, y, atoms = self.x, self.y, self.atoms
        cand = np.unique(np.asarray(cands, dtype=np.int64))
        dist = np.abs(nx * self._cx[cand] + ny * self._cy[cand] - c)
        cand = cand[dist <= self._r[cand] * (1 + 1e-9) + 1e-3].tolist()
        for _attempt in range(8):
            crossed = []
            near_zero = False
            for a in cand:
                poly = atoms[a]
                s = [nx * x[v] + ny * y[v] - c for v in poly]
                if min(s) >= 0.0 or max(s) < 0.0:
                    continue
                if min(abs(v) for v in s) < 1e-6:
                    near_zero = True
                    break
                crossed.append((a, s))
            if not near_zero:
                break
            c += 1e-4  # a vertex sits on the line: move the line off it (measure-zero case)
        splits: dict[tuple[int, int], int] = {}
        plan = []
        for a, s in crossed:
            poly = atoms[a]
            n = len(poly)
            crossing = []
            for i in range(n):
                j = i + 1 if i + 1 < n else 0
                if (s[i] >= 0.0) != (s[j] >= 0.0):
                    u, v = poly[i], poly[j]
                    key = (u, v) if u < v else (v, u)
                    w = splits.get(key)
                    if w is None:
                        su = nx * x[key[0]] + ny * y[key[0]] - c
                        sv = nx * x[key[1]] + ny * y[key[1]] - c
                        t = su / (su - sv)
                        x.append(x[key[0]] + t * (x[key[1]] - x[key[0]]))
                        y.append(y[key[0]] + t * (y[key[1]] - y[key[0]]))
                        w = len(x) - 1
                        splits[key] = w
                    crossing.append((i, key, w))
            (_i1, _k1, w1), (_i2, _k2, w2) = crossing
            tm = ((x[w1] + x[w2]) / 2 - ox) * dx + ((y[w1] + y[w2]) / 2 - oy) * dy
            plan.append((a, crossing, t0 <= tm <= t1))
        used = {key for _a, crossing, split in plan if split for _i, key, _w in crossing}
        new_atoms = []
        for a, crossing, split in plan:
            poly = atoms[a]
            if split:
                (i1, _k1, w1), (i2, _k2, w2) = crossing
                atoms[a] = [w1, *poly[i1 + 1 : i2 + 1], w2]
                atoms.append([w2, *poly[i2 + 1 :], *poly[: i1 + 1], w1])
                new = len(atoms) - 1
                self._place(a)
                self._place(new)
                self.cell.append(self.cell[a])
                self.strip.append(self.strip[a])
                key = self._atom_bucket[a]
                self._atom_bucket.append(key)
                self._buckets[key].append(new)
                self.straight.add((w1, w2) if w1 < w2 else (w2, w1))
                new_atoms.append(new)
            else:
                inserts = {i: w for i, key, w in crossing if key in used}
                if inserts:
                    out = []
                    for i, v in enumerate(poly):
                        out.append(v)
                        if i in inserts:
                            out.append(inserts[i])
                    atoms[a] = out
                    self._place(a)
        return new_atoms

    # --- freezing --------------------------------------------------------------------------------

    def frozen(self) -> Atoms:
        """The atoms as flat arrays (CSR), for the vectorised steps."""
        lengths = np.fromiter((len(p) for p in self.atoms), dtype=np.int64, count=len(self.atoms))
        flat = np.fromiter((v for p in self.atoms for v in p), dtype=np.int64, count=int(lengths.sum()))
        ptr = np.zeros(len(self.atoms) + 1, dtype=np.int64)
        np.cumsum(lengths, out=ptr[1:])
        xy = np.column_stack([np.asarray(self.x), np.asarray(self.y)])
        straight = np.array(sorted(self.straight), dtype=np.int64).reshape(-1, 2)
        return Atoms(
            xy,
            ptr,
            flat,
            np.asarray(self.cell, dtype=np.int64),
            np.asarray(self.strip, dtype=np.int64),
            straight,
        )


@dataclass
class Atoms:
    """Frozen atoms: vertex table, CSR cycles, and per-atom cell and strip."""

    xy: np.ndarray
    ptr: np.ndarray
    idx: np.ndarray
    cell: np.ndarray
    strip: np.ndarray
    straight: np.ndarray
    _twin: np.ndarray | None = None

    @property
    def count(self) -> int:
        return len(self.ptr) - 1

    def twins(self) -> np.ndarray:
        """Per directed edge (``directed_edges`` order): the atom on its other side, −1 on the outline."""
        if self._twin is None:
            atom, u, v = self.directed_edges()
            key = np.minimum(u, v) * len(self.xy) + np.maximum(u, v)
            order = np.argsort(key, kind="stable")
            same = key[order][1:] == key[order][:-1]
            i, j = order[:-1][same], order[1:][same]
            twin = np.full(len(u), -1, dtype=np.int64)
            twin[i], twin[j] = atom[j], atom[i]
            self._twin = twin
        return self._twin

    def directed_edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(atom, u, v) of every directed edge of every atom (CCW)."""
        n = self.count
        lengths = np.diff(self.ptr)
        atom = np.repeat(np.arange(n, dtype=np.int64), lengths)
        u = self.idx
        nxt = np.arange(1, len(u) + 1, dtype=np.int64)
        nxt[self.ptr[1:] - 1] = self.ptr[:-1]
        return atom, u, self.idx[nxt]

    def centres(self) -> np.ndarray:
        """Vertex mean of each atom (strictly inside a convex atom)."""
        lengths = np.diff(self.ptr)
        pts = self.xy[self.idx]
        return np.add.reduceat(pts, self.ptr[:-1], axis=0) / lengths[:, None]

    def areas(self) -> np.ndarray:
        """Planar area of each atom (shoelace, relative to the atom centre for precision)."""
        atom, u, v = self.directed_edges()
        c = self.centres()[atom]
        pu, pv = self.xy[u] - c, self.xy[v] - c
        cross = pu[:, 0] * pv[:, 1] - pu[:, 1] * pv[:, 0]
        return np.add.reduceat(cross, self.ptr[:-1]) / 2.0

    def adjacency(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Pairs of atoms sharing an edge, sorted by edge: (left atom, right atom, lo vertex, hi vertex).

        The left atom is the one whose CCW cycle runs lo → hi.
        """
        atom, u, v = self.directed_edges()
        twin = self.twins()
        pick = np.flatnonzero((twin >= 0) & (u < v))
        pick = pick[np.argsort(u[pick] * len(self.xy) + v[pick], kind="stable")]
        return atom[pick], twin[pick], u[pick], v[pick]


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label of each of n nodes joined by the (a, b) pairs."""
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


# --- jitter ----------------------------------------------------------------------------------------


@dataclass
class Jitter:
    """Interior points of edges, keyed by undirected edge (lo, hi), stored in lo → hi order."""

    keys: np.ndarray  # sorted lo * nv + hi
    ptr: np.ndarray
    xy: np.ndarray


def make_jitter(
    atoms: Atoms, group: np.ndarray, spacing: float, rng: np.random.Generator, max_points: int = 4
) -> Jitter:
    """Jitter points on edges between different groups (both sides real atoms, not cut lines)."""
    left, right, lo, hi = atoms.adjacency()
    nv = len(atoms.xy)
    keep = group[left] != group[right]
    if len(atoms.straight):
        straight = atoms.straight[:, 0] * nv + atoms.straight[:, 1]
        keep &= ~np.isin(lo * nv + hi, straight)
    left, right, lo, hi = left[keep], right[keep], lo[keep], hi[keep]
    # the atom where lo → hi runs CCW has the edge on its left
    centres = atoms.centres()
    p, q = atoms.xy[lo], atoms.xy[hi]
    d = q - p
    length = np.hypot(d[:, 0], d[:, 1])
    unit = d / length[:, None]
    normal = np.column_stack([-unit[:, 1], unit[:, 0]])
    c_left = centres[left] - p
    c_right = centres[right] - p
    # which of the pair is on the left of lo → hi
    side_left = np.einsum("ij,ij->i", c_left, normal) > 0
    c_pos = np.where(side_left[:, None], c_left, c_right)
    c_neg = np.where(side_left[:, None], c_right, c_left)
    count = np.minimum(np.floor(length / (0.3 * spacing)), max_points).astype(np.int64)
    total = int(count.sum())
    edge = np.repeat(np.arange(len(count)), count)
    first = np.repeat(np.cumsum(count) - count, count)
    j = np.arange(total) - first
    t = (j + 1) / (count[edge] + 1) + rng.uniform(-0.12, 0.12, total) / (count[edge] + 1)
    t_len = t * length[edge]
    amp = rng.normal(0.0, 0.07, total) * length[edge] * np.sin(np.pi * t)

    def depth(c: np.ndarray, sign: float) -> np.ndarray:
        ta = np.einsum("ij,ij->i", c, unit)[edge]
        da = sign * np.einsum("ij,ij->i", c, normal)[edge]
        ln = length[edge]
        with np.errstate(divide="ignore", invalid="ignore"):
            d1 = np.where(ta > 0, da * t_len / ta, np.inf)
            d2 = np.where(ta < ln, da * (ln - t_len) / (ln - ta), np.inf)
        return np.minimum(d1, d2)

    h = np.clip(amp, -0.45 * depth(c_neg, -1.0), 0.45 * depth(c_pos, 1.0))
    pts = p[edge] + unit[edge] * t_len[:, None] + normal[edge] * h[:, None]
    ptr = np.zeros(len(count) + 1, dtype=np.int64)
    np.cumsum(count, out=ptr[1:])
    return Jitter(lo * nv + hi, ptr, pts)


# --- dissolve ---------------------------------------------------------------------------------------


@dataclass
class Rings:
    """Rings of dissolved groups: flat coordinates (not closed), ring offsets, group, signed area."""

    xy: np.ndarray
    ptr: np.ndarray
    group: np.ndarray
    area: np.ndarray

    def polygons(self, n_groups: int) -> list[list[list[np.ndarray]]]:
        """Per group: polygons as [outer, *holes] coordinate arrays (outer CCW, holes CW), the largest
        polygon first."""
        out: list[list[list[np.ndarray]]] = [[] for _ in range(n_groups)]
        holes: dict[int, list[np.ndarray]] = {}
        outer_area: dict[int, list[float]] = {}
        xy, ptr = self.xy, self.ptr.tolist()
        for r, (g, a) in enumerate(zip(self.group.tolist(), self.area.tolist())):
            ring = xy[ptr[r] : ptr[r + 1]]
            if a > 0:
                out[g].append([ring])
                outer_area.setdefault(g, []).append(a)
            else:
                holes.setdefault(g, []).append(ring)
        for g, found in holes.items():
            if len(out[g]) == 1:
                out[g][0].extend(found)
                continue
            for hole in found:
                owner = next((poly for poly in out[g] if point_in_ring(hole[0], poly[0])), out[g][0])
                owner.append(hole)
        for g, found in outer_area.items():
            if len(found) > 1:
                order = sorted(range(len(found)), key=lambda k: -found[k])
                out[g] = [out[g][k] for k in order]
        return out

    def bboxes(self, n_groups: int) -> np.ndarray:
        """(minx, maxx, miny, maxy) of each group; NaN for groups without rings."""
        lo = np.minimum.reduceat(self.xy, self.ptr[:-1], axis=0)
        hi = np.maximum.reduceat(self.xy, self.ptr[:-1], axis=0)
        out = np.full((n_groups, 4), np.nan)
        gmin = np.full((n_groups, 2), np.inf)
        gmax = np.full((n_groups, 2), -np.inf)
        np.minimum.at(gmin, self.group, lo)
        np.maximum.at(gmax, self.group, hi)
        has = np.isfinite(gmin[:, 0])
        out[has] = np.column_stack([gmin[has, 0], gmax[has, 0], gmin[has, 1], gmax[has, 1]])
        return out


def point_in_ring(pt: np.ndarray, ring: np.ndarray) -> bool:
    """Even-odd test of a point against a ring (boundary points count as either)."""
    x, y = pt
    p, q = ring, np.roll(ring, -1, axis=0)
    cond = (p[:, 1] > y) != (q[:, 1] > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xi = p[:, 0] + (y - p[:, 1]) * (q[:, 0] - p[:, 0]) / (q[:, 1] - p[:, 1])
    return bool(np.count_nonzero(cond & (x < xi)) % 2)


def dissolve(atoms: Atoms, group: np.ndarray, jitter: Jitter | None) -> Rings:
    """Boundary rings of each group of atoms (group −1 = left out), with the jitter points."""
    atom, u, v = atoms.directed_edges()
    twin = atoms.twins()
    g = group[atom]
    other = np.where(twin >= 0, group[np.maximum(twin, 0)], -2)
    keep = (g >= 0) & (other != g)  # edges inside a group cancel; the rest bound it
    u, v, g = u[keep], v[keep], g[keep]
    nv = len(atoms.xy)
    fwd = u < v
    key = np.where(fwd, u, v) * nv + np.where(fwd, v, u)
    ne = len(u)
    # successor: the edge of the same group leaving the end vertex of this one
    start = g * nv + u
    srt = np.argsort(start, kind="stable")
    start_sorted = start[srt]
    if ne > 1 and np.any(start_sorted[1:] == start_sorted[:-1]):
        raise ValueError("a group touches itself at a vertex (pinch); cannot chain its rings")
    pos = np.searchsorted(start_sorted, g * nv + v)
    if np.any(pos >= ne) or np.any(start_sorted[np.minimum(pos, ne - 1)] != g * nv + v):
        raise ValueError("open boundary while chaining rings")
    succ = srt[pos]
    ring = components(ne, np.arange(ne), succ)
    # rank along each ring: break each cycle before its smallest edge, then pointer-jump
    n_rings = int(ring.max()) + 1 if ne else 0
    head = np.full(n_rings, ne, dtype=np.int64)
    np.minimum.at(head, ring, np.arange(ne))
    nxt = succ.copy()
    pred = np.empty(ne, dtype=np.int64)
    pred[succ] = np.arange(ne)
    nxt[pred[head]] = -1
    dist = (nxt >= 0).astype(np.int64)
    ptr_ = nxt.copy()
    while True:
        live = ptr_ >= 0
        if not live.any():
            break
        idx = np.flatnonzero(live)
        dist[idx] += dist[ptr_[idx]]
        ptr_[idx] = ptr_[ptr_[idx]]
    ring_group = np.empty(n_rings, dtype=np.int64)
    ring_group[ring] = g
    # order rings by (group, head edge) and edges along each ring from its head
    ring_rank = np.lexsort((head, ring_group))
    ring_pos = np.empty(n_rings, dtype=np.int64)
    ring_pos[ring_rank] = np.arange(n_rings)
    e_order = np.lexsort((-dist, ring_pos[ring]))
    u, key, fwd = u[e_order], key[e_order], fwd[e_order]
    ring_sorted = ring_pos[ring[e_order]]
    # jitter points of each edge
    if jitter is not None and len(jitter.keys):
        jpos = np.searchsorted(jitter.keys, key)
        jpos_c = np.minimum(jpos, len(jitter.keys) - 1)
        has = (jpos < len(jitter.keys)) & (jitter.keys[jpos_c] == key)
        k = np.where(has, jitter.ptr[jpos_c + 1] - jitter.ptr[jpos_c], 0)
        jstart = np.where(has, jitter.ptr[jpos_c], 0)
    else:
        k = np.zeros(len(u), dtype=np.int64)
        jstart = k
    counts = 1 + k
    out_start = np.cumsum(counts) - counts
    xy = np.empty((int(counts.sum()), 2))
    xy[out_start] = atoms.xy[u]
    if k.sum():
        e = np.repeat(np.arange(len(u)), k)
        j = np.arange(int(k.sum())) - np.repeat(np.cumsum(k) - k, k)
        src = jstart[e] + np.where(fwd[e], j, k[e] - 1 - j)
        xy[out_start[e] + 1 + j] = jitter.xy[src]
    ring_len = np.bincount(ring_sorted, weights=counts, minlength=n_rings).astype(np.int64)
    rptr = np.zeros(n_rings + 1, dtype=np.int64)
    np.cumsum(ring_len, out=rptr[1:])
    rg = ring_group[ring_rank]
    # signed area per ring, relative to the ring's first point
    rid = np.repeat(np.arange(n_rings), ring_len)
    nxt_pt = np.arange(1, len(xy) + 1)
    nxt_pt[rptr[1:] - 1] = rptr[:-1]
    origin = xy[rptr[:-1]][rid]
    p, q = xy - origin, xy[nxt_pt] - origin
    area = np.bincount(rid, weights=p[:, 0] * q[:, 1] - p[:, 1] * q[:, 0], minlength=n_rings) / 2.0
    return Rings(xy, rptr, rg, area)
