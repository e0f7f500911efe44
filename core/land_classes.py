"""三调工作分类 land classes and the DLTB code lists, as data (core/data/*.csv), domain §1.4–1.5.

Codes are normalised before lookup: surrounding spaces stripped, upper case (``0201k`` → ``0201K``)
and a leading zero restored where a numeric field dropped it (``101`` → ``0101``, ``9`` → ``09``).
耕地 = 0101/0102/0103 on the first 4 characters; 田坎 (1203) is 农用地 but not 耕地.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
FARMLAND_CODES = ("0101", "0102", "0103")
TERRACE_CODE = "1203"  # 田坎
THREE_CATEGORIES = ("农用地", "建设用地", "未利用地")
GDDB_GROUPS = (("优等地", 1, 4), ("高等地", 5, 8), ("中等地", 9, 12), ("低等地", 13, 15))


@dataclass(frozen=True)
class LandClass:
    """One 三调工作分类 code. ``level1_code`` is the 工作分类 group (``00`` for the 湿地 codes)."""

    code: str
    name: str
    level1_code: str
    level1_name: str
    three_category: Optional[str]
    is_farmland: bool
    is_wetland: bool
    is_adjustable: bool
    note: str = ""


@dataclass(frozen=True)
class CodeItem:
    """One entry of a DLTB code list (QSXZ, GDPDJB, GDLX, ZZSXDM, TBXHDM, CZCSXM …)."""

    code: str
    name: str
    extra: str = ""


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def _classes() -> dict[str, LandClass]:
    table: dict[str, LandClass] = {}
    for row in _read_csv("land_classes.csv"):
        table[row["code"]] = LandClass(
            code=row["code"],
            name=row["name"],
            level1_code=row["level1_code"],
            level1_name=row["level1_name"],
            three_category=row["three_category"] or None,
            is_farmland=row["is_farmland"] == "1",
            is_wetland=row["is_wetland"] == "1",
            is_adjustable=row["is_adjustable"] == "1",
            note=row["note"],
        )
    return table


@lru_cache(maxsize=1)
def _code_lists() -> dict[str, dict[str, CodeItem]]:
    lists: dict[str, dict[str, CodeItem]] = {}
    for row in _read_csv("code_lists.csv"):
        lists.setdefault(row["list"], {})[row["code"]] = CodeItem(row["code"], row["name"], row["extra"])
    return lists


def normalise_code(code: object) -> str:
    """Canonical text of a DLBM-like code ('' for None/blank); see the module docstring."""
    if code is None:
        return ""
    if isinstance(code, float) and code.is_integer():
        code = int(code)
    text = str(code).strip().upper()
    if text.isdigit() and len(text) in (1, 3):
        text = "0" + text
    return text


def all_land_classes() -> tuple[LandClass, ...]:
    """Every code of the table, in table order."""
    return tuple(_classes().values())


def land_class(code: object) -> Optional[LandClass]:
    """The land class of a DLBM value, or None for unknown codes."""
    return _classes().get(normalise_code(code))


def is_farmland(code: object) -> bool:
    """耕地: 0101/0102/0103 on the first 4 characters (1203 田坎 is not 耕地)."""
    return normalise_code(code)[:4] in FARMLAND_CODES


def is_terrace(code: object) -> bool:
    """田坎 (1203), standalone polygon or KCDLBM."""
    return normalise_code(code) == TERRACE_CODE


def three_categories(code: object) -> Optional[str]:
    """农用地 / 建设用地 / 未利用地 (表A.4), None for unknown or survey-stage codes."""
    found = land_class(code)
    return found.three_category if found else None


def level1(code: object) -> Optional[tuple[str, str]]:
    """(一级类 code, name) of the 工作分类, e.g. ('01', '耕地'); 湿地 codes give ('00', '湿地')."""
    found = land_class(code)
    return (found.level1_code, found.level1_name) if found else None


def land_class_name(code: object) -> Optional[str]:
    """DLMC for a DLBM, None if unknown."""
    found = land_class(code)
    return found.name if found else None


def farmland_mask(codes: Iterable[object]) -> np.ndarray:
    """Vectorised :func:`is_farmland` over a column of codes (bool array)."""
    cache: dict[object, bool] = {}
    values = [cache[c] if c in cache else cache.setdefault(c, is_farmland(c)) for c in codes]
    return np.array(values, dtype=bool)


def three_category_array(codes: Iterable[object]) -> np.ndarray:
    """Vectorised :func:`three_categories` (object array, None for unknown codes)."""
    cache: dict[object, Optional[str]] = {}
    values = [cache[c] if c in cache else cache.setdefault(c, three_categories(c)) for c in codes]
    return np.array(values, dtype=object)


def code_list(name: str) -> dict[str, CodeItem]:
    """A DLTB code list by name: QSXZ, GDPDJB, GDLX, ZZSXDM, ZZSXDM_2019, TBXHDM, TBXHDM_2019, CZCSXM."""
    lists = _code_lists()
    if name not in lists:
        raise KeyError("unknown code list {!r}; known: {}".format(name, ", ".join(sorted(lists))))
    return dict(lists[name])


def _plain(code: object) -> str:
    if code is None:
        return ""
    if isinstance(code, float) and code.is_integer():
        code = int(code)
    return str(code).strip().upper()


def qsxz_name(code: object) -> Optional[str]:
    """权属性质 name (10 国有土地所有权 … 40 集体土地使用权)."""
    found = _code_lists()["QSXZ"].get(_plain(code))
    return found.name if found else None


def ownership(code: object) -> Optional[str]:
    """'国有' or '集体' for a QSXZ code, None if unknown."""
    found = _code_lists()["QSXZ"].get(_plain(code))
    return found.extra if found else None


def gdpdjb_name(code: object) -> Optional[str]:
    """耕地坡度级别 1–5 → slope range text."""
    found = _code_lists()["GDPDJB"].get(_plain(code))
    return found.name if found else None


def gdlx_name(code: object) -> Optional[str]:
    """耕地类型 TT 梯田 / PD 坡地."""
    found = _code_lists()["GDLX"].get(_plain(code))
    return found.name if found else None


def zzsx_name(code: object) -> Optional[str]:
    """种植属性 name for a final 三调 code (LS, FLS, LYFL, XG, LLJZ, WG, JKHF, GCHF)."""
    found = _code_lists()["ZZSXDM"].get(_plain(code))
    return found.name if found else None


def is_farmland_zzsx(code: object) -> bool:
    """True for the 种植属性 codes allowed on 耕地 (LS, FLS, LYFL, XG, LLJZ, WG)."""
    found = _code_lists()["ZZSXDM"].get(_plain(code))
    return bool(found and found.extra == "耕地")


def map_old_zzsxdm(code: object) -> Optional[str]:
    """Early-2019 种植属性 code → final code. Current codes map to themselves.

    Returns None where no 1:1 successor exists (GZ 耕种 became LS/FLS/LYFL, which only the survey
    can tell; YM/LM/LH/MC/KT/GSYY/SSLM were dropped) or the code is unknown.
    """
    text = _plain(code)
    current = _code_lists()["ZZSXDM"]
    if text in current:
        return text
    old = _code_lists()["ZZSXDM_2019"].get(text)
    return (old.extra or None) if old else None


def map_old_tbxhdm(code: object) -> Optional[str]:
    """Early-2019 图斑细化 code → final (HHGD → SHGD); current codes map to themselves."""
    text = _plain(code)
    if text in _code_lists()["TBXHDM"]:
        return text
    old = _code_lists()["TBXHDM_2019"].get(text)
    return old.extra if old else None


def gddb_group(gddb: object) -> Optional[str]:
    """耕地等别 1–15 → 优等地 (1–4) / 高等地 (5–8) / 中等地 (9–12) / 低等地 (13–15); None otherwise."""
    if gddb is None or isinstance(gddb, bool):
        return None
    try:
        number = float(str(gddb).strip()) if isinstance(gddb, str) else float(gddb)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not number.is_integer():
        return None
    for name, low, high in GDDB_GROUPS:
        if low <= number <= high:
            return name
    return None
