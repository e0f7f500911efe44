"""Named random streams: each part of the county draws from its own stream of (seed, tag)."""

from __future__ import annotations

import numpy as np

_TAGS = {
    "shape": 1,
    "pilot": 2,
    "seeds": 3,
    "warp": 4,
    "strips": 5,
    "jitter": 6,
    "landuse": 7,
    "attrs": 8,
    "yjjbnt": 9,
    "stbhhx": 10,
    "czkfbj": 11,
    "sites": 12,
    "ledger": 13,
    "roster": 14,
    "names": 15,
    "dirty": 16,
    "towns": 17,
}


def stream(seed: int, name: str, *extra: int) -> np.random.Generator:
    """A generator that depends only on the seed, the stream name and optional integers."""
    return np.random.default_rng([int(seed), _TAGS[name], *(int(e) for e in extra)])
