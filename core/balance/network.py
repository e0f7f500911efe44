"""The balance of one indicator as a network: demands → date chains → ledger records.

One variable per eligible (demand, record) pair would be 2,000 × 5,000 = 10 M variables per
indicator. The network has the same solutions with far fewer: records sit at the bottom of
*date chains*, one chain per (scope level, county/city/province code, grade class); a chain's nodes are
the distinct 入库 dates, newest first, and its arcs lead to older dates only. A demand enters each
reachable chain at the newest date on or before its approval date (先补后占; without the rule, at the
newest node), so any path it takes ends at a record it may use, and every eligible pair is such a
path. Province nodes link down to city nodes and city nodes to county nodes of the same date and
grade, so the 调剂 level of a path is the level of the chain the demand entered (entering a
higher-level chain to reach an own-county record costs more and is never optimal). The grade class
is known on the demand's arc, so the quality rule Σ area × (grade − demand grade) ≤ 0 is a linear
row over the demand's arcs.

Under 先补后占 a chain's dates are the approval dates themselves: a record sits at the first approval
date on or after its 入库 date, so records that no approval date separates share a node (each keeps
its own consume arc and FIFO cost). Eligibility is unchanged; with 2,000 demands × 5,000 records over
ten years it halves the nodes and the LP time drops by a quarter (dev/bench_balance.py).

Nodes are numbered in topological order (grade class, newest date first, higher level first), which
the decomposition into pairs relies on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .eligibility import group_code, quality_applies
from .model import Demand, Rules, Supply


@dataclass(frozen=True)
class Network:
    """Arcs of one indicator's network. Demand arcs have tail −1, consume arcs head −1."""

    n_nodes: int
    tail: np.ndarray
    head: np.ndarray
    demand: np.ndarray  # demand index of demand arcs, −1 elsewhere
    record: np.ndarray  # record index of consume arcs, −1 elsewhere
    level: np.ndarray  # scope level of demand arcs (0/1/2), −1 elsewhere
    grade_class: np.ndarray  # grade class (hundredths; 0 without quality) of demand arcs, −1 elsewhere
    grade_delta: np.ndarray  # (class grade − demand grade) in grade units on demand arcs with quality, else 0
    upper: np.ndarray  # record amount on consume arcs, inf elsewhere
    demand_amount: np.ndarray  # per demand, in units (m² or kg)
    record_amount: np.ndarray  # per record, in units
    fifo_cost: np.ndarray  # per record: (fifo rank − 1) / number of records, in [0, 1)
    quality: bool
    node_keys: list = field(default_factory=list)  # node → (class, date, level, group)
    node_of: dict = field(default_factory=dict)  # (class, date, level, group) → node
    link_of: dict = field(default_factory=dict)  # (upper node, lower node) → link arc
    chain_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # node → chain slot
    chain_arc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # slot → arc to older

    @property
    def n_arcs(self) -> int:
        return int(self.tail.size)


def build_network(
    demands: Sequence[Demand],
    supplies: Sequence[Supply],
    indicator: str,
    rules: Rules,
    fifo_ranks: Sequence[int],
) -> Network:
    """The network of ``indicator`` over all demands and records given (amounts may be 0)."""
    quality = quality_applies(indicator, rules)
    levels = range(rules.scope + 1)
    usable = [j for j, s in enumerate(supplies) if s.status == rules.usable_status and s.amount(indicator) > 0]

    date_key = _date_keys(demands, indicator, rules.supply_before_demand)

    def class_of(record: Supply) -> int:
        return int(record.grade_x100) if quality else 0

    keys = set()
    for j in usable:
        s = supplies[j]
        for level in levels:
            keys.add((class_of(s), date_key(s.date), level, group_code(s.county, level)))
    ordered = sorted(keys, key=lambda k: (k[0], -k[1], -k[2], k[3]))
    node_of = {key: n for n, key in enumerate(ordered)}

    tails: list[int] = []
    heads: list[int] = []
    # chains: (class, level, group) → [(date, node)] with dates descending (node order)
    chains: dict[tuple, list[tuple[int, int]]] = {}
    for key in ordered:
        chains.setdefault((key[0], key[2], key[3]), []).append((key[1], node_of[key]))
    chain_index = np.zeros(len(ordered), dtype=np.int64)  # chains laid end to end, newest first
    chain_arc: list[int] = []
    for chain in chains.values():
        for position, (_, node) in enumerate(chain):
            chain_index[node] = len(chain_arc)
            chain_arc.append(len(tails) if position + 1 < len(chain) else -1)
            if position + 1 < len(chain):
                tails.append(node)
                heads.append(chain[position + 1][1])
    links = set()
    for j in usable:
        s = supplies[j]
        c, d = class_of(s), date_key(s.date)
        for level in levels:
            if level > 0:
                links.add(
                    (
                        node_of[(c, d, level, group_code(s.county, level))],
                        node_of[(c, d, level - 1, group_code(s.county, level - 1))],
                    )
                )
    link_of = {}
    for t, h in sorted(links):
        link_of[(t, h)] = len(tails)
        tails.append(t)
        heads.append(h)
    n_inner = len(tails)

    consume_tail = [
        node_of[(class_of(supplies[j]), date_key(supplies[j].date), 0, supplies[j].county)] for j in usable
    ]

    dem_tail, dem_head, dem_index, dem_level, dem_delta, dem_class = [], [], [], [], [], []
    members_of: dict[tuple[int, str], list[int]] = {}
    for i, d in enumerate(demands):
        if d.amount(indicator) > 0:
            for level in levels:
                members_of.setdefault((level, group_code(d.county, level)), []).append(i)
    for (c, level, group), chain in chains.items():
        members = members_of.get((level, group))
        if not members:
            continue
        dates_ascending = np.array([d for d, _ in reversed(chain)], dtype=np.int64)
        nodes_ascending = np.array([n for _, n in reversed(chain)], dtype=np.int64)
        if rules.supply_before_demand:
            wanted = np.array([demands[i].date.toordinal() for i in members], dtype=np.int64)
            pos = np.searchsorted(dates_ascending, wanted, side="right") - 1
        else:
            pos = np.full(len(members), dates_ascending.size - 1)
        for i, p in zip(members, pos.tolist()):
            if p < 0:
                continue
            dem_tail.append(-1)
            dem_head.append(int(nodes_ascending[p]))
            dem_index.append(i)
            dem_level.append(level)
            dem_class.append(c)
            dem_delta.append((c - demands[i].grade_x100) / 100.0 if quality else 0.0)

    n_consume = len(usable)
    n_dem = len(dem_index)
    tail = np.array(tails + consume_tail + dem_tail, dtype=np.int64)
    head = np.array(heads + [-1] * n_consume + dem_head, dtype=np.int64)
    minus_inner = np.full(n_inner, -1, dtype=np.int64)
    demand = np.concatenate([minus_inner, np.full(n_consume, -1), np.array(dem_index, dtype=np.int64)])
    record = np.concatenate([minus_inner, np.array(usable, dtype=np.int64), np.full(n_dem, -1)])
    level_arr = np.concatenate([minus_inner, np.full(n_consume, -1), np.array(dem_level, dtype=np.int64)])
    grade_class = np.concatenate([minus_inner, np.full(n_consume, -1), np.array(dem_class, dtype=np.int64)])
    delta = np.concatenate([np.zeros(n_inner + n_consume), np.array(dem_delta, dtype=np.float64)])
    record_amount = np.array([s.amount(indicator) for s in supplies], dtype=np.float64) / 100.0
    upper = np.full(tail.size, np.inf)
    upper[n_inner : n_inner + n_consume] = record_amount[usable]
    n_records = max(len(supplies), 1)
    fifo_cost = (np.asarray(fifo_ranks, dtype=np.float64) - 1.0) / n_records
    return Network(
        n_nodes=len(ordered),
        tail=tail,
        head=head,
        demand=demand,
        record=record,
        level=level_arr,
        grade_class=grade_class,
        grade_delta=delta,
        upper=upper,
        demand_amount=np.array([d.amount(indicator) for d in demands], dtype=np.float64) / 100.0,
        record_amount=record_amount,
        fifo_cost=fifo_cost,
        quality=quality,
        node_keys=ordered,
        node_of=node_of,
        link_of=link_of,
        chain_index=chain_index,
        chain_arc=np.array(chain_arc, dtype=np.int64),
    )


#: distinct record grades above which the quality rule makes the LP large (one chain per grade): 等别
#: in whole or half grades stay below; grades to 0.1 give 91 classes and a city's balance takes minutes
MANY_GRADE_CLASSES = 30


def grade_classes(supplies: Sequence[Supply], indicator: str, rules: Rules) -> int:
    """How many grade classes the network of ``indicator`` has (1 without the quality rule)."""
    if not quality_applies(indicator, rules):
        return 1
    return len({s.grade_x100 for s in supplies if s.status == rules.usable_status and s.amount(indicator) > 0})


def _date_keys(demands: Sequence[Demand], indicator: str, supply_before_demand: bool):
    """The chain position of a record's date. With 先补后占: the first approval date on or after it
    (of the demands that ask for ``indicator``), one past the last after them all. A record may serve
    a demand exactly when its key is on or before the demand's date, so records whose dates no
    approval date separates share a node: the network has the same solutions, with fewer nodes.
    Without the rule: the date itself (chains are ordered by date even then, as demands enter at the
    newest node: HiGHS handles a chain of dates much better than many records side by side under one
    node, which one node per chain would give)."""
    if not supply_before_demand:
        return lambda date: date.toordinal()
    dates = [d.date.toordinal() for d in demands if d.amount(indicator) > 0]
    approvals = np.unique(np.array(dates, dtype=np.int64))
    after_all = int(approvals[-1]) + 1 if approvals.size else 0

    keys: dict = {}

    def key(date) -> int:
        if date not in keys:
            k = int(np.searchsorted(approvals, date.toordinal(), side="left"))
            keys[date] = int(approvals[k]) if k < approvals.size else after_all
        return keys[date]

    return key


def dominated_demand_arcs(net: Network, free: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Free demand arcs that a free, wider arc of the same demand and grade class can replace at no
    more cost: the wider chain reaches the narrow arc's entry node through free chain and link arcs
    (and from there every record the narrow arc reaches), with the same quality coefficient.

    Dropping them leaves the stage optimum unchanged, and the LP duals stay feasible for them (the
    reduced cost of the narrow arc is at least that of the wider one plus those of the free arcs in
    between, all ≥ 0), so they can still be fixed by their reduced costs afterwards.
    """
    result = np.zeros(net.n_arcs, dtype=bool)
    arcs = np.flatnonzero((net.demand >= 0) & free)
    if arcs.size == 0 or not np.any(net.level[arcs] > 0):
        return result
    # fixed chain arcs strictly above each chain slot (chains are contiguous runs of slots)
    fixed = np.array([a >= 0 and not free[a] for a in net.chain_arc.tolist()], dtype=np.int64)
    above = np.cumsum(fixed) - fixed
    groups: dict[tuple[int, int], list[int]] = {}
    for a in arcs.tolist():
        groups.setdefault((int(net.demand[a]), int(net.grade_class[a])), []).append(a)
    for members in groups.values():
        if len(members) < 2:
            continue
        for narrow in members:
            entry = net.node_keys[int(net.head[narrow])]  # (class, date, level, group)
            for wide in members:
                if net.level[wide] <= net.level[narrow] or cost[wide] > cost[narrow]:
                    continue
                if _path_is_free(net, free, above, int(net.head[wide]), entry):
                    result[narrow] = True
                    break
    return result


def _path_is_free(net: Network, free: np.ndarray, above: np.ndarray, top: int, entry: tuple) -> bool:
    """Can flow entering at node ``top`` reach node ``entry`` through free chain and link arcs?"""
    c, date, level, group = entry
    wide_level = net.node_keys[top][2]
    wide_group = net.node_keys[top][3]
    target = net.node_of.get((c, date, wide_level, wide_group))
    if target is None or above[net.chain_index[target]] != above[net.chain_index[top]]:
        return False
    upper = target
    for lev in range(wide_level - 1, level - 1, -1):
        lower = net.node_of.get((c, date, lev, group[: (6, 4, 2)[lev]]))
        link = net.link_of.get((upper, lower)) if lower is not None else None
        if link is None or not free[link]:
            return False
        upper = lower
    return True
