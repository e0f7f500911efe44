"""The balance network: every eligible (demand, record) pair is a path, and no other pair is.

Eligibility is recomputed here from the raw codes, dates and statuses; the network is walked arc by
arc from each demand's arcs to the consume arcs it reaches.
"""

from __future__ import annotations

import datetime
import random

import pytest

from farmland_guard.core.balance import Demand, Rules, Supply
from farmland_guard.core.balance.network import build_network

COUNTIES = ["410802", "410803", "410702", "411002"]
BASE = datetime.date(2023, 1, 1)


def reachable_pairs(net) -> set[tuple[int, int]]:
    """(demand, record) pairs joined by a path of the network."""
    out_arcs: dict[int, list[int]] = {}
    for arc in range(net.n_arcs):
        if net.tail[arc] >= 0:
            out_arcs.setdefault(int(net.tail[arc]), []).append(arc)
    pairs = set()
    for arc in range(net.n_arcs):
        if net.demand[arc] < 0:
            continue
        seen, stack = set(), [int(net.head[arc])]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            for nxt in out_arcs.get(node, []):
                if net.head[nxt] >= 0:
                    stack.append(int(net.head[nxt]))
                else:
                    pairs.add((int(net.demand[arc]), int(net.record[nxt])))
    return pairs


def eligible_pairs(demands, supplies, rules, indicator) -> set[tuple[int, int]]:
    prefix = (6, 4, 2)[rules.scope]
    return {
        (i, j)
        for i, d in enumerate(demands)
        for j, s in enumerate(supplies)
        if getattr(d, indicator) > 0
        and getattr(s, indicator) > 0
        and s.status == "可用"
        and d.county[:prefix] == s.county[:prefix]
        and (not rules.supply_before_demand or s.date <= d.date)
    }


def random_case(seed: int):
    rng = random.Random(seed)
    day = lambda: BASE + datetime.timedelta(days=rng.randint(0, 40))  # noqa: E731
    demands = [
        Demand("D{}".format(i), rng.choice(COUNTIES), day(), rng.choice([0, 5000, 90000]), 0, 100, 600)
        for i in range(rng.randint(1, 8))
    ]
    supplies = [
        Supply(
            "S{}".format(j),
            rng.choice(COUNTIES),
            day(),
            rng.choice([0, 3000, 70000]),
            0,
            100,
            rng.choice([500, 600, 700]),
            rng.choice(["可用", "可用", "冻结"]),
        )
        for j in range(rng.randint(1, 14))
    ]
    return demands, supplies


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("scope", [0, 1, 2])
@pytest.mark.parametrize("before_demand", [True, False])
def test_paths_are_exactly_the_eligible_pairs(seed, scope, before_demand):
    demands, supplies = random_case(seed)
    rules = Rules(scope=scope, supply_before_demand=before_demand)
    net = build_network(demands, supplies, "area", rules, list(range(1, len(supplies) + 1)))
    assert reachable_pairs(net) == eligible_pairs(demands, supplies, rules, "area")


def test_records_no_approval_date_separates_share_a_node():
    day = lambda n: BASE + datetime.timedelta(days=n)  # noqa: E731
    demands = [Demand("D1", "410802", day(10), 100, 0, 0, 600), Demand("D2", "410802", day(20), 100, 0, 0, 600)]
    supplies = [
        Supply(name, "410802", day(n), 100, 0, 0, 600, "可用")
        for name, n in [("S1", 1), ("S2", 10), ("S3", 11), ("S4", 20), ("S5", 21), ("S6", 30)]
    ]
    net = build_network(demands, supplies, "area", Rules(), [1, 2, 3, 4, 5, 6])
    node_of_record = {int(net.record[a]): int(net.tail[a]) for a in range(net.n_arcs) if net.record[a] >= 0}
    # S1, S2 ≤ D1's date; S3, S4 in (D1, D2]; S5, S6 after every approval: three nodes
    assert node_of_record[0] == node_of_record[1]
    assert node_of_record[2] == node_of_record[3]
    assert node_of_record[4] == node_of_record[5]
    assert len(set(node_of_record.values())) == 3
    # without 先补后占 each date keeps its node
    anytime = build_network(demands, supplies, "area", Rules(supply_before_demand=False), [1, 2, 3, 4, 5, 6])
    assert anytime.n_nodes == 6
