"""The balance LP of one indicator, solved lexicographically with HiGHS (scipy.optimize.linprog).

Variables: the arcs of the network (core/balance/network.py) and one shortfall per demand.
Constraints: flow conservation at every node; per demand, arcs + shortfall = demand; per record,
its consume arc ≤ what it holds (a bound); per demand with the quality rule, Σ area × (grade − own
grade) ≤ 0 over its arcs.

Objectives, **lexicographic** (each solved to optimality, then held while the next is minimised):
1. coverage — least total shortfall (cover as much of every demand as the rules allow);
2. approval order — only when something is short: the shortfall falls on the most recently approved
   demands (cost of a demand's shortfall falls linearly with its approval rank);
3. cross-county — least 调剂 from other counties (scope ≥ 1);
4. cross-city — least 调剂 from other cities (scope 2);
5. FIFO — least Σ used × (FIFO rank of the record) / (number of records): older records first.
Why lexicographic and not weighted: a weight that provably dominates the next objective would have
to exceed (longest exchange cycle) × (largest next cost) — 10⁴–10⁷ here — which ruins the solver's
numerical tolerances. Holding an objective is done without any tolerance on its value: after a stage,
every variable with a positive reduced cost is fixed at its bound and every inequality with a
non-zero dual becomes an equality. By complementary slackness the optimal solutions of that stage
are exactly the feasible points of the restricted problem, and the problem shrinks from stage to
stage.

Work saved without changing any optimum: a stage whose optimum 0 is already proven by a feasible
solution (the greedy's, see solve.py) is not solved, its costed variables are simply fixed at 0;
where no quick relaxation proves a shortage (shortage.py), coverage is solved together with the
next stage (COVERAGE_WEIGHT × shortfall + its cost) and, when that leaves nothing short, both are
settled by the one LP (see _joint_stage; otherwise coverage is solved on its own);
the constraint matrix is split into connected components (cities or counties that share nothing),
one LP each, and a component whose stage costs are all 0 keeps its previous solution; a demand arc
is left out of a stage where a wider arc of the same demand and grade class costs no more and
reaches its entry through free chain and link arcs (network.dominated_demand_arcs: the optimum is
unchanged and the duals stay feasible for it, so its reduced cost is still used for fixing).

With a second process (Linux outside the QGIS desktop), the stage after each large LP is solved
there at the same time, weighted behind the current one, and used only where it provably keeps the
current optimum (speculation.py); the faces of both are then held together.

"Fewer records per demand" is not an LP objective (it is a fixed-charge, integer problem). The
simplex basis that HiGHS returns (after crossover) is a vertex, and a vertex of a transportation-
like problem splits a demand only where a record runs out or the grade mix requires it; the
decomposition into pairs (pairs.py) keeps each demand's flow together, and 水田 and 产能 are moved
onto the lines 面积 uses where an equal optimum allows (fewer_lines.py). Ties left after FIFO are
broken deterministically by the solver: the same input gives the same output in the same setting.
One process and two solve different (equivalent) LPs for the stages after a speculated one, so where
several allocations are equally optimal on every stage they may return different ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..progress import Canceled, NoProgress, Progress
from . import speculation
from .network import Network
from .restricted_lp import Restricted, SolverFailed

STAGE_COVERAGE = "coverage"
STAGE_APPROVAL_ORDER = "approval_order"
STAGE_CROSS_COUNTY = "cross_county"
STAGE_CROSS_CITY = "cross_city"
STAGE_FIFO = "fifo"
STAGES = (STAGE_COVERAGE, STAGE_APPROVAL_ORDER, STAGE_CROSS_COUNTY, STAGE_CROSS_CITY, STAGE_FIFO)

#: weight of the shortfall when coverage is solved together with the next stage (need not dominate:
#: a joint optimum that leaves something short is not used), and the shortfall (units) of any demand
#: below which it counts as covered: the solution is a vertex (crossover), where that is exactly 0
COVERAGE_WEIGHT = 1000.0
_COVERED = 1e-9


@dataclass(frozen=True)
class NetworkSolution:
    flow: np.ndarray  # per arc, units
    shortfall: np.ndarray  # per demand, units
    optima: tuple[tuple[str, float], ...]
    seconds: tuple[tuple[str, float], ...] = ()  # wall time of each LP solved ("a+b": two stages in one)
    elsewhere: tuple[str, ...] = ()  # stages solved in the second process


def scipy_available() -> bool:
    """True when scipy's HiGHS interface can be imported."""
    try:
        from scipy.optimize import linprog  # noqa: F401
        from scipy.sparse import csc_matrix  # noqa: F401
    except ImportError:
        return False
    return True


def solve_network(
    net: Network,
    approval_rank: np.ndarray,
    scope: int,
    proven_zero: Collection[str] = (),
    progress: Optional[Progress] = None,
    may_cover_all: bool = False,
    second_process: Optional[Callable] = None,
    meanwhile: Optional[Callable[[], None]] = None,
) -> NetworkSolution:
    """Solve the staged LP of one indicator. ``approval_rank``: 0 = earliest approved demand.

    ``proven_zero``: stages whose optimum is known to be 0 (a feasible solution — the greedy's —
    reaches 0 on them and on every earlier stage); they are not solved: their costed variables are
    fixed at 0, which is exactly their optimal face since all costs are ≥ 0.

    ``may_cover_all``: no quick test proves a shortage (shortage.py); coverage is then solved
    together with the next stage.

    ``second_process``: runs a function in another process (core.second_process.SecondProcess); the
    stage after each large LP is then solved there at the same time (speculation.py).
    ``meanwhile``: called before each LP solved while no second process works for this one (other
    work may then take the idle core).
    """
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    progress = progress or NoProgress()
    n_arcs = net.n_arcs
    m = net.demand_amount.size
    n_vars = n_arcs + m
    arcs = np.arange(n_arcs)
    into = net.head >= 0
    out_of = net.tail >= 0
    dem = net.demand >= 0
    rows = np.concatenate(
        [net.head[into], net.tail[out_of], net.n_nodes + net.demand[dem], net.n_nodes + np.arange(m)]
    )
    cols = np.concatenate([arcs[into], arcs[out_of], arcs[dem], n_arcs + np.arange(m)])
    vals = np.concatenate([np.ones(into.sum()), -np.ones(out_of.sum()), np.ones(dem.sum()), np.ones(m)])
    a_eq = coo_matrix((vals, (rows, cols)), shape=(net.n_nodes + m, n_vars)).tocsc()
    b_eq = np.concatenate([np.zeros(net.n_nodes), net.demand_amount])

    worse = dem & (net.grade_delta > 0)
    quality_demands = np.unique(net.demand[worse]) if net.quality else np.zeros(0, dtype=np.int64)
    row_of = np.full(max(m, 1), -1)  # (no demands: a row of none, so that the lookup below works)
    row_of[quality_demands] = np.arange(quality_demands.size)
    in_row = dem & (net.grade_delta != 0) & (row_of[np.maximum(net.demand, 0)] >= 0)
    q_arcs = arcs[in_row] if net.quality else np.zeros(0, dtype=int)
    a_ub = coo_matrix(
        (net.grade_delta[q_arcs], (row_of[net.demand[q_arcs]], q_arcs)), shape=(quality_demands.size, n_vars)
    ).tocsc()
    b_ub = np.zeros(quality_demands.size)

    stages = [(STAGE_COVERAGE, np.concatenate([np.zeros(n_arcs), np.ones(m)]))]
    if m:
        order_cost = 1.0 - np.asarray(approval_rank, dtype=np.float64) / m
        stages.append((STAGE_APPROVAL_ORDER, np.concatenate([np.zeros(n_arcs), order_cost])))
    if scope >= 1:
        stages.append((STAGE_CROSS_COUNTY, np.concatenate([(net.level >= 1).astype(np.float64), np.zeros(m)])))
    if scope >= 2:
        stages.append((STAGE_CROSS_CITY, np.concatenate([(net.level == 2).astype(np.float64), np.zeros(m)])))
    fifo = np.zeros(n_vars)
    consume = net.record >= 0
    fifo[:n_arcs][consume] = net.fifo_cost[net.record[consume]]
    stages.append((STAGE_FIFO, fifo))

    bounds = np.zeros(n_vars), np.concatenate([net.upper, net.demand_amount])
    lp = Restricted(a_eq, b_eq, a_ub, b_ub, *bounds, np.arange(a_ub.shape[0]))
    solved_once = False
    x = np.zeros(n_vars)
    optima: list[tuple[str, float]] = []
    seconds: list[tuple[str, float]] = []
    elsewhere: list[str] = []
    shortfall = slice(n_arcs, n_vars)
    unconfirmed: Optional[speculation.Unconfirmed] = None
    side_started = False

    def core_left_idle() -> None:
        """This indicator leaves a core idle from now on: the other work may take it, once; no new
        speculation is started after it (two busy processes on two cores at most)."""
        nonlocal second_process, side_started
        if meanwhile is not None and not side_started:
            side_started = True
            second_process = None
            meanwhile()

    k = 0
    while k < len(stages):
        name, cost = stages[k]
        if progress.is_canceled():
            raise Canceled()
        last = k == len(stages) - 1
        free = lp.lower < lp.upper
        if name == STAGE_APPROVAL_ORDER and optima and optima[0][1] <= 1e-9:
            k += 1
            continue  # nothing is short: the order of demands does not matter
        if not last and (name in proven_zero or not np.any(cost[free])):
            lp.upper = np.where(cost > 0, lp.lower, lp.upper)
            optima.append((name, 0.0 if name in proven_zero else float(cost @ x)))
            k += 1
            continue
        # coverage together with the next stage, when all demands may well be covered (see below)
        joint = _joint_stage(stages, k, may_cover_all, proven_zero) if name == STAGE_COVERAGE else None
        solve_cost = cost if joint is None else COVERAGE_WEIGHT * cost + stages[joint][1]
        partner = _partner_stage(stages, k if joint is None else joint, proven_zero, joint is not None)
        pending = None  # the partner stage, solving in the second process
        large = lp.n_free() >= speculation.SECOND_PROCESS_MIN_COLUMNS
        if second_process is not None and partner is not None and large:
            at_fork = lp.copy()
            held = solve_cost
            if joint is not None:  # there, nothing short is taken for granted: a smaller, easier LP
                at_fork.upper[shortfall] = at_fork.lower[shortfall]
                held = stages[joint][1]
            weighted = speculation.SPECULATION_WEIGHT * held + stages[partner][1]
            pending = speculation.Speculation(second_process, at_fork, linprog, net, weighted, x)
        elif (joint if joint is not None else k) == len(stages) - 1:
            core_left_idle()  # this process's last LP: the other core is free
        try:
            started = time.perf_counter()
            try:
                optimum = lp.solve(linprog, net, name, solve_cost, x, not solved_once)
            except SolverFailed:
                if unconfirmed is None:
                    raise
                # the two held faces have no point in common: the speculated optimum was not the
                # partner's after all (numerically); solve the partner from the first face alone
                lp, x, k = unconfirmed.lp, unconfirmed.x, unconfirmed.stage
                del optima[unconfirmed.optima :], seconds[unconfirmed.seconds :]
                del elsewhere[unconfirmed.elsewhere :]
                unconfirmed = None
                continue
            unconfirmed = None
            solved_once = True
            x = optimum.x
            if joint is not None and float(x[shortfall].max(initial=0.0)) > _COVERED:
                joint = None  # something is short after all: solve coverage on its own
                solve_cost = cost
                optimum = lp.solve(linprog, net, name, cost, x, True)
                x = optimum.x
            if joint is None:
                seconds.append((name, time.perf_counter() - started))
                optima.append((name, float(cost @ x)))
                k += 1
            else:  # every demand covered: coverage is 0 and the joint optimum is the next stage's
                seconds.append((name + "+" + stages[joint][0], time.perf_counter() - started))
                optima.append((name, 0.0))
                optima.append((stages[joint][0], float(stages[joint][1] @ x)))
                lp.upper[shortfall] = lp.lower[shortfall]
                last = joint == len(stages) - 1
                k = joint + 1
            progress.report(k / len(stages))
            if last:
                break
            # the scale of the stage just settled (with coverage solved jointly: the next stage's, since
            # the weighted shortfall columns are fixed at 0 anyway)
            lp.hold(optimum, solve_cost, stages[joint][1] if joint is not None else cost)
            if pending is None or k != partner:
                continue
            if stages[partner][0] == STAGE_APPROVAL_ORDER and optima[0][1] <= 1e-9:
                continue  # nothing short after all: approval order is skipped, as in one process
            if partner == len(stages) - 1:
                core_left_idle()  # nothing left to solve here but to wait for the last stage
            # waited for however long it takes: giving up after a time would make the result (one of
            # the equal optima) depend on how busy the machine is
            other = pending.optimum(progress.is_canceled)
            pending = None
            if progress.is_canceled():
                raise Canceled()
            if other is None or not speculation.settles_first(other.x, x, held):
                continue
        finally:
            if pending is not None:
                pending.discard()
        # the second process's optimum keeps this stage's optimum: it is the partner's (speculation.py)
        settled = speculation.Unconfirmed(lp.copy(), x, partner, len(optima), len(seconds), len(elsewhere))
        if partner != len(stages) - 1 and not lp.restrict(at_fork.face(other, weighted, weighted)):
            continue  # the two faces contradict each other (numerically): solve the partner here
        optima.append((stages[partner][0], float(stages[partner][1] @ other.x)))
        seconds.append((stages[partner][0], other.seconds))
        elsewhere.append(stages[partner][0])
        x = other.x
        if partner == len(stages) - 1:
            break
        unconfirmed = settled
        k = partner + 1
        progress.report(k / len(stages))
    flow = np.maximum(x[:n_arcs], 0.0)
    shortfall_units = np.maximum(x[n_arcs:], 0.0)
    return NetworkSolution(flow, shortfall_units, tuple(optima), tuple(seconds), tuple(elsewhere))


def _partner_stage(stages: list, k: int, proven_zero: Collection[str], covered: bool) -> Optional[int]:
    """The stage solved after stage ``k``, if it is one to speculate on: not proven 0 (that one's
    columns would be fixed first), and none after approval order (its costs differ by 1/(number of
    demands): no moderate weight holds them). With ``covered`` (nothing short), approval order is
    skipped, as it is only solved when something is short."""
    if stages[k][0] == STAGE_APPROVAL_ORDER:
        return None
    for j in range(k + 1, len(stages)):
        name = stages[j][0]
        if name == STAGE_APPROVAL_ORDER and covered:
            continue
        return None if name in proven_zero else j
    return None


def _joint_stage(stages: list, k: int, may_cover_all: bool, proven_zero: Collection[str]) -> Optional[int]:
    """The stage to solve together with coverage (stage ``k``), or None.

    Minimising COVERAGE_WEIGHT × shortfall + next cost: if the optimum leaves nothing short, coverage's
    optimum is 0, and the point minimises the next cost among all that cover everything (any of them
    scores its next cost alone, which is then ≥ the joint optimum). Holding the joint optimum by
    reduced costs, plus shortfall 0, leaves exactly the points optimal for both stages in turn. One
    LP instead of two; when something is short after all, coverage is solved on its own as before,
    so it is tried only where quick relaxations (shortage.py) leave every demand covered."""
    return _partner_stage(stages, k, proven_zero, covered=True) if may_cover_all else None

