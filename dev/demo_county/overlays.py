"""Planning layers drawn over the parcels with GEOS (QgsGeometry): 城镇开发边界 CZKFBJ,
生态保护红线 STBHHX and construction project sites JSXMYD.

Each builder returns a list of (QgsGeometry multipolygon, attribute dict), clipped to the county.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
from qgis.core import QgsGeometry, QgsPointXY

from . import codes
from .admin import Admin
from .geometry import CountyGeometry
from .rand import stream
from .shapes import Blob
from .wkbio import feature_wkb

GHFQ = (("010", "城镇集中建设区"), ("020", "城镇弹性发展区"), ("030", "特别用途区"))


def qgeom(feature) -> QgsGeometry:
    g = QgsGeometry()
    g.fromWkb(feature_wkb(feature))
    return g


def ring_geom(geo: CountyGeometry, ring_local: np.ndarray) -> QgsGeometry:
    return qgeom([[geo.to_output(ring_local)]])


def _clean(g: QgsGeometry) -> QgsGeometry | None:
    """Only the polygon parts, as a multipolygon; None when nothing is left."""
    if g is None or g.isEmpty():
        return None
    parts = [p for p in g.asGeometryCollection() if p.type() == 2 and p.area() > 1.0]  # polygons only
    if not parts:
        return None
    out = QgsGeometry.collectGeometry(parts)
    out.convertToMultiType()
    return out


def town_zones(geo: CountyGeometry, admin: Admin, county: QgsGeometry) -> list[tuple[QgsGeometry, dict]]:
    out = []
    for town in geo.plan.towns:
        core = ring_geom(geo, town.core.ring(256))
        flexible = ring_geom(geo, town.flexible.ring(192)).difference(core)
        zones = [(core, GHFQ[0]), (flexible, GHFQ[1])]
        if town.special is not None:
            special = ring_geom(geo, town.special.ring(128)).difference(core).difference(flexible)
            zones.append((special, GHFQ[2]))
        t_code, t_name = admin.township_code[town.township], admin.township_name[town.township]
        for g, (dm, mc) in zones:
            g = _clean(g.intersection(county))
            if g is None:
                continue
            out.append((g, {"XZQDM": t_code + "000", "XZQMC": t_name, "GHFQDM": dm, "GHFQMC": mc}))
    return out


def red_lines(geo: CountyGeometry, county: QgsGeometry, towns: QgsGeometry | None, seed: int):
    """A few large hill polygons (some with holes) and a river corridor with an island cut out."""
    plan = geo.plan
    rng = stream(seed, "stbhhx")
    r = plan.county.radius
    n_blobs = max(2, round(len(plan.village_xy) / 8))
    pts = rng.uniform(-r * 1.2, r * 1.2, (4000, 2))
    pts = pts[plan.county.contains(*pts.T) & (plan.hill(*pts.T) > 0.8)]
    chosen: list[np.ndarray] = []
    min_gap = 0.35 * math.sqrt(plan.area / n_blobs)
    for p in pts:
        if all(np.hypot(*(p - q)) > min_gap for q in chosen):
            chosen.append(p)
        if len(chosen) == n_blobs:
            break
    kinds = (("水源涵养", "01"), ("水土保持", "02"), ("生物多样性维护", "03"))
    items = []
    for i, (cx, cy) in enumerate(chosen):
        blob = Blob.random(rng, float(cx), float(cy), plan.area * rng.uniform(0.02, 0.045), rough=0.22)
        g = ring_geom(geo, blob.ring(256))
        if i % 2 == 0:  # holes: villages or mines left out of the red line
            for _ in range(1 + int(rng.integers(0, 2))):
                ang, d = rng.uniform(0, 2 * math.pi), 0.35 * blob.radius
                hole = Blob.random(
                    rng,
                    blob.cx + d * math.cos(ang),
                    blob.cy + d * math.sin(ang),
                    math.pi * blob.radius**2 * rng.uniform(0.03, 0.07),
                    rough=0.15,
                )
                g = g.difference(ring_geom(geo, hole.ring(96)))
        kind = kinds[i % 3]
        items.append(
            (
                g,
                {
                    "HXLX": kind[0],
                    "LXBM": kind[1],
                    "HXMC": "太行山{}生态保护红线{}号".format(kind[0], i + 1),
                    "ZRBHDMC": "示范县太行山自然保护区" if i == 0 else "",
                    "ZRBHDJB": "省级" if i == 0 else "",
                    "ZRBHDLX": "自然保护区" if i == 0 else "",
                    "ZRBHDFQ": "核心保护区" if i == 0 else "",
                },
            )
        )
    river = plan.strips[0]
    half = river.width / 2 + rng.uniform(100, 160)
    dx, dy = math.cos(river.angle), math.sin(river.angle)
    nx, ny = -dy, dx
    t0, t1 = -2.5 * r, 2.5 * r
    rect = np.array(
        [
            [river.ox + t * dx + s * nx, river.oy + t * dy + s * ny]
            for t, s in ((t0, -half), (t1, -half), (t1, half), (t0, half))
        ]
    )
    g = ring_geom(geo, rect)
    x_mid, y_mid = geo.parcel_centre[:, 0].mean(), geo.parcel_centre[:, 1].mean()
    tm = (x_mid - river.ox) * dx + (y_mid - river.oy) * dy
    island = Blob.random(
        rng,
        river.ox + tm * dx + 0.7 * half * nx,
        river.oy + tm * dy + 0.7 * half * ny,
        math.pi * (0.2 * half) ** 2,
        rough=0.1,
    )
    g = g.difference(ring_geom(geo, island.ring(64)))
    items.append(
        (
            g,
            {
                "HXLX": "水源涵养",
                "LXBM": "01",
                "HXMC": "河流水源涵养生态保护红线",
                "ZRBHDMC": "示范河湿地公园",
                "ZRBHDJB": "县级",
                "ZRBHDLX": "湿地公园",
                "ZRBHDFQ": "一般控制区",
            },
        )
    )
    out = []
    taken = towns
    for g, attrs in items:
        g = g.intersection(county)
        if taken is not None:
            g = g.difference(taken)
        g = _clean(g)
        if g is None:
            continue
        taken = g if taken is None else taken.combine(g)
        out.append((g, attrs))
    return out


def _rectangle(cx, cy, w, h, angle) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return np.array([[cx + u * c - v * s, cy + u * s + v * c] for u, v in corners])


def _date(rng: np.random.Generator, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=int(rng.integers(0, (last - first).days + 1)))


def project_sites(geo: CountyGeometry, admin: Admin, county: QgsGeometry, red: list, seed: int):
    """Construction project sites: linear roads/canals, town expansions (some crossing CZKFBJ),
    industrial sites on farmland, sites at red-line edges, village sites."""
    plan = geo.plan
    rng = stream(seed, "sites")
    m = max(8, round(plan.n_parcels / 1000))
    r = plan.county.radius
    n_lin = max(1, m // 10)
    n_town, n_ind, n_red = round(0.33 * m), round(0.25 * m), max(1, round(0.1 * m))
    n_vil = max(1, m - n_lin - n_town - n_ind - n_red - (m >= 10))
    sites: list[tuple[QgsGeometry, dict]] = []

    def add(g: QgsGeometry, kind: str, xmlx: str, ydlx: str, name: str, linear: bool) -> None:
        g = _clean(g.intersection(county))
        if g is not None:
            sites.append(
                (
                    g,
                    {
                        "KIND": kind,
                        "XMLX": xmlx,
                        "YDLX": ydlx,
                        "XMMC": name,
                        "SFXX": "是" if linear else "否",
                    },
                )
            )

    def plain_point() -> tuple[float, float]:
        for _ in range(1000):
            x, y = rng.uniform(-r, r, 2)
            if plan.county.contains(x, y) and plan.hill(x, y) < 0.2 and plan.in_towns(x, y)[0] < 0:
                return float(x), float(y)
        return 0.0, 0.0

    for i in range(n_lin + (m >= 10)):
        road = i < n_lin
        length = min(5000.0, 1.4 * r) if road else min(3000.0, r)
        width = 40.0 if road else 25.0
        x, y = plain_point()
        a = rng.uniform(0, math.pi)
        bend = rng.uniform(-0.5, 0.5)
        p0 = (x - length / 2 * math.cos(a), y - length / 2 * math.sin(a))
        p1 = (x, y)
        p2 = (x + length / 2 * math.cos(a + bend), y + length / 2 * math.sin(a + bend))
        line = [QgsPointXY(*geo.to_output(np.array(p))) for p in (p0, p1, p2)]
        g = QgsGeometry.fromPolylineXY(line).buffer(
            width / 2, 4, QgsGeometry.CapFlat, QgsGeometry.JoinStyleMiter, 2.0
        )
        if road:
            add(
                g,
                "linear",
                "交通",
                "单独选址",
                "{}S{}省道改建工程".format(codes.COUNTY_NAME, 200 + 17 * i),
                True,
            )
        else:
            add(g, "linear", "水利", "单独选址", "{}引黄灌区干渠工程".format(codes.COUNTY_NAME), True)
    for i in range(n_town):
        town = plan.towns[i % len(plan.towns)]
        ang = rng.uniform(0, 2 * math.pi)
        d = town.core.radius * rng.uniform(0.7, 1.15)
        cx, cy = town.core.cx + d * math.cos(ang), town.core.cy + d * math.sin(ang)
        w, h = math.sqrt(rng.uniform(3e4, 2.5e5)) * np.array([1.3, 0.77])
        rect = ring_geom(geo, _rectangle(cx, cy, w, h, ang))
        notch = ring_geom(
            geo, _rectangle(cx + w / 2 * math.cos(ang), cy + w / 2 * math.sin(ang), w / 3, h / 3, ang)
        )
        tname = admin.township_name[town.township]
        add(
            rect.difference(notch),
            "town",
            rng.choice(["住宅", "商服", "公共服务"]),
            "批次",
            "{}{}年度第{}批次城镇建设用地".format(tname, 2019 + i % 7, 1 + i // 7),
            False,
        )
    for i in range(n_ind):
        x, y = plain_point()
        blob = Blob.random(rng, x, y, rng.uniform(2e4, 1.5e5), rough=0.1)
        add(
            ring_geom(geo, blob.ring(48)),
            "industry",
            "工业",
            rng.choice(["单独选址", "批次"]),
            "{}产业园{}号地块项目".format(codes.COUNTY_NAME, i + 1),
            False,
        )
    red_boxes = [g.boundingBox() for g, _a in red] or [county.boundingBox()]
    for i in range(n_red):
        box = red_boxes[i % len(red_boxes)]
        cx = box.xMinimum() + rng.uniform(0.1, 0.9) * box.width()
        cy = box.yMinimum() + rng.uniform(0.1, 0.9) * box.height()
        local = geo.to_local(np.array([cx, cy]))
        blob = Blob.random(rng, float(local[0]), float(local[1]), rng.uniform(3e4, 2e5), rough=0.15)
        add(
            ring_geom(geo, blob.ring(64)),
            "redline",
            rng.choice(["旅游", "采矿"]),
            "单独选址",
            "{}生态旅游及矿山修复项目{}".format(codes.COUNTY_NAME, i + 1),
            False,
        )
    for _ in range(n_vil):
        v, blob0 = (
            plan.settlements[int(rng.integers(0, len(plan.settlements)))] if plan.settlements else (0, None)
        )
        cx, cy = (blob0.cx, blob0.cy) if blob0 is not None else tuple(plan.village_xy[v])
        ang = rng.uniform(0, 2 * math.pi)
        d = (blob0.radius if blob0 is not None else 100.0) * 1.05
        rect = _rectangle(cx + d * math.cos(ang), cy + d * math.sin(ang), *rng.uniform(60, 180, 2), ang)
        add(
            ring_geom(geo, rect),
            "village",
            "住宅",
            rng.choice(["批次", "增减挂钩"]),
            "{}宅基地安置区项目".format(admin.village_name[v]),
            False,
        )
    # ids and dates, in order
    out = []
    years = {}
    for g, attrs in sites:
        pz = _date(rng, dt.date(2019, 1, 1), dt.date(2025, 12, 31))
        years[pz.year] = years.get(pz.year, 0) + 1
        attrs.update(
            {
                "XMBH": "JS{}{}{:03d}".format(codes.COUNTY_CODE, pz.year, years[pz.year]),
                "PZRQ": pz.isoformat(),
                "PZWH": "豫政土〔{}〕{}号".format(pz.year, int(rng.integers(10, 400))),
            }
        )
        out.append((g, attrs))
    return out
