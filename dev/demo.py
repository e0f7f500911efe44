"""The main job on the bundled demo county, as a planner would run it with ``qgis_process``.

    python dev/demo.py [--parcels 20000] [--seed 1]

Builds the synthetic county GeoPackage once (demo/demo_county.gpkg), then runs the Farmland Guard
algorithms on it through ``qgis_process.bin`` with the user's QGIS profile (where
dev/install_plugin.py linked and enabled the plugin) and prints where the outputs are:

1. 图斑椭球面积计算   farmland:officialarea        DLTB areas, levelled to the villages' DCMJ, with QA
2. 红线压盖分析       farmland:redlineoverlay      project sites × 永久基本农田, 生态保护红线, 城镇开发边界, DLTB
3. 耕地占补平衡       farmland:compensationbalance the overlay's verdict (demand) against the 补充耕地 ledger
4. 一村一图           farmland:villagemaps         every village, PDF + PNG, and the booklet
5. 界址点坐标导出     farmland:exportredline       the project sites as 部标 TXT
"""

from __future__ import annotations

import argparse
import os
import subprocess  # nosec B404 - runs qgis_process and our generator with fixed arguments, dev only
import sys
from pathlib import Path

from _sources import ROOT

QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # the Debian wrapper adds a flag 3.22 rejects


def run(args: list[str]) -> None:
    print("$ " + " ".join(args), flush=True)
    subprocess.run(args, check=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


def available() -> set[str]:
    listing = subprocess.run([QGIS_PROCESS, "list"], capture_output=True, text=True, check=True,
                             env=dict(os.environ, QT_QPA_PLATFORM="offscreen")).stdout
    return {line.split()[0] for line in listing.splitlines() if line.strip().startswith("farmland:")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    demo = ROOT / "demo"
    out = demo / "output"
    out.mkdir(parents=True, exist_ok=True)
    county = demo / "demo_county.gpkg"
    if not county.exists():
        run([sys.executable, str(ROOT / "dev" / "demo_county.py"), "--out", str(county),
             "--parcels", str(args.parcels), "--seed", str(args.seed)])

    def layer(name: str) -> str:
        return "{}|layername={}".format(county, name)

    algorithms = available()
    outputs: list[Path] = []
    official, qa = out / "dltb_official_area.gpkg", out / "dltb_area_qa.gpkg"
    run([QGIS_PROCESS, "run", "farmland:officialarea", "--", "INPUT=" + layer("DLTB"), "ADD_MU=true",
         "ADD_HA=true", "CONTROL=" + layer("CJDCQ"), "CODE_FIELD=ZLDWDM", "CONTROL_CODE_FIELD=ZLDWDM",
         "CONTROL_AREA_FIELD=DCMJ", "OUTPUT={}".format(official), "QA={}".format(qa)])
    outputs += [official, qa]

    verdict = out / "overlay_verdict.gpkg"
    if "farmland:redlineoverlay" in algorithms:
        pieces, summary = out / "overlay_pieces.gpkg", out / "overlay_summary.gpkg"
        report = out / "红线压盖分析.xlsx"
        run([QGIS_PROCESS, "run", "farmland:redlineoverlay", "--", "SITES=" + layer("JSXMYD"),
             "PBF=" + layer("YJJBNTTB"), "ERL=" + layer("STBHHX"), "UDB=" + layer("CZKFBJ"),
             "LANDUSE=" + layer("DLTB"), "PIECES={}".format(pieces), "SUMMARY={}".format(summary),
             "VERDICT={}".format(verdict), "REPORT={}".format(report)])
        outputs += [pieces, summary, verdict, report, report.with_suffix(".html")]

    if "farmland:compensationbalance" in algorithms and verdict.exists():
        allocation, ledger, shortfall = out / "balance_allocation.gpkg", out / "balance_ledger.gpkg", \
            out / "balance_shortfall.gpkg"
        report = out / "耕地占补平衡.xlsx"
        run([QGIS_PROCESS, "run", "farmland:compensationbalance", "--", "DEMANDS={}".format(verdict),
             "SUPPLY=" + layer("BCGD"), "SCOPE=1", "ALLOCATION={}".format(allocation),
             "LEDGER_AFTER={}".format(ledger), "SHORTFALL={}".format(shortfall), "REPORT={}".format(report)])
        outputs += [allocation, ledger, shortfall, report, report.with_suffix(".html")]

    if "farmland:villagemaps" in algorithms:
        maps = out / "village_maps"
        run([QGIS_PROCESS, "run", "farmland:villagemaps", "--", "VILLAGES=" + layer("CJDCQ"),
             "LANDUSE=" + layer("DLTB"), "PBF=" + layer("YJJBNTTB"), "ROSTER=" + layer("TZ"),
             "FORMAT=2", "BOOKLET=true", "OUTPUT_FOLDER={}".format(maps)])
        outputs.append(maps)

    if "farmland:exportredline" in algorithms:
        txt = out / "redline_txt"
        run([QGIS_PROCESS, "run", "farmland:exportredline", "--", "INPUT=" + layer("JSXMYD"),
             "ID_FIELD=XMBH", "NAME_FIELD=XMMC", "OUTPUT_FOLDER={}".format(txt)])
        outputs.append(txt)

    print("\nDemo county: {}".format(county))
    for path in outputs:
        print("output: {}".format(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
