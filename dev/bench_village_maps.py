"""Speed of farmland:villagemaps against QGIS's own atlas export, same villages, same template, one run.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 dev/bench_village_maps.py [--villages 200] [--repeats 2]
        [--county demo/bench_county.gpkg] [--parcels 200000] [--dpi 150] [--formats pdf,png] [--threads 0]

Builds the demo county once (dev/demo_county.py, 1000 parcels per village), then exports the first
N villages (by code), alternating the methods, each in a fresh child process so that memory is
measured per method:

* ``ours``   — processing.run("farmland:villagemaps") with every core (or --threads), one file per village,
               statistics measured and both tables filled per page;
* ``native`` — QgsLayoutExporter.exportToPdfs / exportToImage over the layout's atlas (what
               native:atlaslayouttopdf / atlaslayouttoimage run; 3.22 has no per-feature multi-PDF
               algorithm), on the same .qpt, the same styled layers and coverage, the map atlas-driven
               with the same round scales; its tables stay static (QGIS cannot fill them per page).

Prints pages/s and pages/min per method and format (best of the repeats: the machines are shared),
the CPU seconds and the peak memory of each child, and the ratio ours / native.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, "/usr/share/qgis/python/plugins")
sys.path.insert(0, str(Path(__file__).resolve().parent))
import _checkout  # noqa: E402,F401

ROOT = Path(__file__).resolve().parents[1]
VARIABLE = "@fg_village_code"
ATLAS_CODE = "left(to_string(attribute(@atlas_feature, 'ZLDWDM')), 12)"


def _app():
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    return app


def _codes(county: str, count: int) -> list[str]:
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer("{}|layername=CJDCQ".format(county), "v", "ogr")
    codes = sorted(str(f["ZLDWDM"])[:12] for f in layer.getFeatures())
    return codes[:count]


def _filter(codes: list[str]) -> str:
    return 'left("ZLDWDM", 12) IN ({})'.format(", ".join("'{}'".format(c) for c in codes))


def child_ours(args) -> dict:
    from processing.core.Processing import Processing
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProject

    from farmland_guard.processing.provider import FarmlandProvider

    Processing.initialize()
    provider = FarmlandProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    if args.threads:
        QgsApplication.setMaxThreads(args.threads)
    import processing

    county = args.county
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    started, cpu = time.perf_counter(), time.process_time()
    result = processing.run(
        "farmland:villagemaps",
        {
            "VILLAGES": county + "|layername=CJDCQ",
            "LANDUSE": county + "|layername=DLTB",
            "PBF": county + "|layername=YJJBNTTB",
            "TARGETS": county + "|layername=GDBHMB",
            "ROSTER": county + "|layername=TZ",
            "FILTER": _filter(_codes(county, args.villages)),
            "FORMAT": {"pdf": 0, "png": 1}[args.format],
            "DPI": args.dpi,
            "OUTPUT_FOLDER": args.out,
        },
        context=context,
        feedback=QgsProcessingFeedback(),
    )
    seconds = time.perf_counter() - started
    QgsApplication.processingRegistry().removeProvider(provider)
    return {
        "pages": result["PAGE_COUNT"],
        "failed": result["FAILED_COUNT"],
        "seconds": seconds,
        "cpu": time.process_time() - cpu,
    }


def _atlasify(layers) -> None:
    """Point our per-page variables at the atlas feature instead (what a QGIS user would write)."""
    from qgis.core import QgsInvertedPolygonRenderer

    def fix_rules(rule):
        for child in rule.children():
            child.setFilterExpression(child.filterExpression().replace(VARIABLE, ATLAS_CODE))
            fix_rules(child)

    for layer in (layers.villages, layers.locator, layers.mask):
        renderer = layer.renderer()
        if isinstance(renderer, QgsInvertedPolygonRenderer):
            renderer = renderer.embeddedRenderer()
        fix_rules(renderer.rootRule())
    for layer in (layers.villages, layers.landuse):
        labeling = layer.labeling()
        if labeling is not None and hasattr(labeling, "rootRule"):
            fix_rules(labeling.rootRule())


def child_native(args) -> dict:
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsLayoutExporter,
        QgsLayoutItemMap,
        QgsProject,
        QgsRenderContext,
        QgsVectorLayer,
    )

    from farmland_guard.core.village_maps import ROUND_SCALES
    from farmland_guard.engine.village_layout import (
        LayerFields,
        VillageLayout,
        cjk_font_family,
        make_render_layers,
        read_template,
    )

    county = args.county
    land = QgsVectorLayer(county + "|layername=DLTB", "DLTB", "ogr")
    pbf = QgsVectorLayer(county + "|layername=YJJBNTTB", "YJJBNTTB", "ogr")
    villages = QgsVectorLayer(county + "|layername=CJDCQ", "CJDCQ", "ogr")
    family = cjk_font_family() or "WenQuanYi Micro Hei"
    template = str(ROOT / "resources" / "templates" / "village_map_a3.qpt")
    layers = make_render_layers(
        land, pbf, villages, LayerFields("DLBM", "TBBH", "ZLDWDM", "ZLDWMC", "ZLDWDM"), family
    )
    _atlasify(layers)
    crs = QgsCoordinateReferenceSystem("EPSG:4547")
    extent = villages.extent()
    extent.scale(1.05)
    started, cpu = time.perf_counter(), time.process_time()
    page = VillageLayout(read_template(template, family), template, layers, crs, extent, family)
    layout = page.layout
    coverage = QgsVectorLayer(county + "|layername=CJDCQ", "coverage", "ogr")
    QgsProject.instance().addMapLayer(coverage, False)
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setFilterFeatures(True)
    atlas.setFilterExpression(_filter(_codes(county, args.villages)))
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"ZLDWDM"')
    atlas.setFilenameExpression("left(\"ZLDWDM\", 12) || '_' || \"ZLDWMC\" || '_耕地保护现状图'")
    atlas.setEnabled(True)
    layout.renderContext().setPredefinedScales([float(s) for s in ROUND_SCALES])
    page.map.setAtlasDriven(True)
    page.map.setAtlasScalingMode(QgsLayoutItemMap.Predefined)
    page.map.setAtlasMargin(0.05)
    page.labels["title"].setText('[% "ZLDWMC" %]耕地保护现状图')
    if args.format == "pdf":
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = args.dpi
        settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText  # as ours
        code, error = QgsLayoutExporter.exportToPdfs(atlas, os.path.join(args.out, "x.pdf"), settings)
        pages = len(list(Path(args.out).glob("*.pdf")))
    else:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = args.dpi
        code, error = QgsLayoutExporter.exportToImage(atlas, os.path.join(args.out, "x"), "png", settings)
        pages = len(list(Path(args.out).glob("*.png")))
    seconds = time.perf_counter() - started
    result = {
        "pages": pages,
        "failed": 0 if code == 0 else -1,
        "seconds": seconds,
        "cpu": time.process_time() - cpu,
        "error": error,
    }
    page.close()
    QgsProject.instance().removeAllMapLayers()
    del layers
    return result


def run_child(method: str, args, county: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="fg-bench-") as out:
        command = [
            sys.executable,
            __file__,
            "--child",
            method,
            "--county",
            county,
            "--out",
            out,
            "--villages",
            str(args.villages),
            "--dpi",
            str(args.dpi),
            "--format",
            args.format,
            "--threads",
            str(args.threads),
        ]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,  # nosec B603 - dev tool
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            raise SystemExit(
                "{} failed ({}):\n{}\n{}".format(
                    method, done.returncode, done.stdout[-2000:], done.stderr[-3000:]
                )
            )
        return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--county", default=str(ROOT / "demo" / "bench_county.gpkg"))
    parser.add_argument("--parcels", type=int, default=200000)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--formats", default="pdf,png")
    parser.add_argument("--threads", type=int, default=0, help="0 = every core (QGIS's setting)")
    parser.add_argument("--child", choices=("ours", "native"))
    parser.add_argument("--format", default="pdf")
    parser.add_argument("--out")
    args = parser.parse_args()

    if args.child:
        app = _app()
        result = (child_ours if args.child == "ours" else child_native)(args)
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        print(json.dumps(result))
        app.exitQgis()
        return 0

    county = Path(args.county)
    if not county.exists():
        county.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "dev" / "demo_county.py"),
                "--out",
                str(county),  # nosec B603
                "--parcels",
                str(args.parcels),
            ],
            check=True,
        )
    print(
        "county {} · {} villages · {} dpi · threads {} · {} cores".format(
            county, args.villages, args.dpi, args.threads or "all", os.cpu_count()
        )
    )
    for fmt in args.formats.split(","):
        args.format = fmt
        best: dict[str, dict] = {}
        for repeat in range(args.repeats):
            for method in ("ours", "native") if repeat % 2 == 0 else ("native", "ours"):
                result = run_child(method, args, str(county))
                rate = result["pages"] / result["seconds"]
                print(
                    "  {:4} {:6} run {}: {:4d} pages in {:7.1f} s = {:5.2f} pages/s ({:6.1f}/min), "
                    "CPU {:6.1f} s, peak {:5.0f} MiB{}".format(
                        fmt,
                        method,
                        repeat + 1,
                        result["pages"],
                        result["seconds"],
                        rate,
                        60 * rate,
                        result["cpu"],
                        result["peak_mib"],
                        "" if not result.get("failed") else ", failed {}".format(result["failed"]),
                    )
                )
                if method not in best or rate > best[method]["rate"]:
                    best[method] = dict(result, rate=rate)
        ratio = best["ours"]["rate"] / best["native"]["rate"]
        print(
            "{}: ours {:.2f} pages/s ({:.0f}/min), native {:.2f} pages/s ({:.0f}/min) → ratio {:.2f}×".format(
                fmt.upper(),
                best["ours"]["rate"],
                60 * best["ours"]["rate"],
                best["native"]["rate"],
                60 * best["native"]["rate"],
                ratio,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
