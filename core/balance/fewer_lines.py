"""Fewer 核销 lines: an indicator's allocation moved onto the (demand, record) lines other indicators
already use, without changing any stage optimum.

The three ledgers are solved one after another, and where an LP has many optima the one HiGHS
returns may give a demand its 产能 from another record than its 面积. Exchanging an amount t around
a cycle — demand i₁ gives t of record j₁ to demand i₂ and takes t of record j₂ from it — keeps what
every demand receives and what every record gives (so coverage, approval order and FIFO), and where
the four pairs have the same number of 调剂 and 跨市 pairs before and after, the 调剂 totals too.
An exchange is made only when it removes a line (the merged lines of all indicators count), so
the passes end. Only for indicators without the quality rule: moving 面积 between records of
different grades would change a demand's grade mix.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Optional

Pair = tuple[int, int]


def fewer_lines(amounts: dict[Pair, int], elsewhere: Collection[Pair], level: Callable[[int, int], Optional[int]]):
    """``amounts``: {(demand, record): hundredths} of one indicator; ``elsewhere``: the lines other
    indicators use; ``level(i, j)``: the scope level of a pair that the rules allow, None otherwise.
    Returns the amounts after every exchange that removes a line (a new dict)."""
    amounts = {pair: amount for pair, amount in amounts.items() if amount > 0}
    elsewhere = set(elsewhere)
    users: dict[int, set[int]] = {}  # record → demands taking from it here
    lines_of: dict[int, set[int]] = {}  # demand → records on a line of it (here or elsewhere)
    for i, j in amounts:
        users.setdefault(j, set()).add(i)
        lines_of.setdefault(i, set()).add(j)
    for i, j in elsewhere:
        lines_of.setdefault(i, set()).add(j)

    def is_line(i: int, j: int) -> bool:
        return (i, j) in elsewhere or (i, j) in amounts

    def shift(i: int, j: int, change: int) -> None:
        amount = amounts.get((i, j), 0) + change
        if amount > 0:
            amounts[(i, j)] = amount
            users.setdefault(j, set()).add(i)
            lines_of.setdefault(i, set()).add(j)
        else:
            amounts.pop((i, j), None)
            users[j].discard(i)
            if (i, j) not in elsewhere:
                lines_of[i].discard(j)

    changed = True
    while changed:
        changed = False
        for i1, j1 in sorted(amounts):
            if (i1, j1) not in amounts or (i1, j1) in elsewhere:
                continue  # moved by an earlier exchange of this pass, or a line anyway
            exchange = _exchange(i1, j1, amounts, elsewhere, users, lines_of, is_line, level)
            if exchange is None:
                continue
            i2, j2, t = exchange
            shift(i1, j1, -t)
            shift(i2, j2, -t)
            shift(i1, j2, t)
            shift(i2, j1, t)
            changed = True
    return amounts


def _exchange(i1, j1, amounts, elsewhere, users, lines_of, is_line, level) -> Optional[tuple[int, int, int]]:
    """The first exchange (i₂, j₂, t) that removes a line while moving (i₁, j₁), or None."""
    a11 = amounts[(i1, j1)]
    l11 = None
    for j2 in lines_of.get(i1, ()):
        if j2 == j1:
            continue
        for i2 in users.get(j2, ()):
            if i2 == i1:
                continue
            a22 = amounts[(i2, j2)]
            t = min(a11, a22)
            removed = int(t == a11) + int(t == a22 and (i2, j2) not in elsewhere)
            if removed <= int(not is_line(i2, j1)):  # (i₁, j₂) is a line already
                continue
            l21 = level(i2, j1)
            if l21 is None:
                continue
            l11 = level(i1, j1) if l11 is None else l11
            l12, l22 = level(i1, j2), level(i2, j2)
            if l12 is not None and _same_counts(l11, l22, l12, l21):
                return i2, j2, t
    return None


def _same_counts(a: int, b: int, c: int, d: int) -> bool:
    """Whether the pairs of levels (a, b) and (c, d) hold as many 调剂 (≥ 1) and 跨市 (2) pairs."""
    return (a >= 1) + (b >= 1) == (c >= 1) + (d >= 1) and (a == 2) + (b == 2) == (c == 2) + (d == 2)
