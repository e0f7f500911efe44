"""Benchmark of the 责任书 core on a synthetic city of 3,000 villages (no QGIS needed).

    python dev/bench_targets.py [--counties 10] [--townships 15] [--villages 20] [--parcels 500000]
                                [--edits 200] [--seed 1]

Builds a city (4108) of counties × townships × villages, parcels with 19-digit ZLDWDM spread over the
villages (耕地 and 永农 areas in 0.01 m²), and times:

- the tree: ``Hierarchy.build`` from (code, name) rows, then a ``TargetBook`` with a target row for
  every unit and the mapped figures, including its first ``problems()`` — issue target < 1 s;
- the mapped figures from the parcel arrays (``mapped_figures``; in the plugin this runs as a task);
- one edit incl. re-check: ``book.edit(...)`` applied, then ``book.problems()`` — median and max over
  ``--edits`` random edits; issue target < 50 ms;
- allocating the city's targets down to every village (``book.allocate(root, field, all_levels=True)``
  for 耕地保有量 and 永农, applied and re-checked).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import _checkout  # noqa: F401  (exposes the checkout as farmland_guard)
import numpy as np

from farmland_guard.core.targets import Hierarchy, TargetBook, TargetRecord, mapped_figures

CITY = "4108"


def unit_rows(counties: int, townships: int, villages: int) -> list[tuple[str, str]]:
    """(code, name) rows of the townships and villages of a synthetic city."""
    rows = []
    for c in range(1, counties + 1):
        county = "{}{:02d}".format(CITY, 20 + c)
        for t in range(1, townships + 1):
            township = "{}{:03d}".format(county, 100 + t)
            rows.append((township, "{}镇{}".format(c, t)))
            for v in range(1, villages + 1):
                rows.append(("{}{:03d}".format(township, 200 + v), "{}镇{}村{}".format(c, t, v)))
    return rows


def parcels(village_codes: list[str], count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """19-digit location codes and areas (0.01 m²) of ``count`` parcels spread over the villages."""
    which = rng.integers(0, len(village_codes), count)
    codes = np.array([village_codes[i] + "0000000" for i in which], dtype=object)
    cents = rng.integers(10_000, 2_000_000, count, dtype=np.int64)  # 1 m² … 20 000 m²
    return codes, cents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=10)
    parser.add_argument("--townships", type=int, default=15)
    parser.add_argument("--villages", type=int, default=20)
    parser.add_argument("--parcels", type=int, default=500_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    rows = unit_rows(args.counties, args.townships, args.villages)
    village_codes = [code for code, _name in rows if len(code) == 12]
    farmland = parcels(village_codes, args.parcels, rng)
    pbf = parcels(village_codes, int(args.parcels * 0.6), rng)
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print("villages: {}, parcels: {} 耕地 + {} 永农".format(len(village_codes), len(farmland[0]), len(pbf[0])))

    start = time.perf_counter()
    hierarchy = Hierarchy.build(rows, top_level="city")
    t_hierarchy = time.perf_counter() - start

    start = time.perf_counter()
    figures = mapped_figures(hierarchy, {"farmland": farmland, "pbf": pbf})
    t_mapped = time.perf_counter() - start

    # targets = 95 % of mapped for every unit (levelled per level, so most sums differ by a few 0.01 亩)
    records = [
        TargetRecord(
            code,
            2024,
            farmland=figures.get("farmland", code) * 95 // 100,
            pbf=figures.get("pbf", code) * 95 // 100,
        )
        for code in hierarchy.depth_first()
    ]
    start = time.perf_counter()
    hierarchy = Hierarchy.build(rows, top_level="city")
    book = TargetBook(hierarchy, 2024, records, figures)
    first_problems = book.problems()
    t_tree = time.perf_counter() - start
    print("units: {}, first check: {} problems".format(len(hierarchy), len(first_problems)))
    print("Hierarchy.build alone:                     {:8.1f} ms".format(1000 * t_hierarchy))
    print("tree (Hierarchy + TargetBook + check):     {:8.1f} ms   (target < 1000 ms)".format(1000 * t_tree))
    print("mapped figures ({} parcels):          {:8.1f} ms".format(
        len(farmland[0]) + len(pbf[0]), 1000 * t_mapped
    ))

    edit_times = []
    for _ in range(args.edits):
        code = village_codes[int(rng.integers(0, len(village_codes)))]
        value = int(rng.integers(0, 5_000_000))
        start = time.perf_counter()
        book.edit(code, "farmland", value).apply(book)
        book.problems()
        edit_times.append(time.perf_counter() - start)
    print("one edit + re-check ({} edits): median {:6.1f} ms, max {:6.1f} ms   (target < 50 ms)".format(
        args.edits, 1000 * statistics.median(edit_times), 1000 * max(edit_times)
    ))

    root = hierarchy.roots[0]
    start = time.perf_counter()
    for field in ("farmland", "pbf"):
        book.allocate(root, field, all_levels=True).apply(book)
    problems = book.problems()
    t_allocate = time.perf_counter() - start
    sums = [p for p in problems if p.kind == "sum-mismatch"]
    print("allocate city → every village (both targets + check): {:6.1f} ms; sum mismatches: {}".format(
        1000 * t_allocate, len(sums)
    ))


if __name__ == "__main__":
    main()
