"""Check a plugin zip the way plugins.qgis.org does (shared/platform.md §1), offline.

    python dev/check_zip.py dist/farmland_guard.zip

Rules: size ≤ 25 MB; no ``..``, absolute or backslash names, drive letters, ``.pyc``, ``__pycache__``,
``.git``, ``__MACOSX``; one top folder that is a Python identifier and holds ``__init__.py``,
``metadata.txt`` and ``LICENSE``; metadata with the required keys, http(s) URLs that are not the
template placeholders, ``author`` without ``/``, ``hasProcessingProvider=yes``; no binaries or
scripts; no ``tests/``; the .qm catalogue present; and a bandit scan of the shipped code with zero
findings for the rules the site enables.  Exits 1 and lists every problem otherwise.
"""

from __future__ import annotations

import configparser
import json
import re
import subprocess  # nosec B404 - runs bandit with fixed arguments, dev only
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlparse

MAX_BYTES = 25_000_000
REQUIRED_KEYS = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about",
                 "tracker", "repository", "homepage")
PLACEHOLDERS = {"http://bugs", "http://repo", "http://homepage"}
SUSPICIOUS = (".exe", ".dll", ".so", ".dylib", ".bat", ".sh", ".ps1", ".cmd", ".pyc", ".pyd")
# bandit tests the site enables (B404/B410 disabled there); every finding blocks approval
BANDIT_SKIPS = "B404,B410"


def check(zip_path: Path) -> list[str]:
    problems: list[str] = []
    if zip_path.stat().st_size > MAX_BYTES:
        problems.append("zip is larger than 25 MB")
    with zipfile.ZipFile(zip_path) as zf:
        if zf.testzip() is not None:
            problems.append("CRC error in the zip")
        names = zf.namelist()
        if not names:
            return ["empty zip"]
        top = names[0].split("/")[0]
        if not re.match(r"^[A-Za-z][A-Za-z0-9_]+$", top) or not top.isidentifier():
            problems.append("top folder {!r} is not a Python identifier".format(top))
        for name in names:
            parts = name.split("/")
            if ".." in name or name.startswith("/") or "\\" in name or re.match(r"^[A-Za-z]:", name):
                problems.append("bad entry name: {}".format(name))
            if parts[0] != top:
                problems.append("second top-level folder: {}".format(name))
            if {"__pycache__", ".git", "__MACOSX"} & set(parts) or ".pyc" in name:
                problems.append("forbidden entry: {}".format(name))
            if name.lower().endswith(SUSPICIOUS):
                problems.append("binary or script: {}".format(name))
            if len(parts) > 1 and parts[1] in ("tests", "dev", ".ci"):
                problems.append("development files shipped: {}".format(name))
            if any(p.startswith(".") for p in parts[1:] if p):
                problems.append("hidden file: {}".format(name))
        for required in ("__init__.py", "metadata.txt", "LICENSE", "i18n/farmland_guard_zh_CN.qm"):
            if "{}/{}".format(top, required) not in names:
                problems.append("missing {}/{}".format(top, required))
        if "{}/metadata.txt".format(top) in names:
            problems += _check_metadata(zf.read("{}/metadata.txt".format(top)).decode("utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            zf.extractall(tmp)
            problems += _bandit(Path(tmp) / top)
    return problems


def _check_metadata(text: str) -> list[str]:
    problems = []
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(text)
    if not parser.has_section("general"):
        return ["metadata.txt has no [general] section"]
    meta = parser["general"]
    for key in REQUIRED_KEYS:
        if not meta.get(key, "").strip():
            problems.append("metadata.txt lacks {}".format(key))
    for key in ("tracker", "repository", "homepage"):
        url = meta.get(key, "")
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc or url in PLACEHOLDERS:
            problems.append("metadata.txt {} is not a usable URL: {!r}".format(key, url))
    if "/" in meta.get("author", ""):
        problems.append("metadata.txt author contains '/'")
    if meta.get("hasProcessingProvider", "").lower() not in ("yes", "true"):
        problems.append("metadata.txt hasProcessingProvider must be yes")
    if not re.match(r"^\d+\.\d+(\.\d+)?$", meta.get("version", "")):
        problems.append("metadata.txt version is not X.Y.Z")
    return problems


def _bandit(folder: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", str(folder), "-f", "json", "-q", "-s", BANDIT_SKIPS],
        capture_output=True, text=True, check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return ["bandit did not run: {}".format(result.stderr.strip()[:500])]
    return ["bandit {} {}:{} {}".format(r["test_id"], Path(r["filename"]).relative_to(folder), r["line_number"],
                                        r["issue_text"]) for r in report.get("results", [])]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    problems = check(Path(argv[0]))
    print("\n".join(problems) if problems else "zip OK: {}".format(argv[0]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
