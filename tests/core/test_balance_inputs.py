"""Reading the DEMANDS / SUPPLY rows: every bad value named by table, row and field; nothing returned.

Also the field roles of the two tables, FIELD_MAP with table prefixes, and the grade → yield table
(placeholder values checked against the hand computation kg/亩 × 15 / 10000).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from farmland_guard.core.balance import Rules
from farmland_guard.core.balance.fields import DEMANDS, SUPPLY, resolve_fields, split_field_map
from farmland_guard.core.balance.inputs import BalanceInputError, parse_date, read_demands, read_supplies
from farmland_guard.core.field_roles import FieldOverrideError, MissingRoleError, UnknownRoleError
from farmland_guard.core.grain_yield import (
    DEFAULT_TABLE,
    YieldTable,
    YieldTableError,
    default_yield_per_m2,
    parse_yield_table,
)


def dem_row(**overrides):
    row = {"XMBH": "P1", "XZQDM": "410802", "PZRQ": "2024-05-01", "GDMJ": 1000, "STMJ": 200, "CN": 1350, "DB": 7}
    row.update(overrides)
    return row


def sup_row(**overrides):
    row = {
        "ZBBH": "Z1",
        "XZQDM": "410802",
        "RKRQ": "2023-01-01",
        "SYGDMJ": 600,
        "SYSTMJ": 300,
        "SYCN": 1000,
        "DB": 6,
        "ZT": "可用",
    }
    row.update(overrides)
    return row


def problems(call):
    with pytest.raises(BalanceInputError) as info:
        call()
    return [(p.table, p.row, p.field, p.code) for p in info.value.problems]


def test_a_good_row_is_read_in_hundredths():
    (d,) = read_demands([(2, dem_row(GDMJ="1,234.565", STMJ=0.005))], Rules(), DEFAULT_TABLE)
    assert (d.demand_id, d.county, d.date) == ("P1", "410802", datetime.date(2024, 5, 1))
    assert (d.area, d.paddy, d.capacity, d.grade_x100) == (123457, 1, 135000, 700)  # half-up
    assert d.row == 2 and not d.capacity_computed


def test_county_comes_from_longer_codes_and_numbers():
    (d,) = read_demands([(2, dem_row(XZQDM=410823100.0))], Rules(), DEFAULT_TABLE)
    assert d.county == "410823"


@pytest.mark.parametrize(
    "field, value, code",
    [
        ("GDMJ", -1, "negative"),
        ("GDMJ", None, "missing"),
        ("GDMJ", "abc", "not_number"),
        ("STMJ", "", "missing"),
        ("PZRQ", "2024-13-01", "bad_date"),
        ("PZRQ", "next week", "bad_date"),
        ("DB", 0, "bad_grade"),
        ("DB", 16, "bad_grade"),
        ("XZQDM", "4108", "bad_county"),
        ("XZQDM", "990802", "bad_county"),
        ("XZQDM", "410000", "bad_county"),
        ("XZQDM", "41O802", "bad_county"),
        ("STMJ", 2000, "paddy_exceeds_area"),
    ],
)
def test_bad_demand_values_are_named(field, value, code):
    found = problems(lambda: read_demands([(7, dem_row(**{field: value}))], Rules(), DEFAULT_TABLE))
    assert found == [(DEMANDS, 7, field, code)]


def test_every_problem_of_every_row_is_listed():
    rows = [(2, dem_row(GDMJ=-5, PZRQ="x")), (3, dem_row(XMBH="P2")), (4, dem_row(XMBH="P1", DB=None))]
    found = problems(lambda: read_demands(rows, Rules(), DEFAULT_TABLE))
    assert sorted(found) == [
        (DEMANDS, 2, "GDMJ", "negative"),
        (DEMANDS, 2, "PZRQ", "bad_date"),
        (DEMANDS, 4, "DB", "missing"),
        (DEMANDS, 4, "XMBH", "duplicate_id"),
    ]


def test_a_row_occupying_nothing_needs_no_county_date_or_grade():
    # a VERDICT site off farmland: GDMJ 0, STMJ 0, CN 0, no XZQDM / DB
    (d,) = read_demands([(3, dem_row(XZQDM="", PZRQ=None, GDMJ=0, STMJ=0, CN=0, DB=None))], Rules(), DEFAULT_TABLE)
    assert (d.county, d.date, d.area, d.capacity) == ("", None, 0, 0)
    found = problems(lambda: read_demands([(3, dem_row(XZQDM="", GDMJ=0, STMJ=0, CN=5))], Rules(), DEFAULT_TABLE))
    assert found == [(DEMANDS, 3, "XZQDM", "missing")]


def test_duplicate_record_ids_name_both_rows():
    with pytest.raises(BalanceInputError) as info:
        read_supplies([(2, sup_row()), (5, sup_row())], Rules())
    (p,) = info.value.problems
    assert (p.table, p.row, p.field, p.code, p.value, p.other_row) == (SUPPLY, 5, "ZBBH", "duplicate_id", "Z1", 2)


def test_switches_relax_what_is_required():
    # no approval date and no grade are fine when 先补后占 and the quality rule are off (CN given)
    rules = Rules(supply_before_demand=False, quality_not_lower=False)
    (d,) = read_demands([(2, dem_row(PZRQ=None, DB=None))], rules, DEFAULT_TABLE)
    assert d.date is None and d.grade_x100 is None
    (s,) = read_supplies([(2, sup_row(DB=None))], rules)
    assert s.grade_x100 is None


def test_unusable_records_need_no_date_or_county():
    (s,) = read_supplies([(2, sup_row(RKRQ=None, XZQDM=None, DB=None, ZT="已用完"))], Rules())
    assert s.status == "已用完" and s.date is None and s.county == ""
    found = problems(lambda: read_supplies([(3, sup_row(RKRQ=None))], Rules()))
    assert found == [(SUPPLY, 3, "RKRQ", "missing")]


def test_missing_status_means_unusable():
    (s,) = read_supplies([(2, sup_row(ZT=None))], Rules())
    assert s.status == ""


def test_missing_capacity_is_computed_from_the_grade():
    # 等别 7 → 900 kg/亩 = 900 × 15 / 10000 = 1.35 kg/m²; 1234.56 m² → 1666.656 kg → 1666.66
    (d,) = read_demands([(2, dem_row(GDMJ=1234.56, CN=None))], Rules(), DEFAULT_TABLE)
    assert d.capacity == 166666 and d.capacity_computed
    # a fractional grade is interpolated: 6.5 → (1.5 + 1.35) / 2 = 1.425 kg/m² → 1000 m² = 1425 kg
    (d,) = read_demands([(2, dem_row(DB=6.5, CN=None))], Rules(), DEFAULT_TABLE)
    assert d.capacity == 142500
    found = problems(
        lambda: read_demands([(2, dem_row(CN=None, DB=None))], Rules(quality_not_lower=False), DEFAULT_TABLE)
    )
    assert found == [(DEMANDS, 2, "DB", "missing")]
    table = YieldTable({5: "1.2", 6: "1.0"})
    found = problems(lambda: read_demands([(2, dem_row(CN=None, DB=9))], Rules(), table))
    assert found == [(DEMANDS, 2, "DB", "grade_off_table")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-05-01", datetime.date(2024, 5, 1)),
        ("2024/5/1", datetime.date(2024, 5, 1)),
        ("2024.05.01", datetime.date(2024, 5, 1)),
        ("2024年5月1日", datetime.date(2024, 5, 1)),
        ("20240501", datetime.date(2024, 5, 1)),
        (20240501, datetime.date(2024, 5, 1)),
        ("2024-05-01T08:30:00", datetime.date(2024, 5, 1)),
        (datetime.datetime(2024, 5, 1, 23, 59), datetime.date(2024, 5, 1)),
    ],
)
def test_date_forms(text, expected):
    assert parse_date(text) == expected


def test_placeholder_yield_table_by_hand():
    # kg/亩 1500 − 100 (g − 1) → kg/m² × 15 / 10000
    assert DEFAULT_TABLE.per_m2(1) == Decimal("2.25")
    assert DEFAULT_TABLE.per_m2(15) == Decimal("0.15")
    assert DEFAULT_TABLE.per_m2(Decimal("7.25")) == Decimal("1.35") - Decimal("0.25") * Decimal("0.15")
    assert DEFAULT_TABLE.per_m2(16) is None
    assert default_yield_per_m2(7) == 1.35 and default_yield_per_m2(0) is None


def test_yield_table_text():
    table = parse_yield_table("5=1.2; 6=1.0\n7=0.8")
    assert table.capacity_cents(100000, 550) == 110000  # 1000 m² × 1.1
    assert parse_yield_table("  ") is DEFAULT_TABLE
    for bad in ("5=1.2;5=1.3", "5:1.2", "5=-1", "x=1"):
        with pytest.raises(YieldTableError):
            parse_yield_table(bad)


def test_field_map_with_table_prefixes():
    parsed = split_field_map("GDMJ=ZYMJ; SUPPLY:DB=ZLDB, XZQDM=XZQ")
    assert parsed == {DEMANDS: {"GDMJ": "ZYMJ", "XZQDM": "XZQ"}, SUPPLY: {"DB": "ZLDB", "XZQDM": "XZQ"}}
    with pytest.raises(UnknownRoleError):
        split_field_map("NOSUCH=X")
    with pytest.raises(UnknownRoleError):
        split_field_map("SUPPLY:GDMJ=X")  # GDMJ is a demand role
    with pytest.raises(ValueError):
        split_field_map("LEDGER:DB=X")


def test_fields_resolve_by_name_alias_and_label():
    names = resolve_fields(DEMANDS, ["xmbh", "行政区代码", "PZRQ", "ZYGDMJ", "STMJ", "GDDB"], {}, ["GDMJ"])
    assert names["XMBH"] == "xmbh" and names["XZQDM"] == "行政区代码" and names["GDMJ"] == "ZYGDMJ"
    assert names["DB"] == "GDDB" and names["CN"] is None
    with pytest.raises(MissingRoleError) as info:
        resolve_fields(SUPPLY, ["ZBBH", "XZQDM"], {}, ["ZBBH", "SYGDMJ", "ZT"])
    assert info.value.role == "SYGDMJ" and info.value.missing == ("SYGDMJ", "ZT")
    with pytest.raises(FieldOverrideError):
        resolve_fields(SUPPLY, ["ZBBH"], {"ZBBH": "BH2"}, [])
