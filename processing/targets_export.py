"""``farmland:targetsexport`` — the 责任书 allocation tree to XLSX (a sheet per level) or CSV.

Chinese headers as the 责任书 tables print them; areas in 亩 with 2 decimals; check results in words.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
)

from ..core.progress import Canceled
from ..core.targets.checks import check_targets
from ..core.targets.records import mu_decimal
from ..core.targets.report import COLUMNS, LEVEL_ZH, TreeRow, check_text_zh, tree_rows
from .base import FarmlandAlgorithm
from .targets_check import (
    YEAR,
    hierarchy_from_parameters,
    mapped_from_parameters,
    mapped_layer_params,
    records_from_parameters,
    targets_params,
    unit_layer_params,
)

ALL_SHEET = "全部"


def _cell(key: str, is_area: bool, row: TreeRow) -> object:
    value = row.values[key]
    if is_area:
        decimal = mu_decimal(value)  # type: ignore[arg-type]
        return None if decimal is None else float(decimal)
    if key == "level":
        return LEVEL_ZH.get(str(value), str(value))
    if key.startswith("check_"):
        return check_text_zh(str(value))
    return "" if value is None else str(value)


def write_tree(path: str, rows: list[TreeRow]) -> int:
    """Write ``rows`` to ``path`` (.xlsx: sheets 全部, 县, 乡镇, 村 …; .csv: one UTF-8 table with BOM).

    Returns the number of sheets written. Raises OSError when the file cannot be written.
    """
    from osgeo import ogr

    is_csv = Path(path).suffix.lower() == ".csv"
    driver = ogr.GetDriverByName("CSV" if is_csv else "XLSX")
    if driver is None:
        raise OSError("GDAL has no {} driver".format("CSV" if is_csv else "XLSX"))
    if Path(path).exists():
        driver.DeleteDataSource(path)
    dataset = driver.CreateDataSource(path)
    if dataset is None:
        raise OSError("cannot create {}".format(path))
    sheets = [(ALL_SHEET, rows)]
    if not is_csv:
        for level in ("province", "city", "county", "township", "village"):
            chosen = [r for r in rows if r.level == level]
            if chosen:
                sheets.append((LEVEL_ZH[level], chosen))
    options = ["WRITE_BOM=YES", "STRING_QUOTING=IF_NEEDED"] if is_csv else []
    for name, sheet_rows in sheets:
        layer = dataset.CreateLayer(Path(path).stem if is_csv else name, None, ogr.wkbNone, options)
        for _key, header, is_area in COLUMNS:
            definition = ogr.FieldDefn(header, ogr.OFTReal if is_area else ogr.OFTString)
            if is_area:
                definition.SetWidth(18)
                definition.SetPrecision(2)
            layer.CreateField(definition)
        for row in sheet_rows:
            feature = ogr.Feature(layer.GetLayerDefn())
            for i, (key, _header, is_area) in enumerate(COLUMNS):
                value = _cell(key, is_area, row)
                if value is not None:
                    feature.SetField(i, value)
            if layer.CreateFeature(feature) != 0:
                raise OSError("cannot write a row to {}".format(path))
    dataset = None
    return len(sheets)


class TargetsExportAlgorithm(FarmlandAlgorithm):
    OUTPUT = "OUTPUT"
    ROWS = "ROWS"

    group_id = "targets"

    def name(self) -> str:
        return "targetsexport"

    def displayName(self) -> str:
        return self.tr("Export responsibility targets")

    def shortDescription(self) -> str:
        return self.tr("Write the 责任书 allocation tree of a year to XLSX or CSV.")

    def shortHelpString(self) -> str:
        return self.tr(
            "Writes one row per unit (county, township, village) with its mapped 耕地 / 永久基本农田 / "
            "耕地保护目标 areas, its targets (耕地保有量, 永久基本农田保护面积, further tasks), the sums of its "
            "children, the provenance (文号, 签订日期, 签订双方) and the check results.\n"
            "XLSX: a sheet with every unit and one sheet per level; CSV: one UTF-8 table. Areas in 亩 with "
            "2 decimals."
        )

    def initAlgorithm(self, config=None) -> None:
        unit_layer_params(self)
        targets_params(self)
        mapped_layer_params(self)
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Allocation table"), self.tr("Excel workbook (*.xlsx);;CSV (*.csv)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.ROWS, self.tr("Number of units")))

    def processAlgorithm(self, parameters, context, feedback):
        year = self.parameterAsInt(parameters, YEAR, context)
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        hierarchy = hierarchy_from_parameters(self, parameters, context)
        records = records_from_parameters(self, parameters, context, year)
        try:
            mapped = mapped_from_parameters(self, parameters, context, feedback, hierarchy)
        except Canceled:
            return {}
        rows = tree_rows(hierarchy, records, mapped, check_targets(hierarchy, records, mapped))
        try:
            sheets = write_tree(path, rows)
        except OSError as error:
            raise QgsProcessingException(
                self.tr("Cannot write {path}: {error}").format(path=path, error=error)
            ) from error
        feedback.pushInfo(
            self.tr("{n} units written to {path} ({sheets} sheets).").format(
                n=len(rows), path=path, sheets=sheets
            )
        )
        feedback.setProgress(100)
        return {self.OUTPUT: path, self.ROWS: len(rows)}
