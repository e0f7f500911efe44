"""Smooth analytic shapes: star-shaped blobs (county, towns, red lines) and smooth scalar fields."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Blob:
    """Star-shaped region r < R·(1 + Σ a_k cos(kθ − φ_k)) around (cx, cy), optionally stretched."""

    cx: float
    cy: float
    radius: float
    amps: tuple[float, ...]
    phases: tuple[float, ...]
    stretch: float = 1.0  # x scale of the local frame (≥ 1 elongates along ``angle``)
    angle: float = 0.0

    @staticmethod
    def random(rng: np.random.Generator, cx: float, cy: float, area: float, rough: float = 0.08) -> Blob:
        """A blob of about ``area`` m² with random harmonics 2…5 of amplitude up to ``rough``."""
        amps = tuple(float(a) for a in rng.uniform(0.3, 1.0, 4) * rough / np.arange(1, 5) ** 0.5)
        phases = tuple(float(p) for p in rng.uniform(0, 2 * math.pi, 4))
        stretch = float(rng.uniform(1.0, 1.35))
        angle = float(rng.uniform(0, math.pi))
        factor = 1.0 + 0.5 * sum(a * a for a in amps)
        radius = math.sqrt(area / (math.pi * factor * stretch))
        return Blob(cx, cy, radius, amps, phases, stretch, angle)

    def _local(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        dx, dy = np.asarray(x) - self.cx, np.asarray(y) - self.cy
        c, s = math.cos(self.angle), math.sin(self.angle)
        u = (dx * c + dy * s) / self.stretch
        v = -dx * s + dy * c
        return np.hypot(u, v), np.arctan2(v, u)

    def edge(self, theta: np.ndarray) -> np.ndarray:
        """Boundary radius (in the local, unstretched frame) at angle θ."""
        r = np.ones_like(theta, dtype=np.float64)
        for k, (a, p) in enumerate(zip(self.amps, self.phases), start=2):
            r = r + a * np.cos(k * theta - p)
        return self.radius * r

    def depth(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Signed distance-like depth: > 0 inside (approximately metres from the edge)."""
        r, t = self._local(x, y)
        return self.edge(t) - r

    def contains(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return self.depth(x, y) > 0

    def ring(self, n: int = 256) -> np.ndarray:
        """The boundary as a CCW ring of n points (not closed)."""
        t = np.linspace(0, 2 * math.pi, n, endpoint=False)
        r = self.edge(t)
        u, v = r * np.cos(t) * self.stretch, r * np.sin(t)
        c, s = math.cos(self.angle), math.sin(self.angle)
        return np.column_stack([self.cx + u * c - v * s, self.cy + u * s + v * c])

    def extent(self) -> float:
        """An upper bound of the distance from the centre to the boundary."""
        return self.radius * (1.0 + sum(abs(a) for a in self.amps)) * self.stretch


@dataclass(frozen=True)
class Field:
    """A smooth scalar field: a sum of a few plane waves (deterministic from its parameters)."""

    kx: tuple[float, ...]
    ky: tuple[float, ...]
    phase: tuple[float, ...]
    amp: tuple[float, ...]

    @staticmethod
    def random(rng: np.random.Generator, wavelength: float, waves: int = 4) -> Field:
        angles = rng.uniform(0, 2 * math.pi, waves)
        lengths = wavelength * rng.uniform(0.7, 1.4, waves)
        k = 2 * math.pi / lengths
        return Field(
            tuple(float(v) for v in k * np.cos(angles)),
            tuple(float(v) for v in k * np.sin(angles)),
            tuple(float(v) for v in rng.uniform(0, 2 * math.pi, waves)),
            tuple(float(v) for v in rng.uniform(0.6, 1.0, waves)),
        )

    def __call__(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Values in about [−1, 1]."""
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        out = np.zeros(np.broadcast(x, y).shape)
        for kx, ky, p, a in zip(self.kx, self.ky, self.phase, self.amp):
            out += a * np.sin(kx * x + ky * y + p)
        return out / sum(self.amp) * 1.6
