"""``farmland:officialarea`` — 图斑椭球面积计算: TBMJ the official way, KCMJ/TBDLMJ, levelling, QA."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QVariant

from ..core import field_roles
from ..core.deduction import DeductionError, deduct
from ..core.levelling import LevellingError, group_gaps, level_groups
from ..core.progress import Canceled
from ..core.units import ha_of_cents, mu_of_cents, to_cents
from ..engine.geometry import CrsProblem, features, official_areas_of_geometries, official_areas_of_source
from ..engine.geometry_problems import find_geometry_problems
from ..engine.values import plain_value, text_of
from .base import FarmlandAlgorithm, FeedbackProgress
from .messages import crs_problem_message, derived_zone_message

_CHUNK = 4096  # features written (and deducted) at a time
#: a unit whose control area differs from the sum of its parcels by more than this share is not levelled
LEVELLING_LIMIT = 0.01


def _ids(problems, fids) -> str:
    shown = [problems.label(fid) for fid in list(fids)[:50]]
    return ", ".join(shown) + (" …" if len(fids) > 50 else "")


_NEW_FEATURE_ID = QgsFeature().id()  # "no id yet": the output numbers its features itself


@dataclass(frozen=True)
class _WritePlan:
    """Where the computed values go in the output and what the QA compares."""

    out_fields: QgsFields
    area_field: str
    add_mu: str
    add_ha: str
    kcxs_index: int  # −1: no 田坎 deduction
    stored_index: int  # −1: no stored area to compare
    id_index: int  # the BSM field, −1 if none
    tolerance: float


class OfficialAreaAlgorithm(FarmlandAlgorithm):
    INPUT = "INPUT"
    AREA_FIELD = "AREA_FIELD"
    DEDUCT = "DEDUCT"
    ADD_MU = "ADD_MU"
    ADD_HA = "ADD_HA"
    FIELD_MAP = "FIELD_MAP"
    CONTROL = "CONTROL"
    CODE_FIELD = "CODE_FIELD"
    CONTROL_CODE_FIELD = "CONTROL_CODE_FIELD"
    CONTROL_AREA_FIELD = "CONTROL_AREA_FIELD"
    TOLERANCE = "TOLERANCE"
    OUTPUT = "OUTPUT"
    QA = "QA"
    FEATURE_COUNT = "FEATURE_COUNT"
    TOTAL_AREA_M2 = "TOTAL_AREA_M2"
    TOTAL_AREA_MU = "TOTAL_AREA_MU"
    MAX_DEVIATION = "MAX_DEVIATION"

    group_id = "area"

    def name(self) -> str:
        return "officialarea"

    def displayName(self) -> str:
        return self.tr("Official ellipsoidal area")

    def shortDescription(self) -> str:
        return self.tr("Recompute parcel areas on the CGCS2000 ellipsoid the official way (32号 formula).")

    def shortHelpString(self) -> str:
        return self.tr(
            "Computes the ellipsoidal area of every polygon with the trapezoid formula of "
            "国土调查办发〔2008〕32号 on the CGCS2000 ellipsoid, rounded half-up to 0.01 m², as 三调 "
            "requires for TBMJ.\n\n"
            "Coordinates in CGCS2000 Gauss–Krüger zones (EPSG:4491–4554, with or without zone prefix) or "
            "EPSG:4490 are used as they are; other CRSs are transformed to EPSG:4490. A layer without CRS "
            "but with 8-digit eastings is read in the 3° zone given by the prefix.\n\n"
            "Where the layer has a 扣除地类系数 (KCXS) field, KCMJ = TBMJ × KCXS and TBDLMJ = TBMJ − KCMJ "
            "are written too. Optionally the areas are levelled (平差) so that the parcels of each unit sum "
            "exactly to the unit's control area (e.g. a village's DCMJ), matched by code.\n\n"
            "The QA output lists the features whose stored area differs from the computed one by more "
            "than the tolerance."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Parcels (polygons)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.AREA_FIELD, self.tr("Area field to write (m²)"), "TBMJ")
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.DEDUCT, self.tr("Compute KCMJ and TBDLMJ where a KCXS field exists"), True
            )
        )
        self.addParameter(QgsProcessingParameterBoolean(self.ADD_MU, self.tr("Add an area field in 亩"), False))
        self.addParameter(
            QgsProcessingParameterBoolean(self.ADD_HA, self.tr("Add an area field in 公顷"), False)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CONTROL,
                self.tr("Control units for levelling (e.g. villages, CJDCQ)"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CODE_FIELD,
                self.tr("Parcel field with the unit code (e.g. ZLDWDM)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CONTROL_CODE_FIELD,
                self.tr("Control unit code field (e.g. ZLDWDM)"),
                parentLayerParameterName=self.CONTROL,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CONTROL_AREA_FIELD,
                self.tr("Control area field in m² (e.g. DCMJ)"),
                parentLayerParameterName=self.CONTROL,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        tolerance = QgsProcessingParameterNumber(
            self.TOLERANCE,
            self.tr("QA tolerance (m²)"),
            QgsProcessingParameterNumber.Type.Double,
            0.01,
            minValue=0.0,
        )
        self.addParameter(tolerance)
        field_map = QgsProcessingParameterString(
            self.FIELD_MAP, self.tr("Field map (role=field;…)"), optional=True
        )
        field_map.setFlags(field_map.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(field_map)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Parcels with official areas")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.QA,
                self.tr("Area deviations (QA)"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.FEATURE_COUNT, self.tr("Number of features")))
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_AREA_M2, self.tr("Total area (m²)")))
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_AREA_MU, self.tr("Total area (亩)")))
        self.addOutput(QgsProcessingOutputNumber(self.MAX_DEVIATION, self.tr("Largest deviation (m²)")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.sourceWithEncoding(parameters, self.INPUT, context, feedback)
        layer_name = source.sourceName()
        area_field = self.parameterAsString(parameters, self.AREA_FIELD, context).strip() or "TBMJ"
        in_fields = source.fields()
        try:
            overrides = field_roles.parse_field_map(self.parameterAsString(parameters, self.FIELD_MAP, context))
            roles = field_roles.resolve_roles("DLTB", in_fields.names(), overrides, required=())
        except (ValueError, field_roles.MissingRoleError) as error:
            raise QgsProcessingException(str(error)) from error
        kcxs_field = roles.get("KCXS") if self.parameterAsBoolean(parameters, self.DEDUCT, context) else None
        stored_index = in_fields.lookupField(area_field)
        if stored_index >= 0 and not in_fields.at(stored_index).isNumeric():
            raise QgsProcessingException(
                self.tr("Layer “{layer}”: field {field} exists but is not numeric; choose another area field.")
                .format(layer=layer_name, field=area_field)
            )

        feedback.pushInfo(self.tr("Reading geometries of “{layer}”…").format(layer=layer_name))
        try:
            fids, areas, choice = official_areas_of_source(
                source,
                context.transformContext(),
                FeedbackProgress(feedback, 0, 40),
                layer=self.plainVectorLayer(parameters, self.INPUT, context),
            )
        except Canceled:
            return {}
        except CrsProblem as problem:
            raise QgsProcessingException(crs_problem_message(problem, layer_name)) from problem
        if not fids:
            feedback.pushWarning(self.tr("Layer “{layer}” has no features.").format(layer=layer_name))
        if choice.derived_from_eastings:
            feedback.pushWarning(derived_zone_message(layer_name, choice.grid.epsg, choice.grid.zone))
        index_of = {fid: i for i, fid in enumerate(fids)}
        try:
            problems = find_geometry_problems(source, roles.get("BSM"), FeedbackProgress(feedback, 40, 45))
        except Canceled:
            return {}
        try:
            self._measure_repaired(problems, areas, index_of, source, context, layer_name, feedback)
        except CrsProblem as problem:
            raise QgsProcessingException(crs_problem_message(problem, layer_name)) from problem
        cents = to_cents(areas)

        control = self._control_cents(parameters, context, source, fids, roles, feedback)
        if control is not None:
            groups, control_cents, unit_codes = control
            self._check_gaps(cents, groups, control_cents, unit_codes, layer_name, feedback)
            try:
                cents = level_groups(cents, groups, control_cents)
            except LevellingError as error:  # the gaps check stops first; this names what is left
                raise QgsProcessingException(
                    self.tr("Layer “{layer}”: levelling to the control areas failed: {error}").format(
                        layer=layer_name, error=str(error)
                    )
                ) from error
        tbmj = cents / 100.0
        tbmj_mu = mu_of_cents(cents)  # exact from the cents, half-up, once for the layer
        tbmj_ha = ha_of_cents(cents)

        out_fields, add_mu, add_ha = self._output_fields(parameters, context, in_fields, area_field, kcxs_field)
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, out_fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        qa_sink, qa_id = self.parameterAsSink(
            parameters, self.QA, context, self._qa_fields(), source.wkbType(), source.sourceCrs()
        )
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        max_deviation = 0.0
        deviations = 0
        total = max(len(fids), 1)
        plan = _WritePlan(
            out_fields=out_fields,
            area_field=area_field,
            add_mu=add_mu,
            add_ha=add_ha,
            kcxs_index=in_fields.lookupField(kcxs_field) if kcxs_field else -1,
            stored_index=stored_index,
            id_index=in_fields.lookupField(roles["BSM"]) if roles.get("BSM") else -1,
            tolerance=tolerance,
        )
        chunk: list = []
        done = 0
        for feature in features(source, QgsFeatureRequest()):
            chunk.append(feature)
            if len(chunk) < _CHUNK:
                continue
            if feedback.isCanceled():
                return {}
            found = self._write_chunk(chunk, index_of, (tbmj, tbmj_mu, tbmj_ha), plan, sink, qa_sink, layer_name,
                                      parameters)
            max_deviation, deviations = max(max_deviation, found[0]), deviations + found[1]
            done += len(chunk)
            chunk = []
            feedback.setProgress(45 + 55 * done / total)
        if chunk:
            found = self._write_chunk(chunk, index_of, (tbmj, tbmj_mu, tbmj_ha), plan, sink, qa_sink, layer_name,
                                      parameters)
            max_deviation, deviations = max(max_deviation, found[0]), deviations + found[1]

        total_m2 = int(cents.sum()) / 100.0
        total_mu = float(mu_of_cents(int(cents.sum())))
        if stored_index >= 0:
            feedback.pushInfo(
                self.tr("{count} features, total {m2:.2f} m² = {mu:.2f} 亩; largest deviation from the stored "
                        "{field}: {dev:.2f} m² ({n} above the tolerance).").format(
                    count=len(fids), m2=total_m2, mu=total_mu, field=area_field, dev=max_deviation, n=deviations
                )
            )
        else:
            feedback.pushInfo(
                self.tr("{count} features, total {m2:.2f} m² = {mu:.2f} 亩 (the layer has no {field} to compare "
                        "with).").format(count=len(fids), m2=total_m2, mu=total_mu, field=area_field)
            )
        results = {
            self.OUTPUT: dest_id,
            self.FEATURE_COUNT: len(fids),
            self.TOTAL_AREA_M2: total_m2,
            self.TOTAL_AREA_MU: total_mu,
            self.MAX_DEVIATION: max_deviation,
        }
        if qa_sink is not None:
            results[self.QA] = qa_id
        return results

    def _write_chunk(self, chunk, index_of, areas, plan, sink, qa_sink, layer_name, parameters) -> tuple:
        """Write a chunk of features with their areas (the 田坎 deduction for the whole chunk at once);
        returns (largest deviation from the stored area, how many exceed the tolerance)."""
        tbmj, tbmj_mu, tbmj_ha = areas
        rows = np.array([index_of[feature.id()] for feature in chunk], dtype=np.int64)
        computed = tbmj[rows].tolist()
        columns = {plan.area_field: computed}
        if plan.kcxs_index >= 0:
            kcxs = [plain_value(feature.attribute(plan.kcxs_index), blank_is_null=True) for feature in chunk]
            kcxs = np.array(kcxs, dtype=object)
            try:
                kcmj, tbdlmj = deduct(tbmj[rows], kcxs)
            except DeductionError as error:
                raise QgsProcessingException(
                    self.tr("Layer “{layer}”, feature {fid}: KCXS value {value} is not a coefficient "
                            "in [0, 1).").format(layer=layer_name, fid=chunk[error.index or 0].id(),
                                                 value=error.value)
                ) from error
            columns["KCMJ"], columns["TBDLMJ"] = kcmj.tolist(), tbdlmj.tolist()
        if plan.add_mu:
            columns[plan.add_mu] = tbmj_mu[rows].tolist()
        if plan.add_ha:
            columns[plan.add_ha] = tbmj_ha[rows].tolist()
        positions = [(plan.out_fields.lookupField(name), values) for name, values in columns.items()]
        max_deviation, deviations = 0.0, 0
        features = []
        count = plan.out_fields.count()
        for k, feature in enumerate(chunk):
            # the input's attributes stay in C++ (turning all of them into Python values took a third
            # of the run); only the computed ones are set
            out = QgsFeature(feature)
            out.setId(_NEW_FEATURE_ID)
            out.setFields(plan.out_fields, False)
            out.resizeAttributes(count)
            for position, column in positions:
                out.setAttribute(position, column[k])
            features.append(out)
            stored = (
                plain_value(feature.attribute(plan.stored_index), blank_is_null=True)
                if plan.stored_index >= 0
                else None
            )
            if stored is None:
                continue
            deviation = abs(float(stored) - computed[k])
            max_deviation = max(max_deviation, deviation)
            if deviation > plan.tolerance + 1e-9:
                deviations += 1
                if qa_sink is not None:
                    qa = QgsFeature(self._qa_fields())
                    qa.setGeometry(feature.geometry())
                    difference = round(computed[k] - float(stored), 2)
                    bsm = text_of(feature.attribute(plan.id_index)) if plan.id_index >= 0 else None
                    qa.setAttributes([feature.id(), bsm, float(stored), computed[k], difference])
                    qa_sink.addFeature(qa, QgsFeatureSink.Flag.FastInsert)
        if not sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert):
            raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
        return max_deviation, deviations

    def _measure_repaired(self, problems, areas, index_of, source, context, layer_name, feedback) -> None:
        """Invalid geometries are measured after repair (makeValid), the others without geometry count 0;
        each kind is named in the log with the features' ids (BSM where there is one)."""
        if problems.repaired:
            fixed, _ = official_areas_of_geometries(
                list(problems.repaired.values()), source.sourceCrs(), context.transformContext()
            )
            for fid, area in zip(problems.repaired, fixed.tolist()):
                areas[index_of[fid]] = area
            feedback.pushWarning(
                self.tr("Layer “{layer}”: {n} invalid geometries (self-intersections, bow ties, overlapping "
                        "rings) are measured after repair (makeValid); the output keeps them as they are: {ids}")
                .format(layer=layer_name, n=len(problems.repaired), ids=_ids(problems, problems.repaired))
            )
        for fid in problems.unrepairable + problems.without_geometry:
            areas[index_of[fid]] = 0.0
        if problems.unrepairable:
            feedback.pushWarning(
                self.tr("Layer “{layer}”: {n} geometries cannot be repaired; their area is 0: {ids}").format(
                    layer=layer_name, n=len(problems.unrepairable), ids=_ids(problems, problems.unrepairable)
                )
            )
        if problems.without_geometry:
            feedback.pushWarning(
                self.tr("Layer “{layer}”: {n} features have no geometry; their area is 0: {ids}").format(
                    layer=layer_name,
                    n=len(problems.without_geometry),
                    ids=_ids(problems, problems.without_geometry),
                )
            )

    def _check_gaps(self, cents, groups, control_cents, keys, layer_name, feedback) -> None:
        """Levelling spreads each unit's gap (control − Σ parcels) over its parcels. Gaps beyond rounding
        are listed; a gap above LEVELLING_LIMIT of the control area stops the run (the data disagree)."""
        noticeable, too_large = [], []
        for group, (total, control) in sorted(group_gaps(cents, groups, control_cents).items()):
            gap = control - total
            if abs(gap) > max(100, control * 1e-4):
                share = 100.0 * gap / control if control else float("inf")
                entry = "{} {:+.2f} m² ({:+.3f} %)".format(keys[group], gap / 100.0, share)
                noticeable.append(entry)
                if abs(gap) > LEVELLING_LIMIT * abs(control):
                    too_large.append(entry)
        if too_large:
            raise QgsProcessingException(
                self.tr("Layer “{layer}”: the control areas of {n} units differ from the sum of their parcels by "
                        "more than {limit} %, too much to level (check the unit codes and the control layer): "
                        "{units}").format(layer=layer_name, n=len(too_large), limit=100 * LEVELLING_LIMIT,
                                         units="; ".join(too_large[:20]))
            )
        if noticeable:
            feedback.pushWarning(
                self.tr("Layer “{layer}”: levelling spreads these gaps (control − Σ parcels) over the units' "
                        "parcels: {units}").format(layer=layer_name, units="; ".join(noticeable[:50]))
            )

    @staticmethod
    def _qa_fields() -> QgsFields:
        fields = QgsFields()
        fields.append(QgsField("FID_SRC", QVariant.LongLong))
        fields.append(QgsField("BSM", QVariant.String))  # the parcel's 标识码, when the layer has one
        fields.append(QgsField("MJ_STORED", QVariant.Double, "double", 18, 2))
        fields.append(QgsField("MJ_COMPUTED", QVariant.Double, "double", 18, 2))
        fields.append(QgsField("MJ_DIFF", QVariant.Double, "double", 18, 2))
        return fields

    def _output_fields(self, parameters, context, in_fields, area_field, kcxs_field):
        wanted = [area_field]
        if kcxs_field:
            wanted += ["KCMJ", "TBDLMJ"]
        add_mu = "{}_MU".format(area_field) if self.parameterAsBoolean(parameters, self.ADD_MU, context) else ""
        add_ha = "{}_HA".format(area_field) if self.parameterAsBoolean(parameters, self.ADD_HA, context) else ""
        decimals = [(n, 2) for n in wanted] + [(add_mu, 2), (add_ha, 4)]
        computed = {name: precision for name, precision in decimals if name}
        fields = QgsFields()
        by_name = {name.casefold(): precision for name, precision in computed.items()}  # as lookupField matches
        for field in in_fields:
            precision = by_name.get(field.name().casefold())
            if precision is not None and field.type() != QVariant.Double:
                # an integer or text KCMJ of the input would cut the computed value: a decimal column instead
                field = QgsField(field.name(), QVariant.Double, "double", 18, precision)
            fields.append(field)
        for name, precision in computed.items():
            if fields.lookupField(name) < 0:
                fields.append(QgsField(name, QVariant.Double, "double", 18, precision))
        return fields, add_mu, add_ha

    def _control_cents(self, parameters, context, source, fids, roles, feedback):
        """(group id per feature, control cents per group) or None when no control layer is given."""
        control = self.parameterAsSource(parameters, self.CONTROL, context)
        if control is None:
            return None
        code_field = self.parameterAsString(parameters, self.CODE_FIELD, context) or roles.get("ZLDWDM")
        control_code = self.parameterAsString(parameters, self.CONTROL_CODE_FIELD, context) or "ZLDWDM"
        control_area = self.parameterAsString(parameters, self.CONTROL_AREA_FIELD, context) or "DCMJ"
        for layer, field in ((source, code_field), (control, control_code), (control, control_area)):
            if not field or layer.fields().lookupField(field) < 0:
                raise QgsProcessingException(
                    self.tr("Layer “{layer}” has no field “{field}” for levelling; its fields are: {fields}.")
                    .format(layer=layer.sourceName(), field=field or "?", fields=", ".join(layer.fields().names()))
                )
        control_cents: dict[str, int] = {}
        control_request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        control_request.setSubsetOfAttributes([control_code, control_area], control.fields())
        for feature in features(control, control_request):
            code = str(feature[control_code] or "").strip()
            value = feature[control_area]
            if not code or value is None:
                continue
            control_cents[code] = control_cents.get(code, 0) + int(to_cents(float(value)))
        lengths = sorted({len(c) for c in control_cents}, reverse=True)
        index_of = {fid: i for i, fid in enumerate(fids)}
        groups = np.full(len(fids), -1, dtype=np.int64)
        keys = list(control_cents)
        key_index = {k: j for j, k in enumerate(keys)}
        unmatched = 0
        # every parcel, also one Processing's invalid-geometry setting would skip or stop at: no geometry read
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        request.setSubsetOfAttributes([code_field], source.fields())
        for feature in features(source, request):
            code = str(feature[code_field] or "").strip()
            match = next((code[:n] for n in lengths if code[:n] in key_index), None)
            if match is None:
                unmatched += 1
                continue
            groups[index_of[feature.id()]] = key_index[match]
        if unmatched:
            feedback.pushWarning(
                self.tr("{n} parcels match no control unit by “{field}” and are not levelled.")
                .format(n=unmatched, field=code_field)
            )
        used = set(np.unique(groups[groups >= 0]).tolist())
        empty_units = [k for j, k in enumerate(keys) if j not in used]
        if empty_units:
            feedback.pushWarning(
                self.tr("{n} control units have no parcels in the layer: {units}").format(
                    n=len(empty_units), units=", ".join(empty_units[:50]) + (" …" if len(empty_units) > 50 else "")
                )
            )
        return groups, {key_index[k]: v for k, v in control_cents.items()}, keys
