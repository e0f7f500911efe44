"""``farmland:compensationbalance`` — 耕地占补平衡: occupying projects against the 补充耕地 ledger.

A thin adapter: read the two tables (engine/tables.py), parse and check them (core/balance/inputs.py),
balance (core/balance: HiGHS LP, greedy fallback), then write ALLOCATION, LEDGER_AFTER, SHORTFALL and
the REPORT (engine/report_writer.py). The helpers at module level are shared with
``farmland:annualbalance``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..core.balance import AREA, CAPACITY, PADDY, Rules, balance, model
from ..core.balance import fields as balance_fields
from ..core.balance.inputs import BalanceInputError, InputProblem, read_demands, read_supplies
from ..core.balance.lp import SolverFailed
from ..core.balance.network import MANY_GRADE_CLASSES, grade_classes
from ..core.balance.solve import NOTE_SCIPY_MISSING
from ..core.balance.summary import county_lines, demand_lines
from ..core.field_roles import FieldOverrideError, MissingRoleError, UnknownRoleError
from ..core.grain_yield import YieldTable, YieldTableError, parse_yield_table
from ..core.progress import Canceled
from ..core.units import cents_to_m2 as m2
from ..core.units import format_ha
from ..core.units import ha_of_cents as ha
from ..core.units import mu_of_cents as mu
from ..engine.forking import fork_allowed
from ..engine.report_writer import ReportWriteError, Sheet, write_report
from ..engine.tables import field_names, read_rows
from .base import FarmlandAlgorithm, FeedbackProgress

MAX_LISTED_PROBLEMS = 20


# ------------------------------------------------------------------------------------- shared helpers


def grade_text(grade_x100: Optional[int]) -> Optional[float]:
    return None if grade_x100 is None else grade_x100 / 100.0


def date_text(value) -> str:
    return value.isoformat() if value is not None else ""


def table_fields(spec: Sequence[tuple[str, str]]) -> QgsFields:
    """QgsFields from (name, kind) with kind str / int / real (2 decimals) / grade (2 decimals)."""
    fields = QgsFields()
    for name, kind in spec:
        if kind == "str":
            fields.append(QgsField(name, QVariant.String, "string", 254))
        elif kind == "int":
            fields.append(QgsField(name, QVariant.Int, "integer", 10))
        else:
            fields.append(QgsField(name, QVariant.Double, "double", 20, 2))
    return fields


def write_table(alg: FarmlandAlgorithm, parameters, name: str, context, fields: QgsFields, rows) -> str:
    """Write attribute-only features to the sink ``name``; returns its destination id."""
    sink, dest_id = alg.parameterAsSink(
        parameters, name, context, fields, QgsWkbTypes.Type.NoGeometry, QgsCoordinateReferenceSystem()
    )
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, name))
    features = []
    for row in rows:
        feature = QgsFeature(fields)
        feature.setAttributes(list(row))
        features.append(feature)
    if features and not sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert):
        raise QgsProcessingException(
            QCoreApplication.translate(
                "CompensationBalanceAlgorithm", "Could not write the table {name}: {error}"
            ).format(name=name, error=sink.lastError())
        )
    return dest_id


def report_sheet(name: str, columns: Sequence[tuple[str, Optional[int]]], rows: list) -> Sheet:
    """A report sheet from (header, decimals shown) pairs."""
    return Sheet(name, [c[0] for c in columns], rows, [c[1] for c in columns])


def problem_message(problem: InputProblem, field_name: Optional[str]) -> str:
    """One input problem in words (table, row, field)."""
    where = QCoreApplication.translate("CompensationBalanceAlgorithm", "{table} row {row}, field {field}").format(
        table=problem.table,
        row=problem.row,
        field=field_name if field_name and field_name != problem.field else problem.field,
    )
    value = "" if problem.value is None else str(problem.value)
    texts = {
        "missing": QCoreApplication.translate("CompensationBalanceAlgorithm", "{where}: the value is missing"),
        "negative": QCoreApplication.translate(
            "CompensationBalanceAlgorithm", "{where}: the amount is negative ({value})"
        ),
        "not_number": QCoreApplication.translate(
            "CompensationBalanceAlgorithm", "{where}: not a number ({value})"
        ),
        "bad_date": QCoreApplication.translate(
            "CompensationBalanceAlgorithm", "{where}: not a date ({value}); write e.g. 2024-05-31"
        ),
        "bad_grade": QCoreApplication.translate(
            "CompensationBalanceAlgorithm", "{where}: not a quality grade between 1 and 15 ({value})"
        ),
        "bad_county": QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "{where}: not a county code of 6 or more digits in a known province ({value})"
        ),
        "duplicate_id": QCoreApplication.translate(
            "CompensationBalanceAlgorithm", "{where}: the id {value} is already used in row {other}"
        ),
        "paddy_exceeds_area": QCoreApplication.translate(
            "CompensationBalanceAlgorithm", "{where}: the 水田 area {value} exceeds the 耕地 area"
        ),
        "grade_off_table": QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "{where}: grade {value} is not in the grain yield table, so CN cannot be computed"
        ),
    }
    text = texts.get(
        problem.code,
        QCoreApplication.translate("CompensationBalanceAlgorithm", "{where}: invalid value ({value})"),
    )
    return text.format(where=where, value=value, other=problem.other_row)


def input_error(error: BalanceInputError, field_names: dict) -> QgsProcessingException:
    """All problems of the input tables in one message (the first MAX_LISTED_PROBLEMS of them)."""
    lines = [
        problem_message(p, field_names.get(p.table, {}).get(p.field)) for p in error.problems[:MAX_LISTED_PROBLEMS]
    ]
    more = len(error.problems) - len(lines)
    head = QCoreApplication.translate(
        "CompensationBalanceAlgorithm", "The input tables have {n} problem(s); nothing was written:"
    ).format(n=len(error.problems))
    tail = (
        [QCoreApplication.translate("CompensationBalanceAlgorithm", "… and {n} more.").format(n=more)]
        if more > 0
        else []
    )
    return QgsProcessingException("\n".join([head, *lines, *tail]))


def role_error(error: Exception) -> QgsProcessingException:
    """A field-role problem (missing field, unknown role, bad override) in words."""
    if isinstance(error, MissingRoleError):
        text = QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "Table {table} has no field for {role} (looked for: {candidates}). Its fields are: {fields}. "
            "Name the field with FIELD_MAP, e.g. {role}=MY_FIELD."
        ).format(
            table=error.layer_type,
            role=error.role,
            candidates=", ".join(error.candidates),
            fields=", ".join(error.available_fields) or "-",
        )
    elif isinstance(error, FieldOverrideError):
        text = QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "FIELD_MAP names the field {field} for {role}, but table {table} has no such field. "
            "Its fields are: {fields}."
        ).format(
            field=error.field_name,
            role=error.role,
            table=error.layer_type,
            fields=", ".join(error.available_fields) or "-",
        )
    elif isinstance(error, UnknownRoleError):
        text = QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "FIELD_MAP names {role}, which is not a field role of {table}. Known roles: {roles}."
        ).format(role=error.role, table=error.layer_type, roles=", ".join(error.known_roles))
    else:
        text = QCoreApplication.translate(
            "CompensationBalanceAlgorithm", "FIELD_MAP cannot be read: {error}"
        ).format(error=str(error))
    return QgsProcessingException(text)


def add_table_parameters(alg: FarmlandAlgorithm) -> None:
    """DEMANDS, SUPPLY, FIELD_MAP and YIELD_TABLE (shared by both balance algorithms)."""
    tables = [QgsProcessing.SourceType.TypeVector]
    demands = QgsProcessingParameterFeatureSource(
        "DEMANDS",
        QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "Occupying projects (占用: table or layer, e.g. the VERDICT of the red-line overlay)"
        ),
        tables,
    )
    demands.setHelp(
        QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "Fields XMBH, XZQDM, PZRQ, GDMJ (m²), STMJ (m²), CN (kg, optional), DB (等别)."
        )
    )
    alg.addParameter(demands)
    supply = QgsProcessingParameterFeatureSource(
        "SUPPLY",
        QCoreApplication.translate(
            "CompensationBalanceAlgorithm", "Supplementary farmland ledger (补充耕地指标: table or layer)"
        ),
        tables,
    )
    supply.setHelp(
        QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "Fields ZBBH, XZQDM, RKRQ, SYGDMJ (m²), SYSTMJ (m²), SYCN (kg), DB (等别), ZT (可用 = usable)."
        )
    )
    alg.addParameter(supply)
    field_map = QgsProcessingParameterString(
        "FIELD_MAP",
        QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "Field map (ROLE=FIELD;…, DEMANDS:ROLE=… or SUPPLY:ROLE=… for one table)"
        ),
        optional=True,
    )
    alg.addParameter(field_map)
    yields = QgsProcessingParameterString(
        "YIELD_TABLE",
        QCoreApplication.translate(
            "CompensationBalanceAlgorithm",
            "Grade → standard grain yield (GRADE=kg per m²;…; empty = placeholder table)"
        ),
        optional=True,
    )
    yields.setFlags(yields.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    alg.addParameter(yields)


def read_tables(
    alg: FarmlandAlgorithm,
    parameters,
    context,
    feedback,
    rules: Rules,
    demand_required: list,
    supply_required: list,
):
    """(demands, supplies, yield table, field names by table) — raises QgsProcessingException on bad input."""
    try:
        overrides = balance_fields.split_field_map(alg.parameterAsString(parameters, "FIELD_MAP", context))
    except (ValueError, UnknownRoleError) as error:
        raise role_error(error) from error
    try:
        yields: YieldTable = parse_yield_table(alg.parameterAsString(parameters, "YIELD_TABLE", context))
    except YieldTableError as error:
        raise QgsProcessingException(
            QCoreApplication.translate(
                "CompensationBalanceAlgorithm", "YIELD_TABLE cannot be read: {error}"
            ).format(error=str(error))
        ) from error
    sources = {
        balance_fields.DEMANDS: alg.sourceWithEncoding(parameters, "DEMANDS", context, feedback),
        balance_fields.SUPPLY: alg.sourceWithEncoding(parameters, "SUPPLY", context, feedback),
    }
    required = {balance_fields.DEMANDS: demand_required, balance_fields.SUPPLY: supply_required}
    names: dict = {}
    rows: dict = {}
    for k, (table, source) in enumerate(sources.items()):
        try:
            names[table] = balance_fields.resolve_fields(
                table, field_names(source), overrides[table], required[table]
            )
        except (MissingRoleError, FieldOverrideError, UnknownRoleError) as error:
            raise role_error(error) from error
        rows[table] = read_rows(source, names[table], FeedbackProgress(feedback, 5 * k, 5 * k + 5))
    problems: list = []
    demands, supplies = [], []
    try:
        demands = read_demands(rows[balance_fields.DEMANDS], rules, yields)
    except BalanceInputError as error:
        problems.extend(error.problems)
    try:
        supplies = read_supplies(rows[balance_fields.SUPPLY], rules)
    except BalanceInputError as error:
        problems.extend(error.problems)
    if problems:
        raise input_error(BalanceInputError(problems), names)
    computed = sum(1 for d in demands if d.capacity_computed and d.area > 0)
    if computed:
        feedback.pushWarning(
            QCoreApplication.translate(
                "CompensationBalanceAlgorithm",
                "{n} demand(s) have no CN: their 产能 was computed as area × yield of their grade from the "
                "grade → yield table, which is a PLACEHOLDER unless YIELD_TABLE gives the province's table."
            ).format(n=computed)
        )
    return demands, supplies, yields, names


def required_demand_roles(rules: Rules, with_date: bool) -> list:
    roles = ["XMBH", "XZQDM", "GDMJ", "STMJ"]
    if with_date:
        roles.append("PZRQ")
    if rules.quality_not_lower:
        roles.append("DB")
    return roles


def required_supply_roles(rules: Rules) -> list:
    roles = ["ZBBH", "XZQDM", "RKRQ", "SYGDMJ", "SYSTMJ", "SYCN", "ZT"]
    if rules.quality_not_lower:
        roles.append("DB")
    return roles


# ------------------------------------------------------------------------------------------ algorithm


class CompensationBalanceAlgorithm(FarmlandAlgorithm):
    DEMANDS = "DEMANDS"
    SUPPLY = "SUPPLY"
    FIELD_MAP = "FIELD_MAP"
    YIELD_TABLE = "YIELD_TABLE"
    SCOPE = "SCOPE"
    SUPPLY_BEFORE_DEMAND = "SUPPLY_BEFORE_DEMAND"
    QUALITY_NOT_LOWER = "QUALITY_NOT_LOWER"
    ALLOCATION = "ALLOCATION"
    LEDGER_AFTER = "LEDGER_AFTER"
    SHORTFALL = "SHORTFALL"
    REPORT = "REPORT"
    SOLVER = "SOLVER"
    SHORTFALL_COUNT = "SHORTFALL_COUNT"
    ALLOCATION_COUNT = "ALLOCATION_COUNT"

    group_id = "balance"

    def name(self) -> str:
        return "compensationbalance"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Farmland compensation balance (耕地占补平衡)")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Balance occupying projects against the supplementary farmland ledger in area, paddy "
            "and grain capacity, quality no lower, own county first."
        )

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Matches every occupying project (DEMANDS: 耕地 area GDMJ, of which 水田 STMJ, 产能 CN, grade DB) "
            "with records of the 补充耕地 ledger (SUPPLY: remaining SYGDMJ, SYSTMJ, SYCN, grade DB, status ZT). "
            "The three indicators are separate ledgers, each 核销 separately.\n\n"
            "Rules: only records with ZT = 可用 are used; SCOPE 0 = own county only, 1 = own county then the "
            "same city, 2 = anywhere in the province (county codes: 6 / 4 / 2 digits); SUPPLY_BEFORE_DEMAND "
            "(先补后占): a record serves a project only if it entered the ledger (RKRQ) on or before the "
            "approval date (PZRQ); QUALITY_NOT_LOWER: the area-weighted grade of the 耕地 a project "
            "receives is not worse than its own (lower 等别 = better).\n\n"
            "Solver: a linear programme solved by HiGHS (scipy), lexicographically: first cover as much as "
            "possible (any shortfall falls on the most recently approved projects), then least 调剂 from "
            "other counties (and cities), then the oldest records first (FIFO). Without scipy a greedy in "
            "approval order is used that respects every rule but may not be optimal; the log and the report "
            "say so.\n\n"
            "Outputs: ALLOCATION (核销 lines), LEDGER_AFTER (every record: before / used / remaining), "
            "SHORTFALL (unmet amounts and why) and REPORT (XLSX with an HTML copy beside it: per county "
            "balance, per project lines in the 报批 wording). Missing CN is computed as area × yield of the "
            "grade (YIELD_TABLE; the default table is a placeholder)."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        add_table_parameters(self)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SCOPE,
                self.tr("Scope (where records may come from)"),
                [
                    self.tr("Own county only"),
                    self.tr("Own county, then the same city (市域调剂)"),
                    self.tr("Own county, then city, then the province (省域调剂)"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.SUPPLY_BEFORE_DEMAND, self.tr("先补后占: records must predate the approval"), True
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.QUALITY_NOT_LOWER, self.tr("Quality no lower (area-weighted 等别 not worse)"), True
            )
        )
        table = QgsProcessing.SourceType.TypeVector
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.ALLOCATION, self.tr("Allocation (核销明细)"), table)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.LEDGER_AFTER, self.tr("Ledger after (指标台账)"), table)
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.SHORTFALL, self.tr("Shortfall (缺口)"), table))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT,
                self.tr("Report (XLSX; an HTML copy is written next to it)"),
                self.tr("Excel workbook (*.xlsx)"),
                optional=True,
                createByDefault=True,
            )
        )
        self.addOutput(QgsProcessingOutputString(self.SOLVER, self.tr("Solver used (highs or greedy)")))
        self.addOutput(QgsProcessingOutputNumber(self.ALLOCATION_COUNT, self.tr("Number of allocation lines")))
        self.addOutput(QgsProcessingOutputNumber(self.SHORTFALL_COUNT, self.tr("Number of projects not balanced")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.checkReportPath(parameters, self.REPORT, context)
        rules = Rules(
            scope=self.parameterAsEnum(parameters, self.SCOPE, context),
            supply_before_demand=self.parameterAsBoolean(parameters, self.SUPPLY_BEFORE_DEMAND, context),
            quality_not_lower=self.parameterAsBoolean(parameters, self.QUALITY_NOT_LOWER, context),
        )
        demands, supplies, _yields, _names = read_tables(
            self,
            parameters,
            context,
            feedback,
            rules,
            required_demand_roles(rules, rules.supply_before_demand),
            required_supply_roles(rules),
        )
        feedback.pushInfo(
            self.tr("{d} projects, {s} ledger records ({u} usable).").format(
                d=len(demands), s=len(supplies), u=sum(1 for s in supplies if s.status == rules.usable_status)
            )
        )
        classes = grade_classes(supplies, AREA, rules)
        if classes > MANY_GRADE_CLASSES:
            feedback.pushWarning(
                self.tr(
                    "The usable ledger records carry {n} different grades (DB). The quality rule needs a part "
                    "of the LP for each grade, so this balance may take minutes. Grades are used as given."
                ).format(n=classes)
            )
        try:
            progress = FeedbackProgress(feedback, 10, 90)
            result = balance(demands, supplies, rules, progress=progress, second_process=fork_allowed())
        except Canceled:
            return {}
        except SolverFailed as error:
            raise QgsProcessingException(
                self.tr("The LP solver failed in stage {stage} (status {status}: {message}).").format(
                    stage=error.stage, status=error.status, message=error.message
                )
            ) from error
        if NOTE_SCIPY_MISSING in result.notes:
            feedback.pushWarning(
                self.tr(
                    "scipy is not installed: the greedy fallback was used. It respects every rule but the result "
                    "may not be optimal (more shortfall or more 调剂 than necessary). Install scipy for the LP."
                )
            )
        feedback.pushInfo(
            self.tr("Solver: {solver}; {n} allocation lines; {k} projects not fully balanced.").format(
                solver=result.solver, n=len(result.allocations), k=len(result.shortfalls)
            )
        )

        results = {
            self.SOLVER: result.solver,
            self.ALLOCATION_COUNT: len(result.allocations),
            self.SHORTFALL_COUNT: len(result.shortfalls),
        }
        report = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report:
            with self.documentLanguage():
                sheets = self._sheets(result, demands, supplies, rules)
                title = self.tr("Farmland compensation balance (耕地占补平衡)")
            try:
                xlsx, html = write_report(report, sheets, title)
            except ReportWriteError as error:
                raise QgsProcessingException(
                    self.tr("Could not write the report {path}: {error}").format(path=error.path, error=str(error))
                ) from error
            feedback.pushInfo(self.tr("Report: {xlsx} and {html}").format(xlsx=xlsx, html=html))
            results[self.REPORT] = xlsx
        feedback.setProgress(92)
        results[self.ALLOCATION] = write_table(
            self,
            parameters,
            self.ALLOCATION,
            context,
            table_fields(ALLOCATION_SPEC),
            self._allocation_rows(result, demands, supplies),
        )
        results[self.LEDGER_AFTER] = write_table(
            self, parameters, self.LEDGER_AFTER, context, table_fields(LEDGER_SPEC), _ledger_rows(result)
        )
        with self.documentLanguage():  # the reasons stored in the table
            results[self.SHORTFALL] = write_table(
                self,
                parameters,
                self.SHORTFALL,
                context,
                table_fields(SHORTFALL_SPEC),
                self._shortfall_rows(result, demands),
            )
        feedback.setProgress(100)
        return results

    # --- tables --------------------------------------------------------------------------------------

    def _reason_text(self, reason: str) -> str:
        texts = {
            model.NO_RECORD_IN_SCOPE: self.tr("no usable record with this indicator within the scope"),
            model.DATE: self.tr("records in scope entered the ledger only after the approval date (先补后占)"),
            model.INSUFFICIENT: self.tr("the eligible records hold less than the project needs"),
            model.QUALITY: self.tr("the eligible records left are of worse grade than the project allows"),
            model.USED_UP: self.tr("the eligible records are used up by other projects"),
        }
        return texts.get(reason, reason)

    def _indicator_text(self, indicator: str) -> str:
        return {AREA: self.tr("farmland"), PADDY: self.tr("paddy"), CAPACITY: self.tr("grain capacity")}[indicator]

    def _allocation_rows(self, result, demands, supplies):
        county_of = {d.demand_id: d.county for d in demands}
        record_of = {s.record_id: s for s in supplies}
        for a in result.allocations:
            record = record_of[a.record_id]
            yield [
                a.demand_id,
                a.record_id,
                county_of[a.demand_id],
                record.county,
                m2(a.area),
                m2(a.paddy),
                m2(a.capacity),
                int(a.cross_county),
                a.level,
                date_text(record.date),
                a.fifo_rank,
                grade_text(record.grade_x100),
            ]

    def _shortfall_rows(self, result, demands):
        by_id = {d.demand_id: d for d in demands}
        for s in result.shortfalls:
            d = by_id[s.demand_id]
            reasons = dict(s.reasons)
            text = "; ".join(
                "{}: {}".format(self._indicator_text(ind), self._reason_text(r)) for ind, r in s.reasons
            )
            yield [
                s.demand_id,
                d.county,
                date_text(d.date),
                m2(s.area),
                m2(s.paddy),
                m2(s.capacity),
                reasons.get(AREA, ""),
                reasons.get(PADDY, ""),
                reasons.get(CAPACITY, ""),
                text,
            ]

    # --- report --------------------------------------------------------------------------------------

    def _statement(self, needed, received, short) -> str:
        """The 报批 wording: "占用耕地…公顷，其中水田…公顷，标准粮食产能…公斤", then what the three ledgers
        supplied — each its own indicator (a 水田 record need not add area), so no "of which" there."""
        text = self.tr(
            "occupies {a} ha of farmland, of which paddy {w} ha, standard grain capacity {p} kg; "
            "compensated: farmland quantity {ra} ha, paddy {rw} ha, standard grain capacity {rp} kg"
        ).format(
            a=format_ha(needed[0] / 100),
            w=format_ha(needed[1] / 100),
            p=_kg(needed[2]),
            ra=format_ha(received[0] / 100),
            rw=format_ha(received[1] / 100),
            rp=_kg(received[2]),
        )
        if any(v > 0 for v in short):
            text += self.tr(
                "; still missing: farmland quantity {a} ha, paddy {w} ha, standard grain capacity {p} kg"
            ).format(a=format_ha(short[0] / 100), w=format_ha(short[1] / 100), p=_kg(short[2]))
        return text + self.tr(".")

    def _sheets(self, result, demands, supplies, rules) -> list:
        counties = county_lines(result, demands, supplies)
        county_sheet = report_sheet(
            self.tr("Balance by county"),
            [
                (self.tr("County code"), None), (self.tr("Number of projects"), 0),
                (self.tr("Farmland occupied (ha)"), 4),
                (self.tr("Farmland occupied (mu)"), 2), (self.tr("of which paddy (ha)"), 4),
                (self.tr("Grain capacity (kg)"), 2), (self.tr("From own county (ha)"), 4),
                (self.tr("From other counties (ha)"), 4), (self.tr("Farmland compensated (ha)"), 4),
                (self.tr("Farmland compensated (mu)"), 2), (self.tr("Paddy compensated (ha)"), 4),
                (self.tr("Capacity compensated (kg)"), 2), (self.tr("Farmland missing (ha)"), 4),
                (self.tr("Paddy missing (ha)"), 4), (self.tr("Capacity missing (kg)"), 2),
                (self.tr("Given to other counties (ha)"), 4), (self.tr("Ledger farmland left (ha)"), 4),
            ],
            [[c.county, c.demands, ha(c.needed[0]), mu(c.needed[0]), ha(c.needed[1]), m2(c.needed[2]),
              ha(c.received_own[0]), ha(c.received_cross_in[0]), ha(c.received[0]), mu(c.received[0]),
              ha(c.received[1]), m2(c.received[2]), ha(c.short[0]), ha(c.short[1]), m2(c.short[2]),
              ha(c.given_cross_out[0]), ha(c.remaining[0])] for c in counties],
        )  # fmt: skip
        lines = demand_lines(result, demands, supplies)
        demand_sheet = report_sheet(
            self.tr("Projects"),
            [
                (self.tr("Project id"), None), (self.tr("County code"), None), (self.tr("Approval date"), None),
                (self.tr("Farmland occupied (m²)"), 2), (self.tr("Farmland occupied (ha)"), 4),
                (self.tr("Farmland occupied (mu)"), 2), (self.tr("of which paddy (ha)"), 4),
                (self.tr("Grain capacity (kg)"), 2), (self.tr("Grade"), 2),
                (self.tr("Farmland compensated (ha)"), 4),
                (self.tr("Paddy compensated (ha)"), 4), (self.tr("Capacity compensated (kg)"), 2),
                (self.tr("Mean grade received"), 2), (self.tr("of which from other counties (ha)"), 4),
                (self.tr("Farmland missing (ha)"), 4), (self.tr("Ledger records"), None),
                (self.tr("Statement"), None),
            ],
            [[ln.demand.demand_id, ln.demand.county, date_text(ln.demand.date), m2(ln.needed[0]), ha(ln.needed[0]),
              mu(ln.needed[0]), ha(ln.needed[1]), m2(ln.needed[2]), grade_text(ln.demand.grade_x100),
              ha(ln.received[0]), ha(ln.received[1]), m2(ln.received[2]),
              None if ln.received_grade is None else round(float(ln.received_grade), 2),
              ha(ln.received_cross_county[0]), ha(ln.short[0]), ", ".join(ln.record_ids),
              self._statement(ln.needed, ln.received, ln.short)] for ln in lines],
        )  # fmt: skip
        allocation_sheet = report_sheet(
            self.tr("Allocation"),
            [
                (self.tr("Project id"), None), (self.tr("Record id"), None), (self.tr("Project county"), None),
                (self.tr("Record county"), None), (self.tr("Farmland (m²)"), 2), (self.tr("Paddy (m²)"), 2),
                (self.tr("Grain capacity (kg)"), 2), (self.tr("Cross-county (调剂)"), 0),
                (self.tr("Scope level"), 0),
                (self.tr("Entry date"), None), (self.tr("FIFO rank"), 0), (self.tr("Record grade"), 2),
            ],
            list(self._allocation_rows(result, demands, supplies)),
        )  # fmt: skip
        ledger_sheet = report_sheet(
            self.tr("Ledger after"),
            [
                (self.tr("Record id"), None), (self.tr("County code"), None), (self.tr("Entry date"), None),
                (self.tr("Status"), None), (self.tr("Grade"), 2), (self.tr("Farmland before (m²)"), 2),
                (self.tr("Farmland used (m²)"), 2), (self.tr("Farmland left (m²)"), 2),
                (self.tr("Paddy before (m²)"), 2), (self.tr("Paddy used (m²)"), 2),
                (self.tr("Paddy left (m²)"), 2),
                (self.tr("Capacity before (kg)"), 2), (self.tr("Capacity used (kg)"), 2),
                (self.tr("Capacity left (kg)"), 2),
            ],
            list(_ledger_rows(result)),
        )  # fmt: skip
        shortfall_sheet = report_sheet(
            self.tr("Shortfall"),
            [
                (self.tr("Project id"), None), (self.tr("County code"), None), (self.tr("Approval date"), None),
                (self.tr("Farmland missing (m²)"), 2), (self.tr("Paddy missing (m²)"), 2),
                (self.tr("Capacity missing (kg)"), 2), (self.tr("Farmland reason"), None),
                (self.tr("Paddy reason"), None), (self.tr("Capacity reason"), None),
                (self.tr("Explanation"), None),
            ],
            list(self._shortfall_rows(result, demands)),
        )  # fmt: skip
        notes_sheet = Sheet(
            self.tr("Notes"), [self.tr("Notes")], [[line] for line in self._notes(result, rules, demands)]
        )
        return [county_sheet, demand_sheet, allocation_sheet, ledger_sheet, shortfall_sheet, notes_sheet]

    def _notes(self, result, rules, demands) -> list:
        scope = [
            self.tr("own county only"),
            self.tr("own county, then the same city"),
            self.tr("own county, then city, then province"),
        ][rules.scope]
        yes, no = self.tr("yes"), self.tr("no")
        notes = [
            self.tr(
                "Rules: scope {scope}; 先补后占 {before}; quality no lower {quality}; usable status {status}."
            ).format(
                scope=scope,
                before=yes if rules.supply_before_demand else no,
                quality=yes if rules.quality_not_lower else no,
                status=rules.usable_status,
            ),
            self.tr(
                "Solver: HiGHS linear programme, lexicographic (coverage, approval order of any shortfall, "
                "least 调剂, FIFO); the result is optimal."
            )
            if result.optimal
            else self.tr(
                "Solver: greedy fallback (scipy missing or greedy requested); the result respects every "
                "rule but may not be optimal."
            ),
        ]
        notes.append(
            self.tr(
                "Amounts are whole 0.01 m² / 0.01 kg: no record is used beyond what it holds and before − used = "
                "left exactly. The quality rule is exact in the LP; after rounding the amounts to 0.01 m² the "
                "area-weighted grade of each project, rounded to 0.01, is checked again."
            )
        )
        for indicator, stage, value in result.stages:
            notes.append(
                self.tr("LP {indicator} stage {stage}: optimum {value}").format(
                    indicator=self._indicator_text(indicator), stage=stage, value="{:.4f}".format(value)
                )
            )
        computed = sum(1 for d in demands if d.capacity_computed and d.area > 0)
        if computed:
            notes.append(
                self.tr(
                    "{n} project(s) had no CN; it was computed from the grade → yield table "
                    "(a placeholder unless the province's table was given)."
                ).format(n=computed)
            )
        return notes


def _kg(cents: int) -> str:
    return "{:.2f}".format(int(cents) / 100.0)


def _ledger_rows(result):
    for line in result.ledger:
        r = line.record
        before, used, remaining = line.before, line.used, line.remaining
        yield [
            r.record_id,
            r.county,
            date_text(r.date),
            r.status,
            grade_text(r.grade_x100),
            m2(before[0]),
            m2(used[0]),
            m2(remaining[0]),
            m2(before[1]),
            m2(used[1]),
            m2(remaining[1]),
            m2(before[2]),
            m2(used[2]),
            m2(remaining[2]),
        ]


ALLOCATION_SPEC = [
    ("XMBH", "str"),
    ("ZBBH", "str"),
    ("XM_XZQDM", "str"),
    ("ZB_XZQDM", "str"),
    ("GDMJ", "real"),
    ("STMJ", "real"),
    ("CN", "real"),
    ("TJ", "int"),
    ("TJJB", "int"),
    ("ZB_RKRQ", "str"),
    ("RKSX", "int"),
    ("ZB_DB", "real"),
]
LEDGER_SPEC = [
    ("ZBBH", "str"),
    ("XZQDM", "str"),
    ("RKRQ", "str"),
    ("ZT", "str"),
    ("DB", "real"),
    ("SYGDMJ_Q", "real"),
    ("HXGDMJ", "real"),
    ("SYGDMJ", "real"),
    ("SYSTMJ_Q", "real"),
    ("HXSTMJ", "real"),
    ("SYSTMJ", "real"),
    ("SYCN_Q", "real"),
    ("HXCN", "real"),
    ("SYCN", "real"),
]
SHORTFALL_SPEC = [
    ("XMBH", "str"),
    ("XZQDM", "str"),
    ("PZRQ", "str"),
    ("QKGDMJ", "real"),
    ("QKSTMJ", "real"),
    ("QKCN", "real"),
    ("YY_GDMJ", "str"),
    ("YY_STMJ", "str"),
    ("YY_CN", "str"),
    ("YYSM", "str"),
]
