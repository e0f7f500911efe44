"""Target values in hundredths of 亩: parsing what planners type, text, merge of concurrent edits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from farmland_guard.core.targets.records import (
    TargetRecord,
    TargetValueError,
    cents_from_stored,
    merge_records,
    mu_text,
    parse_mu,
)


@pytest.mark.parametrize(
    "text, cents",
    [
        ("1234.56", 123456),
        ("1,234.5", 123450),
        (" 7 ", 700),
        ("0.07", 7),
        ("12 亩", 1200),
        ("", None),
        (None, None),
    ],
)
def test_parse_mu(text, cents):
    assert parse_mu(text) == cents


@pytest.mark.parametrize(
    "text, kind",
    [("1.234", "too-many-decimals"), ("-1", "negative"), ("abc", "not-a-number"), ("nan", "not-a-number")],
)
def test_parse_mu_refuses(text, kind):
    with pytest.raises(TargetValueError) as caught:
        parse_mu(text)
    assert caught.value.kind == kind


@given(st.integers(min_value=0, max_value=10**13))
def test_text_round_trip(cents):
    text = mu_text(cents)
    assert Decimal(text) == Decimal(cents) / 100
    assert parse_mu(text) == cents
    assert parse_mu(mu_text(cents, grouping=True)) == cents


@given(st.integers(min_value=0, max_value=10**13))
def test_stored_floats_read_back_exactly(cents):
    # a 2-decimal double (SQLite REAL) → exact hundredths
    assert cents_from_stored(float(Decimal(cents) / 100)) == cents
    assert cents_from_stored(Decimal(cents) / 100) == cents


def test_record_validation():
    record = TargetRecord("410823", 2024)
    assert record.with_value("farmland", 5).farmland == 5
    assert record.with_value("signed_on", " 2024-03-01 ").signed_on == "2024-03-01"
    for field, value in (("farmland", -1), ("farmland", 1.5), ("signed_on", "1.3.2024"), ("nope", 1)):
        with pytest.raises(TargetValueError):
            record.with_value(field, value)


def test_merge_takes_each_side_where_only_it_changed():
    base = TargetRecord("410823", 2024, farmland=100, pbf=80, doc_no="1号", version=3)
    mine = TargetRecord("410823", 2024, farmland=100, pbf=90, doc_no="1号", version=3)
    theirs = TargetRecord("410823", 2024, farmland=120, pbf=80, doc_no="2号", version=4)
    merged, conflicts = merge_records(base, mine, theirs)
    assert conflicts == ()
    assert (merged.farmland, merged.pbf, merged.doc_no, merged.version) == (120, 90, "2号", 4)


def test_merge_reports_fields_changed_on_both_sides():
    base = TargetRecord("410823", 2024, farmland=100)
    merged, conflicts = merge_records(
        base,
        TargetRecord("410823", 2024, farmland=110),
        TargetRecord("410823", 2024, farmland=120, version=2),
    )
    assert merged is None and conflicts == ("farmland",)
    # both made the same change: no conflict
    merged, conflicts = merge_records(
        base,
        TargetRecord("410823", 2024, farmland=110),
        TargetRecord("410823", 2024, farmland=110, version=2),
    )
    assert conflicts == () and merged.farmland == 110
    # they deleted the row I changed
    assert merge_records(base, TargetRecord("410823", 2024, farmland=1), None)[0] is None
