"""The four sheets of the overlay report as planners file them: 汇总 / 分地类 / 分村 / 明细.

Headers are the Chinese terms of the 报批 tables (a document format, like the code lists in
land_classes). Areas are given in 公顷 (4 decimals) and 亩 (2 decimals), computed exactly from the
levelled cents; 田坎 taken off 耕地 by KCXS is reported as 1203 田坎 in 分地类, as 三调 statistics do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from ..land_classes import FARMLAND_CODES, TERRACE_CODE, THREE_CATEGORIES, land_class_name
from . import OverlayResult
from .figures import ha_of_cents, m2_of_cents, mu_of_cents, units_adding_up
from .records import ERL, EXTRA, GAP, LANDUSE, PBF, SITE, UDB, UDB_OUT, ZONE_BUFFER, ZONE_SITE
from .verdict import (
    BALANCE,
    CLEAR,
    NOT_CHECKED,
    PROHIBITED,
    RESTRICTED,
    REVIEW,
    RULE_ERL,
    RULE_FARMLAND,
    RULE_PBF,
    RULE_UDB,
)

TEXT = "text"
M2 = "m2"  # 2 decimals
HA = "ha"  # 4 decimals
MU = "mu"  # 2 decimals
NUMBER = "number"  # 2 decimals
COEFFICIENT = "coefficient"  # 4 decimals (扣除地类系数, Float(6,4))
INTEGER = "int"

SHEET_SUMMARY = "汇总"
SHEET_CLASSES = "分地类"
SHEET_VILLAGES = "分村"
SHEET_PIECES = "明细"

SHEET_NOTES = "说明"
REPORT_TITLE = "建设项目用地压盖分析报告"
PLACEHOLDER_YIELD_NOTE = "标准粮食产能按插件默认的等别产量表计算（占位表），报批前须替换为本省标准"

UNCOVERED = "未覆盖（数据缺口）"
SUBTOTAL = "小计"
TOTAL = "合计"
UNKNOWN_CATEGORY = "未知地类"


STATUS_LABELS = {
    PROHIBITED: "禁止占用（占用永久基本农田须报国务院批准）",
    RESTRICTED: "限制（位于生态保护红线内）",
    REVIEW: "需审查（城镇开发边界外、涉及其他管控图层或地类图斑未覆盖）",
    BALANCE: "占用耕地，须落实占补平衡",
    CLEAR: "不涉及",
    NOT_CHECKED: "未核查（未提供图层）",
}
CATEGORY_LABELS = {
    ZONE_SITE: "红线范围",
    ZONE_BUFFER: "缓冲区",
    SITE: "项目用地",
    LANDUSE: "地类图斑",
    GAP: UNCOVERED,
    PBF: "永久基本农田",
    ERL: "生态保护红线",
    UDB: "城镇开发边界内",
    UDB_OUT: "城镇开发边界外",
    EXTRA: "其他管控图层",
}


LAYER_LABELS = {
    SITE: "项目用地",
    LANDUSE: "地类图斑",
    PBF: "永久基本农田",
    ERL: "生态保护红线",
    UDB: "城镇开发边界",
}


@dataclass
class Column:
    """A column: Chinese header and the kind of its values (TEXT, M2, HA, MU, NUMBER, INTEGER)."""

    header: str
    kind: str = TEXT


@dataclass
class Sheet:
    """One sheet/table of the report: name, title, columns, rows (one value per column)."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)


def _ha_mu(cents: int) -> list:
    return [ha_of_cents(int(cents)), mu_of_cents(int(cents))]


def summary_sheet(result: OverlayResult) -> Sheet:
    """汇总: one row per site with the figures of every rule and the conclusion."""
    columns = [Column("项目编号"), Column("项目名称"), Column("行政区代码"), Column("批准日期")]
    columns += [Column("用地总面积（公顷）", HA), Column("用地总面积（亩）", MU)]
    figures = [
        ("耕地", "farmland_cents"),
        ("其中水田", "paddy_cents"),
        ("永久基本农田", "pbf_cents"),
        ("生态保护红线", "erl_cents"),
        ("城镇开发边界外", "udb_outside_cents"),
        ("地类图斑未覆盖", "gap_cents"),
    ]
    for label, _ in figures:
        columns += [Column("{}（公顷）".format(label), HA), Column("{}（亩）".format(label), MU)]
    columns += [Column("耕地平均等别", NUMBER), Column("与其他项目重叠（公顷）", HA), Column("结论")]
    sheet = Sheet(SHEET_SUMMARY, "建设项目用地压盖分析汇总表", columns)
    for v in result.verdicts:
        row = [v.site_id, v.name, v.county_code, v.approval_date, *_ha_mu(v.site_cents)]
        for _, attribute in figures:
            cents = getattr(v, attribute)
            row += [None, None] if cents is None else _ha_mu(cents)
        row += [v.gddb, ha_of_cents(v.overlap_cents), conclusion(v.overall, v.statuses)]
        sheet.rows.append(row)
    return sheet


#: the layers whose rule a site's conclusion depends on, as the conclusion names them when not given
UNCHECKED_LABELS = {
    RULE_PBF: "永久基本农田",
    RULE_ERL: "生态保护红线",
    RULE_UDB: "城镇开发边界",
    RULE_FARMLAND: "地类图斑",
}


def conclusion(overall: str, statuses: dict) -> str:
    """The site's conclusion, and the layers that were not given (the conclusion does not cover them)."""
    text = STATUS_LABELS.get(overall, overall)
    missing = [label for rule, label in UNCHECKED_LABELS.items() if statuses.get(rule) == NOT_CHECKED]
    if missing and overall != NOT_CHECKED:
        text += "（未核查：{}）".format("、".join(missing))
    return text


def class_sheet(result: OverlayResult) -> Sheet:
    """分地类: per site, 三大类 → 地类 with 1203 田坎 split off 耕地, subtotals, uncovered part, total."""
    columns = [
        Column("项目编号"),
        Column("项目名称"),
        Column("三大类"),
        Column("地类编码"),
        Column("地类名称"),
    ]
    columns += [Column("面积（公顷）", HA), Column("面积（亩）", MU), Column("面积（平方米）", M2)]
    sheet = Sheet(SHEET_CLASSES, "建设项目占用土地分地类面积表", columns)
    pieces, levelled, described = result.data.pieces, result.levelled, result.described
    rows_by_site: dict[int, dict[tuple[str, str], int]] = {}
    for i in range(len(pieces)):
        if pieces.category[i] != LANDUSE or pieces.zone[i] != ZONE_SITE:
            continue
        classes = rows_by_site.setdefault(int(pieces.site[i]), {})
        code, category = described.dlbm[i], described.three_category[i] or UNKNOWN_CATEGORY
        classes[(category, code)] = classes.get((category, code), 0) + int(levelled.dlmj[i])
        if levelled.kcmj[i]:
            key = ("农用地", TERRACE_CODE)
            classes[key] = classes.get(key, 0) + int(levelled.kcmj[i])
    order = {name: n for n, name in enumerate((*THREE_CATEGORIES, UNKNOWN_CATEGORY))}
    for s, v in enumerate(result.verdicts):
        classes = rows_by_site.get(s, {})
        keys = [
            (category, code)
            for category in sorted({c for c, _ in classes}, key=lambda c: order.get(c, len(order)))
            for code in sorted(code for c, code in classes if c == category)
        ]
        gap = v.gap_cents or 0
        # every unit column adds up to the site's total: 公顷 and 亩 levelled like the m²
        ha, mu = units_adding_up([classes[k] for k in keys] + [gap], v.site_cents)
        for category in dict.fromkeys(c for c, _ in keys):
            members = [k for k, key in enumerate(keys) if key[0] == category]
            for k in members:
                code = keys[k][1]
                name = land_class_name(code) or _piece_name(result, s, code)
                cells = _unit_cells(ha[k], mu[k], classes[keys[k]])
                sheet.rows.append([v.site_id, v.name, category, code, name, *cells])
            subtotal = sum(classes[keys[k]] for k in members)
            sub_ha, sub_mu = sum(ha[k] for k in members), sum(mu[k] for k in members)
            sheet.rows.append([v.site_id, v.name, category, "", SUBTOTAL, *_unit_cells(sub_ha, sub_mu, subtotal)])
        if gap:
            sheet.rows.append([v.site_id, v.name, "", "", UNCOVERED, *_unit_cells(ha[-1], mu[-1], gap)])
        sheet.rows.append([v.site_id, v.name, "", "", TOTAL, *_cells(v.site_cents)])
    return sheet


def _unit_cells(ha_units: int, mu_units: int, cents: int) -> list:
    return [ha_units / 10_000, mu_units / 100, m2_of_cents(int(cents))]


def _cells(cents: int) -> list:
    return [ha_of_cents(int(cents)), mu_of_cents(int(cents)), m2_of_cents(int(cents))]


def _piece_name(result: OverlayResult, site: int, code: str) -> str:
    for i in np.flatnonzero(result.data.pieces.site == site):
        if result.described.dlbm[i] == code and result.described.dlmc[i]:
            return result.described.dlmc[i]
    return ""


def village_sheet(result: OverlayResult) -> Sheet:
    """分村: per site × village × ownership: total, 三大类 (田坎 in 农用地) and 耕地 (after 田坎)."""
    columns = [
        Column("项目编号"),
        Column("项目名称"),
        Column("村级代码"),
        Column("村名称"),
        Column("权属性质"),
    ]
    columns += [Column("合计（公顷）", HA), Column("合计（亩）", MU)]
    columns += [Column("{}（公顷）".format(c), HA) for c in THREE_CATEGORIES]
    columns += [Column("{}（公顷）".format(UNKNOWN_CATEGORY), HA)]
    columns += [Column("其中耕地（公顷）", HA), Column("其中耕地（亩）", MU)]
    sheet = Sheet(SHEET_VILLAGES, "建设项目占用土地分村面积表", columns)
    keys = ("all", *THREE_CATEGORIES, UNKNOWN_CATEGORY, "耕地")
    totals: dict[tuple[int, str, str], dict[str, int]] = {}
    names: dict[str, str] = {}
    pieces, levelled, described = result.data.pieces, result.levelled, result.described
    for i in range(len(pieces)):
        if pieces.category[i] != LANDUSE or pieces.zone[i] != ZONE_SITE:
            continue
        key = (int(pieces.site[i]), described.village_code[i], described.ownership[i])
        cell = totals.setdefault(key, dict.fromkeys(keys, 0))
        names.setdefault(described.village_code[i], described.village_name[i])
        net, terrace = int(levelled.dlmj[i]), int(levelled.kcmj[i])
        cell["all"] += net + terrace
        cell[described.three_category[i] or UNKNOWN_CATEGORY] += net
        cell["农用地"] += terrace
        if described.dlbm[i][:4] in FARMLAND_CODES:
            cell["耕地"] += net
    for (s, village, owner), cell in sorted(totals.items()):
        v = result.verdicts[s]
        row = [v.site_id, v.name, village, names.get(village, ""), owner, *_ha_mu(cell["all"])]
        row += [ha_of_cents(cell[c]) for c in (*THREE_CATEGORIES, UNKNOWN_CATEGORY)]
        sheet.rows.append(row + _ha_mu(cell["耕地"]))
    for v in result.verdicts:
        if v.gap_cents:
            blanks = [None] * (len(columns) - 7)
            sheet.rows.append([v.site_id, v.name, "", UNCOVERED, "", *_ha_mu(v.gap_cents), *blanks])
    return sheet


def piece_sheet(result: OverlayResult) -> Sheet:
    """明细: every piece with its parcel attributes and areas (m², 公顷, 亩; 扣除 and 地类 area)."""
    columns = [Column("项目编号"), Column("项目名称"), Column("范围"), Column("类别"), Column("图层")]
    columns += [
        Column("要素标识"),
        Column("图斑编号"),
        Column("地类编码"),
        Column("地类名称"),
        Column("三大类"),
    ]
    columns += [
        Column("坐落单位代码"),
        Column("坐落单位名称"),
        Column("权属性质"),
        Column("扣除系数", COEFFICIENT),
    ]
    columns += [Column("面积（平方米）", M2), Column("面积（公顷）", HA), Column("面积（亩）", MU)]
    columns += [Column("扣除面积（平方米）", M2), Column("地类面积（平方米）", M2)]
    sheet = Sheet(SHEET_PIECES, "建设项目压盖图斑明细表", columns)
    pieces, levelled, described = result.data.pieces, result.levelled, result.described
    if not len(pieces):
        return sheet
    # column by column over the whole table (sites' pieces together, in piece order within a site),
    # then zipped into rows: the same values as converting piece by piece, several times faster
    order = np.lexsort((np.arange(len(pieces)), pieces.site))
    sites = [result.data.sites[int(s)] for s in pieces.site[order].tolist()]
    categories = [pieces.category[i] for i in order.tolist()]
    landuse = [c == LANDUSE for c in categories]
    with_dlmj = [c in (LANDUSE, GAP) for c in categories]
    kcxs = pieces.kcxs[order]
    cents = levelled.cents[order]

    def take(values) -> list:
        return [values[i] for i in order.tolist()]

    columns_of_rows = [
        [site.site_id for site in sites],
        [site.name for site in sites],
        [CATEGORY_LABELS.get(z, z) for z in take(pieces.zone)],
        [CATEGORY_LABELS.get(c, c) for c in categories],
        take(pieces.layer),
        take(pieces.text["src_id"]),
        take(pieces.text["tbbh"]),
        take(described.dlbm),
        take(described.dlmc),
        take(described.three_category),
        take(pieces.text["zldwdm"]),
        take(pieces.text["zldwmc"]),
        take(described.ownership),
        [float(k) if ok and np.isfinite(k) else None for k, ok in zip(kcxs.tolist(), landuse)],
        m2_of_cents(cents).tolist(),
        ha_of_cents(cents).tolist(),
        mu_of_cents(cents).tolist(),
        m2_of_cents(levelled.kcmj[order]).tolist(),
        [v if ok else None for v, ok in zip(m2_of_cents(levelled.dlmj[order]).tolist(), with_dlmj)],
    ]
    sheet.rows.extend(list(row) for row in zip(*columns_of_rows))
    return sheet


def notes_sheet(sources: list[tuple[str, str]], created: str, crs: str, notes: tuple[str, ...] = ()) -> Sheet:
    """说明: data sources (label, layer and file), date, working CRS, method and caveats."""
    sheet = Sheet(SHEET_NOTES, "说明", [Column("项目"), Column("内容")])
    for label, source in sources:
        sheet.rows.append(["数据来源：{}".format(label), source])
    sheet.rows.append(["生成日期", created])
    sheet.rows.append(["工作坐标系", crs])
    sheet.rows.append(
        ["面积计算", "椭球面积（国土调查办发〔2008〕32号，CGCS2000 椭球），四舍五入至 0.01 平方米"]
    )
    sheet.rows.append(
        [
            "平差",
            "各项目内地类图斑压盖面积平差至项目在地类图斑内的面积，分类、分村、分权属数为平差后图斑面积之和",
        ]
    )
    sheet.rows.append(["田坎", "耕地按扣除地类系数（KCXS）扣除田坎，田坎计入 1203 田坎"])
    sheet.rows.append(
        ["单位", "面积：平方米保留 2 位小数，公顷保留 4 位小数，亩保留 2 位小数（1 亩 = 10000/15 平方米）"]
    )
    sheet.rows.append(
        [
            "单位平差",
            "分地类表的公顷、亩亦经平差，使各行之和等于项目用地总面积；个别行与其平方米数直接换算的结果"
            "（及汇总表、审查结论表中同一地类的数值）可相差 0.0001 公顷或 0.01 亩，小计行相差可为其所含行数之和",
        ]
    )
    for line in notes:
        sheet.rows.append(["备注", line])
    return sheet


def report_sheets(result: OverlayResult, notes: Optional[Sheet] = None) -> list[Sheet]:
    """汇总, 分地类, 分村 and 明细, in that order (and 说明 when given)."""
    sheets = [summary_sheet(result), class_sheet(result), village_sheet(result), piece_sheet(result)]
    return sheets + ([notes] if notes is not None else [])


#: decimals the report shows for each column kind (公顷 4, 亩 and m² 2, integers 0)
DISPLAY_DECIMALS = {M2: 2, HA: 4, MU: 2, NUMBER: 2, COEFFICIENT: 4, INTEGER: 0}
