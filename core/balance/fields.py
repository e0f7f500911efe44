"""The field roles of the two balance tables (issue 4 default names) and their resolution.

Demands (``DEMANDS``): XMBH, XZQDM, PZRQ, GDMJ, STMJ, CN, DB — exactly the demand fields of the red-line
overlay's VERDICT table. Ledger records (``SUPPLY``): ZBBH, XZQDM, RKRQ, SYGDMJ, SYSTMJ, SYCN, DB, ZT.
A FIELD_MAP entry ``ROLE=FIELD`` applies to every table with that role; ``DEMANDS:DB=…`` or
``SUPPLY:DB=…`` to one table only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Optional

from ..field_roles import FieldOverrideError, MissingRoleError, Role, UnknownRoleError, parse_field_map

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


def _find(candidates: Sequence[str], fields: Sequence[str], taken: set[str]) -> Optional[str]:
    for candidate in candidates:
        for exact in (True, False):
            for name in fields:
                if name in taken:
                    continue
                if (name == candidate) if exact else (name.strip().casefold() == candidate.strip().casefold()):
                    return name
    return None


def resolve_fields(
    table: str,
    field_names: Sequence[str],
    overrides: Optional[Mapping[str, str]] = None,
    required: Sequence[str] = (),
) -> dict[str, Optional[str]]:
    """Role → actual field name (None when absent) for ``table`` (DEMANDS or SUPPLY).

    Same matching as core.field_roles.resolve_roles (exact, then case-insensitive, over name, aliases,
    Chinese label; overrides win; '' forces None); raises its FieldOverrideError / MissingRoleError.
    """
    roles = ROLES[table]
    fields = [str(f) for f in field_names]
    result: dict[str, Optional[str]] = {}
    taken: set[str] = set()
    for role_name, wanted in (overrides or {}).items():
        if not _has(roles, role_name):
            raise UnknownRoleError(role_name, table, tuple(r.name for r in roles))
        if not wanted.strip():
            result[role_name] = None
            continue
        found = _find((wanted.strip(),), fields, set())
        if found is None:
            raise FieldOverrideError(role_name, wanted.strip(), table, fields)
        result[role_name] = found
        taken.add(found)
    for role in roles:
        if role.name not in result:
            found = _find(role.candidates, fields, taken)
            result[role.name] = found
            if found is not None:
                taken.add(found)
    ordered = {r.name: result[r.name] for r in roles}
    missing = [name for name in required if ordered.get(name) is None]
    if missing:
        first = next(r for r in roles if r.name == missing[0])
        raise MissingRoleError(first.name, table, fields, first.candidates, missing)
    return ordered
