"""Administrative and 坐落/权属单位 codes, domain §2.6.

Layout: province 2 + city 2 + county 2 (GB/T 2260) + township 3 + village 3 (= 12, 统计用区划代码)
+ 7 more for 三调 QSDWDM/ZLDWDM (19). county = first 6, township = first 9, village = first 12.
A code padded with zeros names its parent: ``410823000`` is the county 410823, ``410800`` the city.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

LEVEL_LENGTHS = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12, "group": 19}
VALID_LENGTHS = tuple(sorted(set(LEVEL_LENGTHS.values())))
_LEVEL_BY_LENGTH = {length: level for level, length in LEVEL_LENGTHS.items()}


class AdminCodeError(ValueError):
    """An administrative code is malformed or too short for what was asked."""

    def __init__(self, message: str, code: object) -> None:
        super().__init__(message)
        self.code = code


def normalise(code: object) -> str:
    """Strip spaces; accept ints and integral floats from numeric fields. Raises AdminCodeError.

    Valid: digits only, length 2, 4, 6, 9, 12 or 19 (19 = 三调 QSDWDM/ZLDWDM).
    """
    if code is None or isinstance(code, bool):
        raise AdminCodeError("missing administrative code: {!r}".format(code), code)
    if isinstance(code, float):
        if not code.is_integer() or abs(code) >= 2.0**53:
            raise AdminCodeError("administrative code {!r} is not a whole number".format(code), code)
        code = int(code)
    text = str(code).strip()
    if not text.isdigit() or not text.isascii():
        raise AdminCodeError("administrative code {!r} must contain digits only".format(code), code)
    if len(text) not in VALID_LENGTHS:
        raise AdminCodeError(
            "administrative code {!r} has {} digits; expected one of {}".format(
                code, len(text), ", ".join(map(str, VALID_LENGTHS))
            ),
            code,
        )
    return text


def _prefix(code: object, length: int, level: str) -> str:
    text = normalise(code)
    if len(text) < length:
        raise AdminCodeError(
            "administrative code {!r} has {} digits, too short for the {} ({} digits)".format(
                code, len(text), level, length
            ),
            code,
        )
    return text[:length]


def county(code: object) -> str:
    """The 6-digit county code (GB/T 2260) of a code."""
    return _prefix(code, 6, "county")


def township(code: object) -> str:
    """The 9-digit township (乡级) code of a code, e.g. XZQ.XZQDM."""
    return _prefix(code, 9, "township")


def village(code: object) -> str:
    """The 12-digit village (村级) code; for ZLDWDM/QSDWDM the first 12 of 19 digits."""
    return _prefix(code, 12, "village")


def code_at_level(code: object, level: str) -> str:
    """The prefix of ``code`` at ``level`` (province/city/county/township/village/group)."""
    if level not in LEVEL_LENGTHS:
        raise ValueError("unknown level {!r}; known: {}".format(level, ", ".join(LEVEL_LENGTHS)))
    return _prefix(code, LEVEL_LENGTHS[level], level)


def codes_at_level(codes: Iterable[object], level: str) -> list[str]:
    """:func:`code_at_level` over a column (cached per distinct value)."""
    cache: dict[object, str] = {}
    return [cache[c] if c in cache else cache.setdefault(c, code_at_level(c, level)) for c in codes]


def significant(code: object) -> str:
    """The code cut to the unit it names: trailing zero blocks belong to the parent.

    ``410823100000`` → ``410823100`` (a township written with 12 digits); ``4108230000000000000``
    → ``410823``; ``410800`` → ``4108``.
    """
    text = normalise(code)
    while True:
        if len(text) == 19 and text[12:] == "0000000":
            text = text[:12]
        elif len(text) == 12 and text[9:] == "000":
            text = text[:9]
        elif len(text) == 9 and text[6:] == "000":
            text = text[:6]
        elif len(text) == 6 and text[4:] == "00":
            text = text[:4]
        elif len(text) == 4 and text[2:] == "00":
            text = text[:2]
        else:
            return text


def level_of(code: object) -> str:
    """'province', 'city', 'county', 'township', 'village' or 'group' (below village, 19 digits)."""
    return _LEVEL_BY_LENGTH[len(significant(code))]


def is_child(parent: object, child: object, direct: bool = False) -> bool:
    """True when ``child`` lies inside ``parent`` (any depth; ``direct`` = exactly one level down)."""
    parent_code = significant(parent)
    child_code = significant(child)
    if len(child_code) <= len(parent_code) or not child_code.startswith(parent_code):
        return False
    if not direct:
        return True
    lengths = VALID_LENGTHS
    return lengths.index(len(child_code)) == lengths.index(len(parent_code)) + 1


def try_normalise(code: object) -> Optional[str]:
    """:func:`normalise` or None, for screening a column before reporting the bad values."""
    if code is None or isinstance(code, bool):
        return None
    if isinstance(code, float) and (not code.is_integer() or abs(code) >= 2.0**53):
        return None
    text = str(int(code) if isinstance(code, float) else code).strip()
    if text.isdigit() and text.isascii() and len(text) in VALID_LENGTHS:
        return text
    return None
