"""Ellipsoidal area against GeographicLib (pyproj.Geod) and closed forms.

Reference for projected polygons (issue 7): the same polygon with every edge cut into ≤ 1 m pieces
in its projected CRS, inverse-projected with PROJ (pyproj), and measured by GeographicLib's geodesic
polygon area on CGCS2000. Required: |ours − reference| ≤ 0.01 m² + 1e-8 × area.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pyproj
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core import area as area_module
from farmland_guard.core import gauss_kruger as gk
from farmland_guard.core.area import RingBatch, densify, ellipsoidal_areas, ring_areas


def _use_system_proj_data() -> None:
    """The test venv hides Debian's PROJ database from pyproj; point pyproj at it."""
    try:
        pyproj.datadir.get_data_dir()
    except pyproj.exceptions.DataDirError:
        pyproj.datadir.set_data_dir("/usr/share/proj")


_use_system_proj_data()

GEOD = pyproj.Geod(a=6378137.0, rf=298.257222101)


def tolerance(area: float) -> float:
    return 0.01 + 1e-8 * abs(area)


# --- reference ---------------------------------------------------------------------------------


@cache
def _to_geographic(epsg: int) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(epsg, 4490, always_xy=True)


def _cut(ring: np.ndarray, step: float) -> np.ndarray:
    """Closed ring with every edge cut into equal pieces ≤ step (written here, not the engine's)."""
    start, delta = ring[:-1], np.diff(ring, axis=0)
    pieces = np.maximum(1, np.ceil(np.hypot(delta[:, 0], delta[:, 1]) / step)).astype(np.int64)
    edge = np.repeat(np.arange(len(delta)), pieces)
    first = np.cumsum(pieces) - pieces
    t = (np.arange(pieces.sum()) - first[edge]) / pieces[edge]
    return np.vstack([start[edge] + t[:, None] * delta[edge], ring[:1]])


def reference_area(epsg: int | None, polygons: list[list[np.ndarray]]) -> float:
    """Σ over parts of (outer − holes), GeographicLib on the ≤ 1 m cut rings."""
    total = 0.0
    for part in polygons:
        for index, ring in enumerate(part):
            if epsg is None:  # already lon/lat: cut edges into ~1 m pieces in degrees
                lon, lat = _cut(ring, 1e-5).T
            else:
                lon, lat = _to_geographic(epsg).transform(*_cut(ring, 1.0).T)
            ring_area = abs(GEOD.polygon_area_perimeter(lon, lat)[0])
            total += -ring_area if index else ring_area
    return total


# --- random polygons -----------------------------------------------------------------------------


def _star(rng: np.random.Generator, centre: np.ndarray, radius: float, vertices: int) -> np.ndarray:
    """Simple (star-shaped) closed ring around centre, radii between 0.5 and 1 × radius."""
    angle = np.sort(rng.uniform(0, 2 * np.pi, vertices))
    r = radius * rng.uniform(0.5, 1.0, vertices)
    ring = centre + np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return np.vstack([ring, ring[:1]])


def _rectangle(centre: np.ndarray, length: float, width: float, angle: float) -> np.ndarray:
    u = np.array([math.cos(angle), math.sin(angle)])
    v = np.array([-u[1], u[0]])
    corners = [
        centre + sx * length / 2 * u + sy * width / 2 * v for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]
    return np.array(corners + corners[:1])


def _place(rng: np.random.Generator, epsg: int, near_edge: bool) -> np.ndarray:
    """A point of the grid's zone at 18–53°N; near_edge puts it at the zone's edge."""
    grid = gk.grid_for_epsg(epsg)
    half = grid.zone_width / 2
    offset = rng.choice([-1, 1]) * (half * rng.uniform(0.95, 1.0) if near_edge else rng.uniform(0, half))
    x, y = gk.forward(grid, np.array([grid.central_meridian + offset]), np.array([rng.uniform(18, 53)]))
    return np.array([x[0], y[0]])


def _shape(rng: np.random.Generator, kind: str, centre: np.ndarray) -> list[list[np.ndarray]]:
    if kind == "small":  # a farmland parcel
        return [[_star(rng, centre, rng.uniform(30, 150), int(rng.integers(5, 40)))]]
    if kind == "large":  # up to ~10 km², edges of several hundred metres
        return [[_star(rng, centre, rng.uniform(1000, 2000), int(rng.integers(8, 30)))]]
    if kind == "holes":
        radius = rng.uniform(300, 1500)
        outer = _star(rng, centre, radius, 25)
        holes = [_star(rng, centre + radius * np.array(off), radius * 0.12, 9) for off in ((0.2, 0), (-0.2, 0))]
        return [[outer, *holes]]
    if kind == "multipart":
        radius = rng.uniform(100, 800)
        second = centre + np.array([3.5 * radius, 0.5 * radius])
        hole = _star(rng, second, radius * 0.2, 7)
        return [[_star(rng, centre, radius, 12)], [_star(rng, second, radius, 15), hole]]
    if kind == "long-edges":  # 5 km × 2 km rectangle: edges of several km
        return [[_rectangle(centre, 5000, 2000, rng.uniform(0, np.pi))]]
    if kind == "sliver":  # 3 km × 0.3 m
        return [[_rectangle(centre, 3000, 0.3, rng.uniform(0, np.pi))]]
    if kind == "needle":  # near-degenerate triangle, 2 km long, 1 mm high
        a = centre
        b = centre + np.array([2000.0, 700.0])
        apex = (a + b) / 2 + np.array([-0.7, 2.0]) / math.hypot(0.7, 2.0) * 0.001
        return [[np.array([a, b, apex, a])]]
    raise ValueError(kind)


KINDS = ("small", "large", "holes", "multipart", "long-edges", "sliver", "needle")
FAMILIES = ((4513, 4533), (4534, 4554), (4491, 4501), (4502, 4512))  # 3° prefix/plain, 6° prefix/plain


def _cases() -> list[tuple[str, int, list[list[np.ndarray]]]]:
    rng = np.random.default_rng(20240607)
    cases = []
    for number in range(42):
        kind = KINDS[number % len(KINDS)]
        low, high = FAMILIES[number % len(FAMILIES)]
        epsg = int(rng.integers(low, high + 1))
        near_edge = number % 3 == 0
        polygons = _shape(rng, kind, _place(rng, epsg, near_edge))
        if number % 2:  # clockwise outers and counter-clockwise holes must not matter
            polygons = [[ring[::-1] for ring in part] for part in polygons]
        cases.append((f"{number}-{kind}-{epsg}{'-edge' if near_edge else ''}", epsg, polygons))
    return cases


CASES = _cases()


@pytest.mark.parametrize("epsg, polygons", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_area_matches_geographiclib_within_the_official_tolerance(epsg, polygons):
    ours = ellipsoidal_areas(RingBatch.from_polygons([polygons]), gk.grid_for_epsg(epsg))[0]
    expected = reference_area(epsg, polygons)
    assert abs(ours - expected) <= tolerance(expected), (ours, expected, ours - expected)


def test_all_cases_in_one_batch_give_the_same_areas():
    """Blocks, ring offsets and feature sums do not depend on what else is in the batch."""
    by_epsg: dict[int, list] = {}
    for _, epsg, polygons in CASES:
        by_epsg.setdefault(epsg, []).append(polygons)
    for epsg, features in by_epsg.items():
        grid = gk.grid_for_epsg(epsg)
        together = ellipsoidal_areas(RingBatch.from_polygons(features), grid)
        alone = [ellipsoidal_areas(RingBatch.from_polygons([f]), grid)[0] for f in features]
        np.testing.assert_allclose(together, alone, rtol=1e-13, atol=1e-9)


def test_the_reference_catches_undensified_edges():
    """Plain trapezoid on the vertices (no densification, no end correction) fails the bound."""
    rng = np.random.default_rng(3)
    epsg = 4526
    polygons = _shape(rng, "large", _place(rng, epsg, False))
    batch = RingBatch.from_polygons([polygons])
    plain = ellipsoidal_areas(batch, gk.grid_for_epsg(epsg), edge_correction=False, max_step=1e9)[0]
    expected = reference_area(epsg, polygons)
    assert abs(plain - expected) > 10 * tolerance(expected)


def test_end_correction_equals_the_limit_of_densification():
    """Richardson limit of the plain trapezoid at 10 m and 5 m steps == corrected area at 1 km steps."""
    rng = np.random.default_rng(11)
    epsg = 4527
    polygons = _shape(rng, "large", _place(rng, epsg, True))
    batch = RingBatch.from_polygons([polygons])
    grid = gk.grid_for_epsg(epsg)
    coarse = ellipsoidal_areas(batch, grid, edge_correction=False, max_step=10.0)[0]
    fine = ellipsoidal_areas(batch, grid, edge_correction=False, max_step=5.0)[0]
    limit = (4 * fine - coarse) / 3
    ours = ellipsoidal_areas(batch, grid)[0]
    assert abs(ours - limit) < 1e-5
    assert abs(ours - coarse) > 5e-5  # the plain trapezoid converges visibly, as h²


@settings(max_examples=40, deadline=None)
@given(
    epsg=st.sampled_from([4513, 4526, 4547, 4554, 4491, 4497, 4508, 4512]),
    seed=st.integers(0, 2**32 - 1),
    radius=st.floats(20.0, 2500.0),
    vertices=st.integers(3, 60),
    roll=st.integers(0, 59),
)
def test_area_of_the_drawn_polygon_ignores_how_it_is_written(epsg, seed, radius, vertices, roll):
    """Extra vertices on straight edges, another start vertex or the reverse order: same area."""
    rng = np.random.default_rng(seed)
    grid = gk.grid_for_epsg(epsg)
    ring = _star(rng, _place(rng, epsg, bool(seed % 2)), radius, vertices)
    rolled = np.roll(ring[:-1], roll % vertices, axis=0)
    rolled = np.vstack([rolled, rolled[:1]])
    batch = RingBatch.from_polygons([[[ring]], [[rolled]], [[ring[::-1]]]])
    areas = ellipsoidal_areas(batch, grid)
    dense = ellipsoidal_areas(densify(batch, radius / 7), grid)
    # residual model of the end correction (area.py docstring): ≈ 1.2e-22·L⁵ per edge, at most
    edges = np.hypot(*np.diff(ring, axis=0).T)
    atol = 1e-6 + 1e-12 * areas[0] + 2 * 1.2e-22 * np.sum(edges**5)
    np.testing.assert_allclose(areas, areas[0], rtol=0, atol=atol)
    np.testing.assert_allclose(dense, areas[0], rtol=0, atol=atol)


# --- geographic input ------------------------------------------------------------------------------


def _authalic_zone(phi: float) -> float:
    """∫₀^φ M·N·cos φ dφ in closed form (area between the equator and φ per radian of longitude)."""
    e = math.sqrt(1 - (1 - 1 / 298.257222101) ** 2)
    b = 6378137.0 * (1 - 1 / 298.257222101)
    s = math.sin(phi)
    return b * b / 2 * (s / (1 - e * e * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e))


@pytest.mark.parametrize("lat", [18.0, 35.0, 52.0])
def test_graticule_cell_matches_the_closed_form(lat):
    """A 1° × 1° cell bounded by meridians and parallels (edges straight in lon/lat)."""
    ring = np.array([[113.0, lat], [114.0, lat], [114.0, lat + 1], [113.0, lat + 1], [113.0, lat]])
    ours = ellipsoidal_areas(RingBatch.from_polygons([[[ring]]]), gk.Geographic())[0]
    expected = math.radians(1.0) * (_authalic_zone(math.radians(lat + 1)) - _authalic_zone(math.radians(lat)))
    # the 32号 series stops at e⁸: its truncation is ~1e-11 of the area (0.06 m² on this 7.6e9 m²)
    assert ours == pytest.approx(expected, rel=3e-11)


@pytest.mark.parametrize("seed", range(6))
def test_geographic_polygons_match_geographiclib(seed):
    rng = np.random.default_rng(seed)
    size = [0.001, 0.01, 0.03][seed % 3]  # degrees: ~100 m to ~3 km, edges straight in lon/lat
    centre = np.array([rng.uniform(74, 134), rng.uniform(18, 53)])
    polygons = [[_star(rng, centre, size, 15), _star(rng, centre, size * 0.1, 6)]]
    ours = ellipsoidal_areas(RingBatch.from_polygons([polygons]), gk.Geographic())[0]
    expected = reference_area(None, polygons)
    assert abs(ours - expected) <= tolerance(expected)


def test_projected_and_geographic_input_agree():
    """The same drawn polygon given in EPSG:4547 and, densely transformed by PROJ, in EPSG:4490."""
    rng = np.random.default_rng(5)
    epsg = 4547
    ring = _star(rng, _place(rng, epsg, False), 800, 20)
    lonlat = np.column_stack(_to_geographic(epsg).transform(*_cut(ring, 1.0).T))
    projected = ellipsoidal_areas(RingBatch.from_polygons([[[ring]]]), gk.grid_for_epsg(epsg))[0]
    geographic = ellipsoidal_areas(RingBatch.from_polygons([[[lonlat]]]), gk.Geographic())[0]
    assert abs(projected - geographic) <= tolerance(projected)


# --- batch mechanics -------------------------------------------------------------------------------


def test_orientation_holes_and_parts():
    grid = gk.grid_for_epsg(4526)
    x0, y0 = 38_430_000.0, 3_900_000.0
    square = np.array([[x0, y0], [x0 + 100, y0], [x0 + 100, y0 + 100], [x0, y0 + 100], [x0, y0]])
    middle = np.array([x0 + 50, y0 + 50])
    hole = (square[::-1] - middle) * 0.5 + middle  # reversed and shrunk about the centre: a quarter
    far = square + np.array([5000.0, 0.0])
    areas = ellipsoidal_areas(
        RingBatch.from_polygons([[[square]], [[square[::-1]]], [[square, hole]], [[square], [far]], []]), grid
    )
    whole, reversed_, holed, two_parts, empty = areas
    assert whole == pytest.approx(reversed_, abs=1e-9)
    assert holed == pytest.approx(whole * 0.75, rel=1e-6)
    assert two_parts == pytest.approx(2 * whole, rel=1e-4)
    assert empty == 0.0
    assert whole == pytest.approx(reference_area(4526, [[square]]), abs=tolerance(whole))


def test_signed_ring_areas_follow_orientation():
    grid = gk.grid_for_epsg(4547)
    ccw = np.array([[500_000.0, 3e6], [500_100.0, 3e6], [500_100.0, 3e6 + 50], [500_000.0, 3e6]])
    signed = ring_areas(RingBatch.from_polygons([[[ccw]], [[ccw[::-1]]]]), grid)
    assert signed[0] > 0 > signed[1]
    assert signed[0] == pytest.approx(-signed[1], rel=1e-12)


def test_degenerate_rings_have_no_area():
    grid = gk.grid_for_epsg(4547)
    point = np.array([[500_000.0, 3e6]])
    back_and_forth = np.array([[500_000.0, 3e6], [500_010.0, 3e6], [500_000.0, 3e6]])
    empty_batch = RingBatch.from_polygons([])
    assert ellipsoidal_areas(empty_batch, grid).shape == (0,)
    areas = ellipsoidal_areas(RingBatch.from_polygons([[[point]], [[back_and_forth]], [[]]]), grid)
    np.testing.assert_array_equal(areas, [0.0, 0.0, 0.0])


def test_rings_of_a_feature_need_not_be_adjacent():
    grid = gk.grid_for_epsg(4547)
    a = np.array([[500_000.0, 3e6], [500_100.0, 3e6], [500_100.0, 3e6 + 100], [500_000.0, 3e6]])
    b = a + np.array([1000.0, 0.0])
    batch = RingBatch.from_rings([a, b, a], [1, 0, 1], [False, False, False], 3)
    single = ellipsoidal_areas(RingBatch.from_polygons([[[a]]]), grid)[0]
    np.testing.assert_allclose(ellipsoidal_areas(batch, grid), [single, 2 * single, 0.0], rtol=1e-4)


def test_batch_validation():
    good = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match="not closed"):
        RingBatch(good[:-1], np.array([0, 3]), np.array([0]), np.array([False]), 1)
    with pytest.raises(ValueError, match="ring_offsets"):
        RingBatch(good, np.array([0, 3]), np.array([0]), np.array([False]), 1)
    with pytest.raises(ValueError, match="feature"):
        RingBatch(good, np.array([0, 4]), np.array([1]), np.array([False]), 1)
    with pytest.raises(ValueError):
        ellipsoidal_areas(RingBatch(good, np.array([0, 4]), np.array([0]), np.array([False]), 1), None)


def test_from_polygons_closes_open_rings():
    batch = RingBatch.from_polygons([[[[(0, 0), (1, 0), (0, 1)]]]])
    assert batch.xy.shape == (4, 2)
    np.testing.assert_array_equal(batch.xy[0], batch.xy[-1])


def test_densify_cuts_long_edges_only():
    ring = np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 2.5], [0.0, 0.0]])
    dense = densify(RingBatch.from_polygons([[[ring]], [[ring + 100]]]), 3.0)
    # edge lengths 10, 2.5 and 10.31 → 4, 1 and 4 pieces; 9 points + closing point per ring
    np.testing.assert_array_equal(dense.ring_offsets, [0, 10, 20])
    first = dense.xy[:10]
    np.testing.assert_allclose(first[:5], [[0, 0], [2.5, 0], [5, 0], [7.5, 0], [10, 0]])
    np.testing.assert_array_equal(first[-1], ring[0])
    steps = np.hypot(*np.diff(first, axis=0).T)
    assert steps.max() <= 3.0
    with pytest.raises(ValueError):
        densify(RingBatch.from_polygons([[[ring * 1e12]]]), 1.0)


def test_a_layer_sized_batch_is_handled_in_blocks():
    """More vertices than one block, with a ring larger than a block among small ones."""
    rng = np.random.default_rng(2)
    grid = gk.grid_for_epsg(4526)
    centre = np.array([38_500_000.0, 3_900_000.0])
    small = [_star(rng, centre + np.array([i * 500.0, 0.0]), 100, 30) for i in range(3000)]
    angle = np.linspace(0, 2 * np.pi, 80_000, endpoint=False)
    radius = 2000 + rng.uniform(-0.5, 0.5, angle.size)
    big = centre - np.array([0.0, 5000.0]) + np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    big = np.vstack([big, big[:1]])
    features = [[[r]] for r in small[:1500]] + [[[big]]] + [[[r]] for r in small[1500:]]
    areas = ellipsoidal_areas(RingBatch.from_polygons(features), grid)
    assert areas[1500] == pytest.approx(reference_area(4526, [[big]]), abs=tolerance(areas[1500]))
    for index in (0, 1499, 1501, 3000):
        assert areas[index] == pytest.approx(reference_area(4526, features[index]), abs=0.01)


def test_thread_count_changes_no_area(monkeypatch):
    """Blocks measured on 1, 2 or 3 threads give bit-identical areas (each block is independent)."""
    rng = np.random.default_rng(9)
    grid = gk.grid_for_epsg(4526)
    centre = np.array([38_500_000.0, 3_900_000.0])
    features = [
        [[_star(rng, centre + rng.uniform(-3e4, 3e4, 2), 80, int(rng.integers(5, 40)))]] for _ in range(6000)
    ]
    batch = RingBatch.from_polygons(features)
    assert batch.xy.shape[0] > 3 * area_module._BLOCK_VERTICES
    results = []
    for threads in (1, 2, 3):
        monkeypatch.setattr(area_module, "_THREADS", threads)
        results.append(ellipsoidal_areas(batch, grid))
    np.testing.assert_array_equal(results[0], results[1])
    np.testing.assert_array_equal(results[0], results[2])
    for index in (0, 2999, 5999):
        expected = reference_area(4526, features[index])
        assert results[0][index] == pytest.approx(expected, abs=tolerance(expected))


def test_feature_extents_are_the_bounds_of_each_features_outer_rings():
    rng = np.random.default_rng(7)
    polygons = []
    for f in range(60):
        parts = []
        for _ in range(int(rng.integers(0, 3))):  # some features have no part at all
            cx, cy = rng.uniform(-1e5, 1e5, 2)
            outer = [(cx + dx, cy + dy) for dx, dy in rng.uniform(-50, 50, (int(rng.integers(3, 9)), 2))]
            hole = [(cx + dx, cy + dy) for dx, dy in rng.uniform(-5, 5, (3, 2))]
            parts.append([outer, hole] if f % 2 else [outer])
        polygons.append(parts)
    extents = RingBatch.from_polygons(polygons).feature_extents()
    for parts, extent in zip(polygons, extents):
        points = np.array([p for part in parts for p in part[0]]).reshape(-1, 2)
        if points.size == 0:
            assert np.isnan(extent).all()
        else:
            assert extent.tolist() == [*points.min(axis=0), *points.max(axis=0)]
