"""A year's targets being edited: current records, the records as last read/saved, checks, changes.

The book is what the dock and the batch tools share. Versions live with the *base* records (as read
from the store): the record a command sets carries no trustworthy version, so a save always sends
the base version and the store refuses it if someone else saved that row meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Optional

from .allocation import allocate_down
from .checks import Problem, check_targets, children_sum
from .commands import Command
from .hierarchy import Hierarchy
from .mapped import MappedFigures
from .records import MAPPED_FIELDS, TargetRecord, check_field_value


@dataclass(frozen=True)
class TargetChange:
    """A row to write: ``base`` as read (None = new row), ``new`` to store (None = delete)."""

    base: Optional[TargetRecord]
    new: Optional[TargetRecord]

    @property
    def key(self) -> tuple[str, int]:
        record = self.new or self.base
        if record is None:
            raise ValueError("a change needs a base or a new record")
        return record.unit_code, record.year


class TargetBook:
    """Targets of one ``year`` on a unit ``hierarchy``, with mapped figures for checks and allocation."""

    def __init__(
        self,
        hierarchy: Hierarchy,
        year: int,
        records: Iterable[TargetRecord] = (),
        mapped: Optional[MappedFigures] = None,
    ) -> None:
        self.hierarchy = hierarchy
        self.year = int(year)
        self._mapped = mapped
        self._base: dict[str, TargetRecord] = {}
        self._current: dict[str, TargetRecord] = {}
        self._listeners: list[Callable[[tuple[str, ...]], None]] = []
        self._problems: Optional[list[Problem]] = None
        self.load(records)

    # -- reading -------------------------------------------------------------------------
    @property
    def mapped(self) -> Optional[MappedFigures]:
        return self._mapped

    @mapped.setter
    def mapped(self, figures: Optional[MappedFigures]) -> None:
        self._mapped = figures
        self._changed(tuple(self.hierarchy.depth_first()))

    @property
    def records(self) -> Mapping[str, TargetRecord]:
        return self._current

    def record(self, code: str) -> Optional[TargetRecord]:
        return self._current.get(code)

    def base(self, code: str) -> Optional[TargetRecord]:
        return self._base.get(code)

    def value(self, code: str, field: str) -> object:
        record = self._current.get(code)
        return None if record is None else record.value(field)

    def children_sum(self, code: str, field: str) -> Optional[int]:
        return children_sum(self.hierarchy, self._current, code, field) if code in self.hierarchy else None

    def problems(self) -> list[Problem]:
        """All problems (cached until the next change)."""
        if self._problems is None:
            self._problems = check_targets(self.hierarchy, self._current, self._mapped, MAPPED_FIELDS)
        return self._problems

    # -- changing ------------------------------------------------------------------------
    def add_listener(self, callback: Callable[[tuple[str, ...]], None]) -> None:
        """``callback(codes)`` after every change of records (codes whose rows changed)."""
        self._listeners.append(callback)

    def load(self, records: Iterable[TargetRecord]) -> None:
        """Replace everything with ``records`` read from a store (other years are ignored)."""
        mine = [r for r in records if r.year == self.year]
        self._base = {r.unit_code: r for r in mine}
        self._current = dict(self._base)
        self._changed(tuple(self.hierarchy.depth_first()))

    def set_records(self, records: Mapping[str, Optional[TargetRecord]]) -> None:
        """Set or remove rows (what commands do)."""
        for code, record in records.items():
            if record is None:
                self._current.pop(code, None)
            else:
                self._current[code] = record
        self._changed(tuple(records))

    def edit(self, code: str, field: str, value: object) -> Command:
        """A command that sets one field of one unit (validated; not applied yet)."""
        value = check_field_value(field, value)
        before = self._current.get(code)
        after = (before or TargetRecord(code, self.year)).with_value(field, value)
        return Command("edit", code, field, {code: before}, {code: after}, value)

    def allocate(self, code: str, field: str, all_levels: bool = False) -> Command:
        """A command that allocates ``field`` of ``code`` to its children 带位置 (AllocationError)."""
        values = allocate_down(self.hierarchy, self._current, self._mapped, code, field, all_levels)
        before = {c: self._current.get(c) for c in values}
        after = {c: (before[c] or TargetRecord(c, self.year)).with_value(field, v) for c, v in values.items()}
        return Command("allocate", code, field, before, after, all_levels)

    # -- saving --------------------------------------------------------------------------
    def pending(self) -> list[TargetChange]:
        """Rows that differ from the store, with the base version to check against."""
        changes = []
        for code in sorted(set(self._current) | set(self._base)):
            base = self._base.get(code)
            current = self._current.get(code)
            if current is not None and base is None and current.is_empty():
                continue
            if base is not None and current is not None and base.content() == current.content():
                continue
            if base is None and current is None:
                continue
            new = None if current is None else replace(current, version=base.version if base else 0)
            changes.append(TargetChange(base, new))
        return changes

    def is_modified(self) -> bool:
        return bool(self.pending())

    def mark_saved(self, saved: Iterable[Optional[TargetRecord]], deleted: Iterable[str] = ()) -> None:
        """After a successful save: the stored rows (with their new versions) become the base."""
        for record in saved:
            if record is not None and record.year == self.year:
                self._base[record.unit_code] = record
        for code in deleted:
            self._base.pop(code, None)

    def rebase(self, code: str, theirs: Optional[TargetRecord], keep: Optional[TargetRecord]) -> None:
        """Someone else saved ``code`` meanwhile: ``theirs`` becomes the base; ``keep`` the current row.

        ``keep = theirs`` drops my edit; ``keep = my record`` overwrites theirs on the next save (the
        user saw both); a merged record keeps both sides' fields.
        """
        if theirs is None:
            self._base.pop(code, None)
        else:
            self._base[code] = theirs
        self.set_records({code: keep})

    def _changed(self, codes: tuple[str, ...]) -> None:
        self._problems = None
        for callback in list(self._listeners):
            callback(codes)
