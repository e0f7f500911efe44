"""Field roles: the semantic fields of each 三调 / 三区三线 layer type, matched to real field names.

Field names drift between vintages (二调 2009, 三调 2019, 年度变更 2020→, 三区三线 2022, provincial
variants), e.g. ``XZDWKD``/``XXTBKD``, ``ZZSXDM``/``GDZZSXDM``, ``KCXS``/二调 ``TKXS``. A role lists its
known names; :func:`resolve_roles` finds them case-insensitively, lets the user override any role
(``parse_field_map``) and raises :class:`MissingRoleError` naming the role and the layer's fields.
Sources: domain.md §1.3, §1.5, §2.2–2.5.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Role:
    """A semantic field: canonical ``name``, other known field ``aliases``, Chinese label."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    note: str = ""

    @property
    def candidates(self) -> tuple[str, ...]:
        """Names tried in order: canonical, aliases, then the Chinese label (exported alias names)."""
        return (self.name, *self.aliases, self.label)


@dataclass(frozen=True)
class LayerType:
    """A layer type (DLTB, YJJBNTTB …) with its layer-name aliases and roles."""

    name: str
    label: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...] = field(repr=False)

    def role(self, name: str) -> Role:
        """The role called ``name`` (case-insensitive); UnknownRoleError otherwise."""
        key = name.strip().upper()
        for role in self.roles:
            if role.name == key:
                return role
        raise UnknownRoleError(name, self.name, tuple(r.name for r in self.roles))


class RoleError(ValueError):
    """Base class of the field-role errors (all are ValueErrors with structured fields)."""


class MissingRoleError(RoleError):
    """A required role has no field in the layer."""

    def __init__(
        self,
        role: str,
        layer_type: str,
        available_fields: Sequence[str],
        candidates: Sequence[str] = (),
        missing: Sequence[str] = (),
    ) -> None:
        self.role = role
        self.layer_type = layer_type
        self.available_fields = tuple(available_fields)
        self.candidates = tuple(candidates)
        self.missing = tuple(missing) or (role,)
        super().__init__(str(self))

    def __str__(self) -> str:
        tried = " (looked for {})".format(", ".join(self.candidates)) if self.candidates else ""
        others = [m for m in self.missing if m != self.role]
        also = "; also missing: {}".format(", ".join(others)) if others else ""
        fields = ", ".join(self.available_fields) if self.available_fields else "(none)"
        return "{} layer: no field for required role {}{}{}. The layer's fields are: {}".format(
            self.layer_type, self.role, tried, also, fields
        )


class UnknownRoleError(RoleError):
    """A role name (in overrides or ``required``) that the layer type does not have."""

    def __init__(self, role: str, layer_type: str, known_roles: Sequence[str]) -> None:
        self.role = role
        self.layer_type = layer_type
        self.known_roles = tuple(known_roles)
        super().__init__(
            "{} has no role {!r}; its roles are: {}".format(layer_type, role, ", ".join(known_roles))
        )


class FieldOverrideError(RoleError):
    """An override names a field the layer does not have."""

    def __init__(self, role: str, field_name: str, layer_type: str, available_fields: Sequence[str]) -> None:
        self.role = role
        self.field_name = field_name
        self.layer_type = layer_type
        self.available_fields = tuple(available_fields)
        super().__init__(
            "{} layer: the field {!r} given for role {} does not exist. The layer's fields are: {}".format(
                layer_type, field_name, role, ", ".join(available_fields) or "(none)"
            )
        )


class UnknownLayerTypeError(RoleError):
    """A layer type name that is not in LAYER_TYPES (nor an alias)."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__("unknown layer type {!r}; known: {}".format(name, ", ".join(LAYER_TYPES)))


def _role(name: str, label: str, *aliases: str, required: bool = False, note: str = "") -> Role:
    return Role(name, label, tuple(aliases), required, note)


# Roles shared by the DLTB-like layers (DLTB, GDBHMB, and most of YJJBNTTB).
_ID = (_role("BSM", "标识码"), _role("YSDM", "要素代码"))
_OWNERSHIP = (
    _role("QSXZ", "权属性质"),
    _role("QSDWDM", "权属单位代码"),
    _role("QSDWMC", "权属单位名称"),
    _role("ZLDWDM", "坐落单位代码"),
    _role("ZLDWMC", "坐落单位名称"),
)
_DEDUCTION = (
    _role("KCDLBM", "扣除地类编码"),
    _role("KCXS", "扣除地类系数", "TKXS", "田坎系数", note="二调 TKXS 田坎系数"),
    _role("KCMJ", "扣除地类面积", "TKMJ", "田坎面积", note="二调 TKMJ 田坎面积"),
)
_FARMLAND_ATTRS = (
    _role("GDLX", "耕地类型"),
    _role("GDPDJB", "耕地坡度级别", "GDPDJ", note="二调 GDPDJ"),
    _role("TBXHDM", "图斑细化代码"),
    _role("TBXHMC", "图斑细化名称"),
    _role("ZZSXDM", "种植属性代码", "GDZZSXDM", "耕地种植属性代码", note="变更 schemas use GDZZSXDM"),
    _role("ZZSXMC", "种植属性名称", "GDZZSXMC", "耕地种植属性名称"),
    _role("GDDB", "耕地等别"),
)
_TAIL = (_role("FRDBS", "飞入地标识"), _role("SJNF", "数据年份"))
_LAND = (
    _role("TBBH", "图斑编号"),
    _role("DLBM", "地类编码", required=True),
    _role("DLMC", "地类名称"),
)

_DLTB_ROLES = (
    *_ID,
    _role("TBYBH", "图斑预编号"),
    *_LAND,
    *_OWNERSHIP,
    _role("TBMJ", "图斑面积"),
    *_DEDUCTION,
    _role("TBDLMJ", "图斑地类面积"),
    _FARMLAND_ATTRS[0],
    _FARMLAND_ATTRS[1],
    _role("XZDWKD", "线状地物宽度", "XXTBKD", "线性图斑宽度", note="2019-03 renamed; later 变更 use XXTBKD"),
    *_FARMLAND_ATTRS[2:],
    *_TAIL,
    _role("CZCSXM", "城镇村属性码"),
    _role("MSSM", "描述说明"),
    _role("HDMC", "海岛名称"),
    _role("BZ", "备注"),
)

_YJJBNTTB_ROLES = (
    *_ID,
    _role("XZQDM", "行政区代码"),
    _role("XZQMC", "行政区名称"),
    _role("YJJBNTTBBH", "永久基本农田图斑编号"),
    *_LAND,
    *_OWNERSHIP,
    _role("YJJBNTTBMJ", "永久基本农田图斑面积", "TBMJ", "图斑面积", note="gross area, like TBMJ"),
    *_DEDUCTION,
    _role("YJJBNTMJ", "永久基本农田面积", "TBDLMJ", note="= YJJBNTTBMJ − KCMJ, like TBDLMJ"),
    *_FARMLAND_ATTRS,
    _role("GGBZL", "灌溉保证率"),
    _role("GDDJ", "耕地质量等级", note="农业农村部 1–10"),
    _role("ZLFLDM", "质量分类代码"),
    *_TAIL,
    _role("BHKSSJ", "保护开始时间"),
    _role("BHJSSJ", "保护结束时间"),
    _role("WDGD", "是否稳定利用耕地"),
    _role("SFWYYJJBNT", "是否为原永久基本农田"),
    _role("FWDGDHRLY", "非稳定耕地划入理由"),
    _role("ZMC", "组名称"),
    _role("ZRRMC", "责任人名称"),
    _role("LXDH", "联系电话"),
    _role("BZ", "备注"),
)

_GDBHMB_ROLES = (
    *_ID,
    _role("TBYBH", "图斑预编号"),
    *_LAND,
    *_OWNERSHIP,
    _role("TBMJ", "图斑面积"),
    *_DEDUCTION,
    _role("TBDLMJ", "图斑地类面积"),
    *_FARMLAND_ATTRS,
    *_TAIL,
    _role("SFWHTD", "SFWHTD", note="meaning not verified (domain §2.3)"),
    _role("BZ", "备注"),
)

_STBHHX_ROLES = (
    *_ID,
    _role("XZQDM", "行政区代码", "XJXZQHDM", "XJXZQDM"),
    _role("XZQMC", "行政区名称", "XJXZQMC"),
    _role("SZXJXZQDM", "所在县级行政区代码"),
    _role("SZXJXZQMC", "所在县级行政区名称"),
    _role("SHENG", "省"),
    _role("SHI", "市"),
    _role("XIAN", "县"),
    _role("HXBM", "红线编码"),
    _role("HXMC", "红线名称", "MC"),
    _role("HXLX", "红线类型"),
    _role("LXBM", "类型编码", "LXDM"),
    _role("MJ", "面积"),
    _role("QYMJ", "区域面积", note="km² in the 调查监测口径 (not m²)"),
    _role("ZRBHDMC", "自然保护地名称"),
    _role("ZRBHDJB", "自然保护地级别"),
    _role("ZRBHDLX", "自然保护地类型"),
    _role("ZRBHDFQ", "自然保护地分区"),
    _role("GKCS", "管控措施"),
    _role("BZ", "备注"),
)

_CZKFBJ_ROLES = (
    *_ID,
    _role("XZQDM", "行政区代码"),
    _role("XZQMC", "行政区名称"),
    _role("GHFQDM", "规划分区代码"),
    _role("GHFQMC", "规划分区名称"),
    _role("MJ", "面积"),
    _role("BZ", "备注"),
)

_XZQ_ROLES = (
    *_ID,
    _role("XZQDM", "行政区代码", required=True),
    _role("XZQMC", "行政区名称"),
    _role("DCMJ", "调查面积", "KZMJ", "控制面积", note="二调 KZMJ 控制面积"),
    _role("JSMJ", "计算面积"),
    _role("MSSM", "描述说明"),
    _role("HDMC", "海岛名称"),
    _role("BZ", "备注"),
)

_CJDCQ_ROLES = (
    *_ID,
    _role("ZLDWDM", "坐落单位代码", "QSDWDM", required=True, note="二调 土地权属区 used QSDWDM"),
    _role("ZLDWMC", "坐落单位名称", "QSDWMC"),
    _role("DCMJ", "调查面积", "KZMJ", "控制面积"),
    _role("JSMJ", "计算面积"),
    _role("MSSM", "描述说明"),
    _role("HDMC", "海岛名称"),
    _role("BZ", "备注"),
)

LAYER_TYPES: dict[str, LayerType] = {
    layer.name: layer
    for layer in (
        LayerType("DLTB", "地类图斑", ("地类图斑",), _DLTB_ROLES),
        LayerType(
            "YJJBNTTB",
            "永久基本农田图斑",
            ("YJJBNTBHTB", "永久基本农田", "永久基本农田保护图斑"),
            _YJJBNTTB_ROLES,
        ),
        LayerType("GDBHMB", "耕地保护目标", ("耕地保护目标",), _GDBHMB_ROLES),
        LayerType("STBHHX", "生态保护红线", ("生态保护红线",), _STBHHX_ROLES),
        LayerType("CZKFBJ", "城镇开发边界", ("城镇开发边界",), _CZKFBJ_ROLES),
        LayerType("XZQ", "行政区", ("行政区",), _XZQ_ROLES),
        LayerType("CJDCQ", "村级调查区", ("村级调查区", "土地权属区"), _CJDCQ_ROLES),
    )
}

# Which role holds the gross and the net (after 田坎) area in each farmland layer type.
GROSS_AREA_ROLE = {"DLTB": "TBMJ", "GDBHMB": "TBMJ", "YJJBNTTB": "YJJBNTTBMJ"}
NET_AREA_ROLE = {"DLTB": "TBDLMJ", "GDBHMB": "TBDLMJ", "YJJBNTTB": "YJJBNTMJ"}


def _key(name: str) -> str:
    return name.strip().casefold()


def layer_type(name: str) -> LayerType:
    """The layer type for a canonical name or alias (case-insensitive): 'yjjbntbhtb' → YJJBNTTB."""
    key = _key(name)
    for layer in LAYER_TYPES.values():
        if key == _key(layer.name) or key in (_key(a) for a in layer.aliases):
            return layer
    raise UnknownLayerTypeError(name)


def layer_type_from_name(layer_name: str) -> Optional[str]:
    """Guess the layer type from a layer/file name ('DLTB', 'dltb.shp', 'YJJBNTBHTB'); None if unsure."""
    stem = layer_name.strip().replace("\\", "/").rsplit("/", 1)[-1]
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    key = _key(stem)
    for layer in LAYER_TYPES.values():
        if key == _key(layer.name) or key in (_key(a) for a in layer.aliases):
            return layer.name
    return None


def _find_field(candidates: Iterable[str], field_names: Sequence[str], taken: set[str]) -> Optional[str]:
    for candidate in candidates:
        exact = [f for f in field_names if f == candidate and f not in taken]
        if exact:
            return exact[0]
        folded = [f for f in field_names if _key(f) == _key(candidate) and f not in taken]
        if folded:
            return folded[0]
    return None


def resolve_roles(
    layer_type_name: str,
    field_names: Sequence[str],
    overrides: Optional[Mapping[str, str]] = None,
    required: Optional[Iterable[str]] = None,
) -> dict[str, Optional[str]]:
    """Map every role of the layer type to an actual field name (or None).

    Matching is case-insensitive over each role's canonical name, aliases and Chinese label, the
    exact spelling winning. ``overrides`` (role → field) win over matching; an override naming a
    field the layer lacks raises :class:`FieldOverrideError`, an empty value forces None. Roles in
    ``required`` (default: the roles marked required; pass ``()`` for none) must resolve, else
    :class:`MissingRoleError` names the first missing role and lists the layer's fields.
    """
    return resolve_layer_roles(layer_type(layer_type_name), field_names, overrides, required)


def resolve_layer_roles(
    layer: LayerType,
    field_names: Sequence[str],
    overrides: Optional[Mapping[str, str]] = None,
    required: Optional[Iterable[str]] = None,
) -> dict[str, Optional[str]]:
    """:func:`resolve_roles` for any layer type, also one that is not in the 三调 catalogue (e.g. the
    balance tables)."""
    fields = [str(f) for f in field_names]
    known = tuple(r.name for r in layer.roles)
    result: dict[str, Optional[str]] = {}
    taken: set[str] = set()
    for role_name, field_name in (overrides or {}).items():
        role = layer.role(role_name)
        wanted = (field_name or "").strip()
        if not wanted:
            result[role.name] = None
            continue
        found = _find_field((wanted,), fields, set())
        if found is None:
            raise FieldOverrideError(role.name, wanted, layer.name, fields)
        result[role.name] = found
        taken.add(found)
    for role in layer.roles:
        if role.name not in result:
            found = _find_field(role.candidates, fields, taken)
            result[role.name] = found
            if found is not None:
                taken.add(found)
    ordered = {name: result[name] for name in known}
    wanted_roles = (
        [r.name for r in layer.roles if r.required]
        if required is None
        else [layer.role(r).name for r in required]
    )
    missing = [name for name in wanted_roles if ordered[name] is None]
    if missing:
        first = layer.role(missing[0])
        raise MissingRoleError(first.name, layer.name, fields, first.candidates, missing)
    return ordered


def parse_field_map(text: Optional[str]) -> dict[str, str]:
    """Parse a role → field map: ``"DLBM=DL_CODE;ZLDWDM=ZL"`` (``;``, ``,`` or new lines) or JSON.

    Keys are upper-cased role names, values stripped field names ('' means "no field").
    Blank text gives {}. Anything else raises ValueError saying what is wrong.
    """
    source = (text or "").strip()
    if not source:
        return {}
    if source.startswith(("{", "[")):
        return _parse_json_map(source)
    result: dict[str, str] = {}
    for item in source.replace("\n", ";").replace(",", ";").split(";"):
        if not item.strip():
            continue
        if "=" not in item:
            raise ValueError("field map entry {!r} is not ROLE=FIELD (in {!r})".format(item.strip(), source))
        role, _, field_name = item.partition("=")
        _add_entry(result, role, field_name, source)
    return result


def _add_entry(result: dict[str, str], role: object, field_name: object, source: str) -> None:
    if not isinstance(role, str) or not isinstance(field_name, str):
        raise ValueError("field map entries must be text: {!r}={!r}".format(role, field_name))
    key = role.strip().upper()
    if not key:
        raise ValueError("field map entry ={} has no role name (in {!r})".format(field_name.strip(), source))
    if key in result:
        raise ValueError("field map names role {} twice (in {!r})".format(key, source))
    result[key] = field_name.strip()


def _parse_json_map(source: str) -> dict[str, str]:
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        raise ValueError("field map is not valid JSON: {} (in {!r})".format(error.msg, source)) from error
    if not isinstance(data, dict):
        raise ValueError("field map JSON must be an object of ROLE: FIELD, got {!r}".format(source))
    result: dict[str, str] = {}
    for role, field_name in data.items():
        _add_entry(result, role, "" if field_name is None else field_name, source)
    return result
