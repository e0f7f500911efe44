"""Exact 公顷 / 亩 from cents, the area-weighted mean, and the site-field helpers."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from farmland_guard.core.overlay.figures import ha_of_cents, m2_of_cents, mu_of_cents, weighted_mean
from farmland_guard.core.overlay.site_fields import guess_field, iso_date, site_id_text


def decimal_ha(cents: int) -> float:
    return float((Decimal(cents) / Decimal(10**6)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def decimal_mu(cents: int) -> float:
    m2 = Decimal(cents) / 100
    return float((m2 * 15 / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_ties_round_half_up():
    assert ha_of_cents(50) == 0.0001  # 0.5 m² = 0.00005 公顷
    assert ha_of_cents(49) == 0.0
    assert mu_of_cents(1000) == 0.02  # 10 m² = 0.015 亩
    assert mu_of_cents(999) == 0.01
    assert ha_of_cents(-50) == -0.0001
    assert m2_of_cents(123456) == 1234.56


@given(st.integers(min_value=0, max_value=10**13))
def test_scalar_conversions_match_decimal(cents):
    assert ha_of_cents(cents) == decimal_ha(cents)
    assert mu_of_cents(cents) == decimal_mu(cents)


@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=50))
def test_array_conversions_match_decimal(values):
    array = np.array(values, dtype=np.int64)
    assert ha_of_cents(array).tolist() == [decimal_ha(v) for v in values]
    assert mu_of_cents(array).tolist() == [decimal_mu(v) for v in values]


def test_weighted_mean_by_hand():
    # (5 × 100.00 + 7 × 300.00) / 400.00 = 6.5; NaN grades and zero weights are left out
    assert weighted_mean(np.array([5.0, 7.0, np.nan, 1.0]), np.array([10000, 30000, 50000, 0])) == 6.5
    # 4 × 1 + 5 × 2 = 14 / 3 = 4.666… → 4.67
    assert weighted_mean(np.array([4.0, 5.0]), np.array([1, 2])) == 4.67
    assert weighted_mean(np.array([np.nan]), np.array([100])) is None
    assert weighted_mean(np.array([]), np.array([], dtype=np.int64)) is None


def test_iso_date_forms():
    assert iso_date("20230506") == "2023-05-06"
    assert iso_date("2023-5-6") == "2023-05-06"
    assert iso_date("2023/05/06 00:00:00") == "2023-05-06"
    assert iso_date("2023年5月6日") == "2023-05-06"
    assert iso_date(20230506) == "2023-05-06"
    assert iso_date(20230506.0) == "2023-05-06"
    assert iso_date(dt.date(2021, 1, 2)) == "2021-01-02"
    assert iso_date(dt.datetime(2021, 1, 2, 13, 0)) == "2021-01-02"
    assert iso_date("2023-02-30") == ""
    assert iso_date("next year") == ""
    assert iso_date(None) == ""


def test_guess_field_and_ids():
    assert guess_field(["fid", "xmbh", "XMMC"], ("XMBH", "DKBH")) == "xmbh"
    assert guess_field(["DKBH", "XMBH"], ("XMBH", "DKBH")) == "XMBH"
    assert guess_field(["项目编号"], ("XMBH", "项目编号")) == "项目编号"
    assert guess_field(["A"], ("XMBH",)) is None
    assert site_id_text(12.0, "7") == "12"
    assert site_id_text("  ", "7") == "7"
    assert site_id_text(None, "7") == "7"
