"""``farmland:targetscheck`` — 责任书 checks in batch: a table of every problem of a year's targets.

Also holds the input helpers the other target algorithms share (unit tree from layers, mapped figures,
target rows from the store's ``fg_targets`` table).
"""

from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..core import field_roles
from ..core.progress import Canceled
from ..core.targets.checks import check_targets
from ..core.targets.hierarchy import Hierarchy, display_code
from ..core.targets.mapped import MappedFigures, mapped_figures
from ..core.targets.records import TargetRecord, TargetValueError, cents_from_stored, mu_decimal
from ..engine.geometry import CrsProblem
from ..engine.mapped_figures import DEFAULT_MODES, MappedInputError, parcel_arrays
from ..engine.targets_messages import level_label, problem_text
from ..engine.values import plain_value
from .base import FarmlandAlgorithm, FeedbackProgress
from .messages import crs_problem_message

VILLAGES, TOWNSHIPS, LANDUSE, PBF, TARGET_POLYGONS = (
    "VILLAGES",
    "TOWNSHIPS",
    "LANDUSE",
    "PBF",
    "TARGET_POLYGONS"
)
TARGETS, YEAR = "TARGETS", "YEAR"
TARGET_COLUMNS = (
    "unit_code",
    "year",
    "farmland_mu",
    "pbf_mu",
    "high_standard_mu",
    "supplement_mu",
    "doc_no",
    "signed_on",
    "parties",
    "note"
)


def unit_layer_params(algorithm: FarmlandAlgorithm, townships_optional: bool = True) -> None:
    """VILLAGES (CJDCQ) and TOWNSHIPS (XZQ) parameters."""
    villages = QgsProcessingParameterFeatureSource(
        VILLAGES,
        QCoreApplication.translate("TargetsAlgorithms", "Villages (CJDCQ)"),
        [QgsProcessing.SourceType.TypeVectorPolygon],
    )
    villages.setHelp(
        QCoreApplication.translate(
            "TargetsAlgorithms", "Village units: ZLDWDM (code) and ZLDWMC (name) give the tree's villages."
        )
    )
    algorithm.addParameter(villages)
    townships = QgsProcessingParameterFeatureSource(
        TOWNSHIPS,
        QCoreApplication.translate("TargetsAlgorithms", "Townships (XZQ)"),
        [QgsProcessing.SourceType.TypeVectorPolygon],
        optional=townships_optional,
    )
    townships.setHelp(
        QCoreApplication.translate(
            "TargetsAlgorithms", "Township units: XZQDM and XZQMC give the townships' names."
        )
    )
    algorithm.addParameter(townships)


def mapped_layer_params(algorithm: FarmlandAlgorithm, optional: bool = True) -> None:
    """LANDUSE (DLTB), PBF (YJJBNTTB) and TARGET_POLYGONS (GDBHMB) parameters."""
    for name, label in (
        (LANDUSE, QCoreApplication.translate("TargetsAlgorithms", "Land use (DLTB)")),
        (PBF, QCoreApplication.translate("TargetsAlgorithms", "Permanent basic farmland (YJJBNTTB)")),
        (
            TARGET_POLYGONS,
            QCoreApplication.translate("TargetsAlgorithms", "Farmland protection targets (GDBHMB)"),
        ),
    ):
        parameter = QgsProcessingParameterFeatureSource(
            name,
            label,
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=optional or name == TARGET_POLYGONS,
        )
        algorithm.addParameter(parameter)


def targets_params(algorithm: FarmlandAlgorithm) -> None:
    """TARGETS (the store's fg_targets table) and YEAR."""
    targets = QgsProcessingParameterFeatureSource(
        TARGETS,
        QCoreApplication.translate("TargetsAlgorithms", "Targets table (fg_targets)"),
        [QgsProcessing.SourceType.TypeVector],
    )
    targets.setHelp(
        QCoreApplication.translate(
            "TargetsAlgorithms",
            "The fg_targets table of the GeoPackage or PostgreSQL schema the targets dock saves to."
        )
    )
    algorithm.addParameter(targets)
    algorithm.addParameter(
        QgsProcessingParameterNumber(
            YEAR,
            QCoreApplication.translate("TargetsAlgorithms", "Year"),
            QgsProcessingParameterNumber.Type.Integer,
            2024,
            minValue=2000,
            maxValue=2100,
        )
    )


def _attribute_rows(source, roles_type: str, code_role: str, name_role: str) -> list[tuple[object, object]]:
    roles = field_roles.resolve_roles(roles_type, source.fields().names(), required=(code_role,))
    code_field, name_field = roles[code_role], roles.get(name_role)
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes([f for f in (code_field, name_field) if f], source.fields())
    return [(f[code_field], f[name_field] if name_field else "") for f in source.getFeatures(request)]


def hierarchy_from_parameters(algorithm: FarmlandAlgorithm, parameters, context) -> Hierarchy:
    """The unit tree from VILLAGES and (optional) TOWNSHIPS."""
    villages = algorithm.parameterAsSource(parameters, VILLAGES, context)
    if villages is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, VILLAGES))
    townships = algorithm.parameterAsSource(parameters, TOWNSHIPS, context)
    try:
        rows = _attribute_rows(villages, "CJDCQ", "ZLDWDM", "ZLDWMC")
        if townships is not None:
            rows = _attribute_rows(townships, "XZQ", "XZQDM", "XZQMC") + rows
    except field_roles.RoleError as error:
        raise QgsProcessingException(str(error)) from error
    return Hierarchy.build(rows)


def mapped_from_parameters(
    algorithm: FarmlandAlgorithm,
    parameters,
    context,
    feedback,
    hierarchy: Hierarchy,
    start: float = 0.0,
    end: float = 90.0,
) -> Optional[MappedFigures]:
    """Mapped figures from LANDUSE / PBF / TARGET_POLYGONS (None when none is given)."""
    sources = {}
    for kind, name in (("farmland", LANDUSE), ("pbf", PBF), ("target_polygons", TARGET_POLYGONS)):
        source = algorithm.parameterAsSource(parameters, name, context)
        if source is not None:
            sources[kind] = source
    if not sources:
        return None
    parcels = {}
    span = (end - start) / len(sources)
    for n, (kind, source) in enumerate(sources.items()):
        feedback.pushInfo(
            QCoreApplication.translate("TargetsAlgorithms", "Reading “{layer}”…").format(
                layer=source.sourceName()
            )
        )
        progress = FeedbackProgress(feedback, start + n * span, start + (n + 1) * span)
        try:
            arrays = parcel_arrays(
                source, kind, DEFAULT_MODES[kind], None, progress, context.transformContext()
            )
        except MappedInputError as error:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "TargetsAlgorithms",
                    "Layer “{layer}” has no location code (ZLDWDM) or land-use code (DLBM) "
                    "field; its fields are: {fields}."
                ).format(layer=error.layer_name, fields=", ".join(error.fields))
            ) from error
        except CrsProblem as problem:
            raise QgsProcessingException(crs_problem_message(problem, source.sourceName())) from problem
        if arrays.measured:
            feedback.pushInfo(
                QCoreApplication.translate(
                    "TargetsAlgorithms",
                    "{n} parcels of “{layer}” measured with the official ellipsoidal area."
                ).format(n=arrays.measured, layer=source.sourceName())
            )
        parcels[kind] = (arrays.codes, arrays.cents)
    return mapped_figures(hierarchy, parcels)


def records_from_parameters(
    algorithm: FarmlandAlgorithm, parameters, context, year: int
) -> dict[str, TargetRecord]:
    """The year's rows of the TARGETS table, by unit code."""
    source = algorithm.parameterAsSource(parameters, TARGETS, context)
    if source is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, TARGETS))
    names = source.fields().names()
    missing = [c for c in ("unit_code", "year") if c not in names]
    if missing:
        raise QgsProcessingException(
            QCoreApplication.translate(
                "TargetsAlgorithms", "“{layer}” is not a targets table: it has no {fields} field."
            ).format(layer=source.sourceName(), fields=", ".join(missing))
        )
    records = {}
    for feature in source.getFeatures():
        if plain_value(feature["year"]) is None or int(feature["year"]) != year:
            continue
        values = {c: plain_value(feature[c]) if c in names else None for c in TARGET_COLUMNS}
        try:
            record = TargetRecord(
                unit_code=str(values["unit_code"]).strip(),
                year=year,
                farmland=cents_from_stored(values["farmland_mu"]),
                pbf=cents_from_stored(values["pbf_mu"]),
                high_standard=cents_from_stored(values["high_standard_mu"]),
                supplement=cents_from_stored(values["supplement_mu"]),
                doc_no=str(values["doc_no"] or ""),
                signed_on=str(values["signed_on"] or ""),
                parties=str(values["parties"] or ""),
                note=str(values["note"] or ""),
                version=int(plain_value(feature["version"]) or 0) if "version" in names else 0,
            )
        except TargetValueError as error:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "TargetsAlgorithms", "Targets table, unit {unit}: {value} is not a number of 亩."
                ).format(unit=values["unit_code"], value=error.value)
            ) from error
        negative = [
            column
            for column, cents in (
                ("farmland_mu", record.farmland),
                ("pbf_mu", record.pbf),
                ("high_standard_mu", record.high_standard),
                ("supplement_mu", record.supplement),
            )
            if cents is not None and cents < 0
        ]
        if negative:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "TargetsAlgorithms", "Targets table, unit {unit}: {fields} is negative; a target is ≥ 0 亩."
                ).format(unit=record.unit_code, fields=", ".join(negative))
            )
        records[record.unit_code] = record
    return records


def mu_value(cents: Optional[int]) -> Optional[float]:
    """Hundredths of 亩 → a 2-decimal number for a table (None stays NULL)."""
    value = mu_decimal(cents)
    return None if value is None else float(value)


class TargetsCheckAlgorithm(FarmlandAlgorithm):
    OUTPUT = "OUTPUT"
    PROBLEMS = "PROBLEMS"
    ERRORS = "ERRORS"

    group_id = "targets"

    def name(self) -> str:
        return "targetscheck"

    def displayName(self) -> str:
        return self.tr("Check responsibility targets")

    def shortDescription(self) -> str:
        return self.tr("List every problem of a year's 耕地保护目标责任书 targets.")

    def shortHelpString(self) -> str:
        return self.tr(
            "Checks the targets of one year saved by the targets dock (table fg_targets) against the unit tree "
            "built from the village (CJDCQ) and township (XZQ) layers and, when given, the mapped figures:\n"
            "- the children's targets add up to the parent's (exact to 0.01 亩);\n"
            "- a target does not exceed the mapped 耕地 / 永久基本农田 (不足额), nor the 耕地保护目标 polygons "
            "(未带位置);\n"
            "- every unit has its targets; no target belongs to a unit missing from the layers;\n"
            "- parcels whose location code lies in no unit.\n"
            "Mapped 耕地 is Σ TBDLMJ of 耕地 parcels; 永久基本农田 is the official ellipsoidal area less the "
            "田坎 deduction."
        )

    def initAlgorithm(self, config=None) -> None:
        unit_layer_params(self)
        targets_params(self)
        mapped_layer_params(self)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Problems"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.PROBLEMS, self.tr("Number of problems")))
        self.addOutput(QgsProcessingOutputNumber(self.ERRORS, self.tr("Number of errors")))

    @staticmethod
    def output_fields() -> QgsFields:
        fields = QgsFields()
        for name in ("KIND", "SEVERITY", "UNIT_CODE", "UNIT_NAME", "LEVEL", "FIELD"):
            fields.append(QgsField(name, QVariant.String))
        for name in ("EXPECTED_MU", "ACTUAL_MU", "DIFF_MU"):
            fields.append(QgsField(name, QVariant.Double, "double", 18, 2))
        fields.append(QgsField("COUNT", QVariant.Int))
        fields.append(QgsField("MESSAGE", QVariant.String))
        return fields

    def processAlgorithm(self, parameters, context, feedback):
        year = self.parameterAsInt(parameters, YEAR, context)
        hierarchy = hierarchy_from_parameters(self, parameters, context)
        records = records_from_parameters(self, parameters, context, year)
        try:
            mapped = mapped_from_parameters(self, parameters, context, feedback, hierarchy)
        except Canceled:
            return {}
        problems = check_targets(hierarchy, records, mapped)
        fields = self.output_fields()
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for problem in problems:
            unit = hierarchy.get(problem.unit_code)
            amounts = [problem.expected, problem.actual, problem.difference]
            if problem.kind == "unmatched-parcels":
                amounts = [None, None, None]
            feature = QgsFeature(fields)
            feature.setAttributes(
                [
                    problem.kind,
                    problem.severity,
                    display_code(problem.unit_code) if unit is not None else problem.unit_code,
                    unit.name if unit is not None else "",
                    level_label(unit.level) if unit is not None else "",
                    problem.field,
                    *[mu_value(a) for a in amounts],
                    problem.count,
                    problem_text(problem, unit.name if unit is not None else ""),
                ]
            )
            if not sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
        errors = sum(1 for p in problems if p.severity == "error")
        feedback.pushInfo(
            self.tr("{units} units, {targets} target rows of {year}: {n} problems, {e} errors.").format(
                units=len(hierarchy), targets=len(records), year=year, n=len(problems), e=errors
            )
        )
        feedback.setProgress(100)
        return {self.OUTPUT: dest_id, self.PROBLEMS: len(problems), self.ERRORS: errors}
