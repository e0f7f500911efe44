"""Write the synthetic demo county (示范县, code 410821) as one GeoPackage.

Deterministic for a given seed: the same attributes and geometry (WKB) on every run.
Run with Debian's Python (it needs osgeo, numpy, scipy and qgis.core):

    /usr/bin/python3 dev/demo_county.py --out demo/示范县.gpkg [--parcels 20000] [--seed 1]
        [--prefixed] [--dirty] [--gbk-shapefile DIR] [--summary-json PATH]

Layers: XZQ, CJDCQ, DLTB, YJJBNTTB, GDBHMB, STBHHX, CZKFBJ, JSXMYD (polygons, EPSG:4547, or EPSG:4526
with --prefixed) and the tables BCGD (补充耕地 ledger) and TZ (田长 roster). The code is in
dev/demo_county/ (build.py assembles the layers).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _checkout  # noqa: E402,F401  (makes farmland_guard importable)
from demo_county.build import generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the synthetic demo county (示范县) as a GeoPackage.")
    parser.add_argument("--out", required=True, type=Path, help="GeoPackage to write (replaced if it exists)")
    parser.add_argument(
        "--parcels", type=int, default=20000, help="about how many DLTB parcels (default 20000)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--prefixed", action="store_true", help="EPSG:4526 (eastings with zone prefix 38)")
    parser.add_argument(
        "--dirty", action="store_true", help="add bow-ties, duplicates, empty geometries, NULL codes"
    )
    parser.add_argument(
        "--gbk-shapefile", type=Path, metavar="DIR", help="also write CJDCQ and DLTB as GBK shapefiles"
    )
    parser.add_argument("--summary-json", type=Path, metavar="PATH", help="also write the summary as JSON")
    args = parser.parse_args(argv)
    if args.parcels < 500:
        parser.error("--parcels must be at least 500")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    summary = generate(args.out, args.parcels, args.seed, args.prefixed, args.dirty, args.gbk_shapefile)
    summary["seconds"]["total"] = round(time.perf_counter() - start, 2)
    print("wrote {} (EPSG:{}, seed {})".format(summary["out"], summary["epsg"], summary["seed"]))
    print("  " + ", ".join("{} {}".format(k, v) for k, v in summary["layers"].items()))
    print(
        "  {} townships, {} villages, county {:.2f} km², farmland {:.1%}, "
        "永久基本农田 {:.1%} of farmland".format(
            summary["townships"],
            summary["villages"],
            summary["county_m2"] / 1e6,
            summary["farmland_share"],
            summary["yjjbnt_share_of_farmland"],
        )
    )
    for problem in summary["dirty"]:
        print(
            "  dirty: {} BSM={}{}".format(
                problem["problem"],
                problem["BSM"],
                " (copy of {})".format(problem["of"]) if "of" in problem else "",
            )
        )
    for shp in summary["shapefiles"]:
        print("  shapefile: {}".format(shp))
    print("  seconds: " + ", ".join("{} {}".format(k, v) for k, v in summary["seconds"].items()))
    if args.summary_json:
        args.summary_json.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
