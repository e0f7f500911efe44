"""``farmland:importredline`` — 导入红线坐标: 部标 TXT, DXF and DWG files → a polygon layer with QA areas."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core import redline_problems as rp
from ..core.progress import Canceled
from ..core.units import format_ha, round_half_up
from ..engine.geometry import CrsProblem, official_areas_of_geometries
from ..engine.redline_io import ImportedFile, input_files, output_fields, read_redline_file, same_zone_shift
from .base import FarmlandAlgorithm, FeedbackProgress

#: declared / computed area ratio taken as "the declared area is in m², not 公顷"
_M2_RATIO_LOW, _M2_RATIO_HIGH = 9900.0, 10100.0
#: 报批 review accepts ≤ 1 % between a declared area and the official one (domain §3)
AREA_TOLERANCE = 0.01


class ImportRedlineAlgorithm(FarmlandAlgorithm):
    INPUT = "INPUT"
    CRS = "CRS"
    CAD_LAYERS = "CAD_LAYERS"
    OUTPUT = "OUTPUT"
    ERRORS = "ERRORS"
    FILE_COUNT = "FILE_COUNT"
    PARCEL_COUNT = "PARCEL_COUNT"
    ERROR_COUNT = "ERROR_COUNT"
    WARNING_COUNT = "WARNING_COUNT"

    group_id = "redline"

    def name(self) -> str:
        return "importredline"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import red lines (部标 TXT, DXF, DWG)")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr("Read 勘测定界 boundary-point files and CAD drawings into a polygon layer.")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Reads project red lines as they reach a bureau: 部标 TXT coordinate files (勘测定界界址点坐标 "
            "exchange format, GBK or UTF-8) and CAD drawings (DXF; DWG where GDAL can read it).\n\n"
            "INPUT takes one file, several files or a folder (searched with its subfolders for .txt, .dxf "
            "and .dwg).\n\n"
            "TXT: the CRS comes from the [属性描述] header (坐标系, 几度分带, 带号) and from the zone prefix of "
            "the eastings; X is the northing. Rings (圈号) inside another ring are holes, rings outside "
            "are further parts. Every problem is reported with file and line: unclosed rings, too few "
            "points, repeated points, 界址点数 not matching the point lines, self-intersecting rings "
            "(imported as a repaired copy), several zones in one file. A parcel with an error is "
            "skipped; a file whose CRS cannot be settled is skipped whole.\n\n"
            "DXF/DWG: closed polylines (and hatches) on the chosen CAD layers become polygons; closed "
            "polylines nested inside others become holes. CAD files have no CRS: give CRS, or the zone "
            "is taken from 8-digit eastings.\n\n"
            "CRS overrides the CRS of every file. The output is in CRS, else in the CRS of the first "
            "file read (other files are reprojected).\n\n"
            "The output carries the header and parcel attributes, the declared area (DKMJ, 公顷), the "
            "official ellipsoidal area (JSMJ, 公顷, 4 decimals) and their difference (MJCZ = DKMJ − "
            "JSMJ) for review. ERRORS lists every problem with file, line, parcel and level."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        inputs = QgsProcessingParameterMultipleLayers(
            self.INPUT, self.tr("Red-line files or folders"), QgsProcessing.TypeFile
        )
        inputs.setHelp(self.tr("部标 TXT, DXF or DWG files, or folders holding them."))
        self.addParameter(inputs)
        crs = QgsProcessingParameterCrs(
            self.CRS, self.tr("CRS of the coordinates (overrides the files)"), optional=True
        )
        crs.setHelp(
            self.tr("Leave empty to use each file's header (TXT) or the zone prefix of the eastings.")
        )
        self.addParameter(crs)
        layers = QgsProcessingParameterString(
            self.CAD_LAYERS, self.tr("CAD layers to read (comma-separated; empty = all)"), optional=True
        )
        layers.setFlags(layers.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        layers.setHelp(self.tr("Names of the DXF/DWG layers holding the red lines, e.g. 红线,用地范围."))
        self.addParameter(layers)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Red lines"), QgsProcessing.TypeVectorPolygon
            )
        )
        errors = QgsProcessingParameterFeatureSink(
            self.ERRORS,
            self.tr("Problems found"),
            QgsProcessing.TypeVector,
            optional=True,
            createByDefault=False,
        )
        errors.setHelp(self.tr("A table of every problem: file, line, parcel, level, code and message."))
        self.addParameter(errors)
        self.addOutput(QgsProcessingOutputNumber(self.FILE_COUNT, self.tr("Files read")))
        self.addOutput(QgsProcessingOutputNumber(self.PARCEL_COUNT, self.tr("Parcels imported")))
        self.addOutput(QgsProcessingOutputNumber(self.ERROR_COUNT, self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber(self.WARNING_COUNT, self.tr("Warnings")))

    # --- run ------------------------------------------------------------------------------------

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        values = self.parameterAsFileList(parameters, self.INPUT, context)
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        override = crs if crs.isValid() else None
        cad_layers = [
            s.strip() for s in self.parameterAsString(parameters, self.CAD_LAYERS, context).split(",")
        ]
        cad_layers = [s for s in cad_layers if s]
        files, problems = input_files(values)
        if not files and not problems:
            raise QgsProcessingException(self.tr("No .txt, .dxf or .dwg file found in the input."))

        imported: list[ImportedFile] = []
        for index, path in enumerate(files):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Canceled: nothing was written."))
            progress = FeedbackProgress(feedback, 70.0 * index / len(files), 70.0 * (index + 1) / len(files))
            try:
                result = read_redline_file(path, override, cad_layers, progress)
            except Canceled as exc:
                raise QgsProcessingException(self.tr("Canceled: nothing was written.")) from exc
            if result.encoding:
                feedback.pushInfo(
                    self.tr("{file}: {count} parcels, {encoding}, {crs}").format(
                        file=path.name,
                        count=len(result.parcels),
                        encoding=result.encoding,
                        crs=result.crs.authid(),
                    )
                )
            imported.append(result)

        target = override or next(
            (f.crs for f in imported if f.parcels and f.crs.isValid()), QgsCoordinateReferenceSystem()
        )
        features: list[QgsFeature] = []
        fields = output_fields()
        for index, result in enumerate(imported):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Canceled: nothing was written."))
            feedback.setProgress(70.0 + 10.0 * index / max(len(imported), 1))
            features.extend(self._features(result, target, fields, context))
            problems.extend(result.problems)

        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.MultiPolygon, target
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for index, feature in enumerate(features):
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            if index % 500 == 0:
                feedback.setProgress(80.0 + 15.0 * index / max(len(features), 1))
        results = {self.OUTPUT: dest}
        errors_dest = self._write_problems(parameters, context, problems)
        if errors_dest is not None:
            results[self.ERRORS] = errors_dest
        error_count = sum(1 for p in problems if p.is_error)
        warning_count = len(problems) - error_count
        for problem in problems:
            text = self.describe(problem)
            if problem.is_error:
                feedback.reportError(text, False)
            else:
                feedback.pushWarning(text)
        feedback.pushInfo(
            self.tr(
                "{files} files, {parcels} parcels imported, {errors} errors, {warnings} warnings."
            ).format(files=len(files), parcels=len(features), errors=error_count, warnings=warning_count)
        )
        feedback.setProgress(100.0)
        results.update(
            {
                self.FILE_COUNT: len(files),
                self.PARCEL_COUNT: len(features),
                self.ERROR_COUNT: error_count,
                self.WARNING_COUNT: warning_count,
            }
        )
        return results

    def _features(self, result: ImportedFile, target, fields: QgsFields, context) -> list[QgsFeature]:
        """Features of one file: official areas, QA difference, reprojected to ``target``."""
        if not result.parcels:
            return []
        try:
            areas, _ = official_areas_of_geometries(
                [p.geometry for p in result.parcels], result.crs, context.transformContext()
            )
        except CrsProblem as exc:
            result.problems.append(
                rp.error(rp.OVERRIDE_MISMATCH, crs=exc.declared, fits=exc.suggested_epsg or 0).in_source(
                    result.path.name
                )
            )
            return []
        shift = same_zone_shift(result.crs, target)
        transform = None
        if shift is None and target.isValid() and result.crs.isValid() and result.crs != target:
            transform = QgsCoordinateTransform(result.crs, target, context.transformContext())
        features = []
        for parcel, area_m2 in zip(result.parcels, areas):
            computed_ha = float(format_ha(round_half_up(float(area_m2), 2)))
            attributes = dict(parcel.attributes)
            attributes["JSMJ"] = computed_ha
            declared = parcel.declared_ha
            if declared is not None:
                attributes["MJCZ"] = round_half_up(declared - computed_ha, 4)
                if computed_ha > 0 and _M2_RATIO_LOW <= declared / computed_ha <= _M2_RATIO_HIGH:
                    result.problems.append(
                        rp.warning(
                            rp.AREA_UNIT_SUSPECT, parcel.line, parcel.label, declared=declared
                        ).in_source(result.path.name)
                    )
                elif computed_ha > 0 and abs(declared - computed_ha) > AREA_TOLERANCE * computed_ha:
                    percent = "{:+.2f}".format(100.0 * (declared - computed_ha) / computed_ha)
                    result.problems.append(
                        rp.warning(
                            rp.AREA_MISMATCH, parcel.line, parcel.label, declared=declared,
                            computed="{:.4f}".format(computed_ha), percent=percent,
                        ).in_source(result.path.name)
                    )
            geometry = parcel.geometry
            if transform is not None:
                geometry.transform(transform)
            elif shift:
                geometry.translate(shift, 0.0)
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            for name, value in attributes.items():
                if value is not None and fields.indexOf(name) >= 0:
                    feature[name] = value
            features.append(feature)
        return features

    def _write_problems(self, parameters, context, problems: list[rp.Problem]):
        if parameters.get(self.ERRORS) is None:
            return None
        fields = QgsFields()
        for name, kind in (
            ("FILE", QVariant.String),
            ("LINE", QVariant.Int),
            ("PARCEL", QVariant.String),
            ("LEVEL", QVariant.String),
            ("CODE", QVariant.String),
            ("MESSAGE", QVariant.String),
        ):
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(
            parameters, self.ERRORS, context, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
        )
        if sink is None:
            return None
        for problem in problems:
            feature = QgsFeature(fields)
            feature["FILE"] = problem.source
            if problem.line is not None:
                feature["LINE"] = problem.line
            if problem.parcel is not None:
                feature["PARCEL"] = problem.parcel
            feature["LEVEL"] = self.tr("error") if problem.is_error else self.tr("warning")
            feature["CODE"] = problem.code
            feature["MESSAGE"] = self.message(problem)
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return dest

    # --- messages -------------------------------------------------------------------------------

    def describe(self, problem: rp.Problem) -> str:
        """The problem with its place: file, line and parcel."""
        place = {"file": problem.source, "line": problem.line, "parcel": problem.parcel}
        if problem.line is not None and problem.parcel is not None:
            where = self.tr("{file}, line {line}, parcel {parcel}").format(**place)
        elif problem.line is not None:
            where = self.tr("{file}, line {line}").format(**place)
        elif problem.parcel is not None:
            where = self.tr("{file}, parcel {parcel}").format(**place)
        else:
            where = problem.source
        return self.tr("{where}: {message}").format(where=where, message=self.message(problem))

    def message(self, problem: rp.Problem) -> str:
        """The translated text of a problem (without its place)."""
        texts = {
            rp.NO_COORDINATE_SECTION: self.tr("No [地块坐标] section: this is not a 部标 coordinate file."),
            rp.NO_PARCELS: self.tr("The [地块坐标] section holds no parcel."),
            rp.UNSUPPORTED_DATUM: self.tr(
                "坐标系 “{datum}” is not CGCS2000; set the CRS parameter to the CRS of the coordinates."
            ),
            rp.DATUM_ASSUMED: self.tr("坐标系 is empty; read as CGCS2000."),
            rp.CRS_UNKNOWN: self.tr(
                "The zone is unknown: no 带号 in the header and no zone prefix in the eastings. "
                "Set the CRS parameter."
            ),
            rp.MIXED_ZONES: self.tr(
                "Eastings of several zones ({zones}; “-” = without prefix) in one file. "
                "Split the file or convert it to one zone."
            ),
            rp.ZONE_MISMATCH: self.tr(
                "The header (带号 {header}, 几度分带 {width}) contradicts the zone prefix {prefix} "
                "of the eastings."
            ),
            rp.ZONE_FROM_EASTINGS: self.tr(
                "No 带号 given; zone {zone} taken from the eastings (EPSG:{epsg})."
            ),
            rp.AXES_SWAPPED: self.tr(
                "The easting comes before the northing in this file; read the other way round."
            ),
            rp.BAD_HEADER_VALUE: self.tr("{key}=“{value}” is not understood and was ignored."),
            rp.OVERRIDE_MISMATCH: self.tr(
                "The eastings do not fit the chosen CRS {crs}; they fit EPSG:{fits} (0 = none)."
            ),
            rp.FILE_UNREADABLE: self.tr("Cannot read the file: {reason}"),
            rp.UNSUPPORTED_FILE: self.tr(
                "Not a red-line file ({suffix}); only .txt, .dxf and .dwg are read."
            ),
            rp.DWG_UNREADABLE: self.tr(
                "GDAL cannot read this DWG (AutoCAD {version}); the GDAL of this QGIS reads DWG 2000 only. "
                "Save the drawing as DXF in your CAD program and import the DXF."
            ),
            rp.CAD_NO_POLYGONS: self.tr("No closed polyline on the CAD layers {layers}."),
            rp.BAD_PARCEL_LINE: self.tr("界址点数 “{text}” is not a whole number and was not checked."),
            rp.BAD_POINT_LINE: self.tr("Not a point line (点号,圈号,X,Y with numbers): “{text}”."),
            rp.POINT_WITHOUT_PARCEL: self.tr("Point lines before the first parcel header line were ignored."),
            rp.NOT_POLYGON: self.tr("图形属性 is “{kind}”, not 面: not a polygon, skipped."),
            rp.UNCLOSED_RING: self.tr(
                "Ring {ring} is not closed: its last point {point} differs from its first."
            ),
            rp.TOO_FEW_POINTS: self.tr(
                "Ring {ring} has {points} distinct points; a polygon needs at least 3."
            ),
            rp.DEGENERATE_RING: self.tr("Ring {ring} has no area (its points lie on one line)."),
            rp.DUPLICATE_POINT: self.tr("Point {point} of ring {ring} repeats the point before it; dropped."),
            rp.COUNT_MISMATCH: self.tr(
                "界址点数 says {declared} points but the parcel has {found} point lines."
            ),
            rp.SELF_INTERSECTION: self.tr(
                "Ring {ring} crosses or touches itself; a repaired copy was imported."
            ),
            rp.INVALID_GEOMETRY: self.tr("Invalid polygon ({reason}); a repaired copy was imported."),
            rp.EMPTY_GEOMETRY: self.tr("Nothing is left of the polygon once repaired ({reason}); skipped."),
            rp.AREA_UNIT_SUSPECT: self.tr(
                "The declared area {declared} looks like m², not 公顷 (about 10 000 times the computed area)."
            ),
            rp.BAD_AREA_VALUE: self.tr("地块面积 “{text}” is not a number and was ignored."),
            rp.AREA_MISMATCH: self.tr(
                "The declared area {declared} 公顷 differs from the computed {computed} 公顷 by {percent} %, "
                "more than the 1 % a review accepts."
            ),
        }
        return texts.get(problem.code, problem.code).format_map(_Detail(problem.detail))


class _Detail(dict):
    """Problem details for str.format_map: a missing value shows as “?” instead of failing."""

    def __missing__(self, key: str) -> str:
        return "?"
