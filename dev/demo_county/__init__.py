"""Deterministic synthetic demo county (示范县) with the real 三调 / 三区三线 schemas; see build.py."""
