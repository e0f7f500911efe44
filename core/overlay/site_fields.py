"""Fields of a project-site (红线 / 用地范围) layer: guessed names for id, name, date and county.

Site layers come from 勘测定界, CAD imports or planners' own drawings, so their fields vary more than
DLTB's; these are the names seen in 报批 and 一张图 data (domain §4.4: XMBH, XMMC, DZJGH, AJBH, 批准文号/日期).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from typing import Optional

SITE_ID_NAMES = ("XMBH", "XMDM", "DKBH", "DZJGH", "AJBH", "BSM", "BH", "ID", "项目编号", "地块编号", "编号")
SITE_NAME_NAMES = ("XMMC", "DKMC", "MC", "NAME", "项目名称", "地块名称", "名称")
SITE_DATE_NAMES = ("PZRQ", "PZSJ", "PFRQ", "SPRQ", "批准日期", "批准时间", "审批日期")
SITE_COUNTY_NAMES = ("XZQDM", "SZXZQDM", "XJXZQDM", "QXDM", "行政区代码", "所在行政区代码")

_DATE_TEXT = re.compile(r"^\s*(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?(?:[ T].*)?$")


def guess_field(field_names: Sequence[str], candidates: Sequence[str]) -> Optional[str]:
    """The first candidate present in ``field_names`` (exact spelling first, then case-insensitive)."""
    for candidate in candidates:
        if candidate in field_names:
            return candidate
    folded = {name.casefold(): name for name in reversed(list(field_names))}
    for candidate in candidates:
        if candidate.casefold() in folded:
            return folded[candidate.casefold()]
    return None


def iso_date(value: object) -> str:
    """A date value as ISO text 'YYYY-MM-DD'; '' for blank or unreadable values.

    Accepts date/datetime objects, 'YYYYMMDD', 'YYYY-MM-DD', 'YYYY/M/D', '2023年5月6日' and integers
    such as 20230506.
    """
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    match = _DATE_TEXT.match(str(value))
    if not match:
        return ""
    year, month, day = (int(part) for part in match.groups())
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def site_id_text(value: object, fallback: str) -> str:
    """A site id as text: integral floats lose their '.0'; blank ids become ``fallback``."""
    if value is None:
        return fallback
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or fallback
