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
current optimum (_Speculation); the faces of both are then held together.

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
from .network import Network, dominated_demand_arcs

STAGE_COVERAGE = "coverage"
STAGE_APPROVAL_ORDER = "approval_order"
STAGE_CROSS_COUNTY = "cross_county"
STAGE_CROSS_CITY = "cross_city"
STAGE_FIFO = "fifo"
STAGES = (STAGE_COVERAGE, STAGE_APPROVAL_ORDER, STAGE_CROSS_COUNTY, STAGE_CROSS_CITY, STAGE_FIFO)

_FIX_TOLERANCE = 1e-7  # relative to the stage's largest cost
#: weight of the shortfall when coverage is solved together with the next stage (need not dominate:
#: a joint optimum that leaves something short is not used), and the shortfall (units) of any demand
#: below which it counts as covered: the solution is a vertex (crossover), where that is exactly 0
COVERAGE_WEIGHT = 1000.0
_COVERED = 1e-9
#: weight of the current stage's cost in the LP the second process solves (see _Speculation); the
#: fewest free columns for which a second process pays
SPECULATION_WEIGHT = 10.0
SECOND_PROCESS_MIN_COLUMNS = 10000
_METHOD = "highs-ipm"  # interior point + crossover: measured 3–10× faster than dual simplex here
# The crossover turns the interior point into a vertex with exact duals, so a looser interior-point
# stopping rule than the default 1e-8 costs nothing in accuracy and saves iterations.
_OPTIONS = {"ipm_optimality_tolerance": 1e-6}


class SolverFailed(RuntimeError):
    """HiGHS did not return an optimum (``status`` as scipy's linprog)."""

    def __init__(self, stage: str, status: int, message: str) -> None:
        super().__init__("LP stage {} failed: status {} ({})".format(stage, status, message))
        self.stage = stage
        self.status = status
        self.message = message


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
    stage after each large LP is then solved there at the same time (see _Speculation).
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
    lp = _Restricted(a_eq, b_eq, a_ub, b_ub, *bounds, np.arange(a_ub.shape[0]))
    solved_once = False
    x = np.zeros(n_vars)
    optima: list[tuple[str, float]] = []
    seconds: list[tuple[str, float]] = []
    elsewhere: list[str] = []
    shortfall = slice(n_arcs, n_vars)
    unconfirmed: Optional[_Unconfirmed] = None
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
        if name == STAGE_APPROVAL_ORDER:
            partner = None  # its costs differ by 1/(number of demands): no moderate weight holds them
        speculation = None
        if second_process is not None and partner is not None and lp.n_free() >= SECOND_PROCESS_MIN_COLUMNS:
            at_fork = lp.copy()
            held = solve_cost
            if joint is not None:  # there, nothing short is taken for granted: a smaller, easier LP
                at_fork.upper[shortfall] = at_fork.lower[shortfall]
                held = stages[joint][1]
            weighted = SPECULATION_WEIGHT * held + stages[partner][1]
            speculation = _Speculation(second_process, at_fork, linprog, net, weighted, x)
        elif meanwhile is not None and (joint if joint is not None else k) == len(stages) - 1:
            meanwhile()  # this process's last LP leaves the other core idle
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
            if speculation is None or k != partner:
                continue
            if stages[partner][0] == STAGE_APPROVAL_ORDER and optima[0][1] <= 1e-9:
                continue  # nothing short after all: approval order is skipped, as in one process
            # waited for however long it takes: giving up after a time would make the result (one of
            # the equal optima) depend on how busy the machine is
            other = speculation.optimum(progress.is_canceled)
            speculation = None
            if progress.is_canceled():
                raise Canceled()
            if other is None or not _settles_first(other.x, x, held):
                continue
        finally:
            if speculation is not None:
                speculation.discard()
        # the second process's optimum keeps this stage's optimum: it is the partner's (see _Speculation)
        settled = _Unconfirmed(lp.copy(), x, partner, len(optima), len(seconds), len(elsewhere))
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


@dataclass
class _Optimum:
    """A stage's optimal vertex, the duals of the equality and inequality rows, the columns optimised."""

    x: np.ndarray
    y_eq: np.ndarray
    y_ub: np.ndarray
    optimise: np.ndarray
    seconds: float = 0.0


@dataclass
class _Restricted:
    """One indicator's LP as the stages settled so far restrict it: equality rows (the quality rows
    that bind join them), the other inequality rows, and the bounds (fixed columns have lower = upper)."""

    a_eq: object
    b_eq: np.ndarray
    a_ub: object
    b_ub: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    ub_ids: np.ndarray  # which of the first inequality rows each row of a_ub is

    def copy(self) -> _Restricted:
        return _Restricted(
            self.a_eq, self.b_eq, self.a_ub, self.b_ub, self.lower.copy(), self.upper.copy(), self.ub_ids
        )

    def optimised(self, net: Network, cost: np.ndarray) -> np.ndarray:
        """The free columns, less the demand arcs a wider arc of the same grade class can stand in for
        at no more cost (left out of the LP; their reduced costs are still checked by hold())."""
        free = self.lower < self.upper
        optimise = free.copy()
        optimise[: net.n_arcs] &= ~dominated_demand_arcs(net, free[: net.n_arcs], cost[: net.n_arcs])
        return optimise

    def n_free(self) -> int:
        return int(np.count_nonzero(self.lower < self.upper))

    def solve(self, linprog, net: Network, name: str, cost: np.ndarray, previous, solve_all: bool) -> _Optimum:
        optimise = self.optimised(net, cost)
        started = time.perf_counter()
        x, y_eq, y_ub = _solve_by_components(
            linprog, name, cost, self.a_eq, self.b_eq, self.a_ub, self.b_ub, self.lower, self.upper, optimise,
            previous, solve_all,
        )
        return _Optimum(x, y_eq, y_ub, optimise, time.perf_counter() - started)

    def hold(self, optimum: _Optimum, cost: np.ndarray, scale: np.ndarray) -> bool:
        """Restrict to the optimal face of ``cost`` (see face()); False, and nothing changed, when the
        face shares no point with this LP's bounds."""
        return self.restrict(self.face(optimum, cost, scale))

    def face(self, optimum: _Optimum, cost: np.ndarray, scale: np.ndarray) -> _Face:
        """The optimal face of ``cost`` over this LP, from an optimum of it: every column with a
        non-zero reduced cost (computed from the row duals, also for columns left out of the LP) at
        its bound, every inequality with a non-zero dual an equality. ``scale``: the cost whose
        largest value sets the tolerance."""
        reduced = cost - self.a_eq.T @ optimum.y_eq
        if self.a_ub.shape[0]:
            reduced -= self.a_ub.T @ optimum.y_ub
        tolerance = _FIX_TOLERANCE * max(1.0, float(np.abs(scale).max()))
        free = self.lower < self.upper
        at_lower = (reduced > tolerance) & free
        at_upper = (reduced < -tolerance) & optimum.optimise
        value = np.where(at_lower, self.lower, self.upper)
        tight = np.abs(optimum.y_ub) > tolerance if self.a_ub.shape[0] else np.zeros(0, dtype=bool)
        return _Face(at_lower | at_upper, value, self.ub_ids[tight])

    def restrict(self, face: _Face) -> bool:
        """Hold ``face`` (possibly found on an earlier state of this LP, with fewer columns fixed)."""
        lower = np.where(face.fixed, np.maximum(self.lower, face.value), self.lower)
        upper = np.where(face.fixed, np.minimum(self.upper, face.value), self.upper)
        if np.any(lower > upper):
            return False
        self.lower, self.upper = lower, upper
        tight = np.isin(self.ub_ids, face.tight_rows)
        if tight.any():
            self.a_eq = _vstack(self.a_eq, self.a_ub[tight])
            self.b_eq = np.concatenate([self.b_eq, self.b_ub[tight]])
            self.a_ub = self.a_ub[np.flatnonzero(~tight)]
            self.b_ub = self.b_ub[~tight]
            self.ub_ids = self.ub_ids[~tight]
        return True


@dataclass(frozen=True)
class _Face:
    """An optimal face: columns fixed (at ``value``) and inequality rows (ids) held as equalities."""

    fixed: np.ndarray
    value: np.ndarray
    tight_rows: np.ndarray


class _Speculation:
    """The next stage, solved in a second process while this one solves the current stage: there,
    SPECULATION_WEIGHT × (current cost) + (next cost) is minimised over the same restricted LP.

    If that optimum x_w also reaches the current stage's optimum c*, it is the next stage's: any point
    of the current face scores SPECULATION_WEIGHT × c* + (its next cost), which is then ≥ the weighted
    optimum, so no point of the face has a lower next cost than x_w. The next stage's optimal face is
    then exactly the current face with the weighted face held on top (a point of both scores c* and
    the weighted optimum, hence x_w's next cost); when numerics leave the two without a common point
    the stage after fails, and the next stage is solved again from the current face alone. If x_w
    misses c* (the weight was too small for this instance) it is simply not used. The weight need not
    dominate: it only decides how often the second process's work can be used.

    When coverage is solved together with stage j (see _joint_stage), the second process takes it for
    granted that nothing is short: its LP has every shortfall fixed at 0 (smaller and easier to solve)
    and minimises SPECULATION_WEIGHT × (stage j's cost) + (next cost); c* is then stage j's optimum,
    and if something is short after all its answer is not used."""

    def __init__(self, second_process, lp: _Restricted, linprog, net: Network, cost: np.ndarray, x) -> None:
        def work() -> tuple:
            optimum = lp.solve(linprog, net, "speculated", cost, x, True)
            return optimum.x, optimum.y_eq, optimum.y_ub, optimum.optimise, np.array([optimum.seconds])

        self._process = second_process(work)

    def optimum(self, canceled) -> Optional[_Optimum]:
        arrays = self._process.answer(canceled)
        if arrays is None:
            return None
        x, y_eq, y_ub, optimise, seconds = arrays
        return _Optimum(x, y_eq, y_ub, optimise.astype(bool), float(seconds[0]))

    def discard(self) -> None:
        self._process.discard()


@dataclass
class _Unconfirmed:
    """What to go back to if the faces held after a speculated stage turn out to share no point."""

    lp: _Restricted
    x: np.ndarray
    stage: int
    optima: int  # how many optima, seconds and stages solved elsewhere there were before it
    seconds: int
    elsewhere: int


def _settles_first(x_w: np.ndarray, x: np.ndarray, cost: np.ndarray) -> bool:
    """Whether the speculated optimum reaches this stage's optimum: within a millionth of a unit (m²
    or kg) plus a trillionth of it, far below the hundredths the result is written in (the two
    vertices of the bench differ by about 2e-9 on 2.7e6)."""
    best = float(cost @ x)
    return float(cost @ x_w) <= best + 1e-6 + 1e-12 * abs(best)


def _partner_stage(stages: list, k: int, proven_zero: Collection[str], covered: bool) -> Optional[int]:
    """The stage solved after stage ``k``, if it is one to speculate on: not proven 0 (that one's
    columns would be fixed first). With ``covered`` (coverage solved jointly), approval order is
    skipped, as it is only solved when something is short."""
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
    if not may_cover_all:
        return None
    for j in range(k + 1, len(stages)):
        name = stages[j][0]
        if name == STAGE_APPROVAL_ORDER:
            continue  # only solved when something is short
        return None if name in proven_zero else j
    return None


def _solve_by_components(linprog, name, cost, a_eq, b_eq, a_ub, b_ub, lower, upper, optimise, previous, solve_all):
    """Minimise ``cost`` over the ``optimise`` columns (the others stay at their lower bound), one LP
    per connected component of the constraint matrix (counties or cities that share nothing are
    independent problems, and several small LPs solve faster than one large). Returns the solution
    and the duals of the equality and inequality rows (0 for rows without optimised columns).
    A component without cost keeps its values from ``previous`` (the last stage's optimum, still
    feasible: every fixing agrees with it) unless ``solve_all`` (the first LP, with nothing before)."""
    from scipy.sparse import coo_matrix, csgraph, vstack

    fixed = np.where(optimise, 0.0, lower)
    rhs_eq = b_eq - a_eq @ fixed
    rhs_ub = b_ub - a_ub @ fixed if a_ub.shape[0] else b_ub
    x = np.where(optimise, previous, lower)
    n_eq, n_ub = a_eq.shape[0], a_ub.shape[0]
    y_eq = np.zeros(n_eq)
    y_ub = np.zeros(n_ub)
    cols = np.flatnonzero(optimise)
    if cols.size == 0:
        return x, y_eq, y_ub
    matrix = (vstack([a_eq, a_ub]) if n_ub else a_eq).tocsc()[:, cols].tocoo()
    n_rows = n_eq + n_ub
    graph = coo_matrix((np.ones(matrix.nnz), (matrix.row, n_rows + matrix.col)), shape=(n_rows + cols.size,) * 2)
    _, label = csgraph.connected_components(graph, directed=False)
    col_label = label[n_rows:]
    row_label = label[:n_rows]
    a_eq_c = a_eq.tocsr()
    a_ub_c = a_ub.tocsr() if n_ub else a_ub
    for component in np.unique(col_label):  # labels follow the first column: a fixed order
        c_idx = cols[col_label == component]
        if not np.any(cost[c_idx]) and not solve_all:
            continue  # nothing to minimise here: the previous stage's solution stands, duals 0
        eq_rows = np.flatnonzero(row_label[:n_eq] == component)
        ub_rows = np.flatnonzero(row_label[n_eq:] == component)
        result = linprog(
            cost[c_idx],
            A_ub=a_ub_c[ub_rows][:, c_idx] if ub_rows.size else None,
            b_ub=rhs_ub[ub_rows] if ub_rows.size else None,
            A_eq=a_eq_c[eq_rows][:, c_idx] if eq_rows.size else None,
            b_eq=rhs_eq[eq_rows] if eq_rows.size else None,
            bounds=np.column_stack([lower[c_idx], upper[c_idx]]),
            method=_METHOD,
            options=_OPTIONS,
        )
        if result.status != 0:
            raise SolverFailed(name, int(result.status), str(result.message))
        x[c_idx] = result.x
        if eq_rows.size:
            y_eq[eq_rows] = result.eqlin.marginals
        if ub_rows.size:
            y_ub[ub_rows] = result.ineqlin.marginals
    return x, y_eq, y_ub


def _vstack(top, bottom):
    from scipy.sparse import vstack

    return vstack([top, bottom]).tocsc()
