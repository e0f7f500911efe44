"""一村一图 core: scale choice, file names, statistics on the TBDLMJ basis, roster, titles and notes.

Expectations are computed independently: scales by hand, areas and deductions with Decimal.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core import village_maps as vm

CENT = Decimal("0.01")


# ----------------------------------------------------------------------------------------- scale


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (1000, 800, 4000),  # needs max(1000·1.1/0.28, 800·1.1/0.25) = 3928.6 → 1:4000
        (1000, 1000, 5000),  # max(3928.6, 4400) → 1:5000
        (400, 300, 2000),  # 1571.4 → 1:2000
        (509.0909, 100, 2000),  # 509.0909·1.1/0.28 = 2000.0 exactly → still 1:2000
        (520, 100, 2500),  # 2042.9 → 1:2500
        (2400, 2000, 10000),  # max(9428.6, 8800) → 1:10000
        (2600, 2000, 12000),  # max(10214, 8800) → 1:12000
        (30000, 1000, 200000),  # 117857 → beyond the list: 2 × 10⁵
    ],
)
def test_scale_is_the_first_round_scale_that_fits(width, height, expected):
    assert vm.choose_scale(width, height, 280, 250, margin=0.05) == expected


@settings(max_examples=200, deadline=None)
@given(st.floats(1, 50000), st.floats(1, 50000), st.floats(50, 400), st.floats(50, 300))
def test_village_with_margin_fits_and_the_next_larger_scale_would_not(width, height, fw, fh):
    scale = vm.choose_scale(width, height, fw, fh, margin=0.05)
    needed = max(width * 1.1 / (fw / 1000), height * 1.1 / (fh / 1000))
    assert scale >= needed * (1 - 1e-9)
    smaller = [s for s in vm.ROUND_SCALES if s < scale]
    if smaller and scale in vm.ROUND_SCALES:
        assert max(smaller) < needed


@pytest.mark.parametrize(
    ("scale", "segment"),
    [(5000, 100.0), (12000, 200.0), (10000, 200.0), (2000, 50.0), (40000, 1000.0), (1000, 20.0)],
)
def test_scalebar_segments_are_round_and_at_least_15_mm(scale, segment):
    # 15 mm at 1:12000 = 180 m → 200 m; at 1:10000 = 150 m → 200 m; at 1:2000 = 30 m → 50 m
    assert vm.scalebar_segment_m(scale) == segment


def test_scale_rejects_a_frame_without_size():
    with pytest.raises(vm.VillageMapError):
        vm.choose_scale(100, 100, 0, 100)


# ------------------------------------------------------------------------------------ file names


def _names(*items):
    return [vm.VillageNames(code, name, "柳河镇", "示范县", i + 1) for i, (code, name) in enumerate(items)]


def test_default_pattern_gives_code_and_name():
    stems = vm.file_stems(vm.DEFAULT_FILENAME, _names(("410821100200", "苏冲村")))
    assert stems == ["410821100200_苏冲村_耕地保护现状图"]


def test_forbidden_characters_reserved_names_and_trailing_dots_are_made_safe():
    stems = vm.file_stems(
        "{村名}",
        _names(
            ("410821100200", 'a:b/c\\d*e?f"g<h>i|j'),
            ("410821100201", "CON"),
            ("410821100202", "村. "),
            ("410821100203", "  "),
        ),
    )
    assert stems[0] == "a_b_c_d_e_f_g_h_i_j"
    assert stems[1] == "_CON"
    assert stems[2] == "村"
    assert stems[3] == "410821100203"  # nothing left: the code stands in


def test_duplicates_get_numbered_suffixes_ignoring_case():
    stems = vm.file_stems(
        "{村名}", _names(("1" * 12, "Dongfeng"), ("2" * 12, "dongfeng"), ("3" * 12, "DONGFENG"))
    )
    assert stems == ["Dongfeng", "dongfeng_2", "DONGFENG_3"]


def test_other_placeholders_and_extension_in_the_pattern():
    stems = vm.file_stems(
        "{序号}-{县}{乡镇}{村名}-{乡镇代码}-{县代码}.pdf", _names(("410821100200", "苏冲村"))
    )
    assert stems == ["001-示范县柳河镇苏冲村-410821100-410821"]


def test_unknown_placeholder_is_a_clear_error():
    with pytest.raises(vm.VillageMapError) as info:
        vm.file_stems("{村代码}_{村长}", _names(("410821100200", "苏冲村")))
    assert info.value.kind == "unknown-placeholder"
    assert info.value.value == "村长"


def test_long_chinese_names_are_cut_on_a_character_boundary():
    stem = vm.sanitize_file_name("村" * 200)
    assert len(stem.encode("utf-8")) <= vm.MAX_STEM_BYTES
    assert stem == "村" * (vm.MAX_STEM_BYTES // 3)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=90), min_size=1, max_size=12))
def test_any_names_give_safe_unique_deterministic_stems(names):
    villages = _names(*[("4108211002{:02d}".format(i), n) for i, n in enumerate(names)])
    stems = vm.file_stems("{村名}", villages)
    assert stems == vm.file_stems("{村名}", villages)
    assert len({s.casefold() for s in stems}) == len(stems)
    for stem in stems:
        assert stem and not stem.endswith((" ", "."))
        assert not set(stem) & set('<>:"/\\|?*')
        assert all(ord(c) >= 32 for c in stem)
        assert len(stem.encode("utf-8")) <= vm.MAX_STEM_BYTES
        assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}


# ------------------------------------------------------------------------------------ statistics


def _net_decimal(area: float, kcxs: float | None) -> int:
    tbmj = Decimal(repr(area)).quantize(CENT, ROUND_HALF_UP)
    coefficient = Decimal(repr(kcxs)).quantize(Decimal("0.0001"), ROUND_HALF_UP) if kcxs else Decimal(0)
    kcmj = (tbmj * coefficient).quantize(CENT, ROUND_HALF_UP)
    return int((tbmj - kcmj) / CENT)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 1e6), st.one_of(st.none(), st.floats(0, 0.9999))), min_size=1, max_size=20
    )
)
def test_net_cents_equal_the_decimal_deduction(rows):
    areas = [a for a, _ in rows]
    kcxs = [k for _, k in rows]
    got = vm.net_cents(np.array(areas), kcxs)
    assert got.tolist() == [_net_decimal(a, k) for a, k in rows]


def test_village_statistics_sum_classes_and_ignore_other_land():
    stats = vm.village_statistics(
        [100_00, 200_00, 300_00, 999_00, 50_00],
        ["0101", "102", "0103K", "0301", "0103"],  # 102 is 0102 with the zero dropped; 0301 is 林地
        pbf_net_cents=[40_00, 0, 10_00],
    )
    assert stats.class_cents == {"0101": 100_00, "0102": 200_00, "0103": 350_00}
    assert stats.farmland_cents == 650_00
    assert stats.farmland_pieces == 4
    assert (stats.pbf_cents, stats.pbf_count) == (50_00, 2)


def test_figures_are_half_up_and_classes_add_up_to_the_total():
    # three classes of 0.35 m² each: 0.000525 亩 → each 0.00, total 1.05 m² → 0.001575 → 0.00;
    # with 3.35 m² each: 0.005025 → 0.01 each but the total 10.05 m² = 0.015075 → 0.02: levelled.
    stats = vm.VillageStatistics(class_cents={"0101": 335, "0102": 335, "0103": 335})
    figures = vm.statistics_figures(stats)
    assert figures.farmland_mu == "0.02"
    assert sum(Decimal(v) for v in figures.class_mu.values()) == Decimal("0.02")
    assert figures.farmland_ha == "0.0010"
    assert sum(Decimal(v) for v in figures.class_ha.values()) == Decimal("0.0010")


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**13))
def test_mu_and_ha_conversions_match_decimal(cents):
    m2 = Decimal(cents) / 100
    assert vm.mu_hundredths(cents) == int((m2 * Decimal("0.0015") / CENT).quantize(Decimal(1), ROUND_HALF_UP))
    assert vm.ha_ten_thousandths(cents) == int(
        (m2 / 10000 / Decimal("0.0001")).quantize(Decimal(1), ROUND_HALF_UP)
    )


def test_statistics_rows_with_target_and_completion():
    target = vm.mu_from_target("100")  # 100 亩 = 66 666.67 m²
    assert target == 6_666_667
    stats = vm.VillageStatistics(
        class_cents={"0101": 6_000_000, "0102": 0, "0103": 1_000_000},
        pbf_cents=3_000_000,
        pbf_count=7,
        target_cents=target,
    )
    rows = vm.statistics_rows(vm.statistics_figures(stats), with_target=True)
    assert rows[0] == ("耕地总面积", "105.00", "7.0000")
    assert rows[4] == ("永久基本农田", "45.00", "3.0000")
    assert rows[5] == ("永久基本农田图斑（个）", "7", "")
    assert rows[6] == ("耕地保有量目标", "100.00", "6.6667")
    # 70 000 / 66 666.67 = 105.0000 %
    assert rows[7] == ("目标完成率", "105.00%", "达标")


def test_target_not_met_beyond_the_tolerance_of_one_hundredth_mu():
    target = vm.mu_from_target(100.0)
    short = vm.VillageStatistics(class_cents={"0101": target - 14, "0102": 0, "0103": 0}, target_cents=target)
    assert short.target_met() is True  # 0.14 m² short = 0.0002 亩, within 0.01 亩
    far = vm.VillageStatistics(class_cents={"0101": target - 1500, "0102": 0, "0103": 0}, target_cents=target)
    assert far.target_met() is False  # 15 m² = 0.0225 亩 short


# ---------------------------------------------------------------------------------------- roster

ROSTER = [
    {
        "code": "410821000000",
        "level": "县",
        "name": "雷振松",
        "position": "县长",
        "phone": "1",
        "unit_name": "示范县",
    },
    {
        "code": "410821100000",
        "level": "乡",
        "name": "邱军红",
        "position": "镇长",
        "phone": "2",
        "unit_name": "柳河镇",
    },
    {"code": "410821101000", "level": "乡", "name": "史玉", "position": "镇长", "phone": "3"},
    {"code": "410821100200", "level": "网格", "name": "余雪柏", "position": "网格员", "phone": "4"},
    {"code": "410821100200", "level": "村", "name": "龙婷阳", "position": "书记", "phone": "5"},
    {"code": "410821100200", "level": "", "name": "", "position": "", "phone": ""},
    {"code": "abc", "level": "村", "name": "x"},
]


def test_roster_for_a_village_takes_its_county_township_and_village_in_level_order():
    entries, skipped = vm.roster_entries(ROSTER)
    assert skipped == [5, 6]
    rows = vm.roster_for_village(entries, "4108211002000000000")
    assert [(e.level_label, e.name) for e in rows] == [
        ("县级田长", "雷振松"),
        ("乡级田长", "邱军红"),
        ("村级田长", "龙婷阳"),
        ("网格员", "余雪柏"),
    ]
    assert vm.roster_for_village(entries, "410822100200") == []


@pytest.mark.parametrize(
    ("value", "level"),
    [
        ("县级", 1),
        ("乡镇", 2),
        ("镇", 2),
        ("村级田长", 3),
        ("网格员", 4),
        ("田管员", 4),
        ("2", 2),
        (None, None),
    ],
)
def test_levels_are_read_from_words_and_digits(value, level):
    assert vm.parse_level(value) == level


def test_level_falls_back_to_the_unit_code():
    assert vm.parse_level("", "410821101") == 2


def test_roster_rows_say_how_many_are_left_out():
    entries, _ = vm.roster_entries(ROSTER)
    rows, left = vm.roster_rows(entries, 3)
    assert left == 3  # 5 entries, 2 shown, the third row sums up the rest
    assert rows[-1] == ("…", "另有3人", "详见田长名录", "")
    assert vm.roster_rows(entries[:2], 3) == (
        [("县级田长", "雷振松", "县长", "1"), ("乡级田长", "邱军红", "镇长", "2")],
        0,
    )


def test_place_names_from_roster_unit_names():
    entries, _ = vm.roster_entries(ROSTER)
    names = vm.unit_names(entries)
    assert vm.place_names("410821100200", names) == ("示范县", "柳河镇")
    assert vm.place_names("410821101001", names) == ("示范县", "")


def test_targets_table_keeps_village_rows_with_numbers():
    targets, skipped = vm.targets_by_village(
        [("410821100200", "100"), ("4108211002000000000", 50), ("410821100", 999), ("410821100201", "n/a")]
    )
    assert targets == {"410821100200": vm.mu_from_target(100) + vm.mu_from_target(50)}
    assert skipped == [2, 3]


def test_fields_are_matched_case_insensitively_in_candidate_order():
    found = vm.match_fields(["cjdm", "XM", "电话", "jb"], vm.ROSTER_FIELDS)
    assert found == {
        "code": "cjdm",
        "level": "jb",
        "name": "XM",
        "position": None,
        "phone": "电话",
        "unit_name": None,
    }


# ---------------------------------------------------------------------------------- titles, pages


def test_title_and_notes():
    assert vm.title_text("示范县", "柳河镇", "苏冲村") == "示范县柳河镇苏冲村耕地保护现状图"
    assert vm.crs_note(4547) == "2000国家大地坐标系　高斯-克吕格投影　3°带　中央经线114°"
    assert vm.crs_note(4526) == "2000国家大地坐标系　高斯-克吕格投影　3°带（第38带）　中央经线114°"
    assert vm.crs_note(4498) == "2000国家大地坐标系　高斯-克吕格投影　6°带（第20带）　中央经线117°"
    assert vm.crs_note(4490) == "2000国家大地坐标系　地理坐标（经纬度）"
    assert vm.data_source_note(2023) == "数据来源：2023年度国土变更调查"
    assert vm.report_phone_note().endswith("12336")
    assert vm.mapping_unit("示范县") == "示范县自然资源局"


@pytest.mark.parametrize(("longitude", "epsg"), [(113.2, 4547), (114.0, 4547), (115.6, 4548), (75.0, 4534)])
def test_three_degree_zone_of_a_longitude(longitude, epsg):
    assert vm.gk3_epsg_for_longitude(longitude) == epsg


def test_page_of_an_empty_multipart_village_without_roster_tells_why():
    names = vm.VillageNames("410821100200", "苏冲村", "柳河镇", "示范县", 1)
    stats = vm.village_statistics([], [])
    page = vm.build_page(names, "stem", 5000, (0.0, 0.0), stats, [], {}, False, 8, parts=2)
    kinds = [k for k, _ in page.issues]
    assert kinds == [vm.NO_FARMLAND, vm.NO_ROSTER, vm.MULTIPART]
    assert page.notes["notice"] == "本村无耕地图斑；本村田长信息未登记；本村由2块不相连的区域组成（含飞地）"
    assert page.title == "示范县柳河镇苏冲村耕地保护现状图"
    assert page.notes["subtitle"].startswith("村代码：410821100200")
    row = vm.index_row(1, page, names, ["a.pdf"], True, "")
    assert len(row) == len(vm.INDEX_COLUMNS)
    assert row[7] == 0.0 and row[-2] == "成功"


def test_latest_year_of_a_targets_table():
    assert vm.latest_year([2024, "2025", None, "2025年", "n/a", 2023]) == (2025, [1, 3])
    assert vm.latest_year([None, "", None]) == (None, [0, 1, 2])
