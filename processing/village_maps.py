"""``farmland:villagemaps`` — 一村一图: every village's 耕地保护现状图 as PDF/PNG, a booklet and an index."""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
import time
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QThread

from ..core import admin_codes, field_roles
from ..core import village_maps as vm
from ..engine.atlas_export import (
    CANCELED,
    CLIP_FAILED,
    ExportSettings,
    InputLayers,
    MeasureFields,
    VillageJob,
    export_villages,
    gdal_can_compose_pdfs,
    render_booklet,
    write_booklet,
    write_index,
)
from ..engine.geometry import CrsProblem, official_areas_of_geometries
from ..engine.village_layout import (
    LayerFields,
    TemplateProblem,
    cjk_font_family,
    read_template,
    template_info,
)
from ..resources import resource_path
from .base import FarmlandAlgorithm, FeedbackProgress
from .messages import crs_problem_message

BOOKLET_NAME = "一村一图_图册.pdf"
INDEX_NAME = "一村一图_索引"
#: project or global variable naming the 制图单位 (default: the county's 自然资源局)
MAPPING_UNIT_VARIABLE = "farmland_mapping_unit"


class VillageMapsAlgorithm(FarmlandAlgorithm):
    VILLAGES = "VILLAGES"
    LANDUSE = "LANDUSE"
    PBF = "PBF"
    TARGETS = "TARGETS"
    ROSTER = "ROSTER"
    TEMPLATE = "TEMPLATE"
    FILTER = "FILTER"
    FORMAT = "FORMAT"
    DPI = "DPI"
    FILENAME = "FILENAME"
    BOOKLET = "BOOKLET"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    INDEX_XLSX = "INDEX_XLSX"
    INDEX_CSV = "INDEX_CSV"
    BOOKLET_PDF = "BOOKLET_PDF"
    PAGE_COUNT = "PAGE_COUNT"
    FAILED_COUNT = "FAILED_COUNT"

    group_id = "maps"

    def name(self) -> str:
        return "villagemaps"

    def displayName(self) -> str:
        return self.tr("Village farmland maps (one map per village)")

    def shortDescription(self) -> str:
        return self.tr("Print every village's 耕地保护现状图 with statistics and the 田长 roster.")

    def shortHelpString(self) -> str:
        return self.tr(
            "Writes one 耕地保护现状图 per village (一村一图): the village boundary, neighbours greyed with "
            "their names, 耕地 by class (水田/水浇地/旱地), 永久基本农田 hatched, 图斑 numbers, a statistics "
            "table, the 田长 table, legend, scale bar, north arrow and the notes (coordinate system, data "
            "year, 制图单位 and date, 举报电话 12336).\n\n"
            "Statistics: LANDUSE and PBF are clipped to each village and measured with the official "
            "ellipsoidal area (32号 formula), net of the 田坎 deduction (TBDLMJ basis). TARGETS may be "
            "耕地保护目标 polygons (measured the same way) or a table with a village code and the target "
            "in 亩. The ROSTER table lists 田长/网格员 by unit code (county, township or village): level, "
            "name, position, phone.\n\n"
            "The scale is the largest of 1:2000, 1:2500, 1:5000, 1:10000 … at which the village fills the "
            "map frame. FILENAME may use {村代码} {村名} {乡镇} {乡镇代码} {县} {县代码} {序号}; names are "
            "made safe for Windows and Linux and unique. Township and county names come from an XZQ layer "
            "next to VILLAGES or from the roster's unit names (DWMC). Set the project variable "
            "farmland_mapping_unit to print another 制图单位.\n\n"
            "TEMPLATE is a print layout template (.qpt); items are found by id (map, title, subtitle, "
            "stats_table, roster_table, legend, scalebar, north_arrow, locator, crs_note, data_source, "
            "credits, report_phone, notice). Without one, the shipped A3 landscape template is used.\n\n"
            "Pages are drawn on all processor cores. A village that fails is reported and the others go "
            "on; the index (XLSX and CSV) lists every village with its file, statistics and status."
        )

    def flags(self):
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None) -> None:
        polygons = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.VILLAGES, self.tr("Villages (CJDCQ)"), polygons)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.LANDUSE, self.tr("Land use parcels (DLTB)"), polygons)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PBF, self.tr("Permanent basic farmland (YJJBNTTB)"), polygons
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.TARGETS,
                self.tr("Farmland protection targets (GDBHMB polygons or a table in 亩)"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROSTER,
                self.tr("田长 roster (table: unit code, level, name, position, phone)"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.TEMPLATE,
                self.tr("Layout template (.qpt; empty: the shipped A3 template)"),
                extension="qpt",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterExpression(
                self.FILTER,
                self.tr("Only villages matching"),
                parentLayerParameterName=self.VILLAGES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FORMAT, self.tr("Format"), ["PDF", "PNG", "PDF + PNG"], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DPI,
                self.tr("Resolution (dpi)"),
                QgsProcessingParameterNumber.Type.Integer,
                300,
                minValue=72,
                maxValue=1200,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.FILENAME, self.tr("File name pattern"), vm.DEFAULT_FILENAME)
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.BOOKLET, self.tr("Also write one booklet PDF (图册)"), False)
        )
        self.addParameter(
            QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder"))
        )
        self.addOutput(QgsProcessingOutputFile(self.INDEX_XLSX, self.tr("Index (XLSX)")))
        self.addOutput(QgsProcessingOutputFile(self.INDEX_CSV, self.tr("Index (CSV)")))
        self.addOutput(QgsProcessingOutputFile(self.BOOKLET_PDF, self.tr("Booklet (PDF)")))
        self.addOutput(QgsProcessingOutputNumber(self.PAGE_COUNT, self.tr("Maps written")))
        self.addOutput(QgsProcessingOutputNumber(self.FAILED_COUNT, self.tr("Villages that failed")))

    # ------------------------------------------------------------------------------------ inputs

    def _layer(self, parameters, name, context, feedback):
        """(source, layer) of a parameter: the source respects "selected features only" and repairs
        the encoding; the layer is what the export threads clone for drawing."""
        source = self.sourceWithEncoding(parameters, name, context, feedback)
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        return source, layer

    def _roles(self, layer_type, source, required):
        try:
            return field_roles.resolve_roles(layer_type, source.fields().names(), None, required=required)
        except field_roles.MissingRoleError as error:
            raise QgsProcessingException(
                self.tr(
                    "Layer “{layer}” has no field for {role} (looked for {candidates}); its fields are: "
                    "{fields}."
                ).format(
                    layer=source.sourceName(),
                    role=error.role,
                    candidates=", ".join(error.candidates),
                    fields=", ".join(error.available_fields),
                )
            ) from error

    def _check_crs(self, source, context) -> None:
        """Raise the CRS/coordinate disagreement of a layer before any page is drawn."""
        request = QgsFeatureRequest().setLimit(20).setNoAttributes()
        geometries = [f.geometry() for f in source.getFeatures(request) if f.hasGeometry()]
        try:
            official_areas_of_geometries(geometries, source.sourceCrs(), context.transformContext())
        except CrsProblem as problem:
            raise QgsProcessingException(crs_problem_message(problem, source.sourceName())) from problem

    def _roster(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.ROSTER, context)
        if source is None:
            return None
        found = vm.match_fields(source.fields().names(), vm.ROSTER_FIELDS)
        if not found["code"] or not found["name"]:
            raise QgsProcessingException(
                self.tr(
                    "The roster “{layer}” needs a unit code field (e.g. CJDM) and a name field (e.g. XM); "
                    "its fields are: {fields}."
                ).format(layer=source.sourceName(), fields=", ".join(source.fields().names()))
            )
        rows = []
        for feature in source.getFeatures():
            rows.append({role: (feature[name] if name else None) for role, name in found.items()})
        entries, skipped = vm.roster_entries(rows)
        if skipped:
            feedback.pushWarning(
                self.tr(
                    "Roster: {n} rows without a valid unit code, name or level were skipped (rows {rows})."
                ).format(n=len(skipped), rows=", ".join(str(i + 1) for i in skipped[:20]))
            )
        return entries

    def _targets(self, parameters, context, feedback):
        """(polygon layer, None) or (None, code → cents) or (None, None)."""
        if self.parameterAsSource(parameters, self.TARGETS, context) is None:
            return None, None
        source = self.sourceWithEncoding(parameters, self.TARGETS, context, feedback)
        if QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.PolygonGeometry:
            layer = self.parameterAsVectorLayer(parameters, self.TARGETS, context)
            self._check_crs(source, context)
            return layer, None
        found = vm.match_fields(source.fields().names(), vm.TARGET_FIELDS)
        if not found["code"] or not found["target"]:
            raise QgsProcessingException(
                self.tr(
                    "The targets table “{layer}” needs a unit code field (e.g. ZLDWDM) and a 耕地保有量 "
                    "target field in 亩 (e.g. GDBYLMB); its fields are: {fields}."
                ).format(layer=source.sourceName(), fields=", ".join(source.fields().names()))
            )
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        features = list(source.getFeatures(request))
        if found["year"]:  # a table of several years (the targets dock's): the latest year counts
            years = [f[found["year"]] for f in features]
            year, keep = vm.latest_year(years)
            if year is not None and len(keep) < len(features):
                feedback.pushWarning(
                    self.tr(
                        "The targets table “{layer}”: the maps use the targets of {year}; {n} rows of other "
                        "years or without a year are left out."
                    ).format(layer=source.sourceName(), year=year, n=len(features) - len(keep))
                )
            features = [features[i] for i in keep]
        rows = [(f[found["code"]], f[found["target"]]) for f in features]
        table, skipped = vm.targets_by_village(rows)
        if skipped:
            feedback.pushInfo(
                self.tr(
                    "Targets table: {n} rows are not village rows with a number and were left out."
                ).format(n=len(skipped))
            )
        return None, table

    def _place_names(self, villages_layer, roster) -> dict[str, str]:
        """Code → name of townships and counties: an XZQ layer next to VILLAGES, then roster DWMC."""
        names = dict(vm.unit_names(roster or []))
        xzq = self._sibling_xzq(villages_layer)
        if xzq is not None:
            found = vm.match_fields(xzq.fields().names(), {"code": ("XZQDM",), "name": ("XZQMC",)})
            if found["code"] and found["name"]:
                request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
                for feature in xzq.getFeatures(request):
                    code = admin_codes.try_normalise(feature[found["code"]])
                    name = feature[found["name"]]
                    if code and name:
                        names[admin_codes.significant(code)] = str(name).strip()
        return names

    @staticmethod
    def _sibling_xzq(layer) -> QgsVectorLayer | None:
        if layer.providerType() != "ogr":
            return None
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
        path = parts.get("path") or ""
        if path.lower().endswith(".gpkg") and os.path.exists(path):
            candidate = QgsVectorLayer("{}|layername=XZQ".format(path), "XZQ", "ogr")
        elif path.lower().endswith(".shp"):
            candidate = QgsVectorLayer(os.path.join(os.path.dirname(path), "XZQ.shp"), "XZQ", "ogr")
        else:
            return None
        return candidate if candidate.isValid() else None

    @staticmethod
    def _data_year(layer, field_name) -> int | None:
        if not field_name:
            return None
        index = layer.fields().lookupField(field_name)
        value = layer.maximumValue(index) if index >= 0 else None
        try:
            year = int(str(value)[:4])
        except (TypeError, ValueError):
            return None
        return year if 1990 <= year <= 2100 else None

    @staticmethod
    def _map_crs(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, context):
        """The villages' CRS when projected, else the CGCS2000 3° zone (no prefix) of their centre."""
        if crs.isValid() and not crs.isGeographic():
            return crs
        center = extent.center()
        if crs.isValid() and crs.authid() != "EPSG:4490":
            transform = QgsCoordinateTransform(
                crs, QgsCoordinateReferenceSystem("EPSG:4490"), context.transformContext()
            )
            center = transform.transform(center)
        return QgsCoordinateReferenceSystem("EPSG:{}".format(vm.gk3_epsg_for_longitude(center.x())))

    # ----------------------------------------------------------------------------------- process

    def processAlgorithm(self, parameters, context, feedback):
        started = time.perf_counter()
        villages_source, villages_layer = self._layer(parameters, self.VILLAGES, context, feedback)
        landuse_source, landuse_layer = self._layer(parameters, self.LANDUSE, context, feedback)
        pbf_source, pbf_layer = self._layer(parameters, self.PBF, context, feedback)
        village_roles = self._roles("CJDCQ", villages_source, ("ZLDWDM",))
        landuse_roles = self._roles("DLTB", landuse_source, ("DLBM",))
        pbf_roles = self._roles("YJJBNTTB", pbf_source, ())
        for source in (villages_source, landuse_source, pbf_source):
            self._check_crs(source, context)
        target_layer, target_table = self._targets(parameters, context, feedback)
        target_roles = self._roles("GDBHMB", target_layer, ()) if target_layer is not None else {}
        roster = self._roster(parameters, context, feedback)
        try:
            pattern = vm.check_filename_pattern(self.parameterAsString(parameters, self.FILENAME, context))
        except vm.VillageMapError as error:
            raise QgsProcessingException(
                self.tr("The file name pattern is not usable: {error}").format(error=error)
            ) from error

        family = cjk_font_family()
        if family is None:
            feedback.reportError(
                self.tr(
                    "No Chinese font is installed (looked for WenQuanYi Micro Hei, Microsoft YaHei, SimHei, "
                    "Noto Sans CJK SC …): Chinese text will not show in the maps. Install one and run again."
                ),
                False,
            )
            family = "WenQuanYi Micro Hei"
        template_path = self.parameterAsFile(parameters, self.TEMPLATE, context) or str(
            resource_path("templates", "village_map_a3.qpt")
        )
        try:
            template_xml = read_template(template_path, family)
            info = template_info(template_xml, template_path)
        except TemplateProblem as problem:
            raise QgsProcessingException(self._template_message(problem)) from problem
        if info.missing:
            feedback.pushWarning(
                self.tr(
                    "The template has no usable item with id {ids}; those parts are left out of the maps."
                ).format(ids=", ".join(info.missing))
            )

        fmt = self.parameterAsEnum(parameters, self.FORMAT, context)
        want_pdf, want_png = fmt in (0, 2), fmt in (1, 2)
        booklet = self.parameterAsBoolean(parameters, self.BOOKLET, context)
        folder = Path(self.parameterAsFileOutput(parameters, self.OUTPUT_FOLDER, context))
        folder.mkdir(parents=True, exist_ok=True)

        names_by_code = self._place_names(villages_layer, roster)
        map_crs = self._map_crs(villages_source.sourceCrs(), villages_layer.extent(), context)
        jobs, failed_early = self._jobs(
            parameters,
            context,
            feedback,
            villages_source,
            village_roles,
            info,
            names_by_code,
            roster,
            target_table,
            pattern,
            map_crs,
        )
        if not jobs and not failed_early:
            raise QgsProcessingException(
                self.tr("No village to map: VILLAGES is empty or FILTER matches none.")
            )
        notes = self._notes(map_crs, landuse_layer, landuse_roles)
        unit = self._mapping_unit(context)
        today = datetime.date.today()
        for job in jobs:
            job.notes = dict(notes)
            job.notes["credits"] = vm.credits_note(
                unit or vm.mapping_unit(job.names.county), today.year, today.month
            )
        locator = self._locator_extent(villages_layer, map_crs, context)

        compose = booklet and gdal_can_compose_pdfs()  # else the booklet is drawn afterwards
        booklet_scratch = None
        if compose and not want_pdf:
            booklet_scratch = Path(tempfile.mkdtemp(prefix="fg-booklet-pages-", dir=str(folder)))
        threads = QThread.idealThreadCount()
        if QgsApplication.maxThreads() > 0:
            threads = min(threads, QgsApplication.maxThreads())
        settings = ExportSettings(
            folder=folder,
            pdf=want_pdf,
            png=want_png,
            dpi=float(self.parameterAsInt(parameters, self.DPI, context)),
            template_xml=template_xml,
            template_path=template_path,
            font_family=family,
            roster_capacity=info.roster_capacity,
            with_target=target_layer is not None or target_table is not None,
            villages_crs=villages_source.sourceCrs(),
            map_crs=map_crs,
            transform_context=context.transformContext(),
            locator_extent=locator,
            threads=max(1, threads),
            booklet=compose,
            booklet_folder=booklet_scratch,
        )
        inputs = InputLayers(
            villages=villages_layer,
            landuse=landuse_layer,
            pbf=pbf_layer,
            targets=target_layer,
            layer_fields=LayerFields(
                landuse_roles["DLBM"],
                landuse_roles.get("TBBH"),
                village_roles["ZLDWDM"],
                village_roles.get("ZLDWMC"),
                landuse_roles.get("ZLDWDM"),
            ),
            measure_fields=MeasureFields(
                landuse_roles["DLBM"],
                landuse_roles.get("KCXS"),
                pbf_roles.get("KCXS"),
                target_roles.get("KCXS"),
                landuse_roles.get("ZLDWDM"),
                pbf_roles.get("ZLDWDM"),
                target_roles.get("ZLDWDM"),
            ),
        )
        feedback.pushInfo(
            self.tr(
                "Drawing {n} village maps on {threads} threads (font {font}, template {template})…"
            ).format(
                n=len(jobs),
                threads=min(settings.threads, max(len(jobs), 1)),
                font=family,
                template=template_path,
            )
        )
        outcomes, fatal = export_villages(
            jobs, inputs, settings, FeedbackProgress(feedback, 0, 92), lambda o: self._report(o, feedback)
        )
        for message in fatal:
            feedback.reportError(self.tr("An export thread stopped: {error}").format(error=message), False)
        canceled = feedback.isCanceled()

        results = {self.OUTPUT_FOLDER: str(folder)}
        done = [o for o in outcomes if o.ok]
        if booklet and done and not canceled:
            results[self.BOOKLET_PDF] = self._booklet(done, inputs, settings, info, folder, compose, feedback)
        if booklet_scratch is not None:
            shutil.rmtree(booklet_scratch, ignore_errors=True)
        feedback.setProgress(96)
        with self.documentLanguage():  # the index is a document: its remarks in Chinese
            rows = self._index_rows(outcomes, failed_early, folder, feedback)
        xlsx, csv_path = folder / (INDEX_NAME + ".xlsx"), folder / (INDEX_NAME + ".csv")
        try:
            write_index(rows, xlsx, csv_path)
        except (OSError, RuntimeError) as error:
            raise QgsProcessingException(
                self.tr("The index could not be written: {error}").format(error=error)
            ) from error
        results[self.INDEX_XLSX] = str(xlsx)
        results[self.INDEX_CSV] = str(csv_path)
        failed = len(outcomes) - len(done) + len(failed_early)
        results[self.PAGE_COUNT] = len(done)
        results[self.FAILED_COUNT] = failed
        seconds = time.perf_counter() - started
        feedback.pushInfo(
            self.tr(
                "{done} maps written in {seconds:.1f} s ({rate:.1f} per minute); {failed} villages failed. "
                "Index: {index}"
            ).format(
                done=len(done),
                seconds=seconds,
                rate=60.0 * len(done) / max(seconds, 1e-9),
                failed=failed,
                index=xlsx,
            )
        )
        if failed:
            codes = [o.job.names.code for o in outcomes if not o.ok] + [n.code for n, _ in failed_early]
            feedback.reportError(
                self.tr("Villages that failed: {codes}").format(codes=", ".join(codes)), False
            )
        if not done and not canceled:
            raise QgsProcessingException(
                self.tr("No village map could be written; see the log for the reasons.")
            )
        feedback.setProgress(100)
        return results

    # ---------------------------------------------------------------------------------- helpers

    def _template_message(self, problem: TemplateProblem) -> str:
        if problem.kind == "unreadable":
            return self.tr("The layout template {path} cannot be read: {detail}").format(
                path=problem.path, detail=problem.detail
            )
        if problem.kind == "no-map":
            return self.tr(
                "The layout template {path} has no map item with id “map”; give the main map that "
                "id in the layout designer (Item Properties → Item ID)."
            ).format(path=problem.path)
        return self.tr("{path} is not a print layout template (.qpt).").format(path=problem.path)

    @staticmethod
    def _mapping_unit(context) -> str:
        project = context.project()
        scopes = [QgsExpressionContextUtils.globalScope()]
        if project is not None:
            scopes.append(QgsExpressionContextUtils.projectScope(project))
        value = ""
        for scope in scopes:
            if scope.hasVariable(MAPPING_UNIT_VARIABLE):
                value = str(scope.variable(MAPPING_UNIT_VARIABLE) or "").strip() or value
        return value

    def _notes(self, map_crs, landuse_layer, landuse_roles) -> dict[str, str]:
        authid = map_crs.authid()
        epsg = int(authid.split(":")[1]) if authid.upper().startswith("EPSG:") else None
        return {
            "crs": vm.crs_note(epsg, map_crs.description()),
            "source": vm.data_source_note(self._data_year(landuse_layer, landuse_roles.get("SJNF"))),
            "phone": vm.report_phone_note(),
        }

    @staticmethod
    def _locator_extent(villages_layer, map_crs, context) -> QgsRectangle:
        extent = villages_layer.extent()
        if villages_layer.crs() != map_crs:
            transform = QgsCoordinateTransform(villages_layer.crs(), map_crs, context.transformContext())
            extent = transform.transformBoundingBox(extent)
        extent.scale(1.05)
        return extent

    def _jobs(
        self,
        parameters,
        context,
        feedback,
        source,
        roles,
        info,
        names_by_code,
        roster,
        target_table,
        pattern,
        map_crs,
    ):
        """The villages to map, sorted by code, and [(names, reason)] of those that cannot be mapped."""
        request = QgsFeatureRequest()
        expression = self.parameterAsExpression(parameters, self.FILTER, context)
        raw = parameters.get(self.FILTER)
        if not expression and isinstance(raw, str) and raw.strip():
            expression = raw.strip()  # QGIS gives "" for an expression it cannot parse: say why instead
        if expression:
            parsed = QgsExpression(expression)
            if parsed.hasParserError():
                raise QgsProcessingException(
                    self.tr("FILTER is not a valid expression: {error}").format(
                        error=parsed.parserErrorString()
                    )
                )
            names = source.fields().names()
            columns = parsed.referencedColumns()
            unknown = sorted(c for c in columns if c and c not in names and c != QgsFeatureRequest.ALL_ATTRIBUTES)
            if unknown:
                raise QgsProcessingException(
                    self.tr("FILTER names fields the villages layer does not have: {unknown}; its fields are: "
                            "{fields}.").format(unknown=", ".join(unknown), fields=", ".join(names))
                )
            expression_context = QgsExpressionContext(
                QgsExpressionContextUtils.globalProjectLayerScopes(
                    self.parameterAsVectorLayer(parameters, self.VILLAGES, context)
                )
            )
            request.setFilterExpression(expression)
            request.setExpressionContext(expression_context)
        code_field, name_field = roles["ZLDWDM"], roles.get("ZLDWMC")
        to_map = None
        if source.sourceCrs() != map_crs:
            to_map = QgsCoordinateTransform(source.sourceCrs(), map_crs, context.transformContext())
        found = []
        failed = []
        for feature in source.getFeatures(request):
            if feedback.isCanceled():
                break
            raw_code = feature[code_field]
            name = str(feature[name_field]).strip() if name_field and feature[name_field] is not None else ""
            code = admin_codes.try_normalise(raw_code)
            if code is None or len(code) < 12:
                failed.append(
                    (
                        vm.VillageNames(str(raw_code or ""), name),
                        self.tr("no valid 12-digit village code in {field} ({value})").format(
                            field=code_field, value=raw_code
                        ),
                    )
                )
                continue
            code = code[:12]
            county, township = vm.place_names(code, names_by_code)
            names = vm.VillageNames(code, name or code, township, county)
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                failed.append((names, self.tr("the village has no geometry")))
                continue
            if not geometry.isGeosValid():
                repaired = geometry.makeValid()
                if repaired.isNull() or repaired.isEmpty():
                    failed.append((names, self.tr("the village geometry is invalid and cannot be repaired")))
                    continue
                feedback.pushWarning(
                    self.tr("Village {code} {name}: invalid boundary repaired for this run.").format(
                        code=code, name=name
                    )
                )
                geometry = repaired
            found.append((code, feature.id(), names, QgsGeometry(geometry)))
        found.sort(key=lambda item: (item[0], item[1]))
        numbered = [
            vm.VillageNames(n.code, n.name, n.township, n.county, i + 1)
            for i, (_, _, n, _) in enumerate(found)
        ]
        stems = vm.file_stems(pattern, numbered)
        jobs = []
        for (code, _, _, geometry), names, stem in zip(found, numbered, stems):
            in_map = QgsGeometry(geometry)
            if to_map is not None:
                in_map.transform(to_map)
            box = in_map.boundingBox()
            scale = vm.choose_scale(box.width(), box.height(), info.map_width_mm, info.map_height_mm)
            parts = geometry.constGet().numGeometries() if geometry.isMultipart() else 1
            jobs.append(
                VillageJob(
                    number=names.number,
                    names=names,
                    stem=stem,
                    geometry=geometry,
                    scale=scale,
                    center=(box.center().x(), box.center().y()),
                    roster=vm.roster_for_village(roster or [], code),
                    notes={},
                    parts=parts,
                    target_cents=(target_table or {}).get(code) if target_table is not None else None,
                )
            )
        return jobs, failed

    def _report(self, outcome, feedback) -> None:
        names = outcome.job.names
        if not outcome.ok:
            feedback.reportError(
                self.tr("Village {code} {name} failed: {error}").format(
                    code=names.code, name=names.name, error=self._error_text(outcome.error)
                ),
                False,
            )
            return
        for kind, value in outcome.page.issues if outcome.page else []:
            message = self._issue_message(kind, value)
            if message:
                feedback.pushWarning(
                    self.tr("Village {code} {name}: {message}").format(
                        code=names.code, name=names.name, message=message
                    )
                )
        feedback.pushInfo(
            self.tr("{code} {name}: {files} (1:{scale}, {seconds:.2f} s)").format(
                code=names.code,
                name=names.name,
                files=", ".join(p.name for p in outcome.files) or "—",
                scale=outcome.job.scale,
                seconds=outcome.seconds,
            )
        )

    def _error_text(self, error: str) -> str:
        if error == CANCELED:
            return self.tr("canceled before this village was drawn")
        return error

    def _issue_message(self, kind: str, value) -> str:
        if kind == vm.NO_FARMLAND:
            return self.tr("no 耕地 inside the village; the map shows zero areas.")
        if kind == vm.NO_ROSTER:
            return self.tr("no 村级田长 or 网格员 in the roster for this village.")
        if kind == vm.MULTIPART:
            return self.tr("the village has {n} separate parts (飞地); the map covers all of them.").format(
                n=value
            )
        if kind == vm.NO_TARGET:
            return self.tr("no 耕地保有量 target for this village in TARGETS.")
        if kind == vm.TARGET_NOT_MET:
            return self.tr("耕地 is below the 耕地保有量 target.")
        if kind == vm.ROSTER_TRUNCATED:
            return self.tr(
                "{n} roster entries do not fit the 田长 table and are summarised in its last row."
            ).format(n=value)
        if kind == CLIP_FAILED:
            return self.tr(
                "{n} parcels could not be clipped (invalid geometry) and are not counted; repair the "
                "layers' geometries."
            ).format(n=value)
        return ""

    def _booklet(self, done, inputs, settings, info, folder, compose, feedback) -> str:
        path = folder / BOOKLET_NAME
        pages = [
            (o.job.names.township, o.page.title if o.page else o.job.names.name, o.booklet_pdf)
            for o in done
            if o.booklet_pdf is not None
        ]
        width_pt = round(info.page_width_mm / 25.4 * 72.0)
        height_pt = round(info.page_height_mm / 25.4 * 72.0)
        try:
            if compose:
                write_booklet(pages, path, width_pt, height_pt, self.tr("Village farmland maps"))
            else:
                feedback.pushInfo(self.tr("GDAL cannot read PDFs here; the booklet pages are drawn again."))
                render_booklet(done, inputs, settings, path)
        except (OSError, RuntimeError) as error:
            feedback.reportError(
                self.tr("The booklet could not be written: {error}").format(error=error), False
            )
            return ""
        count = len(pages) if compose else len(done)
        feedback.pushInfo(self.tr("Booklet: {path} ({n} pages)").format(path=path, n=count))
        return str(path)

    def _index_rows(self, outcomes, failed_early, folder, feedback):
        rows = []
        for outcome in outcomes:
            names = outcome.job.names
            files = [os.path.relpath(str(p), str(folder)) for p in outcome.files]
            remarks = [self._issue_message(k, v) for k, v in (outcome.page.issues if outcome.page else [])]
            if outcome.error:
                remarks.insert(0, self._error_text(outcome.error))
            rows.append(
                vm.index_row(
                    names.number, outcome.page, names, files, outcome.ok, " ".join(r for r in remarks if r)
                )
            )
        for names, reason in failed_early:
            rows.append(vm.index_row(None, None, names, [], False, reason))
        return rows
