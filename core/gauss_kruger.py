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

import math
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


def _chebyshev_monomials(kind: str, degree: int) -> list[list[int]]:
    """Integer monomial coefficients (x⁰ first) of T_0 … T_degree (kind "T") or U_0 … U_degree ("U")."""
    polynomials = [[1], [0, 1] if kind == "T" else [0, 2]]
    while len(polynomials) <= degree:
        twice_x = [0, *(2 * c for c in polynomials[-1])]
        before = polynomials[-2] + [0] * (len(twice_x) - len(polynomials[-2]))
        polynomials.append([a - b for a, b in zip(twice_x, before)])
    return polynomials[: degree + 1]


def _sine_series_polynomial(coefficients: tuple[float, ...]) -> tuple[float, ...]:
    """a_j with Σ_k c_k sin 2kθ = sin 2θ · Σ_j a_j cos^j 2θ (sin 2kθ = sin 2θ · U_{k−1}(cos 2θ))."""
    u = _chebyshev_monomials("U", len(coefficients) - 1)
    return tuple(
        math.fsum(c * u[k][j] for k, c in enumerate(coefficients) if j < len(u[k]))
        for j in range(len(coefficients))
    )


def _cosine_series_polynomial(constant: float, coefficients: tuple[float, ...]) -> tuple[float, ...]:
    """a_j with constant + Σ_k w_k cos 2kθ = Σ_j a_j cos^j 2θ (cos 2kθ = T_k(cos 2θ))."""
    t = _chebyshev_monomials("T", len(coefficients))
    terms = [(constant, t[0]), *zip(coefficients, t[1:])]
    return tuple(math.fsum(w * p[j] for w, p in terms if j < len(p)) for j in range(len(coefficients) + 1))


# The series run on powers of cos 2ζ by Horner's rule (fewer passes than Clenshaw's recurrence; the
# coefficients fall like nᵏ, so the monomial form loses nothing). Terms dropped: β₆ ≈ 7e-19 rad in ζ'
# (a hundredth of an ulp) and 2k·β_k for k ≥ 5 (≈ 4e-15, relative) in the derivative.
_ZETA_SERIES = _sine_series_polynomial(tuple(-b for b in ell.KRUGER_BETA[:5]))
_SLOPE_SERIES = _cosine_series_polynomial(
    1.0, tuple(-2 * k * b for k, b in enumerate(ell.KRUGER_BETA[:4], 1))
)
_LATITUDE_SERIES = _sine_series_polynomial(ell.CONFORMAL_TO_GEODETIC)


class WorkArrays:
    """Named work arrays kept from call to call (use one per thread).

    A fresh numpy array per temporary and per block can be costly: once a block's temporaries are
    freed, the allocator may hand their pages back to the system, and the next block faults them in
    again (measured on a loop of 32k-vertex inverse projections: 105 ns per vertex with fresh arrays,
    39 with work arrays). Arrays handed out are views, valid until the same name is asked for again.
    """

    def __init__(self) -> None:
        self._arrays: dict[tuple[str, str], np.ndarray] = {}

    def get(self, name: str, shape: tuple[int, ...], dtype: type = np.float64) -> np.ndarray:
        size = math.prod(shape)
        key = (name, np.dtype(dtype).char)
        array = self._arrays.get(key)
        if array is None or array.size < size:
            array = np.empty(size, dtype)
            self._arrays[key] = array
        return array[:size].reshape(shape)


def _horner(x: np.ndarray, coefficients: tuple[float, ...], out: np.ndarray) -> np.ndarray:
    """Σ a_j x^j (a₀ first) for real or complex x, into ``out``."""
    np.multiply(x, coefficients[-1], out=out)
    out += coefficients[-2]
    for coefficient in reversed(coefficients[:-2]):
        out *= x
        out += coefficient
    return out


def _conformal_to_geodetic(chi: np.ndarray, work: WorkArrays) -> np.ndarray:
    """φ = χ + Σ d_k sin 2kχ (a work array named "phi"; χ is left alone)."""
    two_chi = np.multiply(chi, 2.0, out=work.get("two_chi", chi.shape))
    cos_2chi = np.cos(two_chi, out=work.get("cos_2chi", chi.shape))
    phi = _horner(cos_2chi, _LATITUDE_SERIES, work.get("phi", chi.shape))
    phi *= np.sin(two_chi, out=two_chi)
    phi += chi
    return phi


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


def inverse_block(
    easting: np.ndarray, northing: np.ndarray, derivative: bool = False, work: WorkArrays | None = None
) -> tuple[np.ndarray, ...]:
    """(λ − CM, φ) in radians of points given relative to the false origin, one block.

    With ``derivative`` also returns dW/dw, the complex derivative of W = ψ + iλ (isometric latitude
    ψ) with respect to the plane coordinate w = northing + i·easting: a plane step dw moves the
    point by dψ + i·dλ = (dW/dw)·dw (the projection is conformal, so this one number is the
    whole Jacobian). This is the hot loop of the area engine: everything is computed in place on
    ``work``'s arrays, and the results are views into them when ``work`` is given.
    """
    work = WorkArrays() if work is None else work
    shape = np.shape(easting)

    def real(name: str) -> np.ndarray:
        return work.get(name, shape)

    def complex_(name: str) -> np.ndarray:
        return work.get(name, shape, np.complex128)

    two_xi0 = np.divide(northing, _K0A, out=real("xi"))  # ζ = ξ₀ + iη₀, the normalised plane point
    two_xi0 *= 2.0
    two_eta0 = np.divide(easting, _K0A, out=real("eta"))
    two_eta0 *= 2.0
    cos_2xi = np.cos(two_xi0, out=real("cos_xi"))
    sin_2xi = np.sin(two_xi0, out=real("sin_xi"))
    sinh_2eta = np.sinh(two_eta0, out=real("sinh_eta"))
    cosh_2eta = np.multiply(sinh_2eta, sinh_2eta, out=real("cosh_eta"))
    cosh_2eta += 1.0
    np.sqrt(cosh_2eta, out=cosh_2eta)
    cos_2zeta = complex_("cos_2zeta")
    np.multiply(cos_2xi, cosh_2eta, out=cos_2zeta.real)
    np.multiply(sin_2xi, sinh_2eta, out=cos_2zeta.imag)
    np.negative(cos_2zeta.imag, out=cos_2zeta.imag)
    shift = _horner(cos_2zeta, _ZETA_SERIES, complex_("shift"))  # ζ' − ζ = Σ c_k sin 2kζ, c_k = −β_k
    sin_2zeta = complex_("sin_2zeta")
    np.multiply(sin_2xi, cosh_2eta, out=sin_2zeta.real)
    np.multiply(cos_2xi, sinh_2eta, out=sin_2zeta.imag)
    shift *= sin_2zeta
    xi = np.multiply(two_xi0, 0.5, out=two_xi0)  # ζ' = ξ + iη on the conformal sphere
    xi += shift.real
    eta = np.multiply(two_eta0, 0.5, out=two_eta0)
    eta += shift.imag
    sinh_eta = np.sinh(eta, out=sinh_2eta)
    cos_xi = np.cos(xi, out=cos_2xi)
    sin_xi = np.sin(xi, out=sin_2xi)
    r2 = np.multiply(sinh_eta, sinh_eta, out=cosh_2eta)  # |cos ζ'|² = cos²ξ + sinh²η
    square = np.multiply(cos_xi, cos_xi, out=eta)
    r2 += square
    chi = np.sqrt(r2, out=xi)
    np.arctan2(sin_xi, chi, out=chi)
    lam = np.arctan2(sinh_eta, cos_xi, out=real("lam"))
    phi = _conformal_to_geodetic(chi, work)
    if not derivative:
        return lam, phi
    # dW/dw = (dζ'/dζ)·(dW/dζ')/k₀A; ζ' = gd(W) on the conformal sphere, so dW/dζ' = 1 / cos ζ'
    # = conj(cos ζ') / |cos ζ'|², and dζ'/dζ = 1 + Σ 2k·c_k·cos 2kζ
    slope = _horner(cos_2zeta, _SLOPE_SERIES, complex_("slope"))
    conj_cos = sin_2zeta
    cosh_eta = np.multiply(sinh_eta, sinh_eta, out=square)
    cosh_eta += 1.0
    np.sqrt(cosh_eta, out=cosh_eta)
    np.multiply(cos_xi, cosh_eta, out=conj_cos.real)
    np.multiply(sin_xi, sinh_eta, out=conj_cos.imag)
    slope *= conj_cos
    r2 *= _K0A
    np.reciprocal(r2, out=r2)
    slope.real *= r2
    slope.imag *= r2
    return lam, phi, slope


def inverse_radians(grid: GaussKruger, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(λ − CM, φ) in radians of plane points: longitude relative to the central meridian."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.shape != y.shape:
        raise ValueError(f"x and y differ in shape: {x.shape} vs {y.shape}")
    flat_x, flat_y = x.ravel(), y.ravel()
    lam, phi = np.empty(flat_x.size), np.empty(flat_x.size)
    work = WorkArrays()
    for start in range(0, flat_x.size, _BLOCK):
        block = slice(start, start + _BLOCK)
        lam[block], phi[block] = inverse_block(flat_x[block] - grid.false_easting, flat_y[block], work=work)
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
