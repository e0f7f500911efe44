"""``--dirty``: the defects real county data carry, put into DLTB on purpose and logged.

* bow-ties: two consecutive vertices of a farmland parcel swapped (self-intersection);
* duplicates: a parcel's geometry and attributes again, with a new BSM;
* empty geometries (MULTIPOLYGON EMPTY) and one NULL geometry, as extra records;
* NULL DLBM and NULL ZLDWDM on a few parcels.
"""

from __future__ import annotations

import numpy as np
from osgeo import gdal, ogr

from . import codes
from .rand import stream
from .wkbio import EMPTY_MULTIPOLYGON, feature_bbox, feature_wkb


def _bowtie(feature) -> list | None:
    outer = feature[0][0]
    if len(outer) < 4:
        return None
    ring = outer.copy()
    ring[[1, 2]] = ring[[2, 1]]
    broken = [[ring, *feature[0][1:]], *feature[1:]]
    geom = ogr.CreateGeometryFromWkb(feature_wkb(broken))
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # GEOS reports the very self-intersection we want
    try:
        valid = geom.IsValid()
    finally:
        gdal.PopErrorHandler()
    return None if valid else broken


def make_dirty(rows: list[dict], geoms: list, features: list, farm: np.ndarray, seed: int) -> list[dict]:
    """Damage rows/geoms in place (appending records); return [{"problem", "BSM"}, ...]."""
    rng = stream(seed, "dirty")
    n = len(rows)
    log: list[dict] = []
    pool = rng.permutation(np.flatnonzero(farm)).tolist()
    n_bow = max(6, n // 20000)
    done = 0
    while done < n_bow and pool:
        i = pool.pop()
        broken = _bowtie(features[i])
        if broken is None:
            continue
        geoms[i] = (feature_wkb(broken), feature_bbox(broken))
        log.append({"problem": "self-intersection", "BSM": rows[i]["BSM"]})
        done += 1
    next_bsm = n + 1

    def new_bsm() -> str:
        nonlocal next_bsm
        bsm = "{}2001{:08d}".format(codes.COUNTY_CODE, next_bsm)
        next_bsm += 1
        return bsm

    for _ in range(3):
        i = pool.pop()
        rows.append(dict(rows[i], BSM=new_bsm()))
        geoms.append(geoms[i])
        log.append({"problem": "duplicate-geometry", "BSM": rows[-1]["BSM"], "of": rows[i]["BSM"]})
    for k in range(3):
        i = pool.pop()
        rows.append(dict(rows[i], BSM=new_bsm(), TBBH=str(90000 + k), TBYBH="{:08d}".format(90000 + k)))
        if k < 2:
            geoms.append((EMPTY_MULTIPOLYGON, None))
            log.append({"problem": "empty-geometry", "BSM": rows[-1]["BSM"]})
        else:
            geoms.append(None)
            log.append({"problem": "null-geometry", "BSM": rows[-1]["BSM"]})
    for field in ("DLBM", "ZLDWDM"):
        for _ in range(3):
            i = pool.pop()
            rows[i][field] = None
            log.append({"problem": "null-" + field, "BSM": rows[i]["BSM"]})
    return log
