"""Field lists of the demo layers (domain.md §1.2–1.3, §2.2–2.5, §4.4; issue 4 for BCGD)."""

from __future__ import annotations

from .writer import Field


def S(name: str, width: int) -> Field:  # noqa: N802 - reads like the schema tables
    return Field(name, "str", width)


def R(name: str, width: int = 18, precision: int = 2) -> Field:  # noqa: N802
    return Field(name, "real", width, precision)


def I(name: str, width: int = 0) -> Field:  # noqa: N802, E743
    return Field(name, "int", width)


def D(name: str) -> Field:  # noqa: N802
    return Field(name, "date")


DLTB = [
    S("BSM", 18),
    S("YSDM", 10),
    S("TBYBH", 18),
    S("TBBH", 8),
    S("DLBM", 5),
    S("DLMC", 60),
    S("QSXZ", 2),
    S("QSDWDM", 19),
    S("QSDWMC", 254),
    S("ZLDWDM", 19),
    S("ZLDWMC", 254),
    R("TBMJ"),
    S("KCDLBM", 5),
    R("KCXS", 6, 4),
    R("KCMJ"),
    R("TBDLMJ"),
    S("GDLX", 2),
    S("GDPDJB", 2),
    R("XZDWKD", 5, 1),
    S("TBXHDM", 6),
    S("TBXHMC", 20),
    S("ZZSXDM", 6),
    S("ZZSXMC", 20),
    I("GDDB", 2),
    S("FRDBS", 1),
    S("CZCSXM", 4),
    I("SJNF", 4),
    S("MSSM", 2),
    S("HDMC", 100),
    S("BZ", 254),
]

XZQ = [
    S("BSM", 18),
    S("YSDM", 10),
    S("XZQDM", 12),
    S("XZQMC", 100),
    R("DCMJ"),
    R("JSMJ"),
    S("MSSM", 2),
    S("HDMC", 100),
    S("BZ", 254),
]

CJDCQ = [
    S("BSM", 18),
    S("YSDM", 10),
    S("ZLDWDM", 19),
    S("ZLDWMC", 254),
    R("DCMJ"),
    R("JSMJ"),
    S("MSSM", 2),
    S("HDMC", 100),
    S("BZ", 254),
]

YJJBNTTB = [
    S("BSM", 18),
    S("YSDM", 10),
    S("XZQDM", 12),
    S("XZQMC", 100),
    S("YJJBNTTBBH", 20),
    S("TBBH", 8),
    S("DLBM", 5),
    S("DLMC", 60),
    S("QSXZ", 2),
    S("QSDWDM", 19),
    S("QSDWMC", 254),
    S("ZLDWDM", 19),
    S("ZLDWMC", 254),
    R("YJJBNTTBMJ"),
    S("KCDLBM", 5),
    R("KCXS", 6, 4),
    R("KCMJ"),
    R("YJJBNTMJ"),
    S("GDLX", 2),
    S("GDPDJB", 2),
    S("TBXHDM", 6),
    S("TBXHMC", 20),
    S("ZZSXDM", 6),
    S("ZZSXMC", 20),
    I("GDDB", 2),
    I("GDDJ", 2),
    S("FRDBS", 1),
    I("SJNF", 4),
    S("ZMC", 60),
    S("ZRRMC", 60),
    S("LXDH", 20),
    D("BHKSSJ"),
    D("BHJSSJ"),
    S("WDGD", 10),
    S("SFWYYJJBNT", 10),
    S("BZ", 254),
]

STBHHX = [
    S("BSM", 18),
    S("YSDM", 10),
    S("XZQDM", 12),
    S("XZQMC", 100),
    S("SHENG", 50),
    S("SHI", 50),
    S("XIAN", 50),
    S("HXBM", 20),
    S("HXMC", 100),
    S("HXLX", 20),
    S("LXBM", 10),
    R("MJ"),
    S("ZRBHDMC", 100),
    S("ZRBHDJB", 20),
    S("ZRBHDLX", 20),
    S("ZRBHDFQ", 20),
    S("GKCS", 254),
    S("SZXJXZQDM", 12),
    S("SZXJXZQMC", 100),
    S("BZ", 254),
]

CZKFBJ = [
    S("BSM", 18),
    S("YSDM", 10),
    S("XZQDM", 12),
    S("XZQMC", 100),
    S("GHFQDM", 3),
    S("GHFQMC", 50),
    R("MJ"),
    S("BZ", 254),
]

JSXMYD = [
    S("XMBH", 30),
    S("XMMC", 200),
    S("XZQDM", 12),
    S("XZQMC", 100),
    D("PZRQ"),
    S("PZWH", 50),
    S("YDLX", 20),
    S("XMLX", 20),
    S("SFXX", 2),
    R("YDMJ"),
    S("BZ", 254),
]

BCGD = [
    S("ZBBH", 30),
    S("XMMC", 200),
    S("XZQDM", 12),
    S("XMLX", 30),
    D("RKRQ"),
    S("ZT", 10),
    R("GDMJ"),
    R("STMJ"),
    R("CN"),
    R("SYGDMJ"),
    R("SYSTMJ"),
    R("SYCN"),
    I("DB", 2),
    S("YSWH", 50),
]

TZ = [S("CJDM", 12), S("JB", 4), S("XM", 20), S("ZW", 50), S("DH", 20), S("DWMC", 100), S("WGBH", 20)]
