"""Parcels, villages, townships and the county outline as polygons in the output CRS.

A feature is a list of polygons; a polygon is ``[outer, *holes]``, each ring an (n, 2) array, not
closed, outer CCW. Coordinates are rounded to 0.1 mm after the shift to Gauss–Krüger, identically
for every copy of a shared vertex.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from . import layout, mesh
from .rand import stream

Polygon = list  # [outer, *holes] of (n, 2) arrays
Feature = list  # [Polygon, ...]

CENTRE_LON, CENTRE_LAT = 113.2, 35.2
EPSG_PLAIN, EPSG_PREFIXED = 4547, 4526  # CGCS2000 3° GK CM 114°E, without / with zone prefix 38
ZONE_PREFIX = 38_000_000.0
STRIP_EXCESS = 1.12  # parcels per seed: strips cut cells into more parcels


@dataclass
class CountyGeometry:
    plan: layout.Plan
    epsg: int
    offset: tuple[float, float]  # local (0, 0) in output coordinates
    atoms: mesh.Atoms  # xy already in output coordinates
    jitter: mesh.Jitter  # xy already in output coordinates
    parcel_of_atom: np.ndarray
    parcel_village: np.ndarray
    parcel_strip: np.ndarray
    parcel_centre: np.ndarray  # local metres
    parcel_area: np.ndarray  # planar m²
    village_township: np.ndarray
    parcels: list[Feature]
    parcel_boxes: np.ndarray  # (minx, maxx, miny, maxy) per parcel
    villages: list[Feature]
    townships: list[Feature]
    county: Feature
    seconds: dict

    def to_output(self, xy: np.ndarray) -> np.ndarray:
        """Local metres → output coordinates (rounded to 0.1 mm)."""
        return np.round(np.asarray(xy, dtype=np.float64) + self.offset, 4)

    def to_local(self, xy: np.ndarray) -> np.ndarray:
        return np.asarray(xy, dtype=np.float64) - self.offset


def _origin(prefixed: bool) -> tuple[float, float]:
    from farmland_guard.core import gauss_kruger

    grid = gauss_kruger.grid_for_epsg(EPSG_PLAIN)
    x, y = gauss_kruger.forward(grid, np.array([CENTRE_LON]), np.array([CENTRE_LAT]))
    # a round origin keeps the coordinates readable
    e, n = math.floor(float(x[0]) / 1000) * 1000.0, math.floor(float(y[0]) / 1000) * 1000.0
    return (e + (ZONE_PREFIX if prefixed else 0.0), n)


def build(n_parcels: int, seed: int, prefixed: bool) -> CountyGeometry:
    """Run the whole geometric pipeline: plan, cells, strips, parcels, jitter, dissolves."""
    seconds: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        seconds[name] = round(now - clock[0], 2)
        clock[0] = now

    plan = layout.plan_county(n_parcels, seed)
    layout.place_towns(plan)
    layout.plan_strips(plan)
    plan_seeds = max(200, round(n_parcels / STRIP_EXCESS))
    seeded = layout.Plan(**{**plan.__dict__, "n_parcels": plan_seeds})
    cells = layout.build_cells(seeded)
    lap("cells")
    layout.cut_strips(plan, cells)
    lap("strips")
    atoms = cells.mesh.frozen()
    parcel = layout.group_parcels(plan, atoms, cells.village)
    n = int(parcel.max()) + 1
    area = atoms.areas()
    centres = atoms.centres()
    # parcel centre = area-weighted atom centres; strip = that of its largest atom
    p_area = np.bincount(parcel, weights=area, minlength=n)
    cx = np.bincount(parcel, weights=area * centres[:, 0], minlength=n) / p_area
    cy = np.bincount(parcel, weights=area * centres[:, 1], minlength=n) / p_area
    big = np.lexsort((area, parcel))
    last = np.ones(len(big), dtype=bool)
    last[:-1] = parcel[big][1:] != parcel[big][:-1]
    p_strip = np.empty(n, dtype=np.int64)
    p_strip[parcel[big][last]] = atoms.strip[big][last]
    village_of_atom = cells.village[atoms.cell]
    p_village = np.empty(n, dtype=np.int64)
    p_village[parcel] = village_of_atom
    # order parcels by village, then rows of 200 m from the north, then west to east
    order = np.lexsort((cx, -np.floor(cy / 200.0), p_village))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    parcel = rank[parcel]
    p_village, p_strip, p_area = p_village[order], p_strip[order], p_area[order]
    centre = np.column_stack([cx[order], cy[order]])
    jitter = mesh.make_jitter(atoms, parcel, plan.spacing, stream(seed, "jitter"))
    lap("grouping")
    offset = _origin(prefixed)
    atoms.xy = np.round(atoms.xy + offset, 4)
    jitter.xy = np.round(jitter.xy + offset, 4)
    parcel_rings = mesh.dissolve(atoms, parcel, jitter)
    parcels = parcel_rings.polygons(n)
    n_v = len(plan.village_xy)
    villages = mesh.dissolve(atoms, village_of_atom, jitter).polygons(n_v)
    township_of_atom = cells.township_of_village[village_of_atom]
    townships = mesh.dissolve(atoms, township_of_atom, jitter).polygons(len(plan.township_xy))
    county = mesh.dissolve(atoms, np.zeros(atoms.count, dtype=np.int64), jitter).polygons(1)[0]
    lap("dissolve")
    return CountyGeometry(
        plan,
        EPSG_PREFIXED if prefixed else EPSG_PLAIN,
        offset,
        atoms,
        jitter,
        parcel,
        p_village,
        p_strip,
        centre,
        p_area,
        cells.township_of_village,
        parcels,
        parcel_rings.bboxes(n),
        villages,
        townships,
        county,
        seconds,
    )
