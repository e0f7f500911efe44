"""The files that ship in the plugin (shared by the i18n, packaging and lint tools)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: top-level entries that never ship
NOT_SHIPPED = {
    ".git", ".ci", ".venv", "dev", "tests", "dist", "build", "demo", "pytest.ini",
    "pyproject.toml", ".gitignore", ".gitattributes", "README.md", "CHANGELOG.md", "__pycache__",
    ".pytest_cache", ".ruff_cache", ".hypothesis",
}


def shipped_python_files() -> list[Path]:
    """Every .py file of the plugin that goes into the zip, sorted."""
    files = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in NOT_SHIPPED or "__pycache__" in rel.parts:
            continue
        files.append(path)
    return files
