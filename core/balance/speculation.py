"""The stage after a large LP, solved at the same time in a second process (see Speculation)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .network import Network
from .restricted_lp import Optimum, Restricted

#: weight of the current stage's cost in the LP the second process solves (see Speculation); the
#: fewest free columns for which a second process pays
SPECULATION_WEIGHT = 10.0
SECOND_PROCESS_MIN_COLUMNS = 10000


class Speculation:
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

    When coverage is solved together with stage j (lp._joint_stage), the second process takes it for
    granted that nothing is short: its LP has every shortfall fixed at 0 (smaller and easier to solve)
    and minimises SPECULATION_WEIGHT × (stage j's cost) + (next cost); c* is then stage j's optimum,
    and if something is short after all its answer is not used."""

    def __init__(self, second_process, lp: Restricted, linprog, net: Network, cost: np.ndarray, x) -> None:
        def work() -> tuple:
            optimum = lp.solve(linprog, net, "speculated", cost, x, True)
            return optimum.x, optimum.y_eq, optimum.y_ub, optimum.optimise, np.array([optimum.seconds])

        self._process = second_process(work)

    def optimum(self, canceled) -> Optional[Optimum]:
        arrays = self._process.answer(canceled)
        if arrays is None:
            return None
        x, y_eq, y_ub, optimise, seconds = arrays
        return Optimum(x, y_eq, y_ub, optimise.astype(bool), float(seconds[0]))

    def discard(self) -> None:
        self._process.discard()


@dataclass
class Unconfirmed:
    """What to go back to if the faces held after a speculated stage turn out to share no point."""

    lp: Restricted
    x: np.ndarray
    stage: int
    optima: int  # how many optima, seconds and stages solved elsewhere there were before it
    seconds: int
    elsewhere: int


def settles_first(x_w: np.ndarray, x: np.ndarray, cost: np.ndarray) -> bool:
    """Whether the speculated optimum reaches this stage's optimum: within a millionth of a unit (m²
    or kg) plus a trillionth of it, far below the hundredths the result is written in (the two
    vertices of the bench differ by about 2e-9 on 2.7e6)."""
    best = float(cost @ x)
    return float(cost @ x_w) <= best + 1e-6 + 1e-12 * abs(best)
