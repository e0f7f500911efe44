"""Benchmark of the 占补平衡 LP: 2,000 demands × 5,000 ledger records, checked independently.

    python dev/bench_balance.py [--demands 2000] [--records 5000] [--scope 1] [--supply 1.25] [--seed 1]
                                [--check pairs|none] [--processes 2|1]

Synthetic city (焦作 4108, ten counties, plus four counties of 新乡 4107 for scope 2): demands approved
2021–2025 with lognormal areas (median 0.8 ha), 20 % with 水田, 等别 4–10; ledger records entered
2016–2025, 等别 3–12, 20 % with 水田, 90 % usable; total remaining area = ``--supply`` × total demand,
unevenly spread over the counties so that some counties need 调剂.

``--processes 2`` (the default) runs as ``qgis_process`` does on Linux: large stages two at a time,
水田 and 产能 in a second process (core/balance/lp.py, side_indicators.py); ``--processes 1`` as the
QGIS desktop does. Stages solved in the second process print without their own timing line for 水田
and 产能 (their LPs ran there).

Prints: time of ``core.balance.balance`` (HiGHS, wall and CPU of this process) with its per-stage
solve times and optima, the greedy's time and how far it is from the optimum, and — with ``--check pairs`` — the
same lexicographic LP built a second, independent way: one variable per eligible (demand, record)
pair (eligibility recomputed here from the raw codes and dates), each stage held by an objective
bound (c·x ≤ optimum + tolerance) instead of reduced-cost fixing, solved by column generation over
all eligible pairs (every pair priced with the duals until none has a negative reduced cost, which
proves the restricted optimum optimal for the full pair LP). The stage optima of both must agree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

import _checkout  # noqa: F401  (exposes the checkout as farmland_guard)
import numpy as np

CITY = ["410802", "410803", "410804", "410811", "410821", "410822", "410823", "410825", "410882", "410883"]
NEIGHBOUR = ["410702", "410703", "410721", "410724"]
INDICATORS = ("area", "paddy", "capacity")


def generate(m: int, n: int, seed: int, supply: float):
    from farmland_guard.core.balance import Demand, Supply
    from farmland_guard.core.grain_yield import DEFAULT_TABLE

    rng = np.random.default_rng(seed)
    counties = CITY + NEIGHBOUR
    weights = rng.uniform(0.5, 1.5, len(counties))
    weights /= weights.sum()
    sup_weights = weights * rng.uniform(0.6, 1.6, len(counties))
    sup_weights /= sup_weights.sum()
    d0, r0 = dt.date(2021, 1, 1).toordinal(), dt.date(2016, 1, 1).toordinal()
    end = dt.date(2025, 12, 31).toordinal()
    demands = []
    for i in range(m):
        area = int(min(max(rng.lognormal(np.log(8000), 0.9), 300), 300000) * 100)
        paddy = int(area * rng.uniform(0, 0.6)) if rng.random() < 0.2 else 0
        grade = int(rng.integers(4, 11)) * 100
        date = dt.date.fromordinal(int(rng.integers(d0, end + 1)))
        county = str(rng.choice(counties, p=weights))
        demands.append(
            Demand(
                "XM{:05d}".format(i),
                county,
                date,
                area,
                paddy,
                DEFAULT_TABLE.capacity_cents(area, grade),
                grade,
                i + 2,
            )
        )
    total = sum(d.area for d in demands)
    raw = np.minimum(np.maximum(rng.lognormal(np.log(8000), 1.0, n), 200), 400000)
    raw *= supply * total / 100 / raw.sum()
    supplies = []
    for j in range(n):
        area = int(raw[j] * 100)
        paddy = int(area * rng.uniform(0.2, 1.0)) if rng.random() < 0.2 else 0
        grade = int(rng.integers(3, 13)) * 100
        date = dt.date.fromordinal(int(rng.integers(r0, end + 1)))
        status = "可用" if rng.random() < 0.9 else str(rng.choice(["已用完", "冻结"]))
        county = str(rng.choice(counties, p=sup_weights))
        supplies.append(
            Supply(
                "ZB{:05d}".format(j),
                county,
                date,
                area,
                paddy,
                DEFAULT_TABLE.capacity_cents(area, grade),
                grade,
                status,
                j + 2,
            )
        )
    return demands, supplies


def _how_solved(stage: str, value: float, seconds, elsewhere) -> str:
    """" (1.23 s)", " (1.23 s, one LP with cross_county)" for stages solved together, " (1.23 s, second
    process)" for a stage solved in the second process at the same time as the one before, " (proven 0)"."""
    for name, spent in seconds:
        together = name.split("+")
        if stage in together:
            others = [s for s in together if s != stage]
            where = ", second process" if stage in elsewhere else ""
            return " ({:.2f} s{}{})".format(spent, where, ", one LP with " + "+".join(others) if others else "")
    return " (proven 0)" if value == 0 else ""


# ----------------------------------------------------------------------------- independent check


class PairLP:
    """The lexicographic balance LP of one indicator with one variable per eligible pair."""

    def __init__(self, demands, supplies, indicator: str, scope: int, quality: bool, before_demand: bool):
        self.indicator = indicator
        a = np.array([getattr(d, indicator) for d in demands], dtype=np.float64) / 100.0
        cap = np.array([getattr(s, indicator) for s in supplies], dtype=np.float64) / 100.0
        usable = np.array([s.status == "可用" for s in supplies]) & (cap > 0)
        d_code = np.array([int(d.county) for d in demands])
        s_code = np.array([int(s.county) for s in supplies])
        d_date = np.array([d.date.toordinal() for d in demands])
        s_date = np.array([s.date.toordinal() for s in supplies])
        self.quality = quality and indicator == "area"
        q = np.array([d.grade_x100 for d in demands], dtype=np.float64) / 100.0
        g = np.array([s.grade_x100 for s in supplies], dtype=np.float64) / 100.0
        order = sorted(range(len(supplies)), key=lambda j: (supplies[j].date, supplies[j].record_id))
        fifo = np.empty(len(supplies))
        fifo[order] = np.arange(len(supplies)) / len(supplies)
        d_order = sorted(range(len(demands)), key=lambda i: (demands[i].date, demands[i].demand_id))
        rank = np.empty(len(demands))
        rank[d_order] = np.arange(len(demands))
        divisor = {0: 1, 1: 100, 2: 10000}[scope]
        rows_i, rows_j = [], []
        for i in np.flatnonzero(a > 0):  # every eligible pair, from the raw codes and dates
            ok = usable & (s_code // divisor == d_code[i] // divisor)
            if before_demand:
                ok &= s_date <= d_date[i]
            js = np.flatnonzero(ok)
            rows_i.append(np.full(js.size, i))
            rows_j.append(js)
        self.pi = np.concatenate(rows_i) if rows_i else np.zeros(0, dtype=int)
        self.pj = np.concatenate(rows_j) if rows_j else np.zeros(0, dtype=int)
        level = np.where(
            s_code[self.pj] == d_code[self.pi], 0, np.where(s_code[self.pj] // 100 == d_code[self.pi] // 100, 1, 2)
        )
        self.a, self.cap, self.q, self.g = a, cap, q, g
        self.m, self.n = len(demands), len(supplies)
        m = self.m
        self.stages = [
            ("coverage", np.zeros(self.pi.size), np.ones(m)),
            ("approval_order", np.zeros(self.pi.size), 1.0 - rank / m),
        ]
        if scope >= 1:
            self.stages.append(("cross_county", (level >= 1).astype(float), np.zeros(m)))
        if scope >= 2:
            self.stages.append(("cross_city", (level == 2).astype(float), np.zeros(m)))
        self.stages.append(("fifo", fifo[self.pj], np.zeros(m)))

    def solve(self, seed_pairs: set) -> list[tuple[str, float, int]]:
        """Stage optima by column generation; returns (stage, optimum, pricing rounds)."""
        from scipy.optimize import linprog
        from scipy.sparse import coo_matrix

        key = self.pi.astype(np.int64) * self.n + self.pj
        active = np.isin(key, np.array(sorted(i * self.n + j for i, j in seed_pairs), dtype=np.int64))
        m, n = self.m, self.n
        bounds_fixed: list[tuple[np.ndarray, np.ndarray, float]] = []
        results = []
        for name, pair_cost, slack_cost in self.stages:
            rounds = 0
            while True:
                rounds += 1
                idx = np.flatnonzero(active)
                p = idx.size
                i, j = self.pi[idx], self.pj[idx]
                a_eq = coo_matrix(
                    (np.ones(p + m), (np.r_[i, np.arange(m)], np.r_[np.arange(p), p + np.arange(m)])),
                    shape=(m, p + m),
                )
                rows = [j]
                cols = [np.arange(p)]
                vals = [np.ones(p)]
                b_ub = [self.cap]
                offset = n
                if self.quality:
                    rows.append(offset + i)
                    cols.append(np.arange(p))
                    vals.append(self.g[j] - self.q[i])
                    b_ub.append(np.zeros(m))
                    offset += m
                for k, (pc, sc, bound) in enumerate(bounds_fixed):
                    rows.append(np.full(p + m, offset + k))
                    cols.append(np.arange(p + m))
                    vals.append(np.r_[pc[idx], sc])
                    b_ub.append([bound])
                a_ub = coo_matrix(
                    (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                    shape=(offset + len(bounds_fixed), p + m),
                )
                res = linprog(
                    np.r_[pair_cost[idx], slack_cost],
                    A_ub=a_ub,
                    b_ub=np.concatenate(b_ub),
                    A_eq=a_eq,
                    b_eq=self.a,
                    bounds=np.c_[np.zeros(p + m), np.r_[np.full(p, np.inf), self.a]],
                    method="highs-ipm",
                )
                if res.status != 0:
                    raise RuntimeError("pair LP stage {} failed: {}".format(name, res.message))
                y = res.eqlin.marginals
                z = res.ineqlin.marginals
                reduced = pair_cost - y[self.pi] - z[self.pj]
                off = n
                if self.quality:
                    reduced -= z[off + self.pi] * (self.g[self.pj] - self.q[self.pi])
                    off += m
                for k, (pc, _sc, _b) in enumerate(bounds_fixed):
                    reduced -= z[off + k] * pc
                scale = max(1.0, float(np.abs(pair_cost).max()))
                negative = (reduced < -1e-9 * scale) & ~active
                if not negative.any():
                    break
                cand = np.flatnonzero(negative)
                cand = cand[np.lexsort((reduced[cand], self.pi[cand]))]
                first = np.r_[0, np.flatnonzero(np.diff(self.pi[cand])) + 1]
                rank = np.arange(cand.size) - np.repeat(first, np.diff(np.r_[first, cand.size]))
                active[cand[rank < 10]] = True
            results.append((name, float(res.fun), rounds))
            bounds_fixed.append((pair_cost, slack_cost, float(res.fun) + 1e-9 * max(1.0, abs(float(res.fun)))))
        return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--demands", type=int, default=2000)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--scope", type=int, default=1, choices=(0, 1, 2))
    parser.add_argument("--supply", type=float, default=1.25, help="total supply / total demand (area)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", choices=("pairs", "none"), default="pairs")
    parser.add_argument(
        "--processes", type=int, choices=(1, 2), default=2, help="2: large stages two at a time (as qgis_process)"
    )
    args = parser.parse_args()

    from farmland_guard.core.balance import Rules, balance
    from farmland_guard.core.balance import lp as lp_module

    demands, supplies = generate(args.demands, args.records, args.seed, args.supply)
    rules = Rules(scope=args.scope)
    print(
        "instance: {} demands × {} records, scope {}, supply/demand {:.2f}, seed {}".format(
            len(demands), len(supplies), args.scope, args.supply, args.seed
        )
    )

    timings: list = []
    original = lp_module.solve_network

    def timed(*a, **k):
        solution = original(*a, **k)
        timings.append((solution.seconds, solution.elsewhere))
        return solution

    lp_module.solve_network = timed
    import farmland_guard.core.balance.solve as solve_module

    solve_module.solve_network = timed
    wall, cpu = time.perf_counter(), time.process_time()
    result = balance(demands, supplies, rules, solver="highs", second_process=args.processes == 2)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    solve_module.solve_network = original
    print(
        "HiGHS: {:.2f} s wall, {:.2f} s CPU of this process (target < 10 s); {} 核销 lines, {} demands short;"
        " {} process(es)".format(wall, cpu, len(result.allocations), len(result.shortfalls), args.processes)
    )
    for indicator, (seconds, elsewhere) in zip(INDICATORS, timings):
        optima = [(s, v) for ind, s, v in result.stages if ind == indicator]
        print(
            "  {:9s} ".format(indicator)
            + ", ".join("{} {:.4f}{}".format(s, v, _how_solved(s, v, seconds, elsewhere)) for s, v in optima)
        )
    per_demand = {}
    for a in result.allocations:
        per_demand.setdefault(a.demand_id, set()).add(a.record_id)
    print(
        "  records per demand: mean {:.2f}, max {}; 调剂 area {:.2f} m²; shortfall area {:.2f} m²".format(
            np.mean([len(v) for v in per_demand.values()]),
            max(len(v) for v in per_demand.values()),
            sum(a.area for a in result.allocations if a.cross_county) / 100,
            sum(s.area for s in result.shortfalls) / 100,
        )
    )

    wall_g = time.perf_counter()
    greedy = balance(demands, supplies, rules, solver="greedy")
    wall_g = time.perf_counter() - wall_g
    print(
        "greedy: {:.2f} s; shortfall area {:.2f} m² (optimum {:.2f}); 调剂 area {:.2f} m²".format(
            wall_g,
            sum(s.area for s in greedy.shortfalls) / 100,
            sum(s.area for s in result.shortfalls) / 100,
            sum(a.area for a in greedy.allocations if a.cross_county) / 100,
        )
    )

    if args.check == "none":
        return 0
    print("independent check: pair formulation, objective bounds, column generation")
    worst = 0.0
    for indicator in INDICATORS:
        started = time.perf_counter()
        model = PairLP(
            demands, supplies, indicator, args.scope, rules.quality_not_lower, rules.supply_before_demand
        )
        index = {d.demand_id: i for i, d in enumerate(demands)}
        rindex = {s.record_id: j for j, s in enumerate(supplies)}
        seed = {(index[a.demand_id], rindex[a.record_id]) for a in result.allocations if getattr(a, indicator) > 0}
        check = model.solve(seed)
        ours = {s: v for ind, s, v in result.stages if ind == indicator}
        line = []
        for stage, value, rounds in check:
            mine = ours.get(stage)
            if mine is None:  # a stage we skipped as irrelevant (e.g. order when nothing is short)
                mine = 0.0 if stage == "approval_order" else float("nan")
            rel = abs(mine - value) / max(1.0, abs(value))
            worst = max(worst, rel)
            line.append("{} {:.4f} vs {:.4f} ({} rounds)".format(stage, value, mine, rounds))
        print(
            "  {:9s} {} pairs, {:.1f} s: {}".format(
                indicator, model.pi.size, time.perf_counter() - started, "; ".join(line)
            )
        )
    print(
        "largest relative difference of a stage optimum: {:.2e} ({})".format(
            worst, "agree" if worst < 1e-6 else "DISAGREE"
        )
    )
    return 0 if worst < 1e-6 else 1


if __name__ == "__main__":
    sys.exit(main())
