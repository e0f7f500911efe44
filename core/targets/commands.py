"""Undoable changes to a year's targets, and an undo stack that needs no Qt.

A command is a set of record replacements ``code → (before, after)``; applying sets ``after``,
reverting sets ``before``. Edits, provenance changes and allocations are all such commands, so one
undo reverts a whole allocation. The Qt dock wraps the same commands in ``QUndoCommand``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Optional, Protocol

from .records import TargetRecord


class RecordHolder(Protocol):
    """What commands act on (``TargetBook``)."""

    def set_records(self, records: Mapping[str, Optional[TargetRecord]]) -> None: ...


@dataclass(frozen=True)
class Command:
    """``action`` is ``edit`` or ``allocate``; ``unit_code``/``field`` say what was acted on."""

    action: str
    unit_code: str
    field: str
    before: Mapping[str, Optional[TargetRecord]]
    after: Mapping[str, Optional[TargetRecord]]
    value: object = None

    def apply(self, holder: RecordHolder) -> None:
        holder.set_records(self.after)

    def revert(self, holder: RecordHolder) -> None:
        holder.set_records(self.before)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.after)


@dataclass
class UndoStack:
    """Linear undo history: ``push`` applies, ``undo``/``redo`` walk it; a push drops the redo tail."""

    holder: RecordHolder
    commands: list[Command] = field(default_factory=list)
    index: int = 0
    clean_index: Optional[int] = 0

    def push(self, command: Command) -> None:
        command.apply(self.holder)
        del self.commands[self.index :]
        if self.clean_index is not None and self.clean_index > self.index:
            self.clean_index = None
        self.commands.append(command)
        self.index += 1

    def can_undo(self) -> bool:
        return self.index > 0

    def can_redo(self) -> bool:
        return self.index < len(self.commands)

    def undo(self) -> Optional[Command]:
        if not self.can_undo():
            return None
        self.index -= 1
        command = self.commands[self.index]
        command.revert(self.holder)
        return command

    def redo(self) -> Optional[Command]:
        if not self.can_redo():
            return None
        command = self.commands[self.index]
        command.apply(self.holder)
        self.index += 1
        return command

    def set_clean(self) -> None:
        self.clean_index = self.index

    def is_clean(self) -> bool:
        return self.clean_index == self.index

    def clear(self) -> None:
        self.commands.clear()
        self.index = 0
        self.clean_index = 0
