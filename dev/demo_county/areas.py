"""Official areas from the plugin's own engine (farmland_guard.core): TBMJ and friends.

TBMJ = round_half_up(ellipsoidal area, 2) with ``core.area`` on the layer's Gauss–Krüger grid;
KCMJ / TBDLMJ from ``core.deduction.deduct``.
"""

from __future__ import annotations

import numpy as np

from .wkbio import closed_rings


def _core():
    from farmland_guard.core import area, deduction, gauss_kruger, units

    return area, deduction, gauss_kruger, units


def ellipsoidal(features: list, epsg: int) -> np.ndarray:
    """Unrounded ellipsoidal area (m²) of features held as numpy rings."""
    area, _deduction, gauss_kruger, _units = _core()
    xy, offsets, feat, hole = closed_rings(features)
    batch = area.RingBatch(xy, offsets, feat, hole, len(features))
    return area.ellipsoidal_areas(batch, gauss_kruger.grid_for_epsg(epsg))


def official(m2: np.ndarray) -> np.ndarray:
    """Half-up to 0.01 m²."""
    return _core()[3].round_half_up_array(np.asarray(m2, dtype=np.float64), 2)


def deduct(tbmj: np.ndarray, kcxs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(KCMJ, TBDLMJ): KCMJ = round_half_up(TBMJ × KCXS, 2), TBDLMJ = TBMJ − KCMJ."""
    return _core()[1].deduct(np.asarray(tbmj, dtype=np.float64), np.asarray(kcxs, dtype=np.float64))


def cents_sum(values: np.ndarray) -> float:
    """Exact sum of 2-decimal m² values (via integer cents)."""
    _area, _deduction, _gk, units = _core()
    return float(units.cents_to_m2(int(np.sum(units.to_cents(np.asarray(values, dtype=np.float64))))))
