"""The zh_CN catalogue is complete and QGIS's zh-Hans locale gives Chinese names."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = shutil.which("pylupdate5") and (shutil.which("lrelease") or Path("/usr/lib/qt5/bin/lrelease").exists())
pytestmark = pytest.mark.skipif(
    not TOOLS, reason="pylupdate5/lrelease missing: install pyqt5-dev-tools qttools5-dev-tools"
)


def test_ts_is_complete_for_every_source_string():
    result = subprocess.run(
        [sys.executable, str(ROOT / "dev" / "i18n.py"), "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ts_check_catches_an_unfinished_entry(tmp_path):
    sys.path.insert(0, str(ROOT / "dev"))
    import i18n as tool

    broken = tmp_path / "x.ts"
    text = (ROOT / "i18n" / "farmland_guard_zh_CN.ts").read_text(encoding="utf-8")
    broken.write_text(text.replace("<translation>", '<translation type="unfinished">', 1), encoding="utf-8")
    assert any(p.startswith("unfinished") for p in tool.problems(broken))


@pytest.mark.parametrize(
    ("locale", "chinese"), [("zh-Hans", True), ("zh_CN", True), ("zh", True), ("en_US", False), ("zh-Hant", False)]
)
def test_locale_picks_the_catalogue(tmp_path, qgis_app, locale, chinese):
    sys.path.insert(0, str(ROOT / "dev"))
    import i18n as tool
    from farmland_guard.i18n import install_translator, remove_translator
    from farmland_guard.processing.official_area import OfficialAreaAlgorithm
    from farmland_guard.processing.provider import FarmlandProvider

    qm = tmp_path / "farmland_guard_zh_CN.qm"
    tool.build(qm=qm)
    try:
        assert install_translator(locale, tmp_path) is chinese
        name = FarmlandProvider().name()
        display = OfficialAreaAlgorithm().displayName()
        if chinese:
            assert name == "耕地保护 Farmland Guard"
            assert display == "图斑椭球面积计算"
        else:
            assert name == "Farmland Guard"
            assert display == "Official ellipsoidal area"
    finally:
        remove_translator()
