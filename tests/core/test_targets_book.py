"""The editing book and the Qt-free undo stack: edit, allocate, undo, redo, pending changes, rebase."""

from __future__ import annotations

import time

import numpy as np

from farmland_guard.core.targets import Hierarchy, MappedFigures, TargetBook, TargetRecord, UndoStack
from farmland_guard.core.targets.mapped import mapped_figures

TREE = Hierarchy.build([("410823100201", "东村"), ("410823100202", "西村"), ("410823101201", "南村")])
MAPPED = MappedFigures(
    by_kind={
        "farmland": {
            "410823": 400,
            "410823100": 300,
            "410823100201": 100,
            "410823100202": 200,
            "410823101": 100,
            "410823101201": 100,
        }
    }
)


def test_edit_undo_redo():
    book = TargetBook(TREE, 2024, mapped=MAPPED)
    stack = UndoStack(book)
    seen = []
    book.add_listener(seen.append)
    stack.push(book.edit("410823", "farmland", 400))
    stack.push(book.edit("410823", "doc_no", "温政〔2024〕1号"))
    assert book.value("410823", "farmland") == 400 and seen[-1] == ("410823",)
    stack.undo()
    assert book.value("410823", "doc_no") == ""
    stack.undo()
    assert book.record("410823") is None
    assert not stack.can_undo()
    stack.redo()
    assert book.value("410823", "farmland") == 400
    stack.push(book.edit("410823", "farmland", 500))  # drops the redo tail
    assert not stack.can_redo() and len(stack.commands) == 2


def test_allocation_is_one_command():
    book = TargetBook(TREE, 2024, mapped=MAPPED)
    stack = UndoStack(book)
    stack.push(book.edit("410823", "farmland", 400))
    stack.push(book.allocate("410823", "farmland", all_levels=True))
    assert {c: book.value(c, "farmland") for c in TREE.depth_first()} == MAPPED.by_kind["farmland"]
    assert not [p for p in book.problems() if p.field == "farmland" and p.severity == "error"]
    stack.undo()
    assert [c for c in TREE.depth_first() if book.record(c) is not None] == ["410823"]


def test_pending_changes_carry_the_base_version():
    stored = [
        TargetRecord("410823", 2024, farmland=10, version=4),
        TargetRecord("410823100", 2023, farmland=1),
    ]
    book = TargetBook(TREE, 2024, stored)
    assert book.pending() == []
    stack = UndoStack(book)
    stack.push(book.edit("410823", "farmland", 11))
    stack.push(book.edit("410823100", "pbf", 3))
    changes = {c.key: c for c in book.pending()}
    assert changes[("410823", 2024)].base.version == 4
    assert changes[("410823", 2024)].new.version == 4
    assert changes[("410823100", 2024)].base is None
    book.mark_saved(
        [
            TargetRecord("410823", 2024, farmland=11, version=5),
            TargetRecord("410823100", 2024, pbf=3, version=1),
        ]
    )
    assert book.pending() == []
    stack.undo()  # the row now exists in the store: undoing the insert deletes it
    [change] = book.pending()
    assert change.new is None and change.base.version == 1
    stack.undo()
    change = {c.key: c for c in book.pending()}[("410823", 2024)]
    assert change.new.farmland == 10 and change.new.version == 5


def test_edit_to_the_same_empty_value_is_not_pending():
    book = TargetBook(TREE, 2024)
    UndoStack(book).push(book.edit("410823", "farmland", None))
    assert book.pending() == []


def test_rebase_keeps_my_values_on_their_version():
    book = TargetBook(TREE, 2024, [TargetRecord("410823", 2024, farmland=10, version=1)])
    UndoStack(book).push(book.edit("410823", "farmland", 20))
    theirs = TargetRecord("410823", 2024, farmland=15, version=2)
    book.rebase("410823", theirs, book.record("410823"))
    [change] = book.pending()
    assert change.base == theirs and change.new.farmland == 20 and change.new.version == 2


def test_speed_city_of_3000_villages():
    """Issue target: one edit re-checks in < 50 ms on 3,000 villages."""
    units = []
    for county in range(6):
        for township in range(25):
            for village in range(20):
                units.append(
                    ("4108{:02d}{:03d}{:03d}".format(21 + county, 100 + township, 200 + village), "村")
                )
    start = time.perf_counter()
    tree = Hierarchy.build(units)
    build_seconds = time.perf_counter() - start
    assert len(tree) == 3000 + 150 + 6 + 1
    rng = np.random.default_rng(5)
    villages = [c for c, _ in units]
    codes = np.array(villages)[rng.integers(0, len(villages), 30000)]
    mapped = mapped_figures(tree, {"farmland": (codes, rng.integers(1, 10**6, codes.size))})
    book = TargetBook(tree, 2024, mapped=mapped)
    stack = UndoStack(book)
    stack.push(book.edit("4108", "farmland", mapped.by_kind["farmland"]["4108"]))
    stack.push(book.allocate("4108", "farmland", all_levels=True))
    book.problems()
    timings = []
    for village in villages[:20]:
        start = time.perf_counter()
        stack.push(book.edit(village, "farmland", 1))
        book.problems()
        timings.append(time.perf_counter() - start)
    assert build_seconds < 1.0
    assert sorted(timings)[len(timings) // 2] < 0.05, timings
