"""Translations: update the .ts from the sources, fill it from TSV files, check it, build the .qm.

    python dev/i18n.py update            pylupdate5 over the shipped sources (keeps translations)
    python dev/i18n.py fill A.tsv ...    fill unfinished entries from TAB-separated context, source, zh_CN
    python dev/i18n.py check             fail when an entry is unfinished, empty or missing from the .ts
    python dev/i18n.py build             lrelease → i18n/farmland_guard_zh_CN.qm
    python dev/i18n.py commas            drop the trailing comma after the text of tr()/translate() calls,
                                         which makes pylupdate5 skip the string (formatters add it)
"""

from __future__ import annotations

import json
import shutil
import subprocess  # nosec B404 - runs Qt's own tools with fixed arguments, dev only
import sys
import tempfile
import xml.etree.ElementTree as ET  # nosec B405 - our own committed file
from pathlib import Path

from _sources import ROOT, shipped_python_files

TS = ROOT / "i18n" / "farmland_guard_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    for candidate in (name, "/usr/lib/qt5/bin/" + name, "/usr/lib/x86_64-linux-gnu/qt5/bin/" + name):
        found = shutil.which(candidate)
        if found:
            return found
    raise SystemExit("{} not found: install pyqt5-dev-tools and qttools5-dev-tools".format(name))


def update(ts: Path = TS) -> None:
    files = [str(p.relative_to(ROOT)) for p in shipped_python_files()]
    subprocess.run([_tool("pylupdate5"), "-noobsolete", *files, "-ts", str(ts)], cwd=ROOT, check=True)


def entries(ts: Path = TS) -> dict[tuple[str, str], tuple[str, bool]]:
    """(context, source) → (translation, finished)."""
    result = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") not in ("unfinished", "obsolete")
            result[(name, message.findtext("source"))] = ((translation.text or "") if translation is not None
                                                           else "", finished)
    return result


def problems(ts: Path = TS) -> list[str]:
    """What is unfinished, empty, or found in the sources but missing from the committed .ts."""
    found = []
    committed = entries(ts)
    for (context, source), (text, finished) in committed.items():
        if not finished or not text.strip():
            found.append("unfinished: [{}] {}".format(context, source))
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        update(fresh)
        for key in entries(fresh):
            if key not in committed:
                found.append("missing: [{}] {}".format(*key))
    return found


def fill(tsv_files: list[str], ts: Path = TS) -> int:
    """Fill unfinished entries from TSV (context, source, translation; "\\n" stands for a newline) or
    JSON (a list of [context, source, translation]) files."""
    table = {}
    for name in tsv_files:
        text = Path(name).read_text(encoding="utf-8")
        if name.endswith(".json"):
            rows = json.loads(text)
        else:
            rows = [[p.replace("\\n", "\n") for p in line.split("\t")] for line in text.splitlines()]
        for parts in rows:
            if len(parts) == 3 and parts[2].strip():
                table[(parts[0], parts[1])] = parts[2]
    tree = ET.parse(ts)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"))
            translation = message.find("translation")
            if key in table and translation is not None and translation.get("type") == "unfinished":
                translation.text = table[key]
                del translation.attrib["type"]
                count += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return count


def drop_trailing_commas(path: Path) -> int:
    """Remove the comma between the last literal argument of a tr()/translate() call and its ")"."""
    import ast

    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno: int, col: int) -> int:
        return starts[lineno - 1] + len(lines[lineno - 1].encode("utf-8")[:col].decode("utf-8"))

    cuts = []
    for node in ast.walk(ast.parse(text)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("tr", "translate") and node.args and not node.keywords
                and isinstance(node.args[-1], ast.Constant) and isinstance(node.args[-1].value, str)):
            last = node.args[-1]
            begin = offset(last.end_lineno, last.end_col_offset)
            end = offset(node.end_lineno, node.end_col_offset)
            gap = text[begin:end]
            if "," in gap:
                cuts.append(begin + gap.index(","))
    for cut in sorted(cuts, reverse=True):
        text = text[:cut] + text[cut + 1:]
    if cuts:
        path.write_text(text, encoding="utf-8")
    return len(cuts)


def build(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "fill":
        print("filled {} translations".format(fill(argv[1:])))
    elif command == "check":
        found = problems()
        print("\n".join(found) or "translations complete")
        return 1 if found else 0
    elif command == "build":
        build()
    elif command == "commas":
        for path in shipped_python_files():
            count = drop_trailing_commas(path)
            if count:
                print("{}: {} trailing comma(s) removed".format(path.relative_to(ROOT), count))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
