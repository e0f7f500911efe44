"""Two quick relaxations of the coverage LP that can prove some demand must stay short.

Solving coverage together with the next stage (lp.py) saves a whole LP when every demand can be
covered, and costs one when not; these decide whether to try. Each drops some rules, so it can only
be wrong in one direction: a shortage it finds is certain, a "may cover all" is a guess.

- :func:`network_covers_all`: a maximum flow through the balance network (scope, 先补后占, status,
  amounts; no quality rows), in whole units;
- :func:`aggregate_shortfall`: the coverage LP with demands and records pooled by county and grade
  (scope, status, amounts, the quality rule summed over each pool; no dates): 100-odd rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .eligibility import county_level, quality_applies
from .model import Demand, Rules, Supply
from .network import Network

#: relaxed shortfall (share of the demands) below which nothing is counted short (solver noise)
_NOISE = 1e-9


def may_cover_all(
    net: Network, demands: Sequence[Demand], supplies: Sequence[Supply], rules: Rules, indicator: str
) -> bool:
    """False when a relaxation proves that some demand of ``indicator`` must stay short."""
    if not network_covers_all(net):
        return False
    shortfall = aggregate_shortfall(demands, supplies, rules, indicator)
    wanted = sum(d.amount(indicator) for d in demands) / 100.0
    return shortfall is None or shortfall <= _NOISE * max(1.0, wanted)


def aggregate_shortfall(demands: Sequence[Demand], supplies: Sequence[Supply], rules: Rules, indicator: str):
    """Least total shortfall (units) of the pooled LP, or None when it could not be solved."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    quality = quality_applies(indicator, rules)
    wanted: dict[tuple[str, int], float] = {}
    for d in demands:
        if d.amount(indicator) > 0:
            key = (d.county, d.grade_x100 if quality else 0)
            wanted[key] = wanted.get(key, 0.0) + d.amount(indicator) / 100.0
    held: dict[tuple[str, int], float] = {}
    for s in supplies:
        if s.status == rules.usable_status and s.amount(indicator) > 0:
            key = (s.county, s.grade_x100 if quality else 0)
            held[key] = held.get(key, 0.0) + s.amount(indicator) / 100.0
    if not wanted:
        return 0.0
    pools, stocks = list(wanted), list(held)
    pairs = [
        (i, j)
        for i, (county, _) in enumerate(pools)
        for j, (other, _) in enumerate(stocks)
        if county_level(county, other) <= rules.scope
    ]
    m, n, k = len(pools), len(stocks), len(pairs)
    pi = np.array([i for i, _ in pairs], dtype=np.int64)
    pj = np.array([j for _, j in pairs], dtype=np.int64)
    arange_k = np.arange(k)
    # variables: k pair amounts, then m pool shortfalls; pool: pairs + shortfall = wanted
    a_eq = coo_matrix(
        (np.ones(k + m), (np.concatenate([pi, np.arange(m)]), np.concatenate([arange_k, k + np.arange(m)]))),
        shape=(m, k + m),
    )
    rows, cols, values = [pj], [arange_k], [np.ones(k)]  # a record pool gives at most what it holds
    if quality:  # Σ amount × (grade − pool grade) ≤ 0 per demand pool
        grade = np.array([g for _, g in stocks], dtype=np.float64) / 100.0
        own = np.array([g for _, g in pools], dtype=np.float64) / 100.0
        rows.append(n + pi)
        cols.append(arange_k)
        values.append(grade[pj] - own[pi])
    n_rows = n + (m if quality else 0)
    entries = (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols)))
    a_ub = coo_matrix(entries, shape=(n_rows, k + m))
    b_ub = np.concatenate([np.array([held[s] for s in stocks]), np.zeros(n_rows - n)])
    result = linprog(
        np.concatenate([np.zeros(k), np.ones(m)]),
        A_ub=a_ub.tocsc(),
        b_ub=b_ub,
        A_eq=a_eq.tocsc(),
        b_eq=np.array([wanted[p] for p in pools]),
        bounds=(0, None),
        method="highs",
    )
    return float(result.fun) if result.status == 0 else None


def network_covers_all(net: Network) -> bool:
    """Whether a maximum flow from the demands through the network to the records covers them all
    (in whole units, rounded down). The quality rows are left out, so a True may still leave demands
    short; a False is certain (up to the rounding), and coverage is then solved on its own."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_flow

    demand = np.floor(net.demand_amount).astype(np.int64)
    wanted = int(demand.sum())
    if wanted == 0:
        return True
    scale = max(1.0, wanted / 1e9)  # capacities are 32-bit integers
    m = demand.size
    source, sink = net.n_nodes + m, net.n_nodes + m + 1
    dem = net.demand >= 0
    consume = net.record >= 0
    inner = ~dem & ~consume
    unlimited = int(wanted / scale) + 1
    demand_nodes = net.n_nodes + np.arange(m)
    tails = np.concatenate([np.full(m, source), demand_nodes[net.demand[dem]], net.tail[inner], net.tail[consume]])
    heads = np.concatenate([demand_nodes, net.head[dem], net.head[inner], np.full(consume.sum(), sink)])
    capacity = np.concatenate(
        [
            np.floor(demand / scale),
            np.full(dem.sum() + inner.sum(), unlimited),
            np.floor(np.minimum(net.upper[consume], unlimited * scale) / scale),
        ]
    ).astype(np.int64)
    # parallel arcs (several records under one node) are summed here, in 64 bits, then clipped
    graph = csr_matrix((capacity, (tails, heads)), shape=(sink + 1, sink + 1))
    graph.sum_duplicates()
    graph.data = np.minimum(graph.data, unlimited).astype(np.int32)
    flow = maximum_flow(graph, source, sink).flow_value
    return flow >= int(np.floor(demand / scale).sum())
