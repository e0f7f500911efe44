"""Export every village's map (一村一图): measure, draw, write — on all cores, one village at a time.

The calling thread measures the villages one after the other (LANDUSE / PBF / target polygons
clipped to the village, official areas in one call per layer) and queues the pages; export threads,
each with its own copy of the layout and styled clones of the input layers (cloned here, then moved
to the thread), fill and write them as PDF and/or PNG. The threads run C++ almost all the time, so
they do not wait for each other on the Python GIL; the queue is short, so memory stays bounded.
A failure is recorded for that village and the others go on; if a thread cannot even start, the
others take its share. Everything a thread creates is deleted in that thread before it ends, the
layout before the layers, so nothing QGIS-owned is left for the interpreter to destroy at exit
(where qgis_process 3.22 crashes after a native layout export).

Afterwards: the booklet (图册) is assembled from the page PDFs with GDAL's PDF composition (each page
inserted as it is, with a bookmark per township and village); where GDAL cannot read PDFs, the
pages are drawn once more into one PDF. The index is written as XLSX (GDAL) and CSV.
"""

from __future__ import annotations

import csv
import queue
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayoutExporter,
    QgsRectangle,
    QgsRenderContext,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMarginsF, QSizeF, QThread
from qgis.PyQt.QtGui import QPageSize, QPainter, QPdfWriter

from ..core.progress import NoProgress, Progress
from ..core.village_maps import (
    INDEX_COLUMNS,
    RosterEntry,
    VillageNames,
    VillagePage,
    VillageStatistics,
    build_page,
    farmland_class,
    net_cents,
    village_statistics,
)
from .geometry import official_areas_of_geometries
from .village_layout import (
    LayerFields,
    RenderLayers,
    VillageLayout,
    locator_layer,
    make_render_layers,
)

CLIP_FAILED = "clip-failed"
#: VillageOutcome.error of villages left undone because the run was cancelled
CANCELED = "canceled"


@dataclass(frozen=True)
class MeasureFields:
    """Fields read while measuring (None: the layer lacks it)."""

    landuse_dlbm: str
    landuse_kcxs: Optional[str]
    pbf_kcxs: Optional[str]
    target_kcxs: Optional[str]
    landuse_code: Optional[str] = None  # 坐落单位代码 fields: only a hint for the order of the tests
    pbf_code: Optional[str] = None
    target_code: Optional[str] = None


@dataclass
class InputLayers:
    """The algorithm's inputs as layers of the calling thread (never drawn or read by the threads)."""

    villages: QgsVectorLayer
    landuse: QgsVectorLayer
    pbf: Optional[QgsVectorLayer]
    targets: Optional[QgsVectorLayer]
    layer_fields: LayerFields
    measure_fields: MeasureFields


@dataclass
class VillageJob:
    """One village to export: names, file stem, geometry (villages CRS), frame, roster, notes."""

    number: int
    names: VillageNames
    stem: str
    geometry: QgsGeometry
    scale: int
    center: tuple[float, float]
    roster: list[RosterEntry]
    notes: dict[str, str]
    parts: int = 1
    target_cents: Optional[int] = None


@dataclass
class ExportSettings:
    folder: Path
    pdf: bool
    png: bool
    dpi: float
    template_xml: str
    template_path: str
    font_family: str
    roster_capacity: int
    with_target: bool
    villages_crs: QgsCoordinateReferenceSystem
    map_crs: QgsCoordinateReferenceSystem
    transform_context: QgsCoordinateTransformContext
    locator_extent: QgsRectangle
    threads: int = 1
    booklet: bool = False
    booklet_folder: Optional[Path] = None  # where PDFs go for the booklet when PDF is not a wanted format


@dataclass
class VillageOutcome:
    job: VillageJob
    page: Optional[VillagePage] = None
    files: list[Path] = field(default_factory=list)
    booklet_pdf: Optional[Path] = None
    error: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


# ------------------------------------------------------------------------------------------ measuring


def _polygonal(geometry: QgsGeometry) -> Optional[QgsGeometry]:
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    if geometry.type() == QgsWkbTypes.PolygonGeometry:
        return geometry
    parts = [p for p in geometry.asGeometryCollection() if p.type() == QgsWkbTypes.PolygonGeometry]
    return QgsGeometry.collectGeometry(parts) if parts else None


def clip_to(
    village: QgsGeometry,
    layer: QgsVectorLayer,
    attributes: list[str],
    keep: Callable[[list], bool] | None = None,
    hint: tuple[int, str] | None = None,
) -> tuple[list[QgsGeometry], list[list], int]:
    """Pieces of the layer's polygons inside ``village`` (given in the layer's CRS) with the wanted
    attributes; parcels inside the village are taken whole. Returns (pieces, attributes, failures).

    ``hint`` = (column of a 坐落单位代码 in ``attributes``, village code) only orders the geometry tests:
    a parcel coded to the village is first tested for "inside", any other for "touches at all"."""
    request = QgsFeatureRequest().setFilterRect(village.boundingBox())
    request.setSubsetOfAttributes(attributes, layer.fields())
    indexes = [layer.fields().lookupField(a) for a in attributes]
    engine = QgsGeometry.createGeometryEngine(village.constGet())
    engine.prepareGeometry()
    pieces: list[QgsGeometry] = []
    values: list[list] = []
    failures = 0
    for feature in layer.getFeatures(request):
        row = [feature.attribute(i) for i in indexes]
        if keep is not None and not keep(row):
            continue
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            continue
        part = geometry.constGet()
        if hint is not None and not str(row[hint[0]] or "").startswith(hint[1]):
            if not engine.intersects(part):
                continue
            inside = engine.contains(part)
        else:
            inside = engine.contains(part)
            if not inside and not engine.intersects(part):
                continue
        if inside:
            piece = geometry
        else:
            clipped = village.intersection(geometry)
            if clipped.isNull():
                failures += 1
                continue
            piece = _polygonal(clipped)
            if piece is None:
                continue  # touches the boundary only
        pieces.append(piece)
        values.append(row)
    return pieces, values, failures


def _null_to_none(value):
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value


class _Measurer:
    """Clips and measures the layers in the calling thread; transforms from the villages CRS made once."""

    def __init__(self, landuse, pbf, targets, fields: MeasureFields, villages_crs, context):
        self.landuse = landuse
        self.pbf = pbf
        self.targets = targets
        self.fields = fields
        self.context = context
        self.transforms = {}
        for layer in (landuse, pbf, targets):
            if layer is not None and layer.crs() != villages_crs:
                self.transforms[id(layer)] = QgsCoordinateTransform(villages_crs, layer.crs(), context)

    def _in_crs_of(self, layer, geometry: QgsGeometry) -> QgsGeometry:
        transform = self.transforms.get(id(layer))
        if transform is None:
            return geometry
        g = QgsGeometry(geometry)
        g.transform(transform)
        return g

    def _net(self, layer, job, kcxs_field, code_field, keep=None, lead=()):
        """Net cents of the layer's pieces in the village, with the rows ``lead + [KCXS, code]``."""
        attributes = list(lead) + [a for a in (kcxs_field, code_field) if a]
        kcxs_column = len(lead) if kcxs_field else None
        hint = (len(attributes) - 1, job.names.code) if code_field else None
        pieces, rows, failures = clip_to(self._in_crs_of(layer, job.geometry), layer, attributes, keep, hint)
        areas, _ = official_areas_of_geometries(pieces, layer.crs(), self.context)
        kcxs = None if kcxs_column is None else [_null_to_none(r[kcxs_column]) for r in rows]
        return net_cents(areas, kcxs), rows, failures

    def measure(self, job: VillageJob) -> tuple[VillageStatistics, int]:
        f = self.fields
        cache: dict = {}

        def is_farmland(row) -> bool:
            code = row[0]
            if code not in cache:
                cache[code] = farmland_class(_null_to_none(code)) is not None
            return cache[code]

        cents, rows, failures = self._net(
            self.landuse, job, f.landuse_kcxs, f.landuse_code, is_farmland, [f.landuse_dlbm]
        )
        codes = [_null_to_none(r[0]) for r in rows]
        pbf_cents = []
        if self.pbf is not None:
            pbf_cents, _, more = self._net(self.pbf, job, f.pbf_kcxs, f.pbf_code)
            failures += more
        target = job.target_cents
        if self.targets is not None:
            target_pieces, _, more = self._net(self.targets, job, f.target_kcxs, f.target_code)
            failures += more
            target = int(target_pieces.sum())
        return village_statistics(cents, codes, pbf_cents, target), failures


# ------------------------------------------------------------------------------------------- threads


@dataclass
class _Shared:
    pages: queue.Queue  # (job, page) to draw; None tells a thread to stop
    cancel: threading.Event
    progress: Progress
    done: list = field(default_factory=list)
    fatal: list = field(default_factory=list)

    def canceled(self) -> bool:
        """Asked before each village (QgsFeedback.isCanceled only reads a flag, from any thread)."""
        if not self.cancel.is_set() and self.progress.is_canceled():
            self.cancel.set()
        return self.cancel.is_set()


class _ExportThread(QThread):
    """Draws and writes pages; measuring stays in the calling thread, so the export threads hardly
    need the Python GIL (a page is one long C++ call) and do not queue behind each other for it."""

    def __init__(self, shared: _Shared, layers: RenderLayers, settings: ExportSettings):
        super().__init__()
        self._shared = shared
        self._payload = layers
        self._settings = settings

    def run(self) -> None:
        try:
            self._work()
        except Exception as error:  # noqa: BLE001 - a thread must report, never die silently
            self._shared.fatal.append("{}: {}".format(type(error).__name__, error))

    def _work(self) -> None:
        layers, self._payload = self._payload, None
        s = self._settings
        layout = None
        try:
            layout = VillageLayout(
                s.template_xml, s.template_path, layers, s.map_crs, s.locator_extent, s.font_family
            )
            while True:
                item = self._shared.pages.get()
                if item is None:
                    break
                job, page = item
                if self._shared.canceled():
                    continue  # drain the queue without drawing
                self._shared.done.append(draw_page(layout, job, page, s))
        finally:
            if layout is not None:
                layout.close()
            del layout
            del layers


def measure_page(measurer: _Measurer, job: VillageJob, s: ExportSettings) -> VillagePage:
    """Statistics and page contents of one village (raises on failure)."""
    stats, failures = measurer.measure(job)
    page = build_page(
        job.names,
        job.stem,
        job.scale,
        job.center,
        stats,
        job.roster,
        job.notes,
        s.with_target,
        s.roster_capacity,
        job.parts,
    )
    if failures:
        page.issues.append((CLIP_FAILED, failures))
    return page


def draw_page(layout: VillageLayout, job: VillageJob, page: VillagePage, s: ExportSettings) -> VillageOutcome:
    """Fill and write one page; any failure ends up in the outcome, never raised."""
    started = time.perf_counter()
    outcome = VillageOutcome(job, page)
    try:
        layout.show(page)
        if s.pdf:
            path = s.folder / (job.stem + ".pdf")
            _raise_if(layout.export_pdf(str(path), s.dpi))
            outcome.files.append(path)
            outcome.booklet_pdf = path
        elif s.booklet and s.booklet_folder is not None:
            path = s.booklet_folder / (job.stem + ".pdf")
            _raise_if(layout.export_pdf(str(path), s.dpi))
            outcome.booklet_pdf = path
        if s.png:
            path = s.folder / (job.stem + ".png")
            _raise_if(layout.export_png(str(path), s.dpi))
            outcome.files.append(path)
    except Exception as error:  # noqa: BLE001 - one bad village must not stop the others
        outcome.error = _error_text(error)
    outcome.seconds += time.perf_counter() - started
    return outcome


def _raise_if(error: str) -> None:
    if error:
        raise RuntimeError(error)


def _error_text(error: Exception) -> str:
    if isinstance(error, RuntimeError):
        return str(error)
    return "{}: {}".format(type(error).__name__, error)


def _locator(inputs: InputLayers, settings: ExportSettings) -> QgsVectorLayer:
    tolerance = settings.locator_extent.width() / 400.0  # ≈ 0.25 mm in a 100 mm wide location map
    return locator_layer(
        inputs.villages,
        inputs.layer_fields.village_code,
        settings.map_crs,
        settings.transform_context,
        tolerance,
    )


def export_villages(
    jobs: list[VillageJob],
    inputs: InputLayers,
    settings: ExportSettings,
    progress: Progress | None = None,
    on_done: Callable[[VillageOutcome], None] | None = None,
) -> tuple[list[VillageOutcome], list[str]]:
    """Export all jobs: this thread measures village after village and hands the pages to
    ``settings.threads`` export threads. Returns the outcomes in job order and the errors of threads
    that stopped. Cancelling stops after the pages being drawn."""
    progress = progress or NoProgress()
    count = max(1, min(settings.threads, len(jobs)))
    shared = _Shared(queue.Queue(maxsize=2 * count), threading.Event(), progress)
    locator = _locator(inputs, settings)
    threads = []
    for _ in range(count):
        layers = make_render_layers(
            inputs.landuse, inputs.pbf, inputs.villages, inputs.layer_fields, settings.font_family, locator
        )
        thread = _ExportThread(shared, layers, settings)
        layers.move_to_thread(thread)
        threads.append(thread)
        del layers
    for thread in threads:
        thread.start()
    measurer = _Measurer(
        inputs.landuse,
        inputs.pbf,
        inputs.targets,
        inputs.measure_fields,
        settings.villages_crs,
        settings.transform_context,
    )
    reporter = _Reporter(shared, on_done, progress, len(jobs))
    for job in jobs:
        if shared.canceled() or not any(t.isRunning() for t in threads):
            break
        started = time.perf_counter()
        try:
            page = measure_page(measurer, job, settings)
        except Exception as error:  # noqa: BLE001 - one bad village must not stop the others
            shared.done.append(VillageOutcome(job, error=_error_text(error)))
            continue
        _put(shared, (job, page), threads, reporter)
        reporter.seconds[job.number] = time.perf_counter() - started
    for _ in threads:
        _put(shared, None, threads, reporter)
    while any(t.isRunning() for t in threads):
        next(t for t in threads if t.isRunning()).wait(100)
        reporter.report()
    for thread in threads:
        thread.wait()
    reporter.report()
    del measurer
    threads.clear()
    by_number = {o.job.number: o for o in shared.done}
    outcomes = []
    for job in jobs:
        outcome = by_number.get(job.number)
        if outcome is None:
            reason = CANCELED if shared.cancel.is_set() else ("; ".join(shared.fatal) or "not exported")
            outcome = VillageOutcome(job, error=reason)
        outcome.seconds += reporter.seconds.get(job.number, 0.0)
        outcomes.append(outcome)
    return outcomes, list(shared.fatal)


class _Reporter:
    """Passes finished villages to ``on_done`` and the progress bar, in the calling thread."""

    def __init__(self, shared: _Shared, on_done, progress: Progress, total: int):
        self.shared = shared
        self.on_done = on_done
        self.progress = progress
        self.total = max(total, 1)
        self.reported = 0
        self.seconds: dict[int, float] = {}

    def report(self) -> None:
        while self.reported < len(self.shared.done):
            if self.on_done is not None:
                self.on_done(self.shared.done[self.reported])
            self.reported += 1
        self.progress.report(self.reported / self.total)
        self.shared.canceled()


def _put(shared: _Shared, item, threads: list, reporter: _Reporter) -> None:
    """Queue an item, reporting progress while the export threads are busy; gives up when no
    thread is left to take it."""
    while True:
        try:
            shared.pages.put(item, timeout=0.1)
            return
        except queue.Full:
            reporter.report()
            if not any(t.isRunning() for t in threads):
                return


# ------------------------------------------------------------------------------------------- booklet


def gdal_can_compose_pdfs() -> bool:
    driver = gdal.GetDriverByName("PDF")
    if driver is None:
        return False
    return any(driver.GetMetadataItem(key) == "YES" for key in ("HAVE_POPPLER", "HAVE_PDFIUM", "HAVE_PODOFO"))


def booklet_composition(
    pages: list[tuple[str, str, Path]], width_pt: float, height_pt: float, title: str
) -> str:
    """GDAL PDF composition XML: one page per (township, village title, pdf), bookmarks by township."""
    lines = ["<PDFComposition>", "  <Metadata><Title>{}</Title></Metadata>".format(_xml_text(title))]
    for i, (_, _, pdf) in enumerate(pages):
        lines.append(
            '  <Page id="p{}"><DPI>72</DPI><Width>{:.2f}</Width><Height>{:.2f}</Height>'
            "<Content><PDF dataset={}/></Content></Page>".format(i, width_pt, height_pt, quoteattr(str(pdf)))
        )
    lines.append("  <Outline>")
    current = None
    for i, (township, village, _) in enumerate(pages):
        if township != current:
            if current is not None:
                lines.append("    </OutlineItem>")
            lines.append('    <OutlineItem name={} open="false">'.format(quoteattr(township or "—")))
            current = township
        action = '<Actions><GotoPageAction pageId="p{}"/></Actions>'.format(i)
        lines.append("      <OutlineItem name={}>{}</OutlineItem>".format(quoteattr(village), action))
    if current is not None:
        lines.append("    </OutlineItem>")
    lines.append("  </Outline>")
    lines.append("</PDFComposition>")
    return "\n".join(lines)


def _xml_text(text: str) -> str:
    """Text escaped for XML content and attribute values."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", " ")
    )


def quoteattr(text: str) -> str:
    """A double-quoted XML attribute value."""
    return '"{}"'.format(_xml_text(text))


def write_booklet(
    pages: list[tuple[str, str, Path]], path: Path, width_pt: float, height_pt: float, title: str
) -> None:
    """Assemble the page PDFs into one booklet with GDAL; raises RuntimeError on failure."""
    with tempfile.TemporaryDirectory(prefix="fg-booklet-") as scratch:
        composition = Path(scratch) / "booklet.xml"
        composition.write_text(booklet_composition(pages, width_pt, height_pt, title), encoding="utf-8")
        driver = gdal.GetDriverByName("PDF")
        gdal.ErrorReset()
        dataset = driver.Create(
            str(path), 0, 0, 0, gdal.GDT_Unknown, options=["COMPOSITION_FILE={}".format(composition)]
        )
        if dataset is None:
            raise RuntimeError(gdal.GetLastErrorMsg() or "GDAL could not write the booklet")
        dataset = None
    if not path.exists() or path.stat().st_size == 0:
        raise RuntimeError(gdal.GetLastErrorMsg() or "GDAL wrote no booklet")


def render_booklet(
    outcomes: list[VillageOutcome], inputs: InputLayers, settings: ExportSettings, path: Path
) -> None:
    """Draw the successful pages once more into one PDF (used where GDAL cannot read PDFs)."""
    layers = make_render_layers(
        inputs.landuse,
        inputs.pbf,
        inputs.villages,
        inputs.layer_fields,
        settings.font_family,
        _locator(inputs, settings),
    )
    layout = VillageLayout(
        settings.template_xml,
        settings.template_path,
        layers,
        settings.map_crs,
        settings.locator_extent,
        settings.font_family,
    )
    try:
        page_item = layout.layout.pageCollection().page(0)
        size = page_item.pageSize()
        writer = QPdfWriter(str(path))
        writer.setResolution(int(settings.dpi))
        writer.setPageSize(QPageSize(QSizeF(size.width(), size.height()), QPageSize.Millimeter))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        layout.layout.renderContext().setTextRenderFormat(QgsRenderContext.TextFormatAlwaysText)
        layout.layout.renderContext().setDpi(settings.dpi)
        painter = QPainter(writer)
        exporter = QgsLayoutExporter(layout.layout)
        first = True
        for outcome in outcomes:
            if not outcome.ok or outcome.page is None:
                continue
            if not first:
                writer.newPage()
            first = False
            layout.show(outcome.page)
            exporter.renderPage(painter, 0)
        painter.end()
        del exporter
    finally:
        layout.close()


# --------------------------------------------------------------------------------------------- index


def write_index(
    rows: list[list[object]], xlsx_path: Path, csv_path: Path, sheet: str = "一村一图索引"
) -> None:
    """The index as CSV (UTF-8 with BOM, opens in Excel) and XLSX (GDAL's driver, no extra packages)."""
    headers = [name for name, _ in INDEX_COLUMNS]
    with open(csv_path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    driver = ogr.GetDriverByName("XLSX")
    if driver is None:
        raise RuntimeError("GDAL has no XLSX driver")
    if xlsx_path.exists():
        driver.DeleteDataSource(str(xlsx_path))
    dataset = driver.CreateDataSource(str(xlsx_path))
    if dataset is None:
        raise RuntimeError("cannot create {}".format(xlsx_path))
    layer = dataset.CreateLayer(sheet, geom_type=ogr.wkbNone)
    kinds = {"int": ogr.OFTInteger64, "real": ogr.OFTReal, "str": ogr.OFTString}
    for name, kind in INDEX_COLUMNS:
        layer.CreateField(ogr.FieldDefn(name, kinds[kind]))
    definition = layer.GetLayerDefn()
    for row in rows:
        feature = ogr.Feature(definition)
        for i, value in enumerate(row):
            if value is None or value == "":
                feature.SetFieldNull(i)
            else:
                feature.SetField(i, value)
        layer.CreateFeature(feature)
        feature = None
    layer = None
    dataset = None
