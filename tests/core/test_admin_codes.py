"""Administrative / 坐落单位 codes (core/admin_codes.py, domain §2.6)."""

from __future__ import annotations

import pytest

from farmland_guard.core import admin_codes as ac

ZLDWDM = "4108231002010000000"  # 焦作 县 410823, 镇 100, 村 201, village-level unit


def test_prefixes_of_a_19_digit_zldwdm():
    assert ac.county(ZLDWDM) == "410823"
    assert ac.township(ZLDWDM) == "410823100"
    assert ac.village(ZLDWDM) == "410823100201"
    assert ac.code_at_level(ZLDWDM, "city") == "4108"
    assert ac.code_at_level(ZLDWDM, "province") == "41"


def test_normalise_strips_and_accepts_numbers():
    assert ac.normalise("  410823100201 ") == "410823100201"
    assert ac.normalise(410823) == "410823"
    assert ac.normalise(410823100.0) == "410823100"
    assert ac.village(410823100201) == "410823100201"


@pytest.mark.parametrize(
    "bad", ["41082A", "4108231", "", "   ", None, "41082310020100000001", 410823.5, True, "４１０８２３"]
)
def test_invalid_codes_raise_with_the_code(bad):
    with pytest.raises(ac.AdminCodeError) as caught:
        ac.normalise(bad)
    assert caught.value.code == bad
    assert repr(bad) in str(caught.value)


def test_too_short_for_the_level():
    with pytest.raises(ac.AdminCodeError, match="too short for the village"):
        ac.village("410823100")
    with pytest.raises(ac.AdminCodeError, match="too short for the county"):
        ac.county("4108")
    with pytest.raises(ValueError, match="unknown level"):
        ac.code_at_level(ZLDWDM, "street")


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("41", "province"),
        ("410000", "province"),
        ("4108", "city"),
        ("410800", "city"),
        ("410823", "county"),
        ("410823000", "county"),
        ("410823100", "township"),
        ("410823100000", "township"),
        ("410823100201", "village"),
        ("4108231002010000000", "village"),
        ("2101221052000001000", "group"),  # real 19-digit sample with a sub-village suffix
        ("4108230000000000000", "county"),
    ],
)
def test_level_of(code, level):
    assert ac.level_of(code) == level


def test_significant():
    assert ac.significant("410823100000") == "410823100"
    assert ac.significant("4108230000000000000") == "410823"
    assert ac.significant("410800") == "4108"
    assert ac.significant(ZLDWDM) == "410823100201"


def test_is_child():
    assert ac.is_child("410823", ZLDWDM)
    assert ac.is_child("410823100", "410823100201")
    assert ac.is_child("410823100000", "410823100201")  # township written with 12 digits
    assert ac.is_child("410800", "410823")
    assert not ac.is_child("410823", "410823")  # a unit is not its own child
    assert not ac.is_child("410823100201", "410823100")  # the wrong way round
    assert not ac.is_child("410822", ZLDWDM)
    assert ac.is_child("410823100", "410823100201", direct=True)
    assert not ac.is_child("410823", "410823100201", direct=True)  # grandchild


def test_codes_at_level_and_try_normalise():
    assert ac.codes_at_level([ZLDWDM, ZLDWDM, "410823200305"], "township") == [
        "410823100",
        "410823100",
        "410823200",
    ]
    assert ac.try_normalise(" 410823 ") == "410823"
    assert ac.try_normalise("bad") is None
    assert ac.try_normalise(None) is None
    assert ac.try_normalise(1.5) is None
