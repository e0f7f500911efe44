"""Villages, counties and ownership of LANDUSE pieces, read leniently from ZLDWDM / ZLDWMC / QSXZ.

A malformed code never stops an overlay: it is kept as written (and shows up as its own "village"),
so that nothing is dropped from the tables. village = ZLDWDM[:12], county = [:6] (domain §2.6).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..admin_codes import try_normalise
from ..land_classes import ownership


@lru_cache(maxsize=65536)
def _village_of_text(text: str) -> str:
    return village_code(text)


def village_codes(codes: Iterable[str]) -> list[str]:
    """:func:`village_code` over a column of text codes (cached per distinct value)."""
    return [_village_of_text(code) for code in codes]


@lru_cache(maxsize=65536)
def _county_of_text(text: str) -> str:
    return county_code(text)


def county_codes(codes: Iterable[str]) -> list[str]:
    """:func:`county_code` over a column of text codes (cached per distinct value)."""
    return [_county_of_text(code) for code in codes]


def village_code(zldwdm: object) -> str:
    """The 12-digit village code of a 坐落单位 code; a code too short or malformed is kept as written."""
    text = try_normalise(zldwdm)
    if text is None:
        return "" if zldwdm is None else str(zldwdm).strip()
    return text[:12] if len(text) >= 12 else text


def county_code(code: object) -> str:
    """The 6-digit county code of an administrative code, '' if it has none."""
    text = try_normalise(code)
    return text[:6] if text is not None and len(text) >= 6 else ""


def ownership_name(qsxz: object) -> str:
    """'国有' or '集体' for a QSXZ code, '' if unknown or blank."""
    return ownership(qsxz) or ""


def village_names(zldwdm: Sequence[str], zldwmc: Sequence[str]) -> dict[str, str]:
    """Village code → name, from the pieces' 坐落单位 codes and names.

    The name written on a unit whose code is the village itself (ZLDWDM ending in zeros after the 12th
    digit) wins; otherwise the most frequent name among the village's units (first seen on a tie).
    """
    own: dict[str, str] = {}
    counts: dict[str, Counter] = defaultdict(Counter)
    for code, village, name in zip(zldwdm, village_codes(zldwdm), zldwmc):
        name = (name or "").strip()
        if not village or not name:
            continue
        text = (code or "").strip()
        if (len(text) == 19 and text[12:] == "0" * 7) or len(text) == 12:
            own.setdefault(village, name)
        counts[village][name] += 1
    names = {village: counter.most_common(1)[0][0] for village, counter in counts.items()}
    names.update(own)
    return names


def majority(values: Iterable[str], weights: Iterable[int]) -> str:
    """The non-empty value with the largest total weight ('' if none; first seen wins a tie)."""
    totals: dict[str, int] = {}
    for value, weight in zip(values, weights):
        if value:
            totals[value] = totals.get(value, 0) + int(weight)
    if not totals:
        return ""
    return max(totals, key=lambda v: totals[v])
