"""Field roles and their aliases across data vintages (core/field_roles.py, domain §1.3, §2.2–2.5)."""

from __future__ import annotations

import pytest

from farmland_guard.core import field_roles as fr

# Field lists as they appear in real data of different vintages (domain §1.3 / §2.2).
SANDIAO_2019 = [
    "FID",
    "BSM",
    "YSDM",
    "TBYBH",
    "TBBH",
    "DLBM",
    "DLMC",
    "QSXZ",
    "QSDWDM",
    "QSDWMC",
    "ZLDWDM",
    "ZLDWMC",
    "TBMJ",
    "KCDLBM",
    "KCXS",
    "KCMJ",
    "TBDLMJ",
    "GDLX",
    "GDPDJB",
    "XZDWKD",
    "TBXHDM",
    "TBXHMC",
    "ZZSXDM",
    "ZZSXMC",
    "GDDB",
    "FRDBS",
    "CZCSXM",
    "SJNF",
    "MSSM",
    "HDMC",
    "BZ",
]
BIANGENG_2023 = [
    "BSM",
    "TBBH",
    "DLBM",
    "DLMC",
    "ZLDWDM",
    "TBMJ",
    "KCXS",
    "KCMJ",
    "TBDLMJ",
    "XXTBKD",
    "GDZZSXDM",
    "GDZZSXMC",
    "GDPDJB",
    "SJNF",
]
ERDIAO_2009 = ["TBBH", "DLBM", "DLMC", "QSDWDM", "ZLDWDM", "TBMJ", "TKXS", "TKMJ", "GDPDJ", "TBDLMJ"]


def test_three_diao_names_resolve_to_themselves():
    roles = fr.resolve_roles("DLTB", SANDIAO_2019)
    for name in SANDIAO_2019[1:]:
        assert roles[name] == name


def test_biangeng_aliases():
    roles = fr.resolve_roles("DLTB", BIANGENG_2023)
    assert roles["XZDWKD"] == "XXTBKD"
    assert roles["ZZSXDM"] == "GDZZSXDM"
    assert roles["ZZSXMC"] == "GDZZSXMC"
    assert roles["QSXZ"] is None


def test_erdiao_aliases():
    roles = fr.resolve_roles("DLTB", ERDIAO_2009)
    assert roles["KCXS"] == "TKXS"
    assert roles["KCMJ"] == "TKMJ"
    assert roles["GDPDJB"] == "GDPDJ"


def test_case_insensitive_and_chinese_names():
    roles = fr.resolve_roles("DLTB", ["dlbm", "Zldwdm", "tbmj", "xxtbkd", "地类名称", "扣除地类系数"])
    assert roles["DLBM"] == "dlbm"
    assert roles["ZLDWDM"] == "Zldwdm"
    assert roles["XZDWKD"] == "xxtbkd"
    assert roles["DLMC"] == "地类名称"
    assert roles["KCXS"] == "扣除地类系数"


def test_exact_spelling_wins_over_a_case_variant():
    assert fr.resolve_roles("DLTB", ["kcxs", "KCXS", "DLBM"])["KCXS"] == "KCXS"


def test_canonical_name_wins_over_an_alias():
    roles = fr.resolve_roles("DLTB", ["DLBM", "XXTBKD", "XZDWKD"])
    assert roles["XZDWKD"] == "XZDWKD"


def test_result_lists_every_role_in_order():
    roles = fr.resolve_roles("DLTB", ["DLBM"])
    assert list(roles) == [r.name for r in fr.LAYER_TYPES["DLTB"].roles]
    assert sum(v is not None for v in roles.values()) == 1


def test_overrides_win_and_are_case_insensitive():
    fields = ["DL_CODE", "DLBM", "ZL", "TBMJ"]
    roles = fr.resolve_roles("DLTB", fields, {"dlbm": "dl_code", "ZLDWDM": "ZL"})
    assert roles["DLBM"] == "DL_CODE"  # the real spelling is returned
    assert roles["ZLDWDM"] == "ZL"


def test_override_empty_value_forces_no_field():
    roles = fr.resolve_roles("DLTB", ["DLBM", "KCXS"], {"KCXS": ""})
    assert roles["KCXS"] is None


def test_overridden_field_is_not_reused_by_matching():
    # A field claimed by an override is not matched again to the role whose name it carries.
    roles = fr.resolve_roles("DLTB", ["DLBM", "TBMJ", "MJ"], {"TBDLMJ": "TBMJ", "TBMJ": "MJ"})
    assert roles["TBDLMJ"] == "TBMJ" and roles["TBMJ"] == "MJ"
    roles = fr.resolve_roles("DLTB", ["DLBM", "TBMJ"], {"TBDLMJ": "TBMJ"})
    assert roles["TBMJ"] is None


def test_override_naming_a_missing_field_is_an_error():
    with pytest.raises(fr.FieldOverrideError) as caught:
        fr.resolve_roles("DLTB", ["DLBM", "TBMJ"], {"ZLDWDM": "ZL_CODE"})
    error = caught.value
    assert error.role == "ZLDWDM" and error.field_name == "ZL_CODE"
    assert "ZL_CODE" in str(error) and "DLBM, TBMJ" in str(error)


def test_override_of_an_unknown_role_is_an_error():
    with pytest.raises(fr.UnknownRoleError, match="NOPE"):
        fr.resolve_roles("DLTB", ["DLBM"], {"NOPE": "DLBM"})


def test_missing_required_role_names_role_and_lists_fields():
    with pytest.raises(fr.MissingRoleError) as caught:
        fr.resolve_roles("DLTB", ["BSM", "DL_CODE", "TBMJ"])
    error = caught.value
    assert error.role == "DLBM" and error.layer_type == "DLTB"
    assert error.available_fields == ("BSM", "DL_CODE", "TBMJ")
    message = str(error)
    assert "DLBM" in message and "BSM, DL_CODE, TBMJ" in message
    assert isinstance(error, ValueError)


def test_explicit_required_roles():
    with pytest.raises(fr.MissingRoleError) as caught:
        fr.resolve_roles("DLTB", ["DLBM"], required=["zldwdm", "KCXS"])
    assert caught.value.role == "ZLDWDM"
    assert caught.value.missing == ("ZLDWDM", "KCXS")
    assert "also missing: KCXS" in str(caught.value)
    assert fr.resolve_roles("DLTB", ["ZZ"], required=())["DLBM"] is None
    with pytest.raises(fr.UnknownRoleError):
        fr.resolve_roles("DLTB", ["DLBM"], required=["NOPE"])


def test_layer_type_aliases():
    assert fr.layer_type("yjjbntbhtb").name == "YJJBNTTB"
    assert fr.layer_type("永久基本农田").name == "YJJBNTTB"
    assert fr.layer_type_from_name("/data/三调/DLTB.shp") == "DLTB"
    assert fr.layer_type_from_name("YJJBNTBHTB") == "YJJBNTTB"
    assert fr.layer_type_from_name("roads") is None
    with pytest.raises(fr.UnknownLayerTypeError):
        fr.resolve_roles("ROADS", ["DLBM"])


def test_yjjbnttb_roles():
    fields = [
        "BSM",
        "XZQDM",
        "YJJBNTTBBH",
        "TBBH",
        "DLBM",
        "YJJBNTTBMJ",
        "KCXS",
        "KCMJ",
        "YJJBNTMJ",
        "GDZZSXDM",
        "GDDB",
        "GDDJ",
        "ZRRMC",
        "LXDH",
    ]
    roles = fr.resolve_roles("YJJBNTBHTB", fields)
    assert roles["YJJBNTTBMJ"] == "YJJBNTTBMJ" and roles["YJJBNTMJ"] == "YJJBNTMJ"
    assert roles["ZZSXDM"] == "GDZZSXDM"
    # processed data that kept DLTB names
    roles = fr.resolve_roles("YJJBNTTB", ["DLBM", "TBMJ", "TBDLMJ"])
    assert roles["YJJBNTTBMJ"] == "TBMJ" and roles["YJJBNTMJ"] == "TBDLMJ"
    assert fr.GROSS_AREA_ROLE["YJJBNTTB"] == "YJJBNTTBMJ" and fr.NET_AREA_ROLE["DLTB"] == "TBDLMJ"


def test_other_layer_types():
    assert fr.resolve_roles("XZQ", ["XZQDM", "XZQMC", "KZMJ"])["DCMJ"] == "KZMJ"
    cjdcq = fr.resolve_roles("CJDCQ", ["ZLDWDM", "ZLDWMC", "DCMJ"])
    assert cjdcq["ZLDWDM"] == "ZLDWDM" and cjdcq["DCMJ"] == "DCMJ"
    with pytest.raises(fr.MissingRoleError, match="ZLDWDM"):
        fr.resolve_roles("CJDCQ", ["NAME"])
    stbhhx = fr.resolve_roles("STBHHX", ["XJXZQHDM", "MC", "LXDM", "QYMJ"])
    assert stbhhx["XZQDM"] == "XJXZQHDM" and stbhhx["HXMC"] == "MC" and stbhhx["LXBM"] == "LXDM"
    assert stbhhx["MJ"] is None and stbhhx["QYMJ"] == "QYMJ"  # km², never taken for MJ
    czkfbj = fr.resolve_roles("CZKFBJ", ["XZQDM", "GHFQDM", "GHFQMC", "MJ"])
    assert czkfbj["GHFQMC"] == "GHFQMC"
    assert fr.resolve_roles("GDBHMB", ["DLBM", "TBDLMJ", "SFWHTD"])["SFWHTD"] == "SFWHTD"


@pytest.mark.parametrize("name", list(fr.LAYER_TYPES))
def test_no_name_is_claimed_by_two_roles(name):
    seen: dict[str, str] = {}
    for role in fr.LAYER_TYPES[name].roles:
        for candidate in role.candidates:
            key = candidate.casefold()
            assert seen.get(key, role.name) == role.name, (name, candidate, seen.get(key), role.name)
            seen[key] = role.name


def test_required_layer_types_of_the_brief_exist():
    assert {"DLTB", "YJJBNTTB", "GDBHMB", "STBHHX", "CZKFBJ", "XZQ", "CJDCQ"} <= set(fr.LAYER_TYPES)


# --- parse_field_map ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "DLBM=DL_CODE;ZLDWDM=ZL",
        " dlbm = DL_CODE ; ZLDWDM=ZL ;",
        "DLBM=DL_CODE,ZLDWDM=ZL",
        "DLBM=DL_CODE\nZLDWDM=ZL\n",
        '{"DLBM": "DL_CODE", "zldwdm": "ZL"}',
    ],
)
def test_parse_field_map_forms(text):
    assert fr.parse_field_map(text) == {"DLBM": "DL_CODE", "ZLDWDM": "ZL"}


def test_parse_field_map_blank_and_empty_values():
    assert fr.parse_field_map("") == {} and fr.parse_field_map(None) == {} and fr.parse_field_map("  ") == {}
    assert fr.parse_field_map("KCXS=") == {"KCXS": ""}
    assert fr.parse_field_map('{"KCXS": null}') == {"KCXS": ""}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("DLBM", "not ROLE=FIELD"),
        ("=DL_CODE", "no role name"),
        ("DLBM=A;dlbm=B", "twice"),
        ("{not json", "not valid JSON"),
        ('["DLBM"]', "must be an object"),
        ('{"DLBM": 3}', "must be text"),
    ],
)
def test_parse_field_map_errors(text, message):
    with pytest.raises(ValueError, match=message):
        fr.parse_field_map(text)
