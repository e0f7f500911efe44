"""The allocation tree as table rows: one row per unit with mapped figures, targets, sums and checks.

Used by the export (XLSX/CSV, Chinese headers as the 责任书 tables print them) and the batch tools.
Values stay in hundredths of 亩; writers turn them into 2-decimal numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

from .checks import Problem, children_sum
from .hierarchy import Hierarchy, display_code
from .mapped import MappedFigures
from .records import TargetRecord

#: check results per row: ok, or the problem kinds found for that check
CHECK_OK = "ok"
#: Chinese texts of levels and check results for the 责任书 tables
LEVEL_ZH = {"province": "省", "city": "市", "county": "县", "township": "乡镇", "village": "村"}
CHECK_ZH = {
    CHECK_OK: "通过",
    "sum-mismatch": "下级合计不符",
    "shortfall": "不足额",
    "not-located": "未带位置",
    "missing-target": "缺少目标",
}
#: (key, Chinese header, is an area in hundredths of 亩)
COLUMNS = (
    ("code", "代码", False),
    ("name", "名称", False),
    ("level", "级别", False),
    ("parent", "上级代码", False),
    ("mapped_farmland", "现状耕地面积(亩)", True),
    ("mapped_pbf", "现状永久基本农田面积(亩)", True),
    ("mapped_target_polygons", "耕地保护目标图斑面积(亩)", True),
    ("farmland", "耕地保有量(亩)", True),
    ("pbf", "永久基本农田保护面积(亩)", True),
    ("high_standard", "高标准农田建设任务(亩)", True),
    ("supplement", "补充耕地任务(亩)", True),
    ("children_farmland", "下级耕地保有量合计(亩)", True),
    ("children_pbf", "下级永久基本农田保护面积合计(亩)", True),
    ("doc_no", "文号", False),
    ("signed_on", "签订日期", False),
    ("parties", "签订双方", False),
    ("note", "备注", False),
    ("check_sum", "下级合计检查", False),
    ("check_mapped", "带位置检查", False),
    ("check_present", "目标完整性", False),
)


@dataclass(frozen=True)
class TreeRow:
    """One unit's row; ``values`` keyed by COLUMNS keys (areas in hundredths of 亩, checks as kinds)."""

    code: str
    level: str
    values: Mapping[str, object]


def _check(kinds: Iterable[str], wanted: tuple[str, ...]) -> str:
    found = [k for k in wanted if k in set(kinds)]
    return ",".join(found) if found else CHECK_OK


def tree_rows(
    hierarchy: Hierarchy,
    records: Mapping[str, TargetRecord],
    mapped: Optional[MappedFigures],
    problems: Iterable[Problem],
) -> list[TreeRow]:
    """Rows in tree order (parents first)."""
    kinds: dict[str, list[str]] = {}
    for problem in problems:
        kinds.setdefault(problem.unit_code, []).append(problem.kind)
    rows = []
    for code in hierarchy.depth_first():
        unit = hierarchy[code]
        record = records.get(code) or TargetRecord(code, 0)
        parent = unit.parent if unit.parent in hierarchy else None
        values = {
            "code": display_code(code),
            "name": unit.name,
            "level": unit.level,
            "parent": display_code(parent) if parent else "",
            "mapped_farmland": mapped.get("farmland", code) if mapped else None,
            "mapped_pbf": mapped.get("pbf", code) if mapped else None,
            "mapped_target_polygons": mapped.get("target_polygons", code) if mapped else None,
            "farmland": record.farmland,
            "pbf": record.pbf,
            "high_standard": record.high_standard,
            "supplement": record.supplement,
            "children_farmland": children_sum(hierarchy, records, code, "farmland"),
            "children_pbf": children_sum(hierarchy, records, code, "pbf"),
            "doc_no": record.doc_no,
            "signed_on": record.signed_on,
            "parties": record.parties,
            "note": record.note,
            "check_sum": _check(kinds.get(code, ()), ("sum-mismatch",)),
            "check_mapped": _check(kinds.get(code, ()), ("shortfall", "not-located")),
            "check_present": _check(kinds.get(code, ()), ("missing-target",)),
        }
        rows.append(TreeRow(code, unit.level, values))
    return rows


def check_text_zh(value: str) -> str:
    """A check column value in Chinese ("通过", "不足额,未带位置" …)."""
    return "，".join(CHECK_ZH.get(part, part) for part in value.split(",")) if value else ""
