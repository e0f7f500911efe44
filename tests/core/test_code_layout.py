"""House rules that keep the plugin loadable, translatable and acceptable to plugins.qgis.org."""

from __future__ import annotations

import ast
import configparser
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "dev"))
from _sources import shipped_python_files  # noqa: E402

SHIPPED = shipped_python_files()


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_shipped_files_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in SHIPPED}
    assert {"__init__.py", "plugin.py", "processing/provider.py"} <= names
    assert not any(n.startswith(("tests/", "dev/")) for n in names)


@pytest.mark.parametrize("path", [p for p in SHIPPED if p.relative_to(ROOT).parts[0] == "core"], ids=str)
def test_core_imports_no_qgis_or_qt(path):
    bad = [n for n in _imports(_tree(path)) if n.split(".")[0] in {"qgis", "PyQt5", "PyQt6", "sip", "osgeo"}]
    assert not bad, "{} imports {}".format(path, bad)


@pytest.mark.parametrize("path", SHIPPED, ids=str)
def test_plugin_modules_import_each_other_relatively(path):
    """The installed folder name is not ours to choose: no absolute imports of our own packages."""
    own = {
        "farmland_guard",
        "main",
        "core",
        "engine",
        "processing",
        "ui",
        "resources",
        "i18n",
        "metadata",
        "plugin",
    }
    tree = _tree(path)
    bad = [n for n in _imports(tree) if n.split(".")[0] in own]
    assert not bad, "{} imports {} absolutely".format(path, bad)


@pytest.mark.parametrize("path", SHIPPED, ids=str)
def test_qt_only_through_qgis_pyqt(path):
    bad = [n for n in _imports(_tree(path)) if n.split(".")[0] in {"PyQt5", "PyQt6"}]
    assert not bad, "{} imports {} (use qgis.PyQt)".format(path, bad)


@pytest.mark.parametrize("path", SHIPPED, ids=str)
def test_no_constructs_the_plugin_scanner_blocks(path):
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Assert):
            found.append("assert at line {}".format(node.lineno))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"eval", "exec"}:
            found.append("{} at line {}".format(node.func.id, node.lineno))
        if isinstance(node, ast.ExceptHandler) and all(isinstance(s, ast.Pass) for s in node.body):
            found.append("except: pass at line {}".format(node.lineno))
        if isinstance(node, ast.keyword) and node.arg == "shell" and getattr(node.value, "value", False) is True:
            found.append("shell=True at line {}".format(node.lineno))
    assert not found, "{}: {}".format(path, found)


@pytest.mark.parametrize("path", SHIPPED, ids=str)
def test_translations_use_extractable_calls(path):
    """pylupdate5 only sees self.tr("literal") and QCoreApplication.translate("ctx", "literal")."""
    found = []
    tree = _tree(path)
    # the one place allowed to pass a variable: the base class's tr() itself
    exempt = {
        id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "tr" for n in ast.walk(f)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in exempt:
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"tr", "_tr", "translate"}:
            found.append("bare {}() at line {}".format(func.id, node.lineno))
        is_tr = isinstance(func, ast.Attribute) and func.attr == "tr"
        is_translate = (
            isinstance(func, ast.Attribute)
            and func.attr == "translate"
            and (isinstance(func.value, ast.Name) and func.value.id in {"QCoreApplication", "QApplication"})
        )
        literal_args = node.args[:1] if is_tr else node.args[:2] if is_translate else []
        for arg in literal_args:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                found.append("non-literal text in translation call at line {}".format(node.lineno))
    assert not found, "{}: {}".format(path, found)


def test_metadata_has_what_the_plugin_repository_requires():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    meta = parser["general"]
    for key in (
        "name",
        "description",
        "version",
        "qgisMinimumVersion",
        "author",
        "email",
        "about",
        "tracker",
        "repository",
        "homepage",
        "category",
        "tags",
        "icon",
        "changelog",
    ):
        assert meta.get(key, "").strip(), key
    assert meta["qgisMinimumVersion"] == "3.22"
    assert meta["hasProcessingProvider"] == "yes"
    for key in ("name[zh_CN]", "description[zh_CN]", "about[zh_CN]"):
        assert meta[key].strip()
    assert (ROOT / meta["icon"]).is_file()
    assert (
        (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("                    GNU GENERAL PUBLIC LICENSE")
    )
