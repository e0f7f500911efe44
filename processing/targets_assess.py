"""``farmland:assesstargets`` — 考核: a year's targets against that year's DLTB.

Completion per unit (mapped 耕地 / target 耕地保有量), the parts of the 耕地保护目标 polygons (GDBHMB)
that are no longer 耕地, and the 永久基本农田 pieces lying on parcels that are not 耕地. Pieces are the
GEOS intersections with the non-耕地 DLTB parcels, measured with the official ellipsoidal area.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsSpatialIndex,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core import field_roles
from ..core.land_classes import is_farmland, land_class_name
from ..core.progress import Canceled
from ..core.targets.assessment import Completion, assess_completion, count_not_met
from ..core.targets.hierarchy import display_code
from ..core.targets.mapped import m2_cents_to_mu_cents
from ..core.units import to_cents
from ..engine.geometry import CrsProblem, official_areas_of_geometries
from ..engine.targets_messages import level_label
from .base import FarmlandAlgorithm, FeedbackProgress
from .messages import crs_problem_message
from .targets_check import (
    LANDUSE,
    PBF,
    TARGET_POLYGONS,
    YEAR,
    hierarchy_from_parameters,
    mapped_from_parameters,
    mapped_layer_params,
    mu_value,
    records_from_parameters,
    targets_params,
    unit_layer_params,
)

#: overlay layer parameter → field-role layer type of its location code
_OVERLAY_TYPES = {TARGET_POLYGONS: "GDBHMB", PBF: "YJJBNTTB"}


class AssessTargetsAlgorithm(FarmlandAlgorithm):
    OUTPUT = "OUTPUT"
    LOST_PARCELS = "LOST_PARCELS"
    PBF_NOT_FARMLAND = "PBF_NOT_FARMLAND"
    NOT_MET = "NOT_MET"
    LOST_MU = "LOST_MU"
    PBF_NOT_FARMLAND_MU = "PBF_NOT_FARMLAND_MU"

    group_id = "targets"

    def name(self) -> str:
        return "assesstargets"

    def displayName(self) -> str:
        return self.tr("Assess responsibility targets")

    def shortDescription(self) -> str:
        return self.tr("考核: a year's targets against that year's land use (DLTB).")

    def shortHelpString(self) -> str:
        return self.tr(
            "Assesses the 耕地保护目标责任书 targets of one year (table fg_targets) against the land use "
            "(DLTB) of that year:\n"
            "- OUTPUT: per unit the target 耕地保有量, the mapped 耕地 (Σ TBDLMJ of 耕地 parcels), the "
            "completion (mapped ÷ target, %) and the status (met when mapped ≥ target);\n"
            "- LOST_PARCELS: the parts of the 耕地保护目标 polygons (GDBHMB) lying on DLTB parcels that are "
            "no longer 耕地;\n"
            "- PBF_NOT_FARMLAND: the parts of the 永久基本农田 (YJJBNTTB) lying on parcels that are not "
            "耕地.\n"
            "Pieces are measured with the official ellipsoidal area (m² and 亩, 2 decimals)."
        )

    def initAlgorithm(self, config=None) -> None:
        unit_layer_params(self)
        targets_params(self)
        mapped_layer_params(self)
        landuse = self.parameterDefinition(LANDUSE)
        landuse.setFlags(landuse.flags() & ~QgsProcessingParameterDefinition.FlagOptional)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Target completion"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.LOST_PARCELS,
                self.tr("Target polygons no longer farmland"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.PBF_NOT_FARMLAND,
                self.tr("Permanent basic farmland not farmland"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.NOT_MET, self.tr("Units below target")))
        self.addOutput(QgsProcessingOutputNumber(self.LOST_MU, self.tr("Target area no longer farmland (亩)")))
        self.addOutput(
            QgsProcessingOutputNumber(self.PBF_NOT_FARMLAND_MU, self.tr("PBF area not farmland (亩)"))
        )

    @staticmethod
    def completion_fields() -> QgsFields:
        fields = QgsFields()
        for name in ("UNIT_CODE", "UNIT_NAME", "LEVEL"):
            fields.append(QgsField(name, QVariant.String))
        for name in ("TARGET_GD_MU", "MAPPED_GD_MU", "COMPLETION_PCT"):
            fields.append(QgsField(name, QVariant.Double, "double", 18, 2))
        fields.append(QgsField("STATUS", QVariant.String))
        return fields

    @staticmethod
    def piece_fields() -> QgsFields:
        fields = QgsFields()
        fields.append(QgsField("SOURCE_FID", QVariant.LongLong))
        for name in ("ZLDWDM", "DLBM", "DLMC"):
            fields.append(QgsField(name, QVariant.String))
        for name in ("AREA_M2", "AREA_MU"):
            fields.append(QgsField(name, QVariant.Double, "double", 18, 2))
        return fields

    def status_text(self, status: str) -> str:
        labels = {"met": self.tr("met"), "not-met": self.tr("not met"), "no-target": self.tr("no target")}
        return labels.get(status, status)

    def processAlgorithm(self, parameters, context, feedback):
        year = self.parameterAsInt(parameters, YEAR, context)
        hierarchy = hierarchy_from_parameters(self, parameters, context)
        records = records_from_parameters(self, parameters, context, year)
        if not any(r.farmland is not None for r in records.values()):
            feedback.pushWarning(
                self.tr("The targets table has no 耕地保有量 target for {year}: no unit can be assessed.").format(
                    year=year
                )
            )
        try:
            mapped = mapped_from_parameters(self, parameters, context, feedback, hierarchy, 0, 40)
        except Canceled:
            return {}
        if mapped is None or not mapped.has("farmland"):
            raise QgsProcessingException(self.invalidSourceError(parameters, LANDUSE))
        completions = assess_completion(hierarchy, records, mapped)
        fields = self.completion_fields()
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for completion in completions:
            self._add(sink, self._completion_feature(fields, hierarchy, completion), parameters, self.OUTPUT)
        results = {self.OUTPUT: dest_id, self.NOT_MET: count_not_met(completions)}
        landuse = self.parameterAsSource(parameters, LANDUSE, context)
        for output, overlay_name, total_name, start in (
            (self.LOST_PARCELS, TARGET_POLYGONS, self.LOST_MU, 40.0),
            (self.PBF_NOT_FARMLAND, PBF, self.PBF_NOT_FARMLAND_MU, 70.0),
        ):
            overlay = self.parameterAsSource(parameters, overlay_name, context)
            if overlay is None:
                continue
            try:
                progress = FeedbackProgress(feedback, start, start + 30)
                pieces = self._non_farmland_pieces(
                    landuse, overlay, _OVERLAY_TYPES[overlay_name], context, progress
                )
            except Canceled:
                return {}
            crs = landuse.sourceCrs()
            total_cents = self._write_pieces(pieces, crs, parameters, output, context, results)
            results[total_name] = mu_value(m2_cents_to_mu_cents(total_cents))
        feedback.pushInfo(
            self.tr("{units} units assessed for {year}: {n} below target.").format(
                units=len(completions), year=year, n=results[self.NOT_MET]
            )
        )
        feedback.setProgress(100)
        return results

    def _completion_feature(self, fields: QgsFields, hierarchy, completion: Completion) -> QgsFeature:
        unit = hierarchy[completion.unit_code]
        percent = completion.percent_cents
        feature = QgsFeature(fields)
        feature.setAttributes(
            [
                display_code(unit.code),
                unit.name,
                level_label(unit.level),
                mu_value(completion.target),
                mu_value(completion.mapped),
                None if percent is None else percent / 100,
                self.status_text(completion.status),
            ]
        )
        return feature

    def _add(self, sink, feature: QgsFeature, parameters, name: str) -> None:
        if not sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
            raise QgsProcessingException(self.writeFeatureError(sink, parameters, name))

    def _non_farmland_pieces(self, landuse, overlay, layer_type: str, context, progress) -> list[tuple]:
        """(overlay fid, overlay ZLDWDM, DLBM, piece geometry in the LANDUSE CRS) of every part of
        ``overlay`` lying on a DLTB parcel that is not 耕地."""
        try:
            landuse_roles = field_roles.resolve_roles("DLTB", landuse.fields().names(), required=("DLBM",))
        except field_roles.RoleError as error:
            raise QgsProcessingException(str(error)) from error
        class_field = landuse_roles["DLBM"]
        overlay_roles = field_roles.resolve_roles(layer_type, overlay.fields().names(), required=())
        code_field = overlay_roles.get("ZLDWDM") or overlay_roles.get("XZQDM")
        transform = None
        if overlay.sourceCrs() != landuse.sourceCrs():
            transform = QgsCoordinateTransform(
                overlay.sourceCrs(), landuse.sourceCrs(), context.transformContext()
            )
        shapes: dict[int, tuple[QgsGeometry, object]] = {}
        index = QgsSpatialIndex()
        request = QgsFeatureRequest()
        request.setSubsetOfAttributes([code_field] if code_field else [], overlay.fields())
        for feature in overlay.getFeatures(request):
            if not feature.hasGeometry():
                continue
            geometry = QgsGeometry(feature.geometry())
            if transform is not None:
                geometry.transform(transform)
            shapes[feature.id()] = (geometry, feature[code_field] if code_field else None)
            index.addFeature(feature.id(), geometry.boundingBox())
        if not shapes:
            return []
        extent = QgsGeometry.unaryUnion([QgsGeometry.fromRect(g.boundingBox()) for g, _c in shapes.values()])
        landuse_request = QgsFeatureRequest().setFilterRect(extent.boundingBox())
        landuse_request.setSubsetOfAttributes([class_field], landuse.fields())
        pieces = []
        total = max(landuse.featureCount(), 1)
        for i, parcel in enumerate(landuse.getFeatures(landuse_request)):
            if i % 1000 == 0:
                if progress.is_canceled():
                    raise Canceled()
                progress.report(i / total)
            code = parcel[class_field]
            if not parcel.hasGeometry() or is_farmland(code):
                continue
            parcel_geometry = parcel.geometry()
            candidates = index.intersects(parcel_geometry.boundingBox())
            if not candidates:
                continue
            engine = QgsGeometry.createGeometryEngine(parcel_geometry.constGet())
            engine.prepareGeometry()
            for fid in candidates:
                shape, unit = shapes[fid]
                if not engine.intersects(shape.constGet()):
                    continue
                piece = _polygonal(shape.intersection(parcel_geometry))
                if piece is not None:
                    pieces.append((fid, unit, code, piece))
        pieces.sort(key=lambda p: p[0])
        progress.report(1.0)
        return pieces

    def _write_pieces(self, pieces, crs, parameters, output: str, context, results: dict) -> int:
        """Write ``pieces`` to the sink ``output`` (when asked for); return their total in 0.01 m²."""
        try:
            areas, _choice = official_areas_of_geometries(
                [p[3] for p in pieces], crs, context.transformContext()
            )
        except CrsProblem as problem:
            raise QgsProcessingException(crs_problem_message(problem, "")) from problem
        cents = [int(c) for c in to_cents(areas)] if len(pieces) else []
        fields = self.piece_fields()
        sink, dest_id = self.parameterAsSink(
            parameters, output, context, fields, QgsWkbTypes.MultiPolygon, crs
        )
        if sink is not None:
            for (fid, unit, code, piece), area in zip(pieces, cents):
                feature = QgsFeature(fields)
                feature.setGeometry(piece)
                feature.setAttributes(
                    [
                        int(fid),
                        None if unit is None else str(unit),
                        None if code is None else str(code),
                        land_class_name(code),
                        area / 100,
                        mu_value(m2_cents_to_mu_cents(area)),
                    ]
                )
                self._add(sink, feature, parameters, output)
            results[output] = dest_id
        return sum(cents)


def _polygonal(geometry: QgsGeometry) -> Optional[QgsGeometry]:
    """The polygon parts of an intersection as a MultiPolygon (None when it has no area)."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    polygonal = QgsWkbTypes.geometryType(geometry.wkbType()) == QgsWkbTypes.PolygonGeometry
    if not polygonal and not geometry.convertGeometryCollectionToSubclass(QgsWkbTypes.PolygonGeometry):
        return None
    if geometry.isEmpty() or geometry.area() <= 0:
        return None
    geometry.convertToMultiType()
    return geometry
