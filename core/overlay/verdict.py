"""VERDICT: per site, each rule with the area that triggers it, and the 占补平衡 demand figures.

Rules (domain §2, §4.4): occupying 永久基本农田 is prohibited unless approved by the State Council;
occupying 生态保护红线 is restricted; land outside 城镇开发边界 needs review; occupying 耕地 needs
占补平衡 (数量 GDMJ, 水田 STMJ, 质量 DB = area-weighted GDDB, 产能 CN). A rule whose layer was not
given is ``not_checked``. Areas are cents of the levelled tables, so they match SUMMARY exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Optional

import numpy as np

from ..land_classes import FARMLAND_CODES
from ..units import to_cents
from .figures import weighted_mean
from .levelled import LevelledPieces
from .records import ERL, EXTRA, GAP, LANDUSE, PBF, UDB, UDB_OUT, ZONE_BUFFER, ZONE_SITE, OverlayInput
from .summary import PieceDescriptions, describe_pieces
from .units_of_land import county_code, county_codes, majority

NOT_CHECKED = "not_checked"
CLEAR = "clear"
PROHIBITED = "prohibited"  # 永久基本农田: 禁止占用 (unless approved)
RESTRICTED = "restricted"  # 生态保护红线
REVIEW = "review"  # outside 城镇开发边界, other constraint layers, a data gap in the land-use layer
BALANCE = "balance"  # occupies 耕地: 占补平衡 needed
SEVERITY = (NOT_CHECKED, CLEAR, BALANCE, REVIEW, RESTRICTED, PROHIBITED)

RULE_PBF = "PBF"
RULE_ERL = "ERL"
RULE_UDB = "UDB"
RULE_FARMLAND = "FARMLAND"
RULE_EXTRA = "EXTRA"
RULE_GAP = "GAP"  # part of the site outside the land-use layer: a data gap to review
RULES = (RULE_PBF, RULE_ERL, RULE_UDB, RULE_FARMLAND, RULE_EXTRA, RULE_GAP)

PADDY_CODE = "0101"
IRRIGATED_CODE = "0102"
DRY_CODE = "0103"

YieldFunction = Callable[[int], Optional[float]]
"""GDDB (1–15) → standard grain yield in kg per m², None when the grade is not in the table."""


@dataclass(frozen=True)
class Verdict:
    """One site's verdict. Areas in cents (0.01 m²); None where the layer was not given."""

    site: int
    site_id: str
    name: str
    county_code: str
    approval_date: str
    site_cents: int
    pbf_cents: Optional[int]
    erl_cents: Optional[int]
    udb_inside_cents: Optional[int]
    udb_outside_cents: Optional[int]
    farmland_cents: Optional[int]
    farmland_gross_cents: Optional[int]
    paddy_cents: Optional[int]
    irrigated_cents: Optional[int]
    dry_cents: Optional[int]
    terrace_cents: Optional[int]
    gddb: Optional[float]
    ungraded_cents: Optional[int]
    capacity_kg: Optional[float]
    gap_cents: Optional[int]
    extra: tuple = ()  # ((layer, cents), …) inside the site
    buffer: tuple = ()  # ((category, layer, cents), …) inside the tolerance ring
    overlap_sites: tuple = ()
    overlap_cents: int = 0
    statuses: dict = field(default_factory=dict)
    overall: str = CLEAR


def judge(
    data: OverlayInput,
    levelled: LevelledPieces,
    described: Optional[PieceDescriptions] = None,
    grain_yield: Optional[YieldFunction] = None,
) -> list[Verdict]:
    """One Verdict per site, in site order."""
    described = described or describe_pieces(data)
    pieces = data.pieces
    n = len(pieces)
    in_site = np.fromiter((z == ZONE_SITE for z in pieces.zone), dtype=bool, count=n)
    landuse = in_site & np.fromiter((c == LANDUSE for c in pieces.category), dtype=bool, count=n)
    layers = {layer.category: layer.name for layer in data.layers if layer.category != EXTRA}
    extras = [layer.name for layer in data.layers if layer.category == EXTRA]
    farm = _FarmFigures(data, levelled, described, landuse, grain_yield) if LANDUSE in layers else None
    landuse_order, landuse_bounds = _by_site(landuse, pieces.site, len(data.sites))
    controls = levelled.controls
    verdicts = []
    for s, site in enumerate(data.sites):
        members = landuse_order[landuse_bounds[s] : landuse_bounds[s + 1]]
        others, overlap_m2 = data.overlaps.get(s, ((), 0.0))
        verdict = Verdict(
            site=s,
            site_id=site.site_id,
            name=site.name,
            county_code=_county(site.county_code, pieces, members, levelled),
            approval_date=site.approval_date,
            site_cents=int(levelled.site_cents[s]),
            **_control_figures(s, layers, controls),
            **(farm.of_site(s) if farm is not None else dict.fromkeys(_FARM_FIELDS)),
            extra=tuple((name, int(controls.get((s, ZONE_SITE, EXTRA, name), 0))) for name in extras),
            buffer=_buffer_figures(s, data, controls) if levelled.zone_cents is not None else (),
            overlap_sites=tuple(data.sites[o].site_id for o in others),
            overlap_cents=int(to_cents(float(overlap_m2))),
        )
        statuses = rule_statuses(verdict)
        verdicts.append(replace(verdict, statuses=statuses, overall=overall_status(statuses)))
    return verdicts


def _by_site(mask: np.ndarray, site: np.ndarray, n_sites: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the masked pieces ordered by site, and each site's [start, end) bounds in them."""
    index = np.flatnonzero(mask)
    order = index[np.argsort(site[index], kind="stable")]
    return order, np.searchsorted(site[order], np.arange(n_sites + 1))


_FARM_FIELDS = (
    "farmland_cents",
    "farmland_gross_cents",
    "paddy_cents",
    "irrigated_cents",
    "dry_cents",
    "terrace_cents",
    "gddb",
    "ungraded_cents",
    "capacity_kg",
)


class _FarmFigures:
    """耕地 figures per site: net (after 田坎) and gross area, by class, area-weighted 等别, 产能."""

    def __init__(self, data, levelled: LevelledPieces, described, landuse: np.ndarray, grain_yield) -> None:
        pieces = data.pieces
        n_sites = len(data.sites)
        codes = [d[:4] for d in described.dlbm]
        farmland = landuse & np.fromiter((c in FARMLAND_CODES for c in codes), bool, len(pieces))
        # bincount weights are float64: exact for sums below 2**53 cents (9e10 km²)
        net = levelled.dlmj.astype(np.float64)

        def per_site(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
            return np.bincount(pieces.site[mask], weights=values[mask], minlength=n_sites).astype(np.int64)

        self.net = per_site(farmland, net)
        self.gross = per_site(farmland, levelled.cents.astype(np.float64))
        self.by_class = {
            code: per_site(farmland & np.fromiter((c == code for c in codes), bool, len(pieces)), net)
            for code in (PADDY_CODE, IRRIGATED_CODE, DRY_CODE)
        }
        self.grades = np.where((pieces.gddb >= 1) & (pieces.gddb <= 15), pieces.gddb, np.nan)  # 等别 1–15
        self.ungraded = per_site(farmland & ~np.isfinite(self.grades), net)
        self.order, self.bounds = _by_site(farmland, pieces.site, n_sites)
        self.dlmj = levelled.dlmj
        self.grain_yield = grain_yield

    def of_site(self, s: int) -> dict:
        members = self.order[self.bounds[s] : self.bounds[s + 1]]
        grades, net = self.grades[members], self.dlmj[members]
        ungraded = int(self.ungraded[s])
        return {
            "farmland_cents": int(self.net[s]),
            "farmland_gross_cents": int(self.gross[s]),
            "paddy_cents": int(self.by_class[PADDY_CODE][s]),
            "irrigated_cents": int(self.by_class[IRRIGATED_CODE][s]),
            "dry_cents": int(self.by_class[DRY_CODE][s]),
            "terrace_cents": int(self.gross[s] - self.net[s]),
            "gddb": weighted_mean(grades, net),
            "ungraded_cents": ungraded,
            "capacity_kg": None if ungraded > 0 else _capacity(grades, net, self.grain_yield),
        }


def _control_figures(s: int, layers: dict, controls: dict) -> dict:
    """The constraint figures of one site (None for a layer that was not given)."""

    def get(category: str, layer_category: str) -> Optional[int]:
        name = layers.get(layer_category)
        return None if name is None else int(controls.get((s, ZONE_SITE, category, name), 0))

    return {
        "pbf_cents": get(PBF, PBF),
        "erl_cents": get(ERL, ERL),
        "udb_inside_cents": get(UDB, UDB),
        "udb_outside_cents": get(UDB_OUT, UDB),
        "gap_cents": get(GAP, LANDUSE),
    }


def rule_statuses(verdict: Verdict) -> dict[str, str]:
    """Status of every rule for a verdict's figures."""

    def flag(cents: Optional[int], hit: str) -> str:
        if cents is None:
            return NOT_CHECKED
        return hit if cents > 0 else CLEAR

    extra = NOT_CHECKED if not verdict.extra else (REVIEW if any(c > 0 for _, c in verdict.extra) else CLEAR)
    return {
        RULE_PBF: flag(verdict.pbf_cents, PROHIBITED),
        RULE_ERL: flag(verdict.erl_cents, RESTRICTED),
        RULE_UDB: flag(verdict.udb_outside_cents, REVIEW),
        RULE_FARMLAND: flag(verdict.farmland_cents, BALANCE),
        RULE_EXTRA: extra,
        RULE_GAP: flag(verdict.gap_cents, REVIEW),
    }


def overall_status(statuses: dict[str, str]) -> str:
    """The most severe status of the checked rules (CLEAR when nothing was checked or hit)."""
    worst = max((SEVERITY.index(s) for s in statuses.values()), default=1)
    return SEVERITY[max(worst, 1)]


def _county(own: str, pieces, members: np.ndarray, levelled: LevelledPieces) -> str:
    """The site's own county code, else the county holding most of its LANDUSE area."""
    code = county_code(own)
    if code:
        return code
    codes = county_codes(pieces.text["zldwdm"][i] for i in members.tolist())
    return majority(codes, levelled.cents[members].tolist())


def _capacity(
    gddb: np.ndarray, net_cents: np.ndarray, grain_yield: Optional[YieldFunction]
) -> Optional[float]:
    """Σ net area (m²) × yield(GDDB) in kg, rounded half-up to 2 decimals; None without a table."""
    if grain_yield is None:
        return None
    total = Decimal(0)
    for grade, cents in zip(gddb.tolist(), net_cents.tolist()):
        if not np.isfinite(grade) or cents <= 0:
            continue
        per_m2 = grain_yield(int(grade))
        if per_m2 is None:
            return None
        total += Decimal(int(cents)) / 100 * Decimal(repr(float(per_m2)))
    return float(total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _buffer_figures(s: int, data: OverlayInput, controls: dict) -> tuple:
    figures = []
    for layer in data.layers:
        if ZONE_BUFFER in layer.zones:
            cents = int(controls.get((s, ZONE_BUFFER, layer.category, layer.name), 0))
            figures.append((layer.category, layer.name, cents))
    return tuple(figures)
