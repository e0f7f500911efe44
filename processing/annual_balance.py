"""``farmland:annualbalance`` — 年度算大账: per county, the year's occupied vs supplied 耕地 and its checks."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.balance import Rules
from ..core.balance.annual import (
    CAPACITY_CHECK,
    OCCUPIED,
    OCCUPIED_PREVIOUS,
    PADDY_CHECK,
    QUALITY,
    QUALITY_PREVIOUS,
    QUANTITY,
    SUPPLIED,
    CountyAccount,
    annual_balance,
    total_account,
)
from ..core.balance.fields import DEMANDS
from ..core.balance.inputs import BalanceInputError
from ..core.units import cents_to_m2 as m2
from ..core.units import ha_of_cents as ha
from ..core.units import mu_of_cents as mu
from ..engine.report_writer import ReportWriteError, write_report
from .base import FarmlandAlgorithm
from .compensation_balance import (
    add_table_parameters,
    date_text,
    grade_text,
    input_error,
    read_tables,
    report_sheet,
    required_demand_roles,
    table_fields,
    write_table,
)

BALANCE_SPEC = [
    ("XZQDM", "str"), ("ND", "int"), ("ZY_GS", "int"), ("ZY_GDMJ", "real"), ("ZY_STMJ", "real"), ("ZY_CN", "real"),
    ("ZY_DB", "real"), ("BC_GS", "int"), ("BC_GDMJ", "real"), ("BC_STMJ", "real"), ("BC_CN", "real"),
    ("BC_DB", "real"), ("SN_ZY_DB", "real"), ("JC_SL", "int"), ("JC_ST", "int"), ("JC_CN", "int"),
    ("JC_ZL", "int"), ("JC_ZLSN", "int"), ("JL", "str"),
]  # fmt: skip
DETAIL_SPEC = [
    ("XZQDM", "str"), ("LB", "str"), ("BH", "str"), ("RQ", "str"), ("GDMJ", "real"), ("STMJ", "real"),
    ("CN", "real"), ("DB", "real"),
]  # fmt: skip
CHECK_ORDER = (QUANTITY, PADDY_CHECK, CAPACITY_CHECK, QUALITY, QUALITY_PREVIOUS)


def _flag(value) -> object:
    return None if value is None else int(bool(value))


def _grade(side) -> object:
    mean = side.mean_grade
    return None if mean is None else round(float(mean), 2)


class AnnualBalanceAlgorithm(FarmlandAlgorithm):
    DEMANDS = "DEMANDS"
    SUPPLY = "SUPPLY"
    FIELD_MAP = "FIELD_MAP"
    YIELD_TABLE = "YIELD_TABLE"
    YEAR = "YEAR"
    SUPPLY_STATUSES = "SUPPLY_STATUSES"
    BALANCE = "BALANCE"
    DETAILS = "DETAILS"
    REPORT = "REPORT"
    FAILED_COUNT = "FAILED_COUNT"

    group_id = "balance"

    def name(self) -> str:
        return "annualbalance"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Annual county balance (年度算大账)")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Per county, the farmland occupied and supplied in a year, with the pass/fail of each check."
        )

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Occupied = the projects of DEMANDS approved (PZRQ) in YEAR; supplied = the records of SUPPLY that "
            "entered the ledger (RKRQ) in YEAR with a status listed in SUPPLY_STATUSES (default 可用; empty = "
            "every status). Map the SUPPLY amount fields to the amounts credited in the year (入库量) with "
            "FIELD_MAP when the ledger keeps them apart from the remaining amounts, e.g. SYGDMJ=XZGDMJ.\n\n"
            "Checks per county: quantity (supplied 耕地 ≥ occupied), paddy (水田), grain capacity (产能), "
            "quality (area-weighted 等别 of the supply not worse than that of the occupation) and quality "
            "against the previous year's occupation. 1 = pass, 0 = fail, empty = cannot be judged (no graded "
            "area).\n\n"
            "Outputs: BALANCE (one row per county and a total), DETAILS (every project and record behind "
            "each number) and REPORT (XLSX with an HTML copy beside it)."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        add_table_parameters(self)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.YEAR,
                self.tr("Year"),
                QgsProcessingParameterNumber.Type.Integer,
                2024,
                minValue=1990,
                maxValue=2100,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SUPPLY_STATUSES,
                self.tr("Ledger statuses counted as supply (comma-separated; empty = all)"),
                "可用",
                optional=True,
            )
        )
        table = QgsProcessing.SourceType.TypeVector
        self.addParameter(QgsProcessingParameterFeatureSink(self.BALANCE, self.tr("County balance"), table))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.DETAILS, self.tr("Records behind the figures"), table)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT,
                self.tr("Report (XLSX; an HTML copy is written next to it)"),
                self.tr("Excel workbook (*.xlsx)"),
                optional=True,
                createByDefault=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.FAILED_COUNT, self.tr("Number of counties failing a check")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.checkReportPath(parameters, self.REPORT, context)
        year = self.parameterAsInt(parameters, self.YEAR, context)
        text = self.parameterAsString(parameters, self.SUPPLY_STATUSES, context)
        statuses = [s.strip() for s in text.replace("，", ",").split(",") if s.strip()] or None
        rules = Rules(supply_before_demand=True, quality_not_lower=False)
        demands, supplies, _yields, names = read_tables(
            self,
            parameters,
            context,
            feedback,
            rules,
            required_demand_roles(rules, True),
            ["ZBBH", "XZQDM", "RKRQ", "SYGDMJ", "SYSTMJ", "SYCN", "ZT"],
        )
        if names[DEMANDS].get("DB") is None:
            feedback.pushWarning(self.tr("DEMANDS has no grade field (DB): the quality checks cannot be judged."))
        try:
            accounts, details = annual_balance(demands, supplies, year, statuses)
        except BalanceInputError as error:
            raise input_error(error, names) from error
        if not accounts:
            feedback.pushWarning(
                self.tr("No project and no ledger record falls in {year}: there is nothing to balance.").format(
                    year=year
                )
            )
        failed = sum(1 for a in accounts if not a.passed)
        feedback.pushInfo(
            self.tr("{year}: {n} counties, {f} failing a check.").format(year=year, n=len(accounts), f=failed)
        )
        report = self.parameterAsFileOutput(parameters, self.REPORT, context)
        with self.documentLanguage():  # the report and the texts stored in the tables
            total = total_account(accounts, self.tr("Total"), year)
            balance_rows = [self._balance_row(a) for a in [*accounts, total]]
            detail_rows = [
                [
                    d.county,
                    self._side_text(d.side),
                    d.item_id,
                    date_text(d.date),
                    m2(d.area),
                    m2(d.paddy),
                    m2(d.capacity),
                    grade_text(d.grade_x100),
                ]
                for d in details
            ]
            if report:
                sheets = self._sheets(accounts, total, details, year)
                title = self.tr("Annual county balance {year} (年度算大账)").format(year=year)
        results = {self.FAILED_COUNT: failed}
        if report:
            try:
                xlsx, html = write_report(report, sheets, title)
            except ReportWriteError as error:
                raise QgsProcessingException(
                    self.tr("Could not write the report {path}: {error}").format(path=error.path, error=str(error))
                ) from error
            feedback.pushInfo(self.tr("Report: {xlsx} and {html}").format(xlsx=xlsx, html=html))
            results[self.REPORT] = xlsx
        results[self.BALANCE] = write_table(
            self, parameters, self.BALANCE, context, table_fields(BALANCE_SPEC), balance_rows
        )
        results[self.DETAILS] = write_table(
            self, parameters, self.DETAILS, context, table_fields(DETAIL_SPEC), detail_rows
        )
        return results

    def _verdict(self, account: CountyAccount) -> str:
        return self.tr("pass") if account.passed else self.tr("fail")

    def _side_text(self, side: str) -> str:
        return {
            OCCUPIED: self.tr("occupied"),
            SUPPLIED: self.tr("supplied"),
            OCCUPIED_PREVIOUS: self.tr("occupied, previous year"),
        }[side]

    def _balance_row(self, a: CountyAccount) -> list:
        o, s = a.occupied, a.supplied
        return [
            a.county,
            a.year,
            o.count,
            m2(o.area),
            m2(o.paddy),
            m2(o.capacity),
            _grade(o),
            s.count,
            m2(s.area),
            m2(s.paddy),
            m2(s.capacity),
            _grade(s),
            _grade(a.occupied_previous),
            *[_flag(a.check(name)) for name in CHECK_ORDER],
            self._verdict(a),
        ]

    def _check_text(self, value) -> str:
        if value is None:
            return self.tr("n/a")
        return self.tr("pass") if value else self.tr("fail")

    def _sheets(self, accounts, total, details, year) -> list:
        rows = []
        for a in [*accounts, total]:
            o, s = a.occupied, a.supplied
            rows.append(
                [
                    a.county,
                    o.count,
                    ha(o.area),
                    mu(o.area),
                    ha(o.paddy),
                    m2(o.capacity),
                    _grade(o),
                    s.count,
                    ha(s.area),
                    mu(s.area),
                    ha(s.paddy),
                    m2(s.capacity),
                    _grade(s),
                    _grade(a.occupied_previous),
                    *[self._check_text(a.check(n)) for n in CHECK_ORDER],
                    self._verdict(a),
                ]
            )
        county_sheet = report_sheet(
            self.tr("Balance by county"),
            [
                (self.tr("County code"), None), (self.tr("Projects"), 0), (self.tr("Farmland occupied (ha)"), 4),
                (self.tr("Farmland occupied (mu)"), 2), (self.tr("Paddy occupied (ha)"), 4),
                (self.tr("Capacity occupied (kg)"), 2), (self.tr("Mean grade occupied"), 2),
                (self.tr("Records"), 0), (self.tr("Farmland supplied (ha)"), 4),
                (self.tr("Farmland supplied (mu)"), 2), (self.tr("Paddy supplied (ha)"), 4),
                (self.tr("Capacity supplied (kg)"), 2), (self.tr("Mean grade supplied"), 2),
                (self.tr("Mean grade occupied, previous year"), 2), (self.tr("Quantity"), None),
                (self.tr("Paddy"), None), (self.tr("Capacity"), None), (self.tr("Quality"), None),
                (self.tr("Quality vs previous year"), None), (self.tr("Result"), None),
            ],
            rows,
        )  # fmt: skip
        detail_sheet = report_sheet(
            self.tr("Details"),
            [
                (self.tr("County code"), None), (self.tr("Side"), None), (self.tr("Id"), None),
                (self.tr("Date"), None), (self.tr("Farmland (m²)"), 2), (self.tr("Paddy (m²)"), 2),
                (self.tr("Grain capacity (kg)"), 2), (self.tr("Grade"), 2),
            ],
            [[d.county, self._side_text(d.side), d.item_id, date_text(d.date), m2(d.area), m2(d.paddy),
              m2(d.capacity), grade_text(d.grade_x100)] for d in details],
        )  # fmt: skip
        return [county_sheet, detail_sheet]
