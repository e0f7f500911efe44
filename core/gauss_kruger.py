"""CGCS2000 Gauss–Krüger grids: EPSG lookup, zone checks on eastings, and a vectorised projection.

The projection is the Krüger n-series transverse Mercator (Karney 2011; the same series and order
as PROJ's ``tmerc``/``etmerc``): sub-micrometre over the whole of a 3° or 6° zone. Scale factor 1 on
the central meridian, false northing 0; the false easting is 500 000 m, plus zone × 10⁶ for the
"zone prefix" CRSs. Everything works on whole numpy arrays, in blocks to bound the temporaries.

Easting problems reported by :func:`check_eastings` (machine-readable; translate at the edge):

* ``"prefix-in-no-prefix-crs"`` — 8-digit eastings (zone prefix) in a CRS without prefix;
* ``"no-prefix-in-prefix-crs"`` — eastings without prefix in a CRS whose eastings carry the zone;
* ``"zone-mismatch"`` — 8-digit eastings whose prefix is another zone than the CRS's;
* ``"mixed-eastings"`` — some eastings carry a prefix and some do not (no single CRS fits).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import ellipsoid as ell

PREFIX_IN_NO_PREFIX_CRS = "prefix-in-no-prefix-crs"
NO_PREFIX_IN_PREFIX_CRS = "no-prefix-in-prefix-crs"
ZONE_MISMATCH = "zone-mismatch"
MIXED_EASTINGS = "mixed-eastings"
EASTING_PROBLEMS: tuple[str, ...] = (
    PREFIX_IN_NO_PREFIX_CRS,
    NO_PREFIX_IN_PREFIX_CRS,
    ZONE_MISMATCH,
    MIXED_EASTINGS,
)

GEOGRAPHIC_EPSG = 4490
FALSE_EASTING = 500_000.0
SCALE_FACTOR = 1.0
_PREFIX_UNIT = 1_000_000.0
_BLOCK = 1 << 18  # vertices per block: keeps temporaries small and in cache

# EPSG ranges of the CGCS2000 Gauss–Krüger CRSs (first code, zone width, first zone).
_SIX_PREFIX = (4491, 6, 13)  # 4491–4501: 6° zone 13–23, zone prefix
_SIX_PLAIN = (4502, 6, 13)  # 4502–4512: 6° CM 75E–135E
_THREE_PREFIX = (4513, 3, 25)  # 4513–4533: 3° zone 25–45, zone prefix
_THREE_PLAIN = (4534, 3, 25)  # 4534–4554: 3° CM 75E–135E
_SIX_ZONES = range(13, 24)
_THREE_ZONES = range(25, 46)


@dataclass(frozen=True)
class GaussKruger:
    """A CGCS2000 Gauss–Krüger grid.

    ``zone`` is the zone number of the central meridian (CM = 6·zone − 3 for 6° zones, 3·zone for
    3° zones) whether or not the eastings carry it; None for a non-standard central meridian.
    The eastings carry the zone prefix when ``false_easting`` exceeds 10⁶ (see :attr:`prefixed`).
    """

    central_meridian: float
    false_easting: float
    zone: int | None
    zone_width: int
    epsg: int | None

    @property
    def prefixed(self) -> bool:
        """True when the eastings are 8-digit, zone × 10⁶ + 500 000 ± …"""
        return self.false_easting >= _PREFIX_UNIT


@dataclass(frozen=True)
class Geographic:
    """CGCS2000 longitude/latitude in degrees (x = lon, y = lat)."""

    epsg: int = GEOGRAPHIC_EPSG


def _zone_cm(zone: int, width: int) -> float:
    return float(6 * zone - 3 if width == 6 else 3 * zone)


def _grid(zone: int, width: int, prefixed: bool, epsg: int | None) -> GaussKruger:
    false_easting = zone * _PREFIX_UNIT + FALSE_EASTING if prefixed else FALSE_EASTING
    return GaussKruger(_zone_cm(zone, width), false_easting, zone, width, epsg)


def grid_for_epsg(epsg: int) -> GaussKruger | Geographic | None:
    """The grid of a CGCS2000 EPSG code (4490, 4491–4554); None for any other code."""
    if epsg == GEOGRAPHIC_EPSG:
        return Geographic()
    for first, width, first_zone in (_SIX_PREFIX, _SIX_PLAIN, _THREE_PREFIX, _THREE_PLAIN):
        count = len(_SIX_ZONES) if width == 6 else len(_THREE_ZONES)
        if first <= epsg < first + count:
            prefixed = first in (_SIX_PREFIX[0], _THREE_PREFIX[0])
            return _grid(first_zone + epsg - first, width, prefixed, epsg)
    return None


def _epsg_for(zone: int, width: int, prefixed: bool) -> int | None:
    if width == 6 and zone in _SIX_ZONES:
        first = _SIX_PREFIX[0] if prefixed else _SIX_PLAIN[0]
        return first + zone - _SIX_ZONES[0]
    if width == 3 and zone in _THREE_ZONES:
        first = _THREE_PREFIX[0] if prefixed else _THREE_PLAIN[0]
        return first + zone - _THREE_ZONES[0]
    return None


def _finite(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64).ravel()
    return x[np.isfinite(x)]


def _eight_digit(x: np.ndarray) -> np.ndarray:
    return (x >= 10 * _PREFIX_UNIT) & (x < 100 * _PREFIX_UNIT)


def _single_prefix_zone(x: np.ndarray) -> int | None:
    """The common zone prefix of 8-digit eastings, or None if they are not all 8-digit in one zone."""
    if x.size == 0 or not _eight_digit(x).all():
        return None
    zones = np.floor(x / _PREFIX_UNIT)
    if zones.min() != zones.max():
        return None
    return int(zones[0])


def _prefixed_grid_for_zone(zone: int) -> GaussKruger:
    """Zone numbers 13–23 can only be 6° zones in China (3° zones there are 25–45)."""
    width = 6 if zone in _SIX_ZONES else 3
    return _grid(zone, width, True, _epsg_for(zone, width, True))


def grid_from_eastings(x: np.ndarray) -> GaussKruger | None:
    """Grid implied by 8-digit eastings of a layer without CRS (zone = ⌊X / 10⁶⌋).

    Zones 25–45 (and any other number ≥ 24) are 3° zones with CM = 3·zone, as the production tools
    assume; 13–23 are 6° zones (CM = 6·zone − 3), since a 3° zone 13–23 lies far west of China.
    None when the eastings are not all 8-digit with one common prefix.
    """
    zone = _single_prefix_zone(_finite(x))
    if zone is None:
        return None
    return _prefixed_grid_for_zone(zone)


def check_eastings(grid: GaussKruger, x: np.ndarray) -> str | None:
    """None if the eastings fit the grid's prefix convention, else one of ``EASTING_PROBLEMS``."""
    x = _finite(x)
    if x.size == 0:
        return None
    eight = _eight_digit(x)
    if eight.any() and not eight.all():
        return MIXED_EASTINGS
    if not grid.prefixed:
        return PREFIX_IN_NO_PREFIX_CRS if eight.all() else None
    if not eight.any():
        return NO_PREFIX_IN_PREFIX_CRS
    zone = _single_prefix_zone(x)
    if zone is None or zone != round((grid.false_easting - FALSE_EASTING) / _PREFIX_UNIT):
        return ZONE_MISMATCH
    return None


def suggest_epsg(grid: GaussKruger, x: np.ndarray) -> int | None:
    """EPSG code of the CGCS2000 grid the eastings fit (the grid's own code when they fit it)."""
    problem = check_eastings(grid, x)
    if problem is None:
        return grid.epsg
    if problem == NO_PREFIX_IN_PREFIX_CRS:
        if grid.zone is None:
            return None
        return _epsg_for(grid.zone, grid.zone_width, False)
    if problem in (PREFIX_IN_NO_PREFIX_CRS, ZONE_MISMATCH):
        zone = _single_prefix_zone(_finite(x))
        return None if zone is None else _prefixed_grid_for_zone(zone).epsg
    return None


# --- projection --------------------------------------------------------------------------------

_K0A = SCALE_FACTOR * ell.RECTIFYING_RADIUS


def _clenshaw_sin(coefficients: tuple[float, ...], cos2: np.ndarray, sin2: np.ndarray) -> np.ndarray:
    """Σ c_k sin(2kθ) given cos 2θ and sin 2θ (real or complex arrays), by Clenshaw's recurrence."""
    two_cos = 2.0 * cos2
    b1 = np.zeros_like(cos2)
    b2 = np.zeros_like(cos2)
    for c in reversed(coefficients):
        b1, b2 = two_cos * b1 - b2 + c, b1
    return sin2 * b1


def _conformal_to_geodetic(chi: np.ndarray) -> np.ndarray:
    two_chi = 2.0 * chi
    return chi + _clenshaw_sin(ell.CONFORMAL_TO_GEODETIC, np.cos(two_chi), np.sin(two_chi))


def _clenshaw_cos_derivative(coefficients: tuple[float, ...], cos2: np.ndarray) -> np.ndarray:
    """Σ 2k c_k cos(2kθ) given cos 2θ: the θ-derivative of Σ c_k sin(2kθ)."""
    two_cos = 2.0 * cos2
    b1 = np.zeros_like(cos2)
    b2 = np.zeros_like(cos2)
    for k in range(len(coefficients), 0, -1):
        b1, b2 = two_cos * b1 - b2 + 2 * k * coefficients[k - 1], b1
    return cos2 * b1 - b2


_MINUS_BETA = tuple(-b for b in ell.KRUGER_BETA)


def _cos_sin_complex(re: np.ndarray, im: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """cos z and sin z of z = re + i·im with four real transcendental calls instead of eight."""
    cos_re, sin_re = np.cos(re), np.sin(re)
    sinh_im = np.sinh(im)
    cosh_im = np.sqrt(1.0 + sinh_im * sinh_im)
    cos_z = np.empty(re.shape, dtype=np.complex128)
    sin_z = np.empty(re.shape, dtype=np.complex128)
    cos_z.real = cos_re * cosh_im
    cos_z.imag = -(sin_re * sinh_im)
    sin_z.real = sin_re * cosh_im
    sin_z.imag = cos_re * sinh_im
    return cos_z, sin_z


def inverse_block(easting: np.ndarray, northing: np.ndarray, derivative: bool = False) -> tuple[np.ndarray, ...]:
    """(λ − CM, φ) in radians of points given relative to the false origin, one block.

    With ``derivative`` also returns dW/dw, the complex derivative of W = ψ + iλ (isometric latitude
    ψ) with respect to the plane coordinate w = northing + i·easting: a plane step dw moves the
    point by dψ + i·dλ = (dW/dw)·dw (the projection is conformal, so this one number is the
    whole Jacobian).
    """
    xi0, eta0 = northing / _K0A, easting / _K0A
    cos2, sin2 = _cos_sin_complex(2.0 * xi0, 2.0 * eta0)
    zeta_p = _clenshaw_sin(_MINUS_BETA, cos2, sin2)
    zeta_p.real += xi0
    zeta_p.imag += eta0
    xi, eta = zeta_p.real, zeta_p.imag
    sinh_eta = np.sinh(eta)
    cos_xi = np.cos(xi)
    sin_xi = np.sin(xi)
    chi = np.arctan2(sin_xi, np.hypot(sinh_eta, cos_xi))
    lam, phi = np.arctan2(sinh_eta, cos_xi), _conformal_to_geodetic(chi)
    if not derivative:
        return lam, phi
    # ζ' = gd(W) on the conformal sphere, so dW/dζ' = 1 / cos ζ'; dζ'/dζ from the β series.
    cosh_eta = np.sqrt(1.0 + sinh_eta * sinh_eta)
    cos_zeta_p = cos_xi * cosh_eta - 1j * (sin_xi * sinh_eta)
    dzeta_p = 1.0 + _clenshaw_cos_derivative(_MINUS_BETA, cos2)
    return lam, phi, dzeta_p / (cos_zeta_p * _K0A)


def inverse_radians(grid: GaussKruger, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(λ − CM, φ) in radians of plane points: longitude relative to the central meridian."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.shape != y.shape:
        raise ValueError(f"x and y differ in shape: {x.shape} vs {y.shape}")
    flat_x, flat_y = x.ravel(), y.ravel()
    lam, phi = np.empty(flat_x.size), np.empty(flat_x.size)
    for start in range(0, flat_x.size, _BLOCK):
        block = slice(start, start + _BLOCK)
        lam[block], phi[block] = inverse_block(flat_x[block] - grid.false_easting, flat_y[block])
    return lam.reshape(x.shape), phi.reshape(x.shape)


def inverse(grid: GaussKruger, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude (degrees, CGCS2000) of plane points (x = easting, y = northing)."""
    lam, phi = inverse_radians(grid, x, y)
    return grid.central_meridian + np.degrees(lam), np.degrees(phi)


def forward(grid: GaussKruger, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Easting and northing (m) of longitude/latitude points (degrees, CGCS2000)."""
    lam = np.radians(np.asarray(lon, dtype=np.float64) - grid.central_meridian)
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    if lam.shape != phi.shape:
        raise ValueError(f"lon and lat differ in shape: {lam.shape} vs {phi.shape}")
    # exact conformal latitude χ via the isometric latitude ψ
    psi = np.arcsinh(np.tan(phi)) - ell.E * np.arctanh(ell.E * np.sin(phi))
    chi = np.arctan(np.sinh(psi))
    sin_chi, cos_chi = np.sin(chi), np.cos(chi)
    cos_chi_cos_lam = cos_chi * np.cos(lam)
    xi_p = np.arctan2(sin_chi, cos_chi_cos_lam)
    eta_p = np.arcsinh(cos_chi * np.sin(lam) / np.hypot(sin_chi, cos_chi_cos_lam))
    cos2, sin2 = _cos_sin_complex(2.0 * xi_p, 2.0 * eta_p)
    zeta = _clenshaw_sin(ell.KRUGER_ALPHA, cos2, sin2)
    return grid.false_easting + _K0A * (eta_p + zeta.imag), _K0A * (xi_p + zeta.real)
