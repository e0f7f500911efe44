"""The field roles of the two balance tables (issue 4 default names) and their resolution.

Demands (``DEMANDS``): XMBH, XZQDM, PZRQ, GDMJ, STMJ, CN, DB — exactly the demand fields of the red-line
overlay's VERDICT table. Ledger records (``SUPPLY``): ZBBH, XZQDM, RKRQ, SYGDMJ, SYSTMJ, SYCN, DB, ZT.
A FIELD_MAP entry ``ROLE=FIELD`` applies to every table with that role; ``DEMANDS:DB=…`` or
``SUPPLY:DB=…`` to one table only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Optional

from ..field_roles import LayerType, Role, UnknownRoleError, parse_field_map, resolve_layer_roles

DEMANDS = "DEMANDS"
SUPPLY = "SUPPLY"


def _role(name: str, label: str, *aliases: str) -> Role:
    return Role(name, label, tuple(aliases))


DEMAND_ROLES: tuple[Role, ...] = (
    _role("XMBH", "项目编号", "XMDM", "DZJGH", "项目代码"),
    _role("XZQDM", "行政区代码", "XZQ", "县级行政区代码"),
    _role("PZRQ", "批准日期", "PZSJ", "批准时间"),
    _role("GDMJ", "耕地面积", "ZYGDMJ", "占用耕地面积"),
    _role("STMJ", "水田面积", "ZYSTMJ", "占用水田面积"),
    _role("CN", "标准粮食产能", "LSCN", "产能"),
    _role("DB", "耕地质量等别", "GDDB", "等别"),
)

SUPPLY_ROLES: tuple[Role, ...] = (
    _role("ZBBH", "指标编号", "BH", "备案编号"),
    _role("XZQDM", "行政区代码", "XZQ", "县级行政区代码"),
    _role("RKRQ", "入库日期", "RKSJ", "入库时间"),
    _role("SYGDMJ", "剩余耕地面积", "KYGDMJ", "可用耕地面积"),
    _role("SYSTMJ", "剩余水田面积", "KYSTMJ", "可用水田面积"),
    _role("SYCN", "剩余产能", "KYCN", "可用产能"),
    _role("DB", "耕地质量等别", "GDDB", "等别"),
    _role("ZT", "状态", "ZBZT", "指标状态"),
)

ROLES = {DEMANDS: DEMAND_ROLES, SUPPLY: SUPPLY_ROLES}
_TABLES = {
    DEMANDS: LayerType(DEMANDS, "占用耕地项目", (), DEMAND_ROLES),
    SUPPLY: LayerType(SUPPLY, "补充耕地指标", (), SUPPLY_ROLES),
}


def split_field_map(text: Optional[str]) -> dict[str, dict[str, str]]:
    """FIELD_MAP text → {table: {role: field}}. Raises ValueError / UnknownRoleError on bad entries."""
    entries = parse_field_map(text)
    result: dict[str, dict[str, str]] = {DEMANDS: {}, SUPPLY: {}}
    for key, field_name in entries.items():
        table, sep, role = key.partition(":")
        tables = [table.strip()] if sep else [t for t, roles in ROLES.items() if _has(roles, key)]
        role = role.strip() if sep else key
        if sep and table.strip() not in ROLES:
            raise ValueError("field map entry {}: unknown table {!r} (use DEMANDS or SUPPLY)".format(key, table))
        if not tables or not all(_has(ROLES[t], role) for t in tables):
            known = sorted({r.name for roles in ROLES.values() for r in roles})
            raise UnknownRoleError(role, tables[0] if tables else "DEMANDS/SUPPLY", known)
        for t in tables:
            result[t][role] = field_name
    return result


def _has(roles: Sequence[Role], name: str) -> bool:
    return any(r.name == name for r in roles)


def resolve_fields(
    table: str,
    field_names: Sequence[str],
    overrides: Optional[Mapping[str, str]] = None,
    required: Sequence[str] = (),
) -> dict[str, Optional[str]]:
    """Role → actual field name (None when absent) for ``table`` (DEMANDS or SUPPLY): the matching of
    core.field_roles (exact, then case-insensitive, over name, aliases, Chinese label; overrides win;
    '' forces None); raises its UnknownRoleError / FieldOverrideError / MissingRoleError."""
    return resolve_layer_roles(_TABLES[table], field_names, overrides, required)
