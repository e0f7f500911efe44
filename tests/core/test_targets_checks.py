"""Checks: children sum to parent (exact to 0.01 亩), target ≤ mapped, every unit present, orphans."""

from __future__ import annotations

from farmland_guard.core.targets import Hierarchy, MappedFigures, TargetRecord, Unmatched, check_targets
from farmland_guard.core.targets.checks import worst_by_unit

TREE = Hierarchy.build([("410823100201", "东村"), ("410823100202", "西村")], top_level="county")


def _records(**values):
    return {code: TargetRecord(code, 2024, farmland=v, pbf=v) for code, v in values.items()}


def _kinds(problems, field="farmland"):
    return sorted(
        (p.kind, p.unit_code) for p in problems if p.field in (field, "") and p.kind != "missing-target"
    )


def test_consistent_tree_has_no_problem():
    assert TREE.roots == ("410823",)
    records = {
        "410823": TargetRecord("410823", 2024, farmland=1001, pbf=500),
        "410823100": TargetRecord("410823100", 2024, farmland=1001, pbf=500),
        "410823100201": TargetRecord("410823100201", 2024, farmland=1000, pbf=499),
        "410823100202": TargetRecord("410823100202", 2024, farmland=1, pbf=1),
    }
    assert check_targets(TREE, records) == []


def test_one_hundredth_off_is_a_mismatch():
    records = {
        "410823100": TargetRecord("410823100", 2024, farmland=1001),
        "410823100201": TargetRecord("410823100201", 2024, farmland=1000),
        "410823100202": TargetRecord("410823100202", 2024, farmland=2),
    }
    [problem] = [p for p in check_targets(TREE, records) if p.kind == "sum-mismatch"]
    assert (problem.unit_code, problem.expected, problem.actual, problem.difference) == (
        "410823100",
        1001,
        1002,
        1,
    )


def test_missing_and_orphan_targets():
    records = {
        "410823100201": TargetRecord("410823100201", 2024, farmland=5),
        "999999": TargetRecord("999999", 2024, farmland=5),
    }
    problems = check_targets(TREE, records, fields=("farmland",))
    missing = sorted(p.unit_code for p in problems if p.kind == "missing-target")
    assert missing == ["410823", "410823100", "410823100202"]
    assert [p.unit_code for p in problems if p.kind == "unknown-unit"] == ["999999"]


def test_target_above_mapped_is_shortfall_or_not_located():
    mapped = MappedFigures(
        by_kind={
            "farmland": {"410823100201": 1000},
            "target_polygons": {"410823100201": 800},
            "pbf": {"410823100201": 500},
        },
        unmatched={"farmland": Unmatched(3, 12345, ("4209",))},
    )
    records = {"410823100201": TargetRecord("410823100201", 2024, farmland=900, pbf=501)}
    problems = check_targets(TREE, records, mapped)
    found = sorted(
        (p.kind, p.field, p.expected, p.actual) for p in problems if p.kind in ("shortfall", "not-located")
    )
    assert found == [("not-located", "farmland", 800, 900), ("shortfall", "pbf", 500, 501)]
    [unmatched] = [p for p in problems if p.kind == "unmatched-parcels"]
    assert (unmatched.count, unmatched.actual) == (3, 12345)
    assert worst_by_unit(problems)["410823100201"] == "error"
    assert worst_by_unit(problems)["410823"] == "warning"
    # equal to mapped is fine
    records = {"410823100201": TargetRecord("410823100201", 2024, farmland=800, pbf=500)}
    assert not [p for p in check_targets(TREE, records, mapped) if p.kind in ("shortfall", "not-located")]


def test_rejected_codes_are_reported():
    tree = Hierarchy.build([("410823100201", "ok"), ("12345", "bad")])
    assert [p.unit_code for p in check_targets(tree, {}) if p.kind == "invalid-code"] == ["12345"]
