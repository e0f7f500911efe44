"""``farmland:exportredline`` — 导出部标坐标: a polygon layer → 部标 TXT files (界址点 J1… clockwise)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.redline_txt import (
    ExportHeader,
    ExportParcel,
    format_redline_text,
    official_areas_m2,
    precision_decimals,
    prepared_rings,
)
from ..core.units import format_ha, round_half_up
from ..engine.geometry import CrsProblem
from ..engine.redline_io import export_target, geometry_polygons, write_files_atomically
from .base import FarmlandAlgorithm
from .messages import crs_problem_message

ENCODINGS = (("GBK", "gbk", b""), ("UTF-8", "utf-8", b""), ("UTF-8 BOM", "utf-8", b"\xef\xbb\xbf"))
DEFAULT_DECIMALS = 3
ID_GUESSES = ("DKBH", "XMBH", "BSM", "TBBH", "ID")
NAME_GUESSES = ("DKMC", "XMMC", "MC", "NAME")
# further header fields taken from the layer when it has them (case-insensitive)
OPTIONAL_FIELDS = {"sheet": ("TFH",), "use": ("DKYT", "YT"), "land_code": ("DLBM",)}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_file_stem(text: str, fallback: str) -> str:
    """A file name stem valid on Windows and Linux (no \\ / : * ? " < > | or control characters)."""
    stem = _UNSAFE.sub("_", text).strip(" .")[:100]
    return stem or fallback


class ExportRedlineAlgorithm(FarmlandAlgorithm):
    INPUT = "INPUT"
    ID_FIELD = "ID_FIELD"
    NAME_FIELD = "NAME_FIELD"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    ENCODING = "ENCODING"
    FILE_MODE = "FILE_MODE"
    DECIMALS = "DECIMALS"
    ZONE_PREFIX = "ZONE_PREFIX"
    PRODUCER = "PRODUCER"
    FILE_NAME = "FILE_NAME"
    FILE_COUNT = "FILE_COUNT"
    PARCEL_COUNT = "PARCEL_COUNT"

    PER_FEATURE, ONE_FILE = 0, 1
    group_id = "redline"

    def name(self) -> str:
        return "exportredline"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Export red lines to 部标 TXT")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr("Write polygons as 勘测定界 boundary-point coordinate files for 报批.")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Writes every polygon of INPUT in the ministry's 部标 TXT exchange format: an [属性描述] "
            "header (2000国家大地坐标系, 几度分带, 带号, 精度 …) and, per parcel, a line with 界址点数, "
            "地块面积, 地块编号, 地块名称 … followed by the points 点号,圈号,X,Y (X = northing).\n\n"
            "Points are numbered J1, J2 … clockwise from the north-west corner of each ring, numbering "
            "runs on across the rings of a parcel, and each ring repeats its first point at its end. "
            "Holes and further parts are further 圈 (rings).\n\n"
            "The area is the official ellipsoidal area (国土调查办发〔2008〕32号, CGCS2000) of the "
            "coordinates as written, in 公顷 with 4 decimals.\n\n"
            "Coordinates are written in the layer's CGCS2000 Gauss–Krüger zone, with the zone prefix "
            "in Y or without as chosen; layers in other CRSs are written in the 3° zone of their centre.\n\n"
            "Either one file per feature (named by the ID field) or one file for all. Files are written "
            "only when every parcel has been prepared, so a failure leaves no partial file."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Red-line polygons"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        id_field = QgsProcessingParameterField(
            self.ID_FIELD, self.tr("地块编号 field"), parentLayerParameterName=self.INPUT, optional=True
        )
        id_field.setHelp(self.tr("Empty: DKBH, XMBH, BSM … when the layer has one, else the feature number."))
        self.addParameter(id_field)
        name_field = QgsProcessingParameterField(
            self.NAME_FIELD, self.tr("地块名称 field"), parentLayerParameterName=self.INPUT, optional=True
        )
        name_field.setHelp(self.tr("Empty: DKMC, XMMC … when the layer has one, else left blank."))
        self.addParameter(name_field)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FILE_MODE,
                self.tr("Files"),
                [self.tr("One file per feature"), self.tr("One file for all features")],
                defaultValue=self.ONE_FILE,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.ENCODING, self.tr("Encoding"), [e[0] for e in ENCODINGS], defaultValue=0
            )
        )
        decimals = QgsProcessingParameterNumber(
            self.DECIMALS,
            self.tr("Decimals of the coordinates (精度)"),
            QgsProcessingParameterNumber.Integer,
            defaultValue=None,
            optional=True,
            minValue=0,
            maxValue=6,
        )
        decimals.setHelp(self.tr("Empty: the 精度 of the layer's JD field (from an import), else 3."))
        self.addParameter(decimals)
        prefix = QgsProcessingParameterBoolean(
            self.ZONE_PREFIX, self.tr("Write Y with the zone prefix (e.g. 38430806.456)"), defaultValue=True
        )
        prefix.setFlags(prefix.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(prefix)
        producer = QgsProcessingParameterString(
            self.PRODUCER, self.tr("数据产生单位 (producer)"), defaultValue="", optional=True
        )
        producer.setHelp(self.tr("Empty: the layer's SJSCDW field (from an import), when it has one."))
        producer.setFlags(producer.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(producer)
        file_name = QgsProcessingParameterString(
            self.FILE_NAME, self.tr("File name for one file (without .txt)"), defaultValue="", optional=True
        )
        file_name.setFlags(file_name.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(file_name)
        self.addParameter(
            QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.FILE_COUNT, self.tr("Files written")))
        self.addOutput(QgsProcessingOutputNumber(self.PARCEL_COUNT, self.tr("Parcels written")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.sourceWithEncoding(parameters, self.INPUT, context, feedback)
        folder = Path(self.parameterAsString(parameters, self.OUTPUT_FOLDER, context))
        mode = self.parameterAsEnum(parameters, self.FILE_MODE, context)
        encoding_label, codec, bom = ENCODINGS[self.parameterAsEnum(parameters, self.ENCODING, context)]
        prefixed = self.parameterAsBool(parameters, self.ZONE_PREFIX, context)
        producer = self.parameterAsString(parameters, self.PRODUCER, context)
        names = source.fields().names()
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context) or _guess(names, ID_GUESSES)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context) or _guess(
            names, NAME_GUESSES
        )
        optional = {key: _guess(names, guesses) for key, guesses in OPTIONAL_FIELDS.items()}

        features = list(source.getFeatures(QgsFeatureRequest()))
        if not features:
            raise QgsProcessingException(self.tr("The input has no features: nothing to export."))
        if parameters.get(self.DECIMALS) is None:
            decimals = _first_decimals(features, _guess(names, ("JD",)))
        else:
            decimals = self.parameterAsInt(parameters, self.DECIMALS, context)
        producer = producer or _first_text(features, _guess(names, ("SJSCDW",)))
        target = self._target(source, features, prefixed, context)
        feedback.pushInfo(
            self.tr("Coordinates written in EPSG:{epsg} (3° / 6° zone {zone}).").format(
                epsg=target.epsg, zone=target.grid.zone
            )
        )

        parcels: list[ExportParcel] = []
        stems: list[str] = []
        prepared_all = []
        for index, feature in enumerate(features, start=1):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Canceled: nothing was written."))
            feedback.setProgress(70.0 * index / len(features))
            polygons = geometry_polygons(target.apply(feature.geometry())) if feature.hasGeometry() else []
            prepared = prepared_rings(polygons, decimals)
            number = _text(feature[id_field]) if id_field else ""
            number = number or str(index)
            if not prepared:
                feedback.pushWarning(
                    self.tr("Feature {number} has no polygon left at {decimals} decimals; skipped.").format(
                        number=number, decimals=decimals
                    )
                )
                continue
            if not feature.geometry().isGeosValid():
                feedback.pushWarning(
                    self.tr("Feature {number} is not a valid polygon; written as it is.").format(
                        number=number
                    )
                )
            parcels.append(
                ExportParcel(
                    prepared,
                    "",
                    number=number,
                    name=_text(feature[name_field]) if name_field else "",
                    **{key: _text(feature[f]) for key, f in optional.items() if f},
                )
            )
            prepared_all.append(prepared)
            stems.append(safe_file_stem(number, "parcel_{}".format(index)))
        if not parcels:
            raise QgsProcessingException(self.tr("No feature has a polygon to export."))

        areas = official_areas_m2(prepared_all, target.grid)
        parcels = [
            ExportParcel(
                p.polygons,
                format_ha(round_half_up(float(a), 2)),
                p.number,
                p.name,
                p.sheet,
                p.use,
                p.land_code,
            )
            for p, a in zip(parcels, areas)
        ]
        feedback.setProgress(80.0)
        header = ExportHeader(
            zone=target.grid.zone or 0,
            zone_width=target.grid.zone_width,
            decimals=decimals,
            producer=producer,
            produced_on=date.today().isoformat(),
        )
        if mode == self.ONE_FILE:
            stem = self.parameterAsString(parameters, self.FILE_NAME, context) or _layer_name(
                self, parameters, context
            )
            texts = {safe_file_stem(stem, "redline") + ".txt": format_redline_text(header, parcels)}
        else:
            texts = {}
            for stem, parcel in zip(_unique(stems), parcels):
                texts[stem + ".txt"] = format_redline_text(header, [parcel])
        contents = {}
        for file_name, text in texts.items():
            try:
                contents[file_name] = bom + text.encode(codec)
            except UnicodeEncodeError as exc:
                raise QgsProcessingException(
                    self.tr("{file}: “{text}” cannot be written in {encoding}; choose UTF-8.").format(
                        file=file_name, text=exc.object[exc.start : exc.end], encoding=encoding_label
                    )
                ) from exc
        try:
            written = write_files_atomically(folder, contents)
        except OSError as exc:
            raise QgsProcessingException(
                self.tr("Cannot write to {folder}: {error}").format(folder=folder, error=exc)
            ) from exc
        feedback.pushInfo(
            self.tr("{parcels} parcels written to {files} files in {folder}.").format(
                parcels=len(parcels), files=len(written), folder=folder
            )
        )
        feedback.setProgress(100.0)
        return {
            self.OUTPUT_FOLDER: str(folder),
            self.FILE_COUNT: len(written),
            self.PARCEL_COUNT: len(parcels),
        }

    def _target(self, source, features, prefixed: bool, context):
        xs = [
            v.x() for f in features[:2000] if f.hasGeometry() for v in f.geometry().vertices()
        ]  # a sample is enough to check the zone prefix
        extent = source.sourceExtent()
        try:
            return export_target(
                source.sourceCrs(),
                np.asarray(xs[:20000]),
                extent.center(),
                prefixed,
                context.transformContext(),
            )
        except CrsProblem as exc:
            if exc.kind == "outside-china":
                raise QgsProcessingException(
                    self.tr("The layer lies outside the CGCS2000 Gauss–Krüger zones of China.")
                ) from exc
            raise QgsProcessingException(crs_problem_message(exc, source.sourceName())) from exc


def _guess(names: list[str], guesses: tuple[str, ...]) -> str:
    upper = {n.upper(): n for n in names}
    return next((upper[g] for g in guesses if g in upper), "")


def _text(value: object) -> str:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _first_text(features: list, field_name: str) -> str:
    """The first non-empty value of a field ('' without the field)."""
    if not field_name:
        return ""
    return next((text for text in (_text(f[field_name]) for f in features) if text), "")


def _first_decimals(features: list, field_name: str) -> int:
    """Decimals from the first 精度 value of a JD field that can be read, else 3."""
    if field_name:
        for feature in features:
            decimals = precision_decimals(_text(feature[field_name]))
            if decimals is not None and 0 <= decimals <= 6:
                return decimals
    return DEFAULT_DECIMALS


def _unique(stems: list[str]) -> list[str]:
    """The stems made unique (case-insensitively, as on Windows) by appending _2, _3 …"""
    used: set[str] = set()
    result = []
    for stem in stems:
        candidate, count = stem, 1
        while candidate.lower() in used:
            count += 1
            candidate = "{}_{}".format(stem, count)
        used.add(candidate.lower())
        result.append(candidate)
    return result


def _layer_name(algorithm: FarmlandAlgorithm, parameters, context) -> str:
    layer = algorithm.parameterAsVectorLayer(parameters, ExportRedlineAlgorithm.INPUT, context)
    return layer.name() if layer is not None else "redline"
