"""The unit hierarchy of a 责任书 tree, built from administrative codes (domain §2.6, §6.3).

city (4 significant digits, shown as 410800) → county (6) → township (9) → village (12). Codes are kept
in their *significant* form (``admin_codes.significant``): ``410823100000`` written for a township is the
township ``410823100``. Missing ancestors are added (unnamed) up to the top level.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Optional

from .. import admin_codes

#: levels of a 责任书 tree, top first
LEVELS = ("province", "city", "county", "township", "village")
_DISPLAY_LENGTH = {"province": 6, "city": 6, "county": 6, "township": 9, "village": 12}


@dataclass(frozen=True)
class Unit:
    """One administrative unit: significant ``code``, ``name``, ``level`` and ``parent`` code."""

    code: str
    name: str
    level: str
    parent: Optional[str]

    @property
    def display_code(self) -> str:
        """The code as printed: city ``4108`` → ``410800``, county 6, township 9, village 12 digits."""
        return display_code(self.code)


@dataclass(frozen=True)
class RejectedCode:
    """An input code that names no unit (``reason`` is the AdminCodeError message)."""

    code: object
    name: str
    reason: str


def display_code(code: str) -> str:
    """Pad a significant code to the length it is written with (province/city → 6 digits)."""
    level = admin_codes.level_of(code)
    return code.ljust(_DISPLAY_LENGTH.get(level, len(code)), "0")


def unit_code(code: object) -> str:
    """The significant code of the unit a code names; group codes (19 digits) give their village.

    Raises ``admin_codes.AdminCodeError`` for malformed codes.
    """
    significant = admin_codes.significant(code)
    if len(significant) > admin_codes.LEVEL_LENGTHS["village"]:
        return admin_codes.significant(significant[: admin_codes.LEVEL_LENGTHS["village"]])
    return significant


def parent_code(code: str) -> Optional[str]:
    """The significant code of the next unit up (``None`` for a province)."""
    length = len(code)
    shorter = [n for n in admin_codes.VALID_LENGTHS if n < length]
    if not shorter:
        return None
    return admin_codes.significant(code[: shorter[-1]])


class Hierarchy:
    """An immutable tree of units; children ordered by code. Build with :meth:`build`."""

    def __init__(self, units: dict[str, Unit], rejected: Iterable[RejectedCode] = ()) -> None:
        self._units = dict(units)
        children: dict[str, list[str]] = {code: [] for code in self._units}
        roots = []
        for code, unit in self._units.items():
            if unit.parent is None or unit.parent not in self._units:
                roots.append(code)
            else:
                children[unit.parent].append(code)
        self._children = {code: tuple(sorted(kids)) for code, kids in children.items()}
        self._roots = tuple(sorted(roots))
        self.rejected = tuple(rejected)
        self._order = tuple(self._walk())

    @classmethod
    def build(cls, units: Iterable[tuple[object, object]], top_level: Optional[str] = None) -> Hierarchy:
        """Build from ``(code, name)`` pairs (e.g. XZQ's XZQDM/XZQMC and CJDCQ's ZLDWDM/ZLDWMC).

        Ancestors are added up to ``top_level``; by default the lowest level that contains every
        unit (one county → county root; several counties of one city → the city root). Bad codes
        are kept in ``rejected`` instead of raising. The first non-empty name of a code wins.
        """
        names: dict[str, str] = {}
        rejected: list[RejectedCode] = []
        for raw_code, raw_name in units:
            name = "" if raw_name is None else str(raw_name).strip()
            try:
                code = unit_code(raw_code)
            except admin_codes.AdminCodeError as error:
                rejected.append(RejectedCode(raw_code, name, str(error)))
                continue
            if not names.get(code):
                names[code] = name
        if top_level is not None and top_level not in LEVELS:
            raise ValueError("unknown top level {!r}; known: {}".format(top_level, ", ".join(LEVELS)))
        top_length = admin_codes.LEVEL_LENGTHS[top_level or _common_level(names)] if names else 0
        units_by_code: dict[str, Unit] = {}
        for code in list(names):
            current: Optional[str] = code
            while current is not None and current not in units_by_code and len(current) >= top_length:
                parent = parent_code(current)
                if parent is not None and len(parent) < top_length:
                    parent = None
                units_by_code[current] = Unit(
                    current, names.get(current, ""), admin_codes.level_of(current), parent
                )
                current = parent
        return cls(units_by_code, rejected)

    def _walk(self) -> Iterator[str]:
        stack = list(reversed(self._roots))
        while stack:
            code = stack.pop()
            yield code
            stack.extend(reversed(self._children[code]))

    def __contains__(self, code: object) -> bool:
        return code in self._units

    def __len__(self) -> int:
        return len(self._units)

    def __getitem__(self, code: str) -> Unit:
        return self._units[code]

    def get(self, code: str) -> Optional[Unit]:
        return self._units.get(code)

    @property
    def roots(self) -> tuple[str, ...]:
        return self._roots

    def children(self, code: str) -> tuple[str, ...]:
        """Direct children of ``code``, ordered by code."""
        return self._children[code]

    def descendants(self, code: str) -> Iterator[str]:
        """Every unit below ``code`` (depth first, parents before children)."""
        stack = list(reversed(self._children[code]))
        while stack:
            current = stack.pop()
            yield current
            stack.extend(reversed(self._children[current]))

    def depth_first(self) -> tuple[str, ...]:
        """All codes, parents before children, siblings by code."""
        return self._order

    def bottom_up(self) -> tuple[str, ...]:
        """All codes, children before parents."""
        return tuple(reversed(self._order))

    def ancestors(self, code: str) -> list[str]:
        """Parent, grandparent … of ``code`` (within the tree)."""
        result = []
        parent = self._units[code].parent
        while parent is not None and parent in self._units:
            result.append(parent)
            parent = self._units[parent].parent
        return result

    def find_unit(self, code: object) -> Optional[str]:
        """The deepest unit of the tree that contains ``code`` (e.g. a 19-digit ZLDWDM), or None."""
        try:
            current: Optional[str] = admin_codes.significant(code)
        except admin_codes.AdminCodeError:
            return None
        while current is not None:
            if current in self._units:
                return current
            current = parent_code(current)
        return None

    def search(self, text: str) -> list[str]:
        """Codes whose code (as written or significant) or name contains ``text`` (case-insensitive)."""
        needle = text.strip().casefold()
        if not needle:
            return list(self._order)
        return [
            code
            for code in self._order
            if needle in code or needle in display_code(code) or needle in self._units[code].name.casefold()
        ]


def _common_level(names: dict[str, str]) -> str:
    """The lowest level whose code is shared by every unit (county for one county's villages)."""
    codes = list(names)
    for level in reversed(LEVELS[:-1]):
        length = admin_codes.LEVEL_LENGTHS[level]
        if all(len(code) >= length for code in codes) and len({code[:length] for code in codes}) == 1:
            return level
    return "province"
