"""Values read from metadata.txt (the single source of the version)."""

from __future__ import annotations

import configparser
from functools import lru_cache
from pathlib import Path

METADATA_PATH = Path(__file__).resolve().parent / "metadata.txt"


@lru_cache(maxsize=1)
def metadata() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(METADATA_PATH, encoding="utf-8")
    return parser["general"]


def plugin_version() -> str:
    return metadata().get("version", "0.0.0")
