"""From network flows to 核销 pairs in whole hundredths, never over-using a record.

:func:`decompose` follows the flow down the network (nodes in topological order) and hands each
record's consumption to the demands whose flow reaches it, first come first served, so a demand's
flow stays together. :func:`round_to_hundredths` turns the pair amounts into integers: it floors
every pair, then hands each demand its missing hundredths back through its own pairs whose records
still have room — a small transportation problem, best grade first, whose optimal vertex is integral
(an integral rounding always exists) — and finally restores the quality rule exactly, in integer
arithmetic, by moving hundredths from a demand's worst-grade pair to a better one with room (or
leaving them short, which the shortfall then reports).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import Optional

import numpy as np

from .network import Network

_EPS = 1e-7  # units (m² or kg): flows below this are solver noise


def decompose(net: Network, flow: np.ndarray) -> dict[tuple[int, int], float]:
    """(demand, record) → amount in units, from the arc flows of ``net``."""
    bags: list[Optional[deque]] = [deque() for _ in range(net.n_nodes)]
    entering = np.flatnonzero((net.tail < 0) & (flow > _EPS))
    for a in entering.tolist():
        bags[int(net.head[a])].append([int(net.demand[a]), float(flow[a])])
    inner = np.flatnonzero((net.tail >= 0) & (flow > _EPS))
    # at each node: consume arcs first (records in FIFO order), then links down, then the chain arc
    kind = np.where(net.record[inner] >= 0, 0, 1)
    fifo = np.where(net.record[inner] >= 0, net.fifo_cost[np.maximum(net.record[inner], 0)], 0.0)
    order = np.lexsort((inner, fifo, kind, net.tail[inner]))
    inner = inner[order]
    pairs: dict[tuple[int, int], float] = {}
    for a in inner.tolist():
        node = int(net.tail[a])
        bag = bags[node]
        taken = _take(bag, float(flow[a]))
        head = int(net.head[a])
        if head < 0:
            record = int(net.record[a])
            for demand, amount in taken:
                key = (demand, record)
                pairs[key] = pairs.get(key, 0.0) + amount
        else:
            target = bags[head]
            if len(target) < len(taken):
                taken.extend(target)
                bags[head] = taken
            else:
                target.extend(taken)
    return pairs


def _take(bag: deque, amount: float) -> deque:
    taken: deque = deque()
    while bag and amount > _EPS:
        entry = bag[0]
        if entry[1] <= amount + _EPS:
            bag.popleft()
            taken.append(entry)
            amount -= entry[1]
        else:
            taken.append([entry[0], amount])
            entry[1] -= amount
            amount = 0.0
    return taken


def round_to_hundredths(
    pairs: dict[tuple[int, int], float],
    target: np.ndarray,
    capacity: np.ndarray,
    demand_grade: Optional[Sequence[Optional[int]]] = None,
    record_grade: Optional[Sequence[Optional[int]]] = None,
    level: Optional[Callable[[int, int], Optional[int]]] = None,
) -> dict[tuple[int, int], int]:
    """Integer hundredths per pair: each demand gets at most ``target`` (its covered hundredths),
    each record gives at most ``capacity``; with grades given, Σ amount × (record grade − demand
    grade) ≤ 0 holds exactly for every demand. ``level(i, j)``: the scope level of an eligible pair,
    None if ineligible (lets the quality repair swap hundredths between demands). Missing hundredths
    are left short (rare, a few)."""
    keys = sorted(pairs)
    cents = {k: int(np.floor(pairs[k] * 100.0 + 1e-3)) for k in keys}
    used = np.zeros(capacity.size, dtype=np.int64)
    got = np.zeros(target.size, dtype=np.int64)
    for (i, j), c in cents.items():
        used[j] += c
        got[i] += c
    # noise could push a record or a demand over by a hundredth: take it back from the largest pairs
    for j in np.flatnonzero(used > capacity).tolist():
        _trim([k for k in keys if k[1] == j], cents, int(used[j] - capacity[j]), used, got)
    for i in np.flatnonzero(got > target).tolist():
        _trim([k for k in keys if k[0] == i], cents, int(got[i] - target[i]), used, got)
    deficit = target - got
    quality = demand_grade is not None and record_grade is not None
    if np.any(deficit > 0):
        _fill_deficits(keys, cents, deficit, capacity - used, record_grade)
    if quality:
        _restore_quality(cents, demand_grade, record_grade, capacity, level)
    return {k: c for k, c in cents.items() if c > 0}


def _deficit_edges(keys: list, deficit: np.ndarray, room: np.ndarray) -> list:
    return [k for k in keys if deficit[k[0]] > 0 and room[k[1]] > 0]


def _trim(candidates: list, cents: dict, excess: int, used: np.ndarray, got: np.ndarray) -> None:
    for key in sorted(candidates, key=lambda k: -cents[k]):
        if excess <= 0:
            break
        cut = min(excess, cents[key])
        cents[key] -= cut
        used[key[1]] -= cut
        got[key[0]] -= cut
        excess -= cut


def _fill_deficits(keys: list, cents: dict, deficit: np.ndarray, room: np.ndarray, grade) -> None:
    """Give each short demand its missing hundredths through its own pairs, best grade first.

    A small transportation problem (rows: short demands, columns: records with room), solved by
    the dual simplex; its matrix is totally unimodular, so the optimal vertex is integral.
    """
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    edges = _deficit_edges(keys, deficit, room)
    if not edges:
        return
    short = sorted({i for i, _ in edges})
    records = sorted({j for _, j in edges})
    row_d = {i: n for n, i in enumerate(short)}
    row_r = {j: n for n, j in enumerate(records)}
    n_edges = len(edges)
    e = np.arange(n_edges)
    a_eq = coo_matrix(
        (
            np.ones(n_edges + len(short)),
            (
                np.r_[[row_d[i] for i, _ in edges], np.arange(len(short))],
                np.r_[e, n_edges + np.arange(len(short))],
            ),
        ),
        shape=(len(short), n_edges + len(short)),
    )
    a_ub = coo_matrix(
        (np.ones(n_edges), ([row_r[j] for _, j in edges], e)), shape=(len(records), n_edges + len(short))
    )
    cost = np.r_[
        [float(grade[j]) if grade is not None and grade[j] is not None else 0.0 for _, j in edges],
        np.full(len(short), 1e6),
    ]
    result = linprog(
        cost,
        A_ub=a_ub,
        b_ub=np.array([float(room[j]) for j in records]),
        A_eq=a_eq,
        b_eq=np.array([float(deficit[i]) for i in short]),
        bounds=(0, None),
        method="highs-ds",
    )
    if result.status != 0:
        return
    for (i, j), value in zip(edges, result.x[:n_edges].tolist()):
        amount = round(value)
        amount = min(amount, int(room[j]), int(deficit[i]))
        if amount > 0:
            cents[(i, j)] += amount
            room[j] -= amount
            deficit[i] -= amount


def _restore_quality(cents: dict, demand_grade, record_grade, capacity, level) -> None:
    """Make every demand pass :func:`grade_excess` ≤ 0 again after rounding.

    For a demand over the limit, hundredths move from its worst-grade record to a better one: one of
    its own records that has room, else by a swap with another demand k that uses the better record
    and has quality to spare (k takes the worse record's hundredths instead, if eligible for it and
    no more 调剂 results). Record totals never change, so coverage and FIFO stay as solved. Only when
    nothing can move is the excess left short.
    """
    used = np.zeros(len(capacity), dtype=np.int64)
    pairs_of: dict[int, set] = {}
    users: dict[int, set] = {}
    for (i, j), c in cents.items():
        if c > 0:
            used[j] += c
            pairs_of.setdefault(i, set()).add(j)
            users.setdefault(j, set()).add(i)

    def excess_of(i: int) -> int:
        return grade_excess([(cents[(i, j)], record_grade[j]) for j in pairs_of[i]], demand_grade[i])

    excess = {i: excess_of(i) for i in pairs_of if demand_grade[i] is not None}

    def move(i: int, j_from: int, j_to: int, amount: int) -> None:
        cents[(i, j_from)] -= amount
        cents[(i, j_to)] = cents.get((i, j_to), 0) + amount
        used[j_from] -= amount
        used[j_to] += amount
        pairs_of[i].add(j_to)
        users.setdefault(j_to, set()).add(i)
        if cents[(i, j_from)] == 0:
            pairs_of[i].discard(j_from)
            users[j_from].discard(i)
        excess[i] = excess_of(i)

    for i in sorted(excess):
        while excess[i] > 0 and pairs_of[i]:
            q = demand_grade[i]
            worst = max(pairs_of[i], key=lambda j: (record_grade[j], j))
            if record_grade[worst] <= q:
                break
            better = sorted(
                (j for j in pairs_of[i] if record_grade[j] < record_grade[worst]),
                key=lambda j: (record_grade[j], j),
            )
            step = _own_room_step(i, worst, better, cents, capacity, used, record_grade, excess[i])
            if step:
                move(i, worst, *step)
                continue
            swap = _swap_step(i, worst, better, cents, users, excess, record_grade, level)
            if swap:
                k, b, amount = swap
                move(i, worst, b, amount)
                move(k, b, worst, amount)
                continue
            cents[(i, worst)] -= 1  # nothing can move: leave a hundredth short
            used[worst] -= 1
            if cents[(i, worst)] == 0:
                pairs_of[i].discard(worst)
                users[worst].discard(i)
            excess[i] = excess_of(i) if pairs_of[i] else 0


def grade_excess(amounts_and_grades: Sequence[tuple[int, int]], own_grade: int) -> int:
    """≤ 0 when the area-weighted grade of the amounts, rounded half-up to 0.01, is not worse than
    ``own_grade`` (all grades in hundredths), computed exactly: Σ a·(2(g − own) − 1) + 1."""
    total = sum(a for a, _ in amounts_and_grades)
    if total <= 0:
        return 0
    return sum(a * (2 * (g - own_grade) - 1) for a, g in amounts_and_grades) + 1


def _own_room_step(i, worst, better, cents, capacity, used, grade, need):
    for b in better:
        room = int(capacity[b] - used[b])
        if room > 0:
            step = 2 * (grade[worst] - grade[b])
            return b, min(cents[(i, worst)], room, -(-need // step))
    return None


def _swap_step(i, worst, better, cents, users, excess, grade, level):
    if level is None:
        return None
    here = level(i, worst)
    for b in better:
        step = 2 * (grade[worst] - grade[b])
        for k in sorted(users.get(b, ())):
            if k == i or k not in excess or excess[k] + step > 0:
                continue
            k_worst = level(k, worst)
            if k_worst is None or here is None or k_worst + level(i, b) > here + level(k, b):
                continue
            amount = min(cents[(i, worst)], cents[(k, b)], (-excess[k]) // step, -(-excess[i] // step))
            if amount > 0:
                return k, b, amount
    return None
