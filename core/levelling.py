"""Area levelling (平差 / 调平): make parts add up exactly to a control total (domain §3.3).

The difference ``control − Σ parts`` is spread in 0.01 m² steps: with ``k = |diff|`` cents over
``n`` parts every part moves by ``k // n`` and the ``k % n`` largest parts move one cent more
(ties: lower index first). So no part moves by more than ``ceil(k / n)`` cents and the result sums
exactly to the control. Everything is integer arithmetic on cents (see :func:`units.to_cents`).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Optional

import numpy as np

from .units import to_cents


class LevellingError(ValueError):
    """Levelling is impossible; ``index``/``group`` say where (None when not about one part)."""

    def __init__(
        self,
        message: str,
        index: Optional[int] = None,
        group: Optional[Hashable] = None,
        part_cents: Optional[int] = None,
        delta_cents: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.index = index
        self.group = group
        self.part_cents = part_cents
        self.delta_cents = delta_cents


def _as_cents_array(values: Sequence[int] | np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError("{} must be one-dimensional, got shape {}".format(name, array.shape))
    if array.dtype.kind in "iu":
        return array.astype(np.int64)
    if array.size == 0:
        return np.zeros(0, dtype=np.int64)
    floats = array.astype(np.float64)
    bad = np.flatnonzero(~np.isfinite(floats) | (floats != np.round(floats)))
    if bad.size:
        raise ValueError(
            "{} must hold whole 0.01 m² units; index {} is {!r}".format(name, int(bad[0]), array[bad[0]])
        )
    return floats.astype(np.int64)


def _as_cents_int(value: object, name: str) -> int:
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    number = float(value)  # type: ignore[arg-type]
    if not np.isfinite(number) or number != round(number):
        raise ValueError("{} must be a whole number of 0.01 m² units, got {!r}".format(name, value))
    return int(number)


def _check_not_negative(parts: np.ndarray, groups: Optional[Sequence[Hashable]] = None) -> None:
    negative = np.flatnonzero(parts < 0)
    if negative.size:
        index = int(negative[0])
        group = None if groups is None else groups[index]
        raise LevellingError(
            "part {} is negative ({} cents); areas to level must be ≥ 0".format(index, int(parts[index])),
            index=index,
            group=group,
            part_cents=int(parts[index]),
        )


def level_cents(parts_cents: Sequence[int] | np.ndarray, control_cents: int) -> np.ndarray:
    """Level integer parts (0.01 m²) so they sum exactly to ``control_cents``; returns int64."""
    parts = _as_cents_array(parts_cents, "parts_cents")
    control = _as_cents_int(control_cents, "control_cents")
    count = parts.size
    if count == 0:
        if control != 0:
            raise LevellingError("no parts to carry the control total of {} cents".format(control))
        return parts.copy()
    _check_not_negative(parts)
    diff = control - int(parts.sum(dtype=np.int64))
    if diff == 0:
        return parts.copy()
    sign = 1 if diff > 0 else -1
    step, remainder = divmod(abs(diff), count)
    largest_first = np.lexsort((np.arange(count), -parts))
    delta = np.full(count, step, dtype=np.int64)
    delta[largest_first[:remainder]] += 1
    result = parts + sign * delta
    below_zero = np.flatnonzero(result < 0)
    if below_zero.size:
        index = int(below_zero[0])
        raise LevellingError(
            "levelling would make part {} negative: {} cents minus {} cents (the control total {} is "
            "{} cents below the sum of the parts)".format(
                index, int(parts[index]), int(delta[index]), control, abs(diff)
            ),
            index=index,
            part_cents=int(parts[index]),
            delta_cents=int(-delta[index]),
        )
    return result


def level_areas(parts_m2: Sequence[float] | np.ndarray, control_m2: float) -> np.ndarray:
    """Convenience: half-up to 0.01 m², level, back to m² (floats with 2 decimals)."""
    parts = to_cents(np.asarray(parts_m2, dtype=np.float64).reshape(-1))
    return level_cents(parts, int(to_cents(float(control_m2)))) / 100.0


def level_groups(
    part_cents: Sequence[int] | np.ndarray,
    group_ids: Sequence[Hashable] | np.ndarray,
    control_cents_by_group: Mapping[Hashable, int],
    missing: str = "keep",
) -> np.ndarray:
    """Level many groups at once (e.g. 图斑 by village, pieces by site); returns int64 cents.

    Each group's parts are levelled to ``control_cents_by_group[group]`` exactly as
    :func:`level_cents` would do. Parts whose group has no control are left unchanged
    (``missing="keep"``) or raise :class:`LevellingError` (``missing="error"``). Controls of groups
    without parts are ignored.
    """
    if missing not in ("keep", "error"):
        raise ValueError("missing must be 'keep' or 'error', got {!r}".format(missing))
    parts = _as_cents_array(part_cents, "part_cents")
    ids = group_ids.reshape(-1).tolist() if isinstance(group_ids, np.ndarray) else list(group_ids)
    if len(ids) != parts.size:
        raise ValueError("group_ids has {} entries but there are {} parts".format(len(ids), parts.size))
    if parts.size == 0:
        return parts.copy()
    _check_not_negative(parts, ids)

    key_index: dict[Hashable, int] = {}
    group_of = np.fromiter((key_index.setdefault(g, len(key_index)) for g in ids), np.int64, parts.size)
    keys = list(key_index)
    has_control = np.array([k in control_cents_by_group for k in keys], dtype=bool)
    if missing == "error" and not has_control.all():
        first = keys[int(np.flatnonzero(~has_control)[0])]
        index = ids.index(first)
        raise LevellingError("no control total for group {!r} (part {})".format(first, index), index, first)

    order = np.lexsort((np.arange(parts.size), -parts, group_of))
    sorted_groups = group_of[order]
    counts = np.bincount(group_of, minlength=len(keys))
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    sums = np.add.reduceat(parts[order], starts)
    controls = np.array(
        [
            _as_cents_int(control_cents_by_group[k], "control of {!r}".format(k)) if has else int(total)
            for k, has, total in zip(keys, has_control, sums)
        ],
        dtype=np.int64,
    )
    diff = controls - sums
    step, remainder = np.divmod(np.abs(diff), counts)
    rank = np.arange(parts.size) - starts[sorted_groups]
    delta_sorted = step[sorted_groups] + (rank < remainder[sorted_groups])
    delta = np.empty_like(parts)
    delta[order] = np.sign(diff)[sorted_groups] * delta_sorted
    result = parts + delta
    below_zero = np.flatnonzero(result < 0)
    if below_zero.size:
        index = int(below_zero[0])
        group = ids[index]
        raise LevellingError(
            "levelling group {!r} would make part {} negative: {} cents {:+d} cents".format(
                group, index, int(parts[index]), int(delta[index])
            ),
            index=index,
            group=group,
            part_cents=int(parts[index]),
            delta_cents=int(delta[index]),
        )
    return result


def group_gaps(
    part_cents: Sequence[int] | np.ndarray,
    group_ids: Sequence[int] | np.ndarray,
    control_cents_by_group: Mapping[int, int],
) -> dict[int, tuple[int, int]]:
    """group → (Σ parts, control) in cents, for every group with parts and a control (parts of group −1,
    no control unit, are left out): levelling spreads the difference over the group's parts."""
    parts = _as_cents_array(part_cents, "part_cents")
    groups = np.asarray(group_ids, dtype=np.int64).reshape(-1)
    keep = groups >= 0
    if not keep.any():
        return {}
    totals = np.zeros(int(groups[keep].max()) + 1, dtype=np.int64)
    np.add.at(totals, groups[keep], parts[keep])
    present = np.unique(groups[keep]).tolist()
    return {
        g: (int(totals[g]), int(control_cents_by_group[g])) for g in present if g in control_cents_by_group
    }
