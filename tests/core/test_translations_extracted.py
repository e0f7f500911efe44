"""Every translatable literal in the code is in the committed .ts (pylupdate5 silently skips some
forms, e.g. a call with a trailing comma, so the .ts alone cannot tell)."""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "dev"))
from _sources import shipped_python_files  # noqa: E402

TS = ROOT / "i18n" / "farmland_guard_zh_CN.ts"


def literals_in_code() -> set[tuple[str, str, str]]:
    found = set()
    for path in shipped_python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
            context = cls.name if isinstance(cls, ast.ClassDef) else None
            for node in ast.walk(cls):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                    continue
                args = node.args
                if node.func.attr == "tr" and context and args and isinstance(args[0], ast.Constant):
                    found.add((context, args[0].value, "{}:{}".format(path.relative_to(ROOT), node.lineno)))
                if (node.func.attr == "translate" and len(args) >= 2 and isinstance(args[0], ast.Constant)
                        and isinstance(args[1], ast.Constant)):
                    found.add((args[0].value, args[1].value, "{}:{}".format(path.relative_to(ROOT), node.lineno)))
    return found


def test_every_literal_is_in_the_ts():
    root = ET.parse(TS).getroot()
    in_ts = {(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")}
    missing = sorted(where + "  [" + ctx + "] " + text[:80] for ctx, text, where in literals_in_code()
                     if (ctx, text) not in in_ts)
    assert not missing, "not extracted into the .ts:\n" + "\n".join(missing)


def test_the_check_sees_translation_calls():
    assert len(literals_in_code()) > 100
