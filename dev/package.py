"""Build ``farmland_guard.zip`` from git (HEAD): what `git archive` exports, plus the built .qm.

    python dev/package.py [--out dist/farmland_guard.zip] [--ref HEAD]

Files marked ``export-ignore`` in .gitattributes (tests, dev tools, CI) stay out; so does anything
not committed. The translation catalogue is compiled first.
"""

from __future__ import annotations

import argparse
import io
import subprocess  # nosec B404 - git with fixed arguments, dev only
import sys
import tarfile
import zipfile
from pathlib import Path

from _sources import ROOT

from i18n import QM, build

PLUGIN_NAME = "farmland_guard"


def package(out: Path, ref: str = "HEAD") -> Path:
    build()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "--prefix={}/".format(PLUGIN_NAME), ref],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout
    out.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar, zipfile.ZipFile(
        out, "w", compression=zipfile.ZIP_DEFLATED
    ) as zf:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            info = zipfile.ZipInfo(member.name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, tar.extractfile(member).read())
        info = zipfile.ZipInfo("{}/i18n/{}".format(PLUGIN_NAME, QM.name), date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, QM.read_bytes())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "farmland_guard.zip")
    parser.add_argument("--ref", default="HEAD")
    args = parser.parse_args()
    path = package(args.out, args.ref)
    print("wrote {} ({} bytes)".format(path, path.stat().st_size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
