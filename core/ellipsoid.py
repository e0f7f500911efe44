"""CGCS2000 ellipsoid constants and the series coefficients derived from them.

Two sets of series live here, both computed once at import time from a and 1/f:

* the trapezoid coefficients A…E of 国土调查办发〔2008〕32号 (ellipsoidal area, see ``area.py``);
* the Krüger series in the third flattening n used by the Gauss–Krüger projection
  (``gauss_kruger.py``): alpha (conformal sphere → ellipsoid plane), beta (the reverse),
  and the conformal-latitude → geodetic-latitude series, all to order n⁶ as in PROJ's
  ``tmerc`` (Poder/Engsager; Karney 2011, eqs. 35–36). Truncation error at order n⁷ is
  ~ a·n⁷ ≈ 1e-13 m, i.e. nothing.
"""

from __future__ import annotations

import math

A: float = 6378137.0
"""Semi-major axis a (m) of CGCS2000 (EPSG:1024)."""
INVERSE_FLATTENING: float = 298.257222101
F: float = 1.0 / INVERSE_FLATTENING
B: float = A * (1.0 - F)
"""Semi-minor axis b (m)."""
E2: float = F * (2.0 - F)
"""First eccentricity squared e² = (a² − b²) / a²."""
E: float = math.sqrt(E2)
N: float = F / (2.0 - F)
"""Third flattening n = (a − b) / (a + b)."""

# --- 32号 trapezoid coefficients -------------------------------------------------------------
_E4, _E6, _E8 = E2**2, E2**3, E2**4
TRAPEZOID_A: float = 1 + 3 / 6 * E2 + 30 / 80 * _E4 + 35 / 112 * _E6 + 630 / 2304 * _E8
TRAPEZOID_B: float = 1 / 6 * E2 + 15 / 80 * _E4 + 21 / 112 * _E6 + 420 / 2304 * _E8
TRAPEZOID_C: float = 3 / 80 * _E4 + 7 / 112 * _E6 + 180 / 2304 * _E8
TRAPEZOID_D: float = 1 / 112 * _E6 + 45 / 2304 * _E8
TRAPEZOID_E: float = 5 / 2304 * _E8
TRAPEZOID_FACTOR: float = 2.0 * B * B
"""The leading 2 b² of the trapezoid formula."""

# --- Krüger series (third flattening n) ------------------------------------------------------
RECTIFYING_RADIUS: float = A / (1 + N) * (1 + N**2 / 4 + N**4 / 64 + N**6 / 256)
"""A = a/(1+n)·(1 + n²/4 + n⁴/64 + n⁶/256): meridian arc per radian of rectifying latitude."""


def _poly(coefficients: tuple[float, ...], first_power: int) -> float:
    """Σ c_i n^(first_power + i)."""
    return sum(c * N ** (first_power + i) for i, c in enumerate(coefficients))


KRUGER_ALPHA: tuple[float, ...] = (
    _poly((1 / 2, -2 / 3, 5 / 16, 41 / 180, -127 / 288, 7891 / 37800), 1),
    _poly((13 / 48, -3 / 5, 557 / 1440, 281 / 630, -1983433 / 1935360), 2),
    _poly((61 / 240, -103 / 140, 15061 / 26880, 167603 / 181440), 3),
    _poly((49561 / 161280, -179 / 168, 6601661 / 7257600), 4),
    _poly((34729 / 80640, -3418889 / 1995840), 5),
    _poly((212378941 / 319334400,), 6),
)
"""alpha_j: ζ = ζ' + Σ alpha_j sin(2jζ') (conformal sphere → normalised GK plane)."""

KRUGER_BETA: tuple[float, ...] = (
    _poly((1 / 2, -2 / 3, 37 / 96, -1 / 360, -81 / 512, 96199 / 604800), 1),
    _poly((1 / 48, 1 / 15, -437 / 1440, 46 / 105, -1118711 / 3870720), 2),
    _poly((17 / 480, -37 / 840, -209 / 4480, 5569 / 90720), 3),
    _poly((4397 / 161280, -11 / 504, -830251 / 7257600), 4),
    _poly((4583 / 161280, -108847 / 3991680), 5),
    _poly((20648693 / 638668800,), 6),
)
"""beta_j: ζ' = ζ − Σ beta_j sin(2jζ) (normalised GK plane → conformal sphere)."""

CONFORMAL_TO_GEODETIC: tuple[float, ...] = (
    _poly((2, -2 / 3, -2, 116 / 45, 26 / 45, -2854 / 675), 1),
    _poly((7 / 3, -8 / 5, -227 / 45, 2704 / 315, 2323 / 945), 2),
    _poly((56 / 15, -136 / 35, -1262 / 105, 73814 / 2835), 3),
    _poly((4279 / 630, -332 / 35, -399572 / 14175), 4),
    _poly((4174 / 315, -144838 / 6237), 5),
    _poly((601676 / 22275,), 6),
)
"""d_k: φ = χ + Σ d_k sin(2kχ) (conformal latitude χ → geodetic latitude φ)."""
