"""``farmland:redlineoverlay`` — 红线压盖分析: sites against 永久基本农田, 生态保护红线, 城镇开发边界, DLTB.

A thin adapter: parameters → engine/overlay.py (cutting, official areas) → core/overlay (levelling,
tables, verdicts) → sinks and the report. Nothing is written before the computation has finished,
so a cancelled or failed run leaves no outputs behind; the report appears under its name only once
it is complete.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsWkbTypes,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..core import field_roles
from ..core.deduction import DeductionError
from ..core.levelling import LevellingError
from ..core.overlay import OverlayDataError, OverlayResult, compute
from ..core.overlay import output_rows as rows
from ..core.overlay import records as rec
from ..core.overlay import verdict as vd
from ..core.overlay.report_tables import (
    DISPLAY_DECIMALS,
    LAYER_LABELS,
    PLACEHOLDER_YIELD_NOTE,
    REPORT_TITLE,
    notes_sheet,
    report_sheets,
)
from ..core.overlay.site_fields import (
    SITE_COUNTY_NAMES,
    SITE_DATE_NAMES,
    SITE_ID_NAMES,
    SITE_NAME_NAMES,
    guess_field,
)
from ..core.progress import Canceled
from ..engine.geometry import CrsProblem, crs_is_undefined, is_cgcs2000
from ..engine.gpkg_bulk import (
    BulkUnavailable,
    BulkWriteError,
    geopackage_file,
    insert_rows,
    multi_polygon_wkb,
    target_of,
)
from ..engine.overlay import INVALID_REPAIRED, OverlayLayer, OverlayRun, SiteLayer, run_overlay
from ..engine.report_writer import BackgroundReport, ReportWriteError
from ..engine.report_writer import Sheet as ReportSheet
from .base import FarmlandAlgorithm, FeedbackProgress, name_after_its_table
from .messages import crs_problem_message

#: role → piece column, per layer; the roles come from core.field_roles
LANDUSE_ROLES = {
    "BSM": "src_id",
    "TBBH": "tbbh",
    "DLBM": "dlbm",
    "DLMC": "dlmc",
    "ZLDWDM": "zldwdm",
    "ZLDWMC": "zldwmc",
    "QSXZ": "qsxz",
    "QSDWDM": "qsdwdm",
    "KCXS": "kcxs",
    "GDDB": "gddb",
}
ID_ROLES = {
    "PBF": ("YJJBNTTB", ("YJJBNTTBBH", "BSM")),
    "ERL": ("STBHHX", ("HXBM", "BSM")),
    "UDB": ("CZKFBJ", ("BSM",)),
}
EXTRA_ID_NAMES = ("BSM", "BH", "ID")
_BATCH = 5000


@contextmanager
def _cyclic_gc_paused():
    """Pause Python's cyclic garbage collector: the run holds millions of small objects (piece columns,
    sip wrappers) that the collector would rescan again and again — it halves the time of writing
    the pieces. Nothing here builds reference cycles; reference counting frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _grain_yield():
    """The default grade → yield table of core/grain_yield.py when that module exists, else None."""
    try:
        from ..core import grain_yield
    except ImportError:
        return None
    return getattr(grain_yield, "default_yield_per_m2", None)


class RedlineOverlayAlgorithm(FarmlandAlgorithm):
    SITES = "SITES"
    SITE_ID = "SITE_ID"
    SITE_NAME = "SITE_NAME"
    SITE_DATE = "SITE_DATE"
    BUFFER = "BUFFER"
    PBF = "PBF"
    ERL = "ERL"
    UDB = "UDB"
    EXTRA = "EXTRA"
    LANDUSE = "LANDUSE"
    FIELD_MAP = "FIELD_MAP"
    PIECES = "PIECES"
    SUMMARY = "SUMMARY"
    VERDICT = "VERDICT"
    REPORT = "REPORT"
    ERRORS = "ERRORS"
    SITE_COUNT = "SITE_COUNT"
    PIECE_COUNT = "PIECE_COUNT"
    REPAIRED_COUNT = "REPAIRED_COUNT"

    group_id = "overlay"

    def name(self) -> str:
        return "redlineoverlay"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Red-line overlay analysis")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Which project sites occupy permanent basic farmland, the ecological red line, land outside the "
            "urban development boundary, and how much farmland of which class in which village."
        )

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Overlays project sites (红线) with 永久基本农田 (PBF), 生态保护红线 (ERL), 城镇开发边界 (UDB), any "
            "other constraint layers (EXTRA) and the 三调/变更 DLTB layer (LANDUSE) in one run.\n\n"
            "Areas are official ellipsoidal areas (国土调查办发〔2008〕32号, CGCS2000, half-up to 0.01 m²). "
            "For every site the DLTB pieces are levelled so that they add up exactly to the site's area "
            "inside DLTB; class, village and ownership totals are sums of levelled pieces. 田坎 is split "
            "off by KCXS. Overlapping features of one layer are counted once; sites that overlap each other "
            "are each reported in full and flagged. Parts of a site that DLTB does not cover are reported "
            "as a data gap.\n\n"
            "Invalid geometries are repaired (makeValid) and listed in the log and the ERRORS output; "
            "features without geometry are skipped and counted.\n\n"
            "Outputs: PIECES (every piece with its parcel's attributes, m², 公顷, 亩), SUMMARY (per site × "
            "category, and × land class × village × ownership for DLTB), VERDICT (per site and rule, with "
            "the 占补平衡 demand fields XMBH, XZQDM, PZRQ, GDMJ, STMJ, DB) and REPORT (XLSX workbook with "
            "汇总/分地类/分村/明细 sheets and an HTML copy).\n\n"
            "FIELD_MAP overrides field names, e.g. DLBM=DL_CODE;KCXS=TKXS for DLTB, or PBF.YJJBNTTBBH=BH "
            "for another layer (prefixes LANDUSE., PBF., ERL., UDB.)."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        polygons = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.SITES, self.tr("Project sites (红线)"), polygons)
        )
        for name, label in (
            (self.SITE_ID, self.tr("Site id field (default: XMBH, DKBH, … or the feature id)")),
            (self.SITE_NAME, self.tr("Site name field (default: XMMC, DKMC, …)")),
            (self.SITE_DATE, self.tr("Approval date field (default: PZRQ, …)")),
        ):
            self.addParameter(
                QgsProcessingParameterField(name, label, parentLayerParameterName=self.SITES, optional=True)
            )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BUFFER,
                self.tr("Tolerance zone around the sites (m, 0 = none)"),
                QgsProcessingParameterNumber.Type.Double,
                0.0,
                minValue=0.0,
            )
        )
        for name, label in (
            (self.PBF, self.tr("Permanent basic farmland (永久基本农田)")),
            (self.ERL, self.tr("Ecological protection red line (生态保护红线)")),
            (self.UDB, self.tr("Urban development boundary (城镇开发边界)")),
        ):
            self.addParameter(QgsProcessingParameterFeatureSource(name, label, polygons, optional=True))
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.EXTRA,
                self.tr("Other constraint layers"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.LANDUSE, self.tr("Land use parcels (三调/变更 DLTB)"), polygons, optional=True
            )
        )
        field_map = QgsProcessingParameterString(
            self.FIELD_MAP, self.tr("Field map (role=field;…)"), optional=True
        )
        field_map.setFlags(field_map.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(field_map)
        self.addParameter(QgsProcessingParameterFeatureSink(self.PIECES, self.tr("Overlay pieces")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY, self.tr("Summary table"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.VERDICT, self.tr("Verdict per site"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT,
                self.tr("Report (XLSX; an HTML copy is written next to it)"),
                self.tr("Excel workbook (*.xlsx)"),
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ERRORS,
                self.tr("Repaired and skipped geometries"),
                QgsProcessing.SourceType.TypeVectorAnyGeometry,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.SITE_COUNT, self.tr("Number of sites")))
        self.addOutput(QgsProcessingOutputNumber(self.PIECE_COUNT, self.tr("Number of pieces")))
        self.addOutput(
            QgsProcessingOutputNumber(self.REPAIRED_COUNT, self.tr("Number of repaired geometries"))
        )

    # --- run ----------------------------------------------------------------------------------

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        with _cyclic_gc_paused():
            return self._process(parameters, context, feedback)

    def _process(self, parameters, context, feedback):
        self.checkReportPath(parameters, self.REPORT, context)
        overrides = self._field_maps(parameters, context)
        sites = self._site_layer(parameters, context, feedback)
        layers = self._layers(parameters, context, feedback, overrides)
        buffer = self.parameterAsDouble(parameters, self.BUFFER, context)
        crs, crs_layer = working_crs(sites, layers)
        if buffer > 0 and crs.isGeographic():
            raise QgsProcessingException(
                self.tr(
                    "The tolerance zone needs a projected working CRS; {crs} is geographic. Reproject the "
                    "land-use layer (or the sites) to a CGCS2000 Gauss–Krüger CRS."
                ).format(crs=crs.authid())
            )
        feedback.pushInfo(self.tr("Working CRS: {crs}").format(crs=crs.authid() or crs.description()))
        for name, source in [(sites.name, sites.source)] + [(layer.name, layer.source) for layer in layers]:
            if source.featureCount() != 0 and crs_is_undefined(source.sourceCrs()):
                raise QgsProcessingException(
                    self.tr(
                        "Layer “{layer}” has no coordinate reference system, so it cannot be placed among the "
                        "other layers. Set its CRS (the one its coordinates were made in) and run again."
                    ).format(layer=name)
                )
        if not is_cgcs2000(crs):
            feedback.pushWarning(
                self.tr(
                    "The working CRS {crs} is not a CGCS2000 CRS: the pieces are cut with edges straight in it, "
                    "which moves their areas slightly. Reproject the land-use layer to the county's CGCS2000 "
                    "Gauss–Krüger CRS for the official figures."
                ).format(crs=crs.authid() or crs.description())
            )
        if sites.source.featureCount() == 0:
            feedback.pushWarning(
                self.tr("The site layer “{layer}” has no features.").format(layer=sites.name)
            )
        for layer in layers:
            if layer.category == rec.LANDUSE and not layer.fields.get("kcxs"):
                feedback.pushWarning(
                    self.tr(
                        "Layer “{layer}” has no KCXS (扣除地类系数) field: no 田坎 is deducted, so the 耕地 "
                        "figures include their 田坎. Map the field with FIELD_MAP (e.g. KCXS=TKXS) if it has "
                        "another name."
                    ).format(layer=layer.name)
                )
            for column in ("zldwdm", "qsxz", "gddb") if layer.category == rec.LANDUSE else ():
                if not layer.fields.get(column):
                    feedback.pushWarning(
                        self.tr("Layer “{layer}” has no {role} field: the tables leave it blank.").format(
                            layer=layer.name, role=column.upper()
                        )
                    )
        try:
            run = run_overlay(
                sites,
                layers,
                crs,
                context.transformContext(),
                buffer,
                FeedbackProgress(feedback, 0, 85),
                feedback,
            )
        except Canceled:
            return {}
        except CrsProblem as problem:
            raise QgsProcessingException(crs_problem_message(problem, crs_layer)) from problem
        try:
            result = compute(run.data, _grain_yield())
        except DeductionError as error:
            raise QgsProcessingException(self._deduction_message(error, run)) from error
        except (LevellingError, OverlayDataError) as error:
            raise QgsProcessingException(
                self.tr("Levelling failed: {error}").format(error=str(error))
            ) from error
        if feedback.isCanceled():
            return {}
        self._log_problems(run, feedback)
        self._log_unclassified(result, feedback)
        gaps = [v.site_id for v in result.verdicts if v.gap_cents]
        if gaps:
            feedback.pushWarning(
                self.tr(
                    "{n} sites are not wholly covered by the land-use layer; the uncovered part is reported as a "
                    "data gap (未覆盖) and the site needs review: {ids}"
                ).format(n=len(gaps), ids=", ".join(gaps[:50]) + (" …" if len(gaps) > 50 else ""))
            )
        feedback.setProgress(88)
        results = self._write_outputs(parameters, context, feedback, run, result, sites, layers)
        feedback.setProgress(100)
        return results

    def _log_unclassified(self, result, feedback) -> None:
        """Land-use pieces without a land class (DLBM) or a village code go to 未知地类 / a blank village."""
        pieces, described = result.data.pieces, result.described
        landuse = [i for i in range(len(pieces)) if pieces.category[i] == rec.LANDUSE]
        for texts, message in (
            (
                [pieces.text["src_id"][i] for i in landuse if not described.dlbm[i]],
                self.tr("{n} land-use pieces have no land class (DLBM) and are counted as 未知地类: {ids}"),
            ),
            (
                [pieces.text["src_id"][i] for i in landuse if not pieces.text["zldwdm"][i]],
                self.tr(
                    "{n} land-use pieces have no village code (ZLDWDM) and are listed without a village: {ids}"
                ),
            ),
        ):
            if texts:
                shown = ", ".join(sorted({t for t in texts if t})[:50]) or "—"
                feedback.pushWarning(message.format(n=len(texts), ids=shown))

    # --- inputs -------------------------------------------------------------------------------

    def _field_maps(self, parameters, context) -> dict:
        """FIELD_MAP split by layer prefix: {'LANDUSE': {...}, 'PBF': {...}, …}."""
        try:
            entries = field_roles.parse_field_map(self.parameterAsString(parameters, self.FIELD_MAP, context))
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        maps: dict = {"LANDUSE": {}, "PBF": {}, "ERL": {}, "UDB": {}}
        for key, value in entries.items():
            prefix, _, role = key.rpartition(".")
            prefix = prefix or "LANDUSE"
            if prefix not in maps:
                raise QgsProcessingException(
                    self.tr(
                        "Field map entry {entry}: unknown layer prefix {prefix} "
                        "(use LANDUSE, PBF, ERL or UDB)."
                    ).format(entry=key, prefix=prefix)
                )
            maps[prefix][role] = value
        return maps

    def _site_layer(self, parameters, context, feedback) -> SiteLayer:
        source = self.sourceWithEncoding(parameters, self.SITES, context, feedback)
        names = source.fields().names()

        def field(parameter: str, guesses) -> str | None:
            chosen = self.parameterAsString(parameters, parameter, context)
            return chosen or guess_field(names, guesses)

        id_field = field(self.SITE_ID, SITE_ID_NAMES)
        if id_field is None:
            feedback.pushWarning(
                self.tr("The site layer has no id field (XMBH, DKBH, …); sites are named by feature id.")
            )
        uri = self._ogr_uri(parameters, self.SITES, context)
        return SiteLayer(
            source=source,
            name=_layer_name(source, uri),
            id_field=id_field,
            name_field=field(self.SITE_NAME, SITE_NAME_NAMES),
            date_field=field(self.SITE_DATE, SITE_DATE_NAMES),
            county_field=guess_field(names, SITE_COUNTY_NAMES),
            uri=uri,
        )

    def _layers(self, parameters, context, feedback, overrides) -> list[OverlayLayer]:
        layers = []
        for parameter, category in ((self.PBF, rec.PBF), (self.ERL, rec.ERL), (self.UDB, rec.UDB)):
            if not parameters.get(parameter):
                continue
            source = self.sourceWithEncoding(parameters, parameter, context, feedback)
            layer_type, id_roles = ID_ROLES[category]
            roles = self._roles(layer_type, source, overrides[category])
            id_field = next((roles[r] for r in id_roles if roles.get(r)), None)
            zones = (rec.ZONE_SITE,) if category == rec.UDB else (rec.ZONE_SITE, rec.ZONE_BUFFER)
            uri = self._ogr_uri(parameters, parameter, context)
            name = self._unique_name(_layer_name(source, uri), layers)
            layers.append(OverlayLayer(category, name, source, {"src_id": id_field}, zones, uri))
        for layer in self.parameterAsLayerList(parameters, self.EXTRA, context):
            id_field = guess_field(layer.fields().names(), EXTRA_ID_NAMES)
            uri = layer.source() if layer.providerType() == "ogr" and not layer.isModified() else ""
            name_after_its_table(layer)
            name = self._unique_name(layer.name(), layers)
            zones = (rec.ZONE_SITE, rec.ZONE_BUFFER)
            layers.append(OverlayLayer(rec.EXTRA, name, layer, {"src_id": id_field}, zones, uri))
        if parameters.get(self.LANDUSE):
            source = self.sourceWithEncoding(parameters, self.LANDUSE, context, feedback)
            roles = self._roles("DLTB", source, overrides["LANDUSE"], required=("DLBM",))
            fields = {column: roles.get(role) for role, column in LANDUSE_ROLES.items()}
            uri = self._ogr_uri(parameters, self.LANDUSE, context)
            name = self._unique_name(_layer_name(source, uri), layers)
            layers.insert(0, OverlayLayer(rec.LANDUSE, name, source, fields, (rec.ZONE_SITE,), uri))
        return layers

    def _ogr_uri(self, parameters, name, context) -> str:
        """The OGR data source of a layer parameter, read in bulk past QGIS ('' for other providers, and
        for a layer with unsaved edits: the file does not hold what QGIS shows)."""
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is None or layer.providerType() != "ogr" or layer.isModified():
            return ""
        return layer.source()

    @staticmethod
    def _unique_name(name: str, layers) -> str:
        taken = {layer.name for layer in layers}
        candidate, n = name, 2
        while candidate in taken:
            candidate, n = "{} ({})".format(name, n), n + 1
        return candidate

    def _roles(self, layer_type: str, source, overrides: dict, required=()) -> dict:
        try:
            return field_roles.resolve_roles(
                layer_type, source.fields().names(), overrides, required=required
            )
        except field_roles.MissingRoleError as error:
            raise QgsProcessingException(
                self.tr(
                    "Layer “{layer}” has no field for the role {role} (looked for {candidates}). Its fields "
                    "are: {fields}. Name the field with FIELD_MAP, e.g. {role}=YOUR_FIELD."
                ).format(
                    layer=source.sourceName(),
                    role=error.role,
                    candidates=", ".join(error.candidates),
                    fields=", ".join(error.available_fields) or "-",
                )
            ) from error
        except field_roles.RoleError as error:
            raise QgsProcessingException(
                self.tr("Layer “{layer}”: {error}").format(layer=source.sourceName(), error=str(error))
            ) from error

    # --- messages -----------------------------------------------------------------------------

    def _deduction_message(self, error: DeductionError, run: OverlayRun) -> str:
        pieces = run.data.pieces
        landuse = [i for i, c in enumerate(pieces.category) if c == rec.LANDUSE]
        index = landuse[error.index] if error.index is not None and error.index < len(landuse) else None
        fid = pieces.src_fid[index] if index is not None else "?"
        return self.tr(
            "Parcel {fid}: KCXS {value} is not a coefficient in [0, 1). Fix the value and run again."
        ).format(fid=fid, value=error.value)

    def _log_problems(self, run: OverlayRun, feedback) -> None:
        by_kind: dict = {}
        for issue in run.issues:
            by_kind.setdefault((issue.layer, issue.kind), []).append(issue.feature_id or str(issue.fid))
        texts = {
            INVALID_REPAIRED: self.tr("Layer “{layer}”: {n} invalid geometries repaired (makeValid): {ids}"),
            "null-skipped": self.tr("Layer “{layer}”: {n} features without geometry skipped: {ids}"),
            "empty-skipped": self.tr("Layer “{layer}”: {n} features with empty geometry skipped: {ids}"),
            "unrepairable-skipped": self.tr(
                "Layer “{layer}”: {n} geometries could not be repaired and were skipped: {ids}"
            ),
            "overlap-trimmed": self.tr(
                "Layer “{layer}”: {n} features overlap others inside a site; the overlap "
                "is counted once: {ids}"
            ),
            "intersection-failed": self.tr(
                "Layer “{layer}”: {n} features could not be intersected (GEOS); "
                "their area counts as a data gap: {ids}"
            ),
        }
        for (layer, kind), ids in sorted(by_kind.items()):
            shown = ", ".join(ids[:50]) + (" …" if len(ids) > 50 else "")
            feedback.pushWarning(texts[kind].format(layer=layer, n=len(ids), ids=shown))
        for layer, count in sorted(run.skipped_without_geometry.items()):
            feedback.pushWarning(
                self.tr("Layer “{layer}”: {n} features without geometry skipped.").format(
                    layer=layer, n=count
                )
            )
        if run.duplicate_site_ids:
            feedback.pushWarning(
                self.tr("Site ids used more than once (each feature is reported separately): {ids}").format(
                    ids=", ".join(run.duplicate_site_ids[:50])
                )
            )
        overlapping = [run.data.sites[s].site_id for s in sorted(run.data.overlaps)]
        if overlapping:
            feedback.pushWarning(
                self.tr(
                    "{n} sites overlap other sites; each is reported in full (see CDXM/CDMJ): {ids}"
                ).format(n=len(overlapping), ids=", ".join(overlapping[:50]))
            )
        if _grain_yield() is None:
            feedback.pushInfo(
                self.tr("No grade → yield table available: the VERDICT has no CN (产能) figure.")
            )
        else:
            feedback.pushWarning(
                self.tr(
                    "CN (产能) uses the plugin's default grade → yield table, a placeholder until the "
                    "province's table is entered; check it before the figures are filed."
                )
            )
        counters = run.counters
        feedback.pushInfo(
            self.tr(
                "{sites} sites, {pieces} pieces ({whole} parcels taken whole, {cut} cut, {cand} candidates)."
            ).format(
                sites=len(run.data.sites),
                pieces=len(run.data.pieces),
                whole=counters["whole"],
                cut=counters["cut"],
                cand=counters["candidates"],
            )
        )

    # --- outputs ------------------------------------------------------------------------------

    def _write_outputs(
        self, parameters, context, feedback, run: OverlayRun, result: OverlayResult, sites, layers
    ):
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        # the report is written on a thread of its own while the layers are written here
        report = self._start_report(report_path, result, sites, layers) if report_path else None
        try:
            results = self._write_layers(parameters, context, feedback, run, result, sites, layers)
        except BaseException:
            if report is not None:
                report.discard()
            raise
        if report is not None:
            self._finish_report(report, feedback)
            results[self.REPORT] = report_path
        return results

    def _write_layers(self, parameters, context, feedback, run: OverlayRun, result: OverlayResult, sites, layers):
        crs = working_crs(sites, layers)[0]
        fields = qgs_fields(rows.PIECE_FIELDS)
        pieces = self._output(parameters, self.PIECES, context, fields, QgsWkbTypes.MultiPolygon, crs)
        measured = (run.piece_wkbs, run.piece_extents)
        write_rows(pieces, fields, rows.piece_rows(result), run.piece_geometries, measured)
        feedback.setProgress(94)
        fields = qgs_fields(rows.SUMMARY_FIELDS)
        summary = self._output(parameters, self.SUMMARY, context, fields, QgsWkbTypes.NoGeometry, crs)
        write_rows(summary, fields, rows.summary_rows(result))
        with_capacity = _grain_yield() is not None
        fields = qgs_fields(rows.verdict_fields(with_capacity))
        verdict = self._output(parameters, self.VERDICT, context, fields, QgsWkbTypes.NoGeometry, crs)
        with self.documentLanguage():  # the verdict texts stored in the table
            status_text = self._status_text()
            verdicts = rows.verdict_rows(result, self._rule_text, lambda s: status_text.get(s, s), with_capacity)
        write_rows(verdict, fields, verdicts)
        results = {
            self.PIECES: pieces.dest_id,
            self.SUMMARY: summary.dest_id,
            self.VERDICT: verdict.dest_id,
            self.SITE_COUNT: len(run.data.sites),
            self.PIECE_COUNT: len(run.data.pieces),
            self.REPAIRED_COUNT: sum(1 for issue in run.issues if issue.kind == INVALID_REPAIRED),
        }
        errors_sink, errors_id = self.parameterAsSink(
            parameters, self.ERRORS, context, error_fields(), QgsWkbTypes.MultiPolygon, crs
        )
        if errors_sink is not None:
            write_errors(errors_sink, run)
            results[self.ERRORS] = errors_id
        feedback.setProgress(97)
        return results

    def _output(self, parameters, name, context, fields, wkb_type, crs) -> Output:
        sink, dest_id = self.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))

        def reopen():
            return self.parameterAsSink(parameters, name, context, fields, wkb_type, crs)[0]

        return Output(sink, dest_id, reopen)

    def _start_report(self, path, result, sites, layers) -> BackgroundReport:
        """汇总/分地类/分村/明细 (+ 说明) as XLSX and HTML, via engine/report_writer (atomic)."""
        sources = [(LAYER_LABELS[rec.SITE], _source_text(sites.name, sites.uri))]
        for layer in layers:
            label = LAYER_LABELS.get(layer.category, layer.name)
            sources.append((label, _source_text(layer.name, layer.ogr_uri)))
        notes = (PLACEHOLDER_YIELD_NOTE,) if _grain_yield() is not None else ()
        notes = notes_sheet(sources, report_date(), working_crs(sites, layers)[0].authid(), notes)

        def sheets():  # made in the background as well
            return [
                ReportSheet(
                    sheet.name,
                    [c.header for c in sheet.columns],
                    sheet.rows,
                    decimals=[DISPLAY_DECIMALS.get(c.kind) for c in sheet.columns],
                    notes=[sheet.title],
                )
                for sheet in report_sheets(result, notes)
            ]

        return BackgroundReport(path, sheets, REPORT_TITLE)

    def _finish_report(self, report: BackgroundReport, feedback) -> None:
        try:
            xlsx, html = report.result()
        except ReportWriteError as error:
            raise QgsProcessingException(
                self.tr("The report could not be written: {error}").format(error=str(error))
            ) from error
        feedback.pushInfo(self.tr("Report written: {xlsx} and {html}").format(xlsx=xlsx, html=html))

    # --- translated texts ---------------------------------------------------------------------

    def _status_text(self) -> dict:
        return {
            vd.NOT_CHECKED: self.tr("not checked (layer not given)"),
            vd.CLEAR: self.tr("clear"),
            vd.BALANCE: self.tr("occupies farmland: compensation (占补平衡) required"),
            vd.REVIEW: self.tr("review needed"),
            vd.RESTRICTED: self.tr("restricted: inside the ecological protection red line"),
            vd.PROHIBITED: self.tr(
                "prohibited: occupies permanent basic farmland (only with State Council approval)"
            ),
        }

    def _rule_text(self, rule: str, status: str) -> str:
        if status == vd.REVIEW and rule == vd.RULE_UDB:
            return self.tr("review: outside the urban development boundary")
        if status == vd.REVIEW and rule == vd.RULE_EXTRA:
            return self.tr("review: touches other constraint layers")
        return self._status_text().get(status, status)


# --- sink schemas and writers (module level: no translated text in here) --------------------------


def qgs_fields(spec) -> QgsFields:
    """QgsFields from core.overlay.output_rows field specs."""
    fields = QgsFields()
    types = {
        "str": (QVariant.String, "string"),
        "int": (QVariant.Int, "integer"),
        "long": (QVariant.LongLong, "integer"),
        "real": (QVariant.Double, "double"),
    }
    for name, kind, length, precision in spec:
        variant, type_name = types[kind]
        if kind == "real":
            fields.append(QgsField(name, variant, type_name, 18, precision))
        else:
            fields.append(QgsField(name, variant, type_name, length))
    return fields


def error_fields() -> QgsFields:
    return qgs_fields(
        [
            ("LAYER", "str", 254, 0),
            ("SRC_FID", "long", 0, 0),
            ("FEATURE_ID", "str", 60, 0),
            ("PROBLEM", "str", 30, 0),
        ]
    )


def _add(sink, features: list) -> None:
    if features and not sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert):
        raise QgsProcessingException(
            QCoreApplication.translate(
                "RedlineOverlayAlgorithm", "Could not write to an output: {error}"
            ).format(error=sink.lastError() if hasattr(sink, "lastError") else "")
        )


def _multi(geometry: QgsGeometry) -> QgsGeometry:
    if QgsWkbTypes.isMultiType(geometry.wkbType()):
        return geometry
    multi = QgsGeometry(geometry)
    multi.convertToMultiType()
    return multi


class Output:
    """A sink and its destination id; the one reference to the sink, so that dropping it closes it.
    ``reopen`` makes the sink again (the file anew) when its table turns out unfit for bulk rows."""

    def __init__(self, sink, dest_id: str, reopen) -> None:
        self.sink = sink
        self.dest_id = dest_id
        self.reopen = reopen


def write_rows(output: Output, fields: QgsFields, rows, geometries=None, measured=None) -> None:
    """Rows (and geometries, when given) to an output. A GeoPackage output gets them in one SQLite
    transaction once its sink has closed (engine/gpkg_bulk.py), any other through the sink in batches.
    ``measured``: the geometries' WKB and extents as the area engine read them, which the bulk path
    writes (rows with geometries but without them go through the sink)."""
    names = fields.names()
    target = None
    bulk = geometries is None or measured is not None
    if bulk and sip.ispyowned(output.sink) and geopackage_file(output.dest_id):
        output.sink = None  # the last reference: the sink writes its file to the end and closes it
        target = target_of(output.dest_id, names, geometries is not None)
        if target is None:
            output.sink = output.reopen()
    if target is not None:
        shapes = None
        if geometries is not None:
            shapes = zip(map(multi_polygon_wkb, measured[0]), map(tuple, measured[1].tolist()))
        try:
            insert_rows(target, names, rows, shapes)
            return
        except BulkUnavailable:  # locked: no row taken yet, so the sink is made again and written
            output.sink = output.reopen()
        except BulkWriteError as error:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "RedlineOverlayAlgorithm", "Could not write to an output: {error}"
                ).format(error=str(error))
            ) from error
    batch: list = []
    for i, row in enumerate(rows):
        feature = QgsFeature(fields)
        if geometries is not None:
            feature.setGeometry(_multi(geometries[i]))
        feature.setAttributes(list(row))
        batch.append(feature)
        if len(batch) >= _BATCH:
            _add(output.sink, batch)
            batch = []
    _add(output.sink, batch)


def write_errors(sink, run: OverlayRun) -> None:
    fields = error_fields()
    batch = []
    for issue in run.issues:
        feature = QgsFeature(fields)
        if issue.geometry is not None and not issue.geometry.isNull():
            feature.setGeometry(_multi(issue.geometry))
        feature.setAttributes([issue.layer, issue.fid, issue.feature_id, issue.kind])
        batch.append(feature)
    _add(sink, batch)


def report_date() -> str:
    return dt.date.today().isoformat()


def working_crs(sites: SiteLayer, layers) -> tuple[QgsCoordinateReferenceSystem, str]:
    """(CRS, name of the layer it comes from): LANDUSE's when it is a CGCS2000 CRS, else the first
    CGCS2000 Gauss–Krüger CRS among the sites and layers, else LANDUSE's, else the first projected one,
    else the sites'. (Pieces are cut with edges straight in the working CRS: a CGCS2000 one keeps
    them the polygons the data were drawn as.)"""
    named = [(sites.name, sites.source)] + [(layer.name, layer.source) for layer in layers]
    landuse = [(layer.name, layer.source) for layer in layers if layer.category == rec.LANDUSE]
    for name, source in landuse:
        if is_cgcs2000(source.sourceCrs()):
            return source.sourceCrs(), name
    for name, source in named:
        crs = source.sourceCrs()
        if is_cgcs2000(crs) and not crs.isGeographic():
            return crs, name
    for name, source in landuse:
        if source.sourceCrs().isValid():
            return source.sourceCrs(), name
    for name, source in named:
        crs = source.sourceCrs()
        if crs.isValid() and not crs.isGeographic():
            return crs, name
    return sites.source.sourceCrs(), sites.name


def _layer_name(source, uri: str) -> str:
    """The layer's own name (GeoPackage/GDB layer name when there is one), else the source's name."""
    if uri:
        layer_name = QgsProviderRegistry.instance().decodeUri("ogr", uri).get("layerName")
        if layer_name:
            return layer_name
    return source.sourceName()


def _source_text(name: str, uri: str) -> str:
    """'name (where it comes from)' for the report's data sources."""
    return "{} ({})".format(name, uri) if uri and uri != name else name
