"""Benchmark: ``farmland:redlineoverlay`` against the QGIS pipelines a user would build, in one run.

    /usr/bin/python3 dev/bench_overlay.py [--parcels 100000] [--sites 200 2000] [--seed 1] [--runs 1]

For each county size it builds (once, cached in demo/) the demo county with dev/demo_county.py, and a
site layer of the largest M (the smaller M are its first sites) with the site mix of
perf-baselines.md: sizes log-normal (median 3.5 ha, mean ≈ 12.7 ha, 0.5–300 ha), 10 % linear roads
and canals, 55 % around town seats, 13 % in the 生态保护红线 boxes, 17 % at village centres, the rest
anywhere; each at least 90 % inside the county. Then, every method in its own process:

- ours: ``farmland:redlineoverlay`` with LANDUSE=DLTB, PBF, ERL, UDB, writing PIECES, SUMMARY,
  VERDICT (GeoPackage) and the REPORT (when the report writer is present) — official areas,
  levelling, 田坎 split, verdicts; ``tables``: the same without the REPORT; ``*_1p``: in one process
  (no forked second process);
- native: ``native:intersection`` of the sites with each of the four layers (memory output), a Python
  loop summing ``geometry().area()`` per site × category (DLTB also × DLBM × ZLDWDM), the pieces
  written to a GeoPackage with ``QgsVectorFileWriter`` and the sums to CSV (planar areas);
- overlap: ``native:calculatevectoroverlaps`` (totals per site only: no pieces, no village breakdown).

It prints wall time (inside the process, QGIS start-up excluded), CPU time (with the forked second
process), peak RSS, pieces, and the wall-time ratios native / ours and overlap / ours. The machines
are shared: compare ratios of one run, and CPU seconds when other jobs compete for the cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import resource
import subprocess  # nosec B404 - runs our own generator and this script, dev only
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _checkout  # noqa: E402,F401  (makes farmland_guard importable)
from _sources import ROOT  # noqa: E402

LAYERS = ("DLTB", "YJJBNTTB", "STBHHX", "CZKFBJ")
FARMLAND = ("0101", "0102", "0103")


# --- data ---------------------------------------------------------------------------------------


def ensure_county(parcels: int, seed: int) -> Path:
    path = ROOT / "demo" / "bench_{}_{}.gpkg".format(parcels, seed)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "dev" / "demo_county.py"),
                "--out",
                str(path),
                "--parcels",
                str(parcels),
                "--seed",
                str(seed),
            ],
            check=True,
        )
    return path


def ensure_sites(county: Path, parcels: int, seed: int, count: int) -> Path:
    path = ROOT / "demo" / "bench_sites_{}_{}_{}.gpkg".format(parcels, seed, count)
    if not path.exists():
        write_sites(county, path, count, seed)
    return path


def _blob(rng, cx, cy, area, vertices=40):
    radius = math.sqrt(area / math.pi)
    angles = np.sort(rng.uniform(0, 2 * math.pi, vertices))
    wobble = 1.0 + 0.18 * np.sin(3 * angles + rng.uniform(0, 6)) + rng.normal(0, 0.04, vertices)
    return [(cx + radius * w * math.cos(a), cy + radius * w * math.sin(a)) for a, w in zip(angles, wobble)]


def _notched_rectangle(rng, cx, cy, area):
    ratio = rng.uniform(1.0, 2.5)
    w, h = math.sqrt(area * ratio), math.sqrt(area / ratio)
    a = rng.uniform(0, math.pi)
    c, s = math.cos(a), math.sin(a)
    nw, nh = w * rng.uniform(0.15, 0.35), h * rng.uniform(0.15, 0.35)
    local = [
        (-w / 2, -h / 2),
        (w / 2, -h / 2),
        (w / 2, h / 2 - nh),
        (w / 2 - nw, h / 2 - nh),
        (w / 2 - nw, h / 2),
        (-w / 2, h / 2),
    ]
    return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in local]


def write_sites(county: Path, out: Path, count: int, seed: int) -> None:
    """The bench site layer (see the module docstring); deterministic for a seed, prefix-stable in M."""
    from osgeo import ogr, osr

    ds = ogr.Open(str(county))
    outline = None
    for feature in ds.GetLayerByName("XZQ"):
        g = feature.GetGeometryRef().Clone()
        outline = g if outline is None else outline.Union(g)
    towns = [f.GetGeometryRef().Centroid() for f in ds.GetLayerByName("CZKFBJ")]
    towns = [(p.GetX(), p.GetY()) for p in towns]
    villages = [f.GetGeometryRef().Centroid() for f in ds.GetLayerByName("CJDCQ")]
    villages = [(p.GetX(), p.GetY()) for p in villages]
    red = [f.GetGeometryRef().GetEnvelope() for f in ds.GetLayerByName("STBHHX")]
    xmin, xmax, ymin, ymax = outline.GetEnvelope()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    driver = ogr.GetDriverByName("GPKG")
    if out.exists():
        out.unlink()
    target = driver.CreateDataSource(str(out))
    layer = target.CreateLayer("XMYD", srs, ogr.wkbPolygon)
    for name in ("XMBH", "XMMC", "PZRQ", "KIND"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    made = 0
    index = 0
    while made < count:
        rng = np.random.default_rng([seed, index])
        index += 1
        area = float(np.clip(rng.lognormal(math.log(3.5e4), 1.6), 5e3, 3e6))
        pick = rng.uniform()
        if pick < 0.10:
            kind = "linear"
            width = float(rng.choice([25.0, 40.0, 60.0]))
            length = float(np.clip(area / width, 500.0, 12000.0))
            x, y = rng.uniform(xmin, xmax), rng.uniform(ymin, ymax)
            a = rng.uniform(0, math.pi)
            points = [(x, y)]
            for _ in range(3):
                a += rng.uniform(-0.4, 0.4)
                x, y = x + length / 3 * math.cos(a), y + length / 3 * math.sin(a)
                points.append((x, y))
            line = ogr.Geometry(ogr.wkbLineString)
            for px, py in points:
                line.AddPoint_2D(px, py)
            geometry = line.Buffer(width / 2, 2)
        else:
            if pick < 0.65 and towns:
                kind = "town"
                tx, ty = towns[int(rng.integers(len(towns)))]
                r = rng.uniform(200, 2500)
                a = rng.uniform(0, 2 * math.pi)
                cx, cy = tx + r * math.cos(a), ty + r * math.sin(a)
            elif pick < 0.78 and red:
                kind = "redline"
                e = red[int(rng.integers(len(red)))]
                cx, cy = rng.uniform(e[0], e[1]), rng.uniform(e[2], e[3])
            elif pick < 0.95 and villages:
                kind = "village"
                vx, vy = villages[int(rng.integers(len(villages)))]
                cx, cy = vx + rng.normal(0, 300), vy + rng.normal(0, 300)
            else:
                kind = "anywhere"
                cx, cy = rng.uniform(xmin, xmax), rng.uniform(ymin, ymax)
            ring_points = (
                _blob(rng, cx, cy, area) if rng.uniform() < 0.5 else _notched_rectangle(rng, cx, cy, area)
            )
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for px, py in [*ring_points, ring_points[0]]:
                ring.AddPoint_2D(px, py)
            geometry = ogr.Geometry(ogr.wkbPolygon)
            geometry.AddGeometry(ring)
        if not geometry.IsValid() or geometry.Intersection(outline).GetArea() < 0.9 * geometry.GetArea():
            continue
        made += 1
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(geometry)
        feature.SetField("XMBH", "XM{:05d}".format(made))
        feature.SetField("XMMC", "测试项目{}".format(made))
        feature.SetField("PZRQ", "2024-{:02d}-{:02d}".format(1 + made % 12, 1 + made % 28))
        feature.SetField("KIND", kind)
        layer.CreateFeature(feature)
    target = None


# --- workers (one process each) ----------------------------------------------------------------


def _start_qgis():
    sys.path.append("/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    return app


def _sites_uri(path: Path, count: int) -> str:
    return '{}|layername=XMYD|subset="fid" <= {}'.format(path, count)


def worker_ours(county: Path, sites: str, out: Path, report: bool = True, one_process: bool = False) -> dict:
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    import processing
    from farmland_guard.processing.provider import FarmlandProvider

    provider = FarmlandProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    parameters = {
        "SITES": sites,
        "LANDUSE": "{}|layername=DLTB".format(county),
        "PBF": "{}|layername=YJJBNTTB".format(county),
        "ERL": "{}|layername=STBHHX".format(county),
        "UDB": "{}|layername=CZKFBJ".format(county),
        "PIECES": str(out / "pieces.gpkg"),
        "SUMMARY": str(out / "summary.gpkg"),
        "VERDICT": str(out / "verdict.gpkg"),
    }
    if report and (ROOT / "engine" / "report_writer.py").exists():
        parameters["REPORT"] = str(out / "report.xlsx")
    if one_process:
        from farmland_guard.engine import overlay_parallel

        overlay_parallel.MIN_PARALLEL_JOBS = 10**12
    t0 = time.perf_counter()
    result = processing.run(
        "farmland:redlineoverlay",
        parameters,
        context=QgsProcessingContext(),
        feedback=QgsProcessingFeedback(),
    )
    return {
        "seconds": time.perf_counter() - t0,
        "pieces": int(result["PIECE_COUNT"]),
        "report": "REPORT" in parameters,
    }


def worker_native(county: Path, sites: str, out: Path) -> dict:
    from qgis.core import (
        QgsFeatureRequest,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingUtils,
        QgsVectorFileWriter,
    )

    import processing

    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    feedback = QgsProcessingFeedback()
    t0 = time.perf_counter()
    sums: dict = {}
    pieces = 0
    for name in LAYERS:
        fields = ["BSM", "DLBM", "ZLDWDM"] if name == "DLTB" else ["BSM"]
        result = processing.run(
            "native:intersection",
            {
                "INPUT": sites,
                "OVERLAY": "{}|layername={}".format(county, name),
                "INPUT_FIELDS": ["XMBH"],
                "OVERLAY_FIELDS": fields,
                "OUTPUT": "memory:",
            },
            context=context,
            feedback=feedback,
        )
        layer = result["OUTPUT"]
        if isinstance(layer, str):
            layer = QgsProcessingUtils.mapLayerFromString(layer, context)
        for feature in layer.getFeatures():
            area = feature.geometry().area()
            site = feature["XMBH"]
            keys = [(site, name)]
            if name == "DLTB":
                dlbm = feature["DLBM"]
                keys += [(site, "DLBM:" + dlbm), (site, "ZLDWDM:" + feature["ZLDWDM"][:12])]
                if dlbm[:4] in FARMLAND:
                    keys.append((site, "FARMLAND"))
            for key in keys:
                sums[key] = sums.get(key, 0.0) + area
            pieces += 1
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = name
        if name != LAYERS[0]:
            options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
        QgsVectorFileWriter.writeAsVectorFormatV3(
            layer, str(out / "native_pieces.gpkg"), context.transformContext(), options
        )
    with (out / "native_summary.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for (site, category), area in sorted(sums.items()):
            writer.writerow([site, category, "{:.2f}".format(area), "{:.2f}".format(area * 15 / 10000)])
    return {"seconds": time.perf_counter() - t0, "pieces": pieces}


def worker_overlap(county: Path, sites: str, out: Path) -> dict:
    from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    import processing

    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    t0 = time.perf_counter()
    layers = [QgsVectorLayer("{}|layername={}".format(county, n), n, "ogr") for n in LAYERS[1:]]
    for code in FARMLAND:
        layers.append(
            QgsVectorLayer("{}|layername=DLTB|subset=\"DLBM\" = '{}'".format(county, code), code, "ogr")
        )
    processing.run(
        "native:calculatevectoroverlaps",
        {"INPUT": sites, "LAYERS": layers, "OUTPUT": str(out / "overlaps.gpkg")},
        context=context,
        feedback=QgsProcessingFeedback(),
    )
    return {"seconds": time.perf_counter() - t0, "pieces": 0}


def _cpu_seconds() -> float:
    """CPU seconds of this process and its finished children (the forked second process)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


WORKERS = {
    "ours": worker_ours,
    "ours_1p": lambda county, sites, out: worker_ours(county, sites, out, one_process=True),
    "tables": lambda county, sites, out: worker_ours(county, sites, out, report=False),
    "tables_1p": lambda county, sites, out: worker_ours(county, sites, out, report=False, one_process=True),
    "native": worker_native,
    "overlap": worker_overlap,
}


def run_worker(method: str, county: Path, sites: str) -> dict:
    """Run one method in a fresh process; returns its timing, pieces and peak RSS (MiB)."""
    with tempfile.TemporaryDirectory(prefix="bench-overlay-") as tmp:
        command = [
            sys.executable,
            __file__,
            "--worker",
            method,
            "--county",
            str(county),
            "--site-uri",
            sites,
            "--out",
            tmp,
        ]
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            raise SystemExit("{} failed:\n{}\n{}".format(method, done.stdout[-3000:], done.stderr[-3000:]))
        return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, nargs="+", default=[100000])
    parser.add_argument("--sites", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1, help="runs per method; the median is printed")
    parser.add_argument(
        "--methods", nargs="+", default=["ours", "tables", "native", "overlap"], choices=list(WORKERS)
    )
    parser.add_argument("--worker", choices=list(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--county", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--site-uri", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        app = _start_qgis()
        before = _cpu_seconds()
        result = WORKERS[args.worker](args.county, args.site_uri, args.out)
        result["cpu"] = _cpu_seconds() - before
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result), flush=True)
        app.exitQgis()
        return 0
    print("parcels  sites  method     wall_s   cpu_s  peak_MiB  pieces   native/ours  overlap/ours  (wall)")
    for parcels in args.parcels:
        county = ensure_county(parcels, args.seed)
        sites_file = ensure_sites(county, parcels, args.seed, max(args.sites))
        for count in args.sites:
            uri = _sites_uri(sites_file, count)
            measured = {}
            for method in args.methods:
                runs = [run_worker(method, county, uri) for _ in range(args.runs)]
                runs.sort(key=lambda r: r["seconds"])
                measured[method] = runs[len(runs) // 2]
            for method, r in measured.items():
                ours = r["seconds"]
                ratio_native = (
                    measured["native"]["seconds"] / ours if ours and "native" in measured else float("nan")
                )
                ratio_overlap = (
                    measured["overlap"]["seconds"] / ours if ours and "overlap" in measured else float("nan")
                )
                print(
                    "{:>7} {:>6}  {:<8} {:>7.2f} {:>7.2f} {:>9.0f} {:>7}   {}".format(
                        parcels,
                        count,
                        method,
                        r["seconds"],
                        r["cpu"],
                        r["peak_mib"],
                        r["pieces"],
                        "{:>10.2f}  {:>12.2f}".format(ratio_native, ratio_overlap)
                        if method.startswith(("ours", "tables"))
                        else "",
                    ),
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
