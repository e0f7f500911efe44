"""Codes and names of townships (9 digits) and villages (12 digits) of the synthetic county.

Township codes follow the 乡级 ranges (镇 100–199, 乡 200–399; the county seat is 城关镇 100);
village codes the 村级 ranges (社区 001…, 村 200…), domain.md §2.6.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import codes
from .layout import Plan
from .rand import stream


@dataclass
class Admin:
    township_code: list[str]
    township_name: list[str]
    village_code: list[str]
    village_name: list[str]
    village_township: np.ndarray
    seat_village: dict[int, int]  # township → seat village

    def zldwdm(self, village: int) -> str:
        """19-character 坐落单位代码 of a village (village code + seven zeros)."""
        return self.village_code[village] + "0000000"


def make_admin(plan: Plan, village_township: np.ndarray, seed: int) -> Admin:
    rng = stream(seed, "names")
    n_t = len(plan.township_xy)
    taken: set[str] = {"城关"}
    t_names = codes.township_names(rng, n_t, taken)
    is_zhen = rng.uniform(0, 1, n_t) < 0.6
    t_code, t_name = [], []
    next_zhen, next_xiang = 101, 200
    for t in range(n_t):
        if t == plan.county_seat:
            t_code.append(codes.COUNTY_CODE + "100")
            t_name.append("城关镇")
        elif is_zhen[t]:
            t_code.append(codes.COUNTY_CODE + "{:03d}".format(next_zhen))
            t_name.append(t_names[t] + "镇")
            next_zhen += 1
        else:
            t_code.append(codes.COUNTY_CODE + "{:03d}".format(next_xiang))
            t_name.append(t_names[t] + "乡")
            next_xiang += 1
    seat = {town.township: town.village for town in plan.towns}
    n_v = len(plan.village_xy)
    v_names = codes.village_names(rng, n_v, taken)
    v_code, v_name = [""] * n_v, [""] * n_v
    for t in range(n_t):
        members = [v for v in range(n_v) if village_township[v] == t]
        community, village = 1, 200
        for v in members:
            if seat.get(t) == v:
                v_code[v] = t_code[t] + "{:03d}".format(community)
                v_name[v] = t_name[t][:-1] + "社区"
                community += 1
            else:
                v_code[v] = t_code[t] + "{:03d}".format(village)
                v_name[v] = v_names[v] + "村"
                village += 1
    return Admin(t_code, t_name, v_code, v_name, village_township, seat)
