"""The 田长/网格员 roster per unit: the TZ table (CJDM, JB, XM, ZW, DH [, DWMC, WGBH]) the village maps print.

CJDM is the unit's code written with 12 digits (county ``410823000000``, township ``410823100000``,
village ``410823100201``), JB the level (县, 乡, 村, 网格 — or longer words such as 村级田长), XM the
name, ZW the position, DH the phone; the demo county also has DWMC (the unit's name) and WGBH (grid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: roster table and its fields (as the demo county and the village maps use them)
ROSTER_TABLE = "TZ"
ROSTER_FIELDS = ("CJDM", "JB", "XM", "ZW", "DH")
#: optional fields kept when present: unit name, grid number
ROSTER_EXTRA_FIELDS = ("DWMC", "WGBH")
#: usual levels (domain §5.1, as the demo county writes them); other text is accepted
LEVEL_SUGGESTIONS = ("县", "乡", "村", "网格")
ROSTER_CODE_LENGTH = 12
_PHONE = re.compile(r"^[0-9+()\- ]{3,30}$")


@dataclass(frozen=True)
class RosterEntry:
    """One person responsible for a unit."""

    unit_code: str
    level: str = ""
    name: str = ""
    position: str = ""
    phone: str = ""
    unit_name: str = ""
    grid: str = ""

    def as_row(self) -> tuple[str, str, str, str, str, str, str]:
        """Values in ROSTER_FIELDS + ROSTER_EXTRA_FIELDS order (CJDM written with 12 digits)."""
        return (
            roster_code(self.unit_code),
            self.level,
            self.name,
            self.position,
            self.phone,
            self.unit_name,
            self.grid,
        )


def roster_code(unit_code: str) -> str:
    """CJDM of a unit: its code padded to 12 digits (``410823`` → ``410823000000``)."""
    code = str(unit_code).strip()
    return code.ljust(ROSTER_CODE_LENGTH, "0") if len(code) < ROSTER_CODE_LENGTH else code


def entry_from_row(row: object, unit_code: str = "") -> RosterEntry:
    """From a (CJDM, JB, XM, ZW, DH[, DWMC, WGBH]) sequence; None → ''; numbers → text.

    ``unit_code`` (the significant code the rows were read for) replaces the padded CJDM.
    """
    values = ["" if v is None else _text(v) for v in row]  # type: ignore[union-attr]
    values += [""] * (7 - len(values))
    if unit_code:
        values[0] = unit_code
    return RosterEntry(*values[:7])


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def entry_issues(entry: RosterEntry) -> list[str]:
    """What is wrong with an entry: ``no-name``, ``no-level``, ``bad-phone`` (empty list if fine)."""
    issues = []
    if not entry.name.strip():
        issues.append("no-name")
    if not entry.level.strip():
        issues.append("no-level")
    if entry.phone.strip() and not _PHONE.match(entry.phone.strip()):
        issues.append("bad-phone")
    return issues


def same_rows(a: list[RosterEntry], b: list[RosterEntry]) -> bool:
    """Rosters equal as multisets (row order does not matter)."""
    return sorted(e.as_row() for e in a) == sorted(e.as_row() for e in b)
