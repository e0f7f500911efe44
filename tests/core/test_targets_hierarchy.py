"""Unit tree from administrative codes (domain §2.6, §6.3)."""

from __future__ import annotations

from farmland_guard.core.targets.hierarchy import Hierarchy, display_code, parent_code, unit_code


def test_tree_from_townships_and_villages_adds_the_county():
    units = [
        ("410823100", "祥云镇"),
        ("4108231002010000000", "东村"),  # ZLDWDM, 19 digits
        ("410823100202", "西村"),
        ("410823101000", "温泉街道"),  # a township written with 12 digits
        ("410823101201", "南村"),
    ]
    tree = Hierarchy.build(units)
    assert tree.roots == ("410823",)
    assert tree.children("410823") == ("410823100", "410823101")
    assert tree.children("410823100") == ("410823100201", "410823100202")
    assert tree["410823101"].name == "温泉街道"
    assert tree["410823"].name == "" and tree["410823"].level == "county"
    assert tree["410823100201"].level == "village"
    assert tree.depth_first() == (
        "410823",
        "410823100",
        "410823100201",
        "410823100202",
        "410823101",
        "410823101201",
    )
    assert tree.bottom_up()[0] == "410823101201"
    assert tree.ancestors("410823100202") == ["410823100", "410823"]


def test_several_counties_get_the_city_root():
    tree = Hierarchy.build([("410823100201", "a"), ("410882100201", "b")])
    assert tree.roots == ("4108",)
    assert display_code("4108") == "410800"
    assert tree.children("4108") == ("410823", "410882")


def test_top_level_can_be_forced_and_bad_codes_are_kept_aside():
    tree = Hierarchy.build([("410823100201", "a"), ("41082310020", "bad"), (None, "none")], top_level="city")
    assert tree.roots == ("4108",)
    assert [r.name for r in tree.rejected] == ["bad", "none"]


def test_codes_and_parents():
    assert unit_code("4108231002010000000") == "410823100201"
    assert unit_code("4108231002010010000") == "410823100201"  # a 村民小组 code → its village
    assert parent_code("410823100201") == "410823100"
    assert parent_code("410823") == "4108"
    assert parent_code("410823000201") == "410823"  # a village directly under the county


def test_find_unit_and_search():
    tree = Hierarchy.build([("410823100201", "东村"), ("410823100202", "西村")])
    assert tree.find_unit("4108231002020030000") == "410823100202"
    assert tree.find_unit("4108231009990000000") == "410823100"
    assert tree.find_unit("420100") is None
    assert tree.find_unit("garbage") is None
    assert tree.search("西") == ["410823100202"]
    assert tree.search("100201") == ["410823100201"]
