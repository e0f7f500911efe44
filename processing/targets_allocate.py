"""``farmland:allocatetargets`` — allocate top-level targets 带位置 down to villages, for models and scripts.

The county's (or city's) 耕地保有量 and 永久基本农田保护面积 are split over townships and villages in
proportion to their mapped areas, levelled so every level sums exactly to its parent; the table lists each
unit with its mapped figures, targets and check results.
"""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.progress import Canceled
from ..core.targets.allocation import AllocationError, allocate_down
from ..core.targets.checks import check_targets
from ..core.targets.records import TargetRecord
from ..core.targets.report import tree_rows
from ..core.units import scaled_half_up
from ..engine.targets_messages import allocation_error_text, unit_label
from .base import FarmlandAlgorithm
from .targets_check import (
    LANDUSE,
    PBF,
    TARGET_POLYGONS,
    hierarchy_from_parameters,
    mapped_from_parameters,
    mu_value,
    unit_layer_params,
)


class AllocateTargetsAlgorithm(FarmlandAlgorithm):
    TOTAL_FARMLAND = "TOTAL_FARMLAND"
    TOTAL_PBF = "TOTAL_PBF"
    OUTPUT = "OUTPUT"

    group_id = "targets"

    def name(self) -> str:
        return "allocatetargets"

    def displayName(self) -> str:
        return self.tr("Allocate responsibility targets")

    def shortDescription(self) -> str:
        return self.tr("Split top-level targets over townships and villages by mapped area (带位置).")

    def shortHelpString(self) -> str:
        return self.tr(
            "Builds the unit tree from the villages (CJDCQ) and townships (XZQ), computes the mapped 耕地 "
            "(Σ TBDLMJ of 耕地 parcels) and 永久基本农田 per unit, and allocates the top-level 耕地保有量 and "
            "永久基本农田保护面积 down the tree in proportion to the mapped areas (耕地保有量 by the 耕地保护目标 "
            "polygons when that layer is given). Shares are rounded half-up to 0.01 亩 and levelled so that "
            "each level adds up exactly to its parent. Leave a total empty to allocate the mapped figure itself.\n"
            "The output table has one row per unit with its mapped figures, targets and check results "
            "(ok, sum-mismatch, shortfall = 不足额, not-located = 未带位置)."
        )

    def initAlgorithm(self, config=None) -> None:
        unit_layer_params(self)
        for name, label, optional in (
            (LANDUSE, self.tr("Land use (DLTB)"), False),
            (PBF, self.tr("Permanent basic farmland (YJJBNTTB)"), False),
            (TARGET_POLYGONS, self.tr("Farmland protection targets (GDBHMB)"), True),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSource(
                    name, label, [QgsProcessing.SourceType.TypeVectorPolygon], optional=optional
                )
            )
        for name, label in (
            (self.TOTAL_FARMLAND, self.tr("Top-level farmland target 耕地保有量 (亩)")),
            (self.TOTAL_PBF, self.tr("Top-level PBF target 永久基本农田保护面积 (亩)")),
        ):
            parameter = QgsProcessingParameterNumber(
                name, label, QgsProcessingParameterNumber.Type.Double, None, optional=True, minValue=0.0
            )
            parameter.setHelp(self.tr("Empty: the mapped figure of the top unit."))
            self.addParameter(parameter)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Allocated targets"), QgsProcessing.SourceType.TypeVector
            )
        )

    @staticmethod
    def output_fields() -> QgsFields:
        fields = QgsFields()
        for name in ("UNIT_CODE", "UNIT_NAME", "LEVEL", "PARENT_CODE"):
            fields.append(QgsField(name, QVariant.String))
        for name in (
            "MAPPED_GD_MU",
            "MAPPED_YJJBNT_MU",
            "MAPPED_GDBHMB_MU",
            "TARGET_GD_MU",
            "TARGET_YJJBNT_MU",
        ):
            fields.append(QgsField(name, QVariant.Double, "double", 18, 2))
        for name in ("CHECK_SUM", "CHECK_MAPPED", "CHECK_PRESENT"):
            fields.append(QgsField(name, QVariant.String))
        return fields

    def processAlgorithm(self, parameters, context, feedback):
        hierarchy = hierarchy_from_parameters(self, parameters, context)
        if len(hierarchy.roots) != 1:
            raise QgsProcessingException(
                self.tr("The villages and townships must belong to one county or city.")
            )
        root = hierarchy.roots[0]
        try:
            mapped = mapped_from_parameters(self, parameters, context, feedback, hierarchy, 0, 90)
        except Canceled:
            return {}
        records: dict[str, TargetRecord] = {root: TargetRecord(root, 0)}
        for field, name, kind in (
            ("farmland", self.TOTAL_FARMLAND, "farmland"),
            ("pbf", self.TOTAL_PBF, "pbf"),
        ):
            value = parameters.get(name)
            if value is None or value == "":
                total = mapped.get(kind, root) if mapped is not None else None
            else:
                total = int(scaled_half_up(self.parameterAsDouble(parameters, name, context), 2))
            if total is None:
                continue
            records[root] = records[root].with_value(field, total)
            try:
                values = allocate_down(hierarchy, records, mapped, root, field, all_levels=True)
            except AllocationError as error:
                raise QgsProcessingException(
                    allocation_error_text(error.kind, unit_label(root, hierarchy[root].name), field)
                ) from error
            for code, cents in values.items():
                records[code] = (records.get(code) or TargetRecord(code, 0)).with_value(field, cents)
        rows = tree_rows(hierarchy, records, mapped, check_targets(hierarchy, records, mapped))
        fields = self.output_fields()
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for row in rows:
            v = row.values
            feature = QgsFeature(fields)
            feature.setAttributes(
                [
                    v["code"],
                    v["name"],
                    v["level"],
                    v["parent"],
                    mu_value(v["mapped_farmland"]),
                    mu_value(v["mapped_pbf"]),
                    mu_value(v["mapped_target_polygons"]),
                    mu_value(v["farmland"]),
                    mu_value(v["pbf"]),
                    v["check_sum"],
                    v["check_mapped"],
                    v["check_present"],
                ]
            )
            if not sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
        feedback.setProgress(100)
        return {self.OUTPUT: dest_id}
