"""三调工作分类 table and DLTB code lists (core/land_classes.py, domain §1.4–1.5).

The expected sets are typed in here from domain.md, independently of core/data/*.csv.
"""

from __future__ import annotations

import numpy as np
import pytest

from farmland_guard.core import land_classes as lc

# domain §1.4, 表A.4 as listed there (08H2A/1104A treated like 08H2/1104; K codes with their class).
AGRICULTURAL = {
    "0101",
    "0102",
    "0103",
    "0201",
    "0202",
    "0203",
    "0204",
    "0301",
    "0302",
    "0303",
    "0304",
    "0305",
    "0306",
    "0307",
    "0401",
    "0402",
    "0403",
    "1006",
    "1103",
    "1104",
    "1104A",
    "1107",
    "1107A",
    "1202",
    "1203",
    "0201K",
    "0202K",
    "0203K",
    "0204K",
    "0301K",
    "0302K",
    "0307K",
    "0403K",
    "1104K",
}
CONSTRUCTION = {
    "05H1",
    "0508",
    "0601",
    "0602",
    "0603",
    "0701",
    "0702",
    "08H1",
    "08H2",
    "08H2A",
    "0809",
    "0810",
    "0810A",
    "09",
    "1001",
    "1002",
    "1003",
    "1004",
    "1005",
    "1007",
    "1008",
    "1009",
    "1109",
    "1201",
}
UNUSED = {"0404", "1101", "1102", "1105", "1106", "1108", "1110", "1204", "1205", "1206", "1207"}
WETLAND = {"0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108"}
ADJUSTABLE = {"0201K", "0202K", "0203K", "0204K", "0301K", "0302K", "0307K", "0403K", "1104K"}
SURVEY_STAGE = {"1301", "1302", "1303", "1304"}


def test_table_covers_exactly_the_domain_codes():
    codes = {c.code for c in lc.all_land_classes()}
    assert codes == AGRICULTURAL | CONSTRUCTION | UNUSED | SURVEY_STAGE
    assert len(codes) == len(lc.all_land_classes())  # no duplicates


@pytest.mark.parametrize(
    ("category", "codes"), [("农用地", AGRICULTURAL), ("建设用地", CONSTRUCTION), ("未利用地", UNUSED)]
)
def test_three_categories(category, codes):
    for code in codes:
        assert lc.three_categories(code) == category, code


def test_survey_stage_codes_have_no_category():
    for code in SURVEY_STAGE:
        assert lc.land_class(code) is not None
        assert lc.three_categories(code) is None


def test_flags():
    for c in lc.all_land_classes():
        assert c.is_farmland == (c.code in {"0101", "0102", "0103"}), c.code
        assert c.is_wetland == (c.code in WETLAND), c.code
        assert c.is_adjustable == (c.code in ADJUSTABLE), c.code
        assert c.level1_name, c.code
    assert {c.code for c in lc.all_land_classes() if c.level1_code == "00"} == WETLAND


@pytest.mark.parametrize("code", ["0101", "0102", "0103", "0101 ", " 0103", "101", 101, 102.0, "01011"])
def test_is_farmland(code):
    assert lc.is_farmland(code)


@pytest.mark.parametrize("code", ["1203", "0201K", "0104", "01", "", None, "0201", "1104K", "010"])
def test_is_not_farmland(code):
    assert not lc.is_farmland(code)


def test_terrace_is_agricultural_but_not_farmland():
    assert lc.is_terrace(" 1203 ")
    assert lc.three_categories("1203") == "农用地"
    assert not lc.is_farmland("1203")


def test_lookup_normalises():
    assert lc.land_class("0201k").name == "可调整果园"
    assert lc.land_class(" 05h1 ").name == "商业服务业设施用地"
    assert lc.land_class(9).code == "09"
    assert lc.land_class("9").name == "特殊用地"
    assert lc.land_class("0101").level1_name == "耕地"
    assert lc.level1("1105") == ("00", "湿地")
    assert lc.land_class_name("1203") == "田坎"
    assert lc.land_class("9999") is None and lc.three_categories("9999") is None
    with pytest.raises(AttributeError):  # frozen
        lc.land_class("0101").name = "x"  # type: ignore[misc]


def test_vectorised_helpers():
    codes = ["0101", "0103 ", "1203", None, "0101", "0201K"]
    assert lc.farmland_mask(codes).tolist() == [True, True, False, False, True, False]
    assert lc.three_category_array(codes).tolist() == ["农用地", "农用地", "农用地", None, "农用地", "农用地"]
    assert lc.farmland_mask(np.array(["0102", "0404"])).tolist() == [True, False]


def test_qsxz():
    assert lc.qsxz_name("10") == "国有土地所有权"
    assert lc.qsxz_name(30) == "集体土地所有权"
    assert lc.ownership("20") == "国有"
    assert [lc.ownership(c) for c in ("30", "31", "32", "33", "34", "40")] == ["集体"] * 6
    assert lc.qsxz_name("99") is None and lc.ownership(None) is None


def test_gdpdjb_and_gdlx():
    assert lc.gdpdjb_name("1") == "≤2°"
    assert lc.gdpdjb_name(5) == ">25°"
    assert lc.gdpdjb_name("6") is None
    assert lc.gdlx_name("TT") == "梯田" and lc.gdlx_name("pd") == "坡地"


def test_zzsxdm_lists_and_old_codes():
    assert lc.zzsx_name("LYFL") == "粮与非粮轮作"
    assert all(lc.is_farmland_zzsx(c) for c in ("LS", "FLS", "LYFL", "XG", "LLJZ", "WG"))
    assert not lc.is_farmland_zzsx("JKHF") and not lc.is_farmland_zzsx("GCHF")
    assert lc.map_old_zzsxdm("WG") == "WG"
    assert lc.map_old_zzsxdm("ls") == "LS"  # current codes map to themselves
    for dropped in ("GZ", "YM", "LM", "LH", "MC", "KT", "GSYY", "SSLM", "NOPE"):
        assert lc.map_old_zzsxdm(dropped) is None, dropped
    assert lc.map_old_tbxhdm("HHGD") == "SHGD"
    assert lc.map_old_tbxhdm("SHGD") == "SHGD"
    assert lc.map_old_tbxhdm("XXXX") is None


def test_code_list_access():
    assert set(lc.code_list("CZCSXM")) == {"201", "202", "203", "204", "205", "201A", "202A", "203A"}
    with pytest.raises(KeyError, match="unknown code list"):
        lc.code_list("NOPE")


@pytest.mark.parametrize(
    ("gddb", "group"),
    [
        (1, "优等地"),
        (4, "优等地"),
        (5, "高等地"),
        (8, "高等地"),
        (9, "中等地"),
        (12, "中等地"),
        (13, "低等地"),
        (15, "低等地"),
        ("7", "高等地"),
        (7.0, "高等地"),
        (" 14 ", "低等地"),
        (0, None),
        (16, None),
        (7.5, None),
        (None, None),
        ("", None),
        ("x", None),
        (float("nan"), None),
    ],
)
def test_gddb_groups(gddb, group):
    assert lc.gddb_group(gddb) == group
