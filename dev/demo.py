"""The main job on the bundled demo county, as a planner would run it with ``qgis_process``.

    python dev/demo.py [--parcels 20000] [--seed 1]

Builds the synthetic county GeoPackage once (demo/demo_county.gpkg), then runs every Farmland Guard
algorithm that has a demo step through ``qgis_process.bin`` with the user's QGIS profile (where
dev/install_plugin.py linked and enabled the plugin) and prints where the outputs are.
"""

from __future__ import annotations

import argparse
import os
import subprocess  # nosec B404 - runs qgis_process and our generator with fixed arguments, dev only
import sys

from _sources import ROOT

QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # the Debian wrapper adds a flag 3.22 rejects


def run(args: list[str]) -> None:
    print("$ " + " ".join(args), flush=True)
    subprocess.run(args, check=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


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
    outputs = []
    official = out / "dltb_official_area.gpkg"
    qa = out / "dltb_area_qa.gpkg"
    run([QGIS_PROCESS, "run", "farmland:officialarea", "--",
         "INPUT={}|layername=DLTB".format(county), "ADD_MU=true", "ADD_HA=true",
         "CONTROL={}|layername=CJDCQ".format(county), "CODE_FIELD=ZLDWDM",
         "CONTROL_CODE_FIELD=ZLDWDM", "CONTROL_AREA_FIELD=DCMJ",
         "OUTPUT={}".format(official), "QA={}".format(qa)])
    outputs += [official, qa]
    print("\nDemo county: {}".format(county))
    for path in outputs:
        print("output: {}".format(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
