"""The indicators after the first (水田, 产能), solved in a second process while the first (面积, the
one with the quality rule and by far the largest LP) leaves a core idle, or here afterwards.

The second process hands back its 核销 amounts and stage optima as integer and float arrays
(core/second_process.py): rows (indicator, demand, record, hundredths) and (indicator, stage, optimum).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Optional

import numpy as np

from .lp import STAGES

#: what solving the side indicators gives: {indicator: {(demand, record): hundredths}} and the stage
#: optima [(indicator, stage, value)]
Solved = tuple[dict, list]


class SideIndicators:
    """``solve(elsewhere)`` → Solved for ``indicators``; in a process of ``fork`` (SecondProcess,
    elsewhere=True) once start() is called, else in this process when result() is asked for."""

    def __init__(self, indicators: Sequence[str], solve: Callable[[bool], Solved], fork) -> None:
        self._indicators = tuple(indicators)
        self._solve = solve
        self._fork = fork
        self._process = None

    def start(self) -> None:
        """Hand the work to a second process (once; nothing without ``fork``)."""
        if self._fork is not None and self._process is None and self._indicators:
            self._process = self._fork(lambda: to_arrays(self._indicators, *self._solve(True)))

    def result(self, canceled: Callable[[], bool]) -> Optional[Solved]:
        """The second process's answer, or the work done here when there is none (not started, or
        it failed); None when ``canceled()`` turned true while waiting."""
        if self._process is not None:
            arrays = self._process.answer(canceled)
            self._process = None
            if arrays is not None:
                return from_arrays(self._indicators, *arrays)
            if canceled():
                return None
        return self._solve(False)

    def discard(self) -> None:
        if self._process is not None:
            self._process.discard()
            self._process = None


def to_arrays(indicators: Sequence[str], amounts: dict, stages: list) -> tuple:
    rows = [(k, i, j, amount) for k, ind in enumerate(indicators) for (i, j), amount in amounts[ind].items()]
    optima = [(indicators.index(indicator), STAGES.index(stage), value) for indicator, stage, value in stages]
    return (
        np.array(rows, dtype=np.int64).reshape(-1, 4),
        np.array([o[:2] for o in optima], dtype=np.int64).reshape(-1, 2),
        np.array([o[2] for o in optima], dtype=np.float64),
    )


def from_arrays(indicators: Sequence[str], rows: np.ndarray, stage_keys: np.ndarray, values: np.ndarray) -> Solved:
    amounts: dict[str, dict] = {indicator: {} for indicator in indicators}
    for k, i, j, amount in rows.tolist():
        amounts[indicators[k]][(i, j)] = amount
    stages = [(indicators[k], STAGES[s], float(v)) for (k, s), v in zip(stage_keys.tolist(), values.tolist())]
    return amounts, stages
