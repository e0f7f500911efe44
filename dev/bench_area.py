"""Benchmark: official areas of every DLTB parcel vs a per-feature QgsDistanceArea loop, in one run.

    python dev/bench_area.py [--parcels 100000 500000] [--seed 1] [--repeat 3]

For each size it builds (once, cached in demo/) the demo county, then times
- ours: ``engine.geometry.official_areas_of_source`` (geometries read in batches straight from GDAL's Arrow
  stream, WKB parsed and the 32号 formula applied over all vertices at once);
- baseline: ``QgsDistanceArea.measureArea`` per feature (ellipsoid EPSG:1024, the layer's CRS),
both reading the features from the same GeoPackage layer, each run ``--repeat`` times (the fastest
run counts, for both), and prints the ratio (target ≥ 10×), the
peak memory traced during ours (target: proportional to the layer's vertices) and the largest
difference between the two (QgsDistanceArea is not the official formula; expect hundredths of m²).
"""

from __future__ import annotations

import argparse
import gc
import subprocess  # nosec B404 - runs our own generator, dev only
import sys
import time
import tracemalloc
from pathlib import Path

import _checkout  # noqa: F401  (exposes the checkout as farmland_guard)
import numpy as np
from _sources import ROOT


def ensure_county(parcels: int, seed: int) -> Path:
    path = ROOT / "demo" / "bench_{}_{}.gpkg".format(parcels, seed)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "dev" / "demo_county.py"), "--out", str(path),
                        "--parcels", str(parcels), "--seed", str(seed)], check=True)
    return path


def bench(path: Path, repeat: int) -> dict:
    from qgis.core import QgsDistanceArea, QgsProject, QgsVectorLayer

    from farmland_guard.engine.geometry import official_areas_of_source

    layer = QgsVectorLayer("{}|layername=DLTB".format(path), "DLTB", "ogr")
    if not layer.isValid():
        raise SystemExit("cannot open DLTB in {}".format(path))

    official_areas_of_source(layer, layer=layer)  # warm the file cache for both contenders
    t_ours = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fids, ours, _choice = official_areas_of_source(layer, layer=layer)
        t_ours = min(t_ours, time.perf_counter() - t0)
    # memory in a second run: tracemalloc slows the code it watches
    gc.collect()
    tracemalloc.start()
    official_areas_of_source(layer, layer=layer)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    da = QgsDistanceArea()
    da.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:1024")
    t_base = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        theirs = {f.id(): da.measureArea(f.geometry()) for f in layer.getFeatures()}
        t_base = min(t_base, time.perf_counter() - t0)

    vertices = sum(f.geometry().constGet().nCoordinates() for f in layer.getFeatures())
    diff = np.abs(ours - np.array([theirs[fid] for fid in fids]))
    return {"features": len(fids), "vertices": vertices, "ours_s": t_ours, "baseline_s": t_base,
            "ratio": t_base / t_ours, "peak_mb": peak / 2**20, "peak_bytes_per_vertex": peak / vertices,
            "max_diff_m2": float(diff.max()), "mean_diff_m2": float(diff.mean())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, nargs="+", default=[100000, 500000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each contender; the fastest counts")
    args = parser.parse_args()
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    print("parcels   features  vertices    ours_s  baseline_s  ratio  peak_MB  B/vertex  max|Δ| m²")
    for parcels in args.parcels:
        r = bench(ensure_county(parcels, args.seed), args.repeat)
        print("{:>7} {:>10} {:>9} {:>9.2f} {:>11.2f} {:>6.1f} {:>8.1f} {:>9.1f} {:>10.3f}".format(
            parcels, r["features"], r["vertices"], r["ours_s"], r["baseline_s"], r["ratio"], r["peak_mb"],
            r["peak_bytes_per_vertex"], r["max_diff_m2"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
