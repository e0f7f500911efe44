"""耕地保护目标责任书: unit tree, target records, mapped figures, checks, allocation 带位置, undo, roster.

Pure Python + numpy; values in integer hundredths of 亩 (see :mod:`.records`).
"""

from __future__ import annotations

from .allocation import AllocationError, allocate_down, allocate_proportional, allocation_basis
from .book import TargetBook, TargetChange
from .checks import Problem, check_targets, check_unit, children_sum, worst_by_unit
from .commands import Command, UndoStack
from .hierarchy import Hierarchy, Unit, display_code, unit_code
from .mapped import MAPPED_KINDS, MappedFigures, Unmatched, m2_cents_to_mu_cents, mapped_figures
from .records import (
    EDITABLE_FIELDS,
    MAPPED_FIELDS,
    TEXT_FIELDS,
    VALUE_FIELDS,
    TargetRecord,
    TargetValueError,
    cents_from_stored,
    merge_records,
    mu_text,
    parse_mu,
)
from .roster import ROSTER_FIELDS, ROSTER_TABLE, RosterEntry, entry_issues

__all__ = [
    "EDITABLE_FIELDS",
    "MAPPED_FIELDS",
    "MAPPED_KINDS",
    "ROSTER_FIELDS",
    "ROSTER_TABLE",
    "TEXT_FIELDS",
    "VALUE_FIELDS",
    "AllocationError",
    "Command",
    "Hierarchy",
    "MappedFigures",
    "Problem",
    "RosterEntry",
    "TargetBook",
    "TargetChange",
    "TargetRecord",
    "TargetValueError",
    "UndoStack",
    "Unit",
    "Unmatched",
    "allocate_down",
    "allocate_proportional",
    "allocation_basis",
    "cents_from_stored",
    "check_targets",
    "check_unit",
    "children_sum",
    "display_code",
    "entry_issues",
    "m2_cents_to_mu_cents",
    "mapped_figures",
    "merge_records",
    "mu_text",
    "parse_mu",
    "unit_code",
    "worst_by_unit",
]
