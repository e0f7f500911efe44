"""CGCS2000 Gauss–Krüger grids and projection, checked against PROJ (pyproj) and hand facts."""

from __future__ import annotations

import math

import numpy as np
import pyproj
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core import ellipsoid as ell
from farmland_guard.core import gauss_kruger as gk


def _use_system_proj_data() -> None:
    """The test venv hides Debian's PROJ database from pyproj; point pyproj at it."""
    try:
        pyproj.datadir.get_data_dir()
    except pyproj.exceptions.DataDirError:
        pyproj.datadir.set_data_dir("/usr/share/proj")


_use_system_proj_data()

ALL_GK = list(range(4491, 4555))


def _proj_parameters(epsg: int) -> dict[str, float]:
    operation = pyproj.CRS.from_epsg(epsg).coordinate_operation
    return {p.name: p.value for p in operation.params}


@pytest.mark.parametrize("epsg", ALL_GK)
def test_grid_for_epsg_matches_the_epsg_database(epsg):
    grid = gk.grid_for_epsg(epsg)
    params = _proj_parameters(epsg)
    assert isinstance(grid, gk.GaussKruger)
    assert grid.epsg == epsg
    assert grid.central_meridian == params["Longitude of natural origin"]
    assert grid.false_easting == params["False easting"]
    assert params["False northing"] == 0 and params["Scale factor at natural origin"] == 1
    name = pyproj.CRS.from_epsg(epsg).name
    assert ("3-degree" in name) == (grid.zone_width == 3)
    assert grid.prefixed == ("zone" in name)
    assert grid.zone is not None
    if grid.prefixed:
        assert f"zone {grid.zone}" in name


def test_ellipsoid_is_cgcs2000():
    ellipsoid = pyproj.CRS.from_epsg(4490).ellipsoid
    assert ellipsoid.semi_major_metre == ell.A
    assert abs(ellipsoid.inverse_flattening - ell.INVERSE_FLATTENING) < 1e-9
    assert abs(ellipsoid.semi_minor_metre - ell.B) < 1e-6


def test_other_codes_have_no_grid():
    assert gk.grid_for_epsg(4490) == gk.Geographic(4490)
    for epsg in (4326, 4489, 4555, 3857, 2383, 0):
        assert gk.grid_for_epsg(epsg) is None


def test_known_point_in_jiaozuo():
    """domain.md §3.4: 113.24°E 35.22°N → EPSG:4526 E = 38 430 806.5, N = 3 899 264.9."""
    x, y = gk.forward(gk.grid_for_epsg(4526), np.array([113.24]), np.array([35.22]))
    assert x[0] == pytest.approx(38_430_806.5, abs=0.1)
    assert y[0] == pytest.approx(3_899_264.9, abs=0.1)


@pytest.mark.parametrize("epsg", ALL_GK)
def test_projection_matches_proj_over_the_whole_zone(epsg):
    grid = gk.grid_for_epsg(epsg)
    rng = np.random.default_rng(epsg)
    half_width = 3.5 if grid.zone_width == 6 else 2.0  # beyond the zone edge, as in real data
    lon = grid.central_meridian + rng.uniform(-half_width, half_width, 400)
    lat = rng.uniform(17.0, 54.0, 400)
    x_ref, y_ref = pyproj.Transformer.from_crs(4490, epsg, always_xy=True).transform(lon, lat)
    x, y = gk.forward(grid, lon, lat)
    assert np.abs(x - x_ref).max() < 1e-6
    assert np.abs(y - y_ref).max() < 1e-6
    lon_back, lat_back = gk.inverse(grid, x_ref, y_ref)
    metres_per_degree = 111_320.0
    assert np.abs(lon_back - lon).max() * metres_per_degree < 1e-6
    assert np.abs(lat_back - lat).max() * metres_per_degree < 1e-6


def test_inverse_keeps_the_shape_of_its_input():
    grid = gk.grid_for_epsg(4547)
    x = np.full((3, 4), 510_000.0)
    y = np.full((3, 4), 3_900_000.0)
    lon, lat = gk.inverse(grid, x, y)
    assert lon.shape == lat.shape == (3, 4)
    with pytest.raises(ValueError):
        gk.inverse(grid, x, y[:2])


def _isometric_latitude(lat_degrees: np.ndarray) -> np.ndarray:
    phi = np.radians(lat_degrees)
    return np.arcsinh(np.tan(phi)) - ell.E * np.arctanh(ell.E * np.sin(phi))


def test_conformal_derivative_matches_finite_differences_of_proj():
    """dW/dw (W = ψ + iλ, w = northing + i·easting) against central differences of PROJ's inverse."""
    epsg = 4502
    grid = gk.grid_for_epsg(epsg)
    to_geo = pyproj.Transformer.from_crs(epsg, 4490, always_xy=True)
    rng = np.random.default_rng(7)
    east = rng.uniform(-380_000, 380_000, 50)
    north = rng.uniform(2_000_000, 5_900_000, 50)
    _, _, derivative = gk.inverse_block(east, north, derivative=True)
    h = 1.0
    for d_east, d_north in ((h, 0.0), (0.0, h)):
        lon1, lat1 = to_geo.transform(east + d_east + grid.false_easting, north + d_north)
        lon0, lat0 = to_geo.transform(east - d_east + grid.false_easting, north - d_north)
        numeric = (_isometric_latitude(lat1) - _isometric_latitude(lat0)) + 1j * np.radians(lon1 - lon0)
        numeric /= 2 * h
        analytic = derivative * (d_north + 1j * d_east) / h
        assert np.abs(numeric - analytic).max() / np.abs(analytic).min() < 1e-7


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(ALL_GK),
    st.floats(-3.0, 3.0),
    st.floats(15.0, 55.0),
)
def test_forward_then_inverse_is_the_identity(epsg, d_lon, lat):
    grid = gk.grid_for_epsg(epsg)
    lon = grid.central_meridian + d_lon
    x, y = gk.forward(grid, np.array([lon]), np.array([lat]))
    lon_back, lat_back = gk.inverse(grid, x, y)
    assert math.isclose(lon_back[0], lon, abs_tol=1e-11)
    assert math.isclose(lat_back[0], lat, abs_tol=1e-11)


# --- zones from eastings -------------------------------------------------------------------------


def test_grid_from_prefixed_eastings():
    grid = gk.grid_from_eastings(np.array([38_430_806.5, 38_512_000.0]))
    assert grid == gk.grid_for_epsg(4526)
    assert grid.central_meridian == 114.0 and grid.zone == 38 and grid.zone_width == 3


def test_grid_from_eastings_reads_6_degree_zone_numbers_as_6_degree():
    # a 3° zone 19 would have its CM at 57°E, far outside China; 6° zone 19 is CM 111°E
    grid = gk.grid_from_eastings(np.array([19_420_000.0, 19_530_000.0]))
    assert grid == gk.grid_for_epsg(4497)
    assert grid.central_meridian == 111.0


@pytest.mark.parametrize(
    "x",
    [
        [430_806.5, 512_000.0],  # no prefix
        [38_430_806.5, 39_430_806.5],  # two zones
        [38_430_806.5, 430_806.5],  # mixed
        [],
        [np.nan],
    ],
)
def test_grid_from_eastings_needs_one_zone_prefix(x):
    assert gk.grid_from_eastings(np.array(x, dtype=float)) is None


def test_grid_from_eastings_ignores_missing_values():
    assert gk.grid_from_eastings(np.array([np.nan, 38_500_000.0])) == gk.grid_for_epsg(4526)


@pytest.mark.parametrize(
    "epsg, x, problem, suggestion",
    [
        (4526, [38_430_806.5, 38_600_000.0], None, 4526),
        (4547, [430_806.5, 600_000.0], None, 4547),
        (4547, [38_430_806.5], gk.PREFIX_IN_NO_PREFIX_CRS, 4526),
        (4526, [430_806.5], gk.NO_PREFIX_IN_PREFIX_CRS, 4547),
        (4526, [39_430_806.5], gk.ZONE_MISMATCH, 4527),
        (4497, [38_430_806.5], gk.ZONE_MISMATCH, 4526),
        (4508, [19_430_806.5], gk.PREFIX_IN_NO_PREFIX_CRS, 4497),
        (4497, [430_806.5], gk.NO_PREFIX_IN_PREFIX_CRS, 4508),
        (4526, [38_430_806.5, 430_806.5], gk.MIXED_EASTINGS, None),
        (4526, [], None, 4526),
    ],
)
def test_check_eastings_and_suggest_epsg(epsg, x, problem, suggestion):
    grid = gk.grid_for_epsg(epsg)
    x = np.array(x, dtype=float)
    assert gk.check_eastings(grid, x) == problem
    assert gk.suggest_epsg(grid, x) == suggestion
    assert problem is None or problem in gk.EASTING_PROBLEMS
