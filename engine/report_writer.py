"""Write a report as an XLSX workbook (engine/xlsx_writer.py, no extra package) and the same tables as HTML.

Generic: a report is a list of :class:`Sheet` — a name, column headers (already translated, e.g.
Chinese) and rows of values (text, int, float, None). Columns with a decimal count get that number
format in the workbook. The HTML copy is written beside the workbook
with the same stem. Both files are written to temporary names first and renamed only when complete,
so a failure never leaves a half-written report.
"""

from __future__ import annotations

import contextlib
import html
import os
import signal
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from .forking import die_with_parent, fork_allowed
from .xlsx_writer import write_workbook

_BAD_SHEET_CHARS = set("[]:*?/\\")
MAX_SHEET_NAME = 31
MAX_ROWS = 1_048_575  # data rows under the header row of one worksheet
#: rows of one sheet the HTML copy shows (the workbook holds them all): a browser page of 100k rows
#: takes minutes to open and tells a reader nothing the workbook does not
HTML_MAX_ROWS = 5000
HTML_ROWS_NOTE = "本表共 {total} 行，网页仅列出前 {shown} 行；完整内容见同名 XLSX 工作簿。"


class ReportWriteError(OSError):
    """A report file could not be written; ``path`` names it."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__("{}: {}".format(message, path))
        self.message = message
        self.path = path


@dataclass(frozen=True)
class Sheet:
    """One table of the report. ``decimals``: per column, how many decimals the HTML copy shows for
    numbers (None or missing = as given); ``notes``: lines shown above the table in the HTML copy."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    decimals: Sequence[Optional[int]] = field(default=())
    notes: Sequence[str] = field(default=())


def html_path_for(xlsx_path: str) -> str:
    """The HTML copy's path: the workbook's path with the suffix .html."""
    return str(Path(xlsx_path).with_suffix(".html"))


def write_report(xlsx_path: str, sheets: Sequence[Sheet], title: str) -> tuple[str, str]:
    """Write the workbook and its HTML copy; return both paths. Raises ReportWriteError."""
    html_path = html_path_for(xlsx_path)
    tmp_xlsx = _temporary(xlsx_path)
    tmp_html = _temporary(html_path)
    try:
        write_xlsx(tmp_xlsx, sheets)
        write_html(tmp_html, sheets, title)
        for target in (xlsx_path, html_path):  # both replaceable, or neither is touched
            if os.path.exists(target) and not os.access(target, os.W_OK):
                raise ReportWriteError("cannot replace the existing file", target)
        os.replace(tmp_xlsx, xlsx_path)
        try:
            os.replace(tmp_html, html_path)
        except OSError as error:
            raise ReportWriteError(error.strerror or str(error), html_path) from error
    except BaseException as error:
        for path in (tmp_xlsx, tmp_html):
            if os.path.exists(path):
                os.remove(path)
        if isinstance(error, ReportWriteError):  # named after the file the user asked for, not the temporary one
            named = html_path if error.path in (tmp_html, html_path) else xlsx_path
            raise ReportWriteError(error.message, named) from error
        if isinstance(error, OSError):
            raise ReportWriteError(error.strerror or str(error), xlsx_path) from error
        raise
    return xlsx_path, html_path


class BackgroundReport:
    """:func:`write_report` beside the caller's own work, started at once; :meth:`result` waits for it.

    Where a second process may be forked (engine/forking.py) the report is written there, with an
    interpreter of its own; elsewhere (the QGIS desktop, Windows), or when the fork fails, on a
    thread, where zlib releases the GIL while it compresses. Either way a failure comes out of
    :meth:`result` as ReportWriteError. :meth:`discard` stops the work and removes what was written
    (the caller failed: no report of a failed run may look complete).
    """

    def __init__(self, xlsx_path: str, sheets: Union[Sequence[Sheet], Callable[[], Sequence[Sheet]]], title: str):
        """``sheets``: the sheets, or a function that makes them (called in the background too)."""
        self.xlsx_path = xlsx_path
        make = sheets if callable(sheets) else (lambda: sheets)
        self._job: Union[_ForkedReport, _ThreadReport]
        try:
            kind = _ForkedReport if fork_allowed() else _ThreadReport
            self._job = kind(xlsx_path, make, title)
        except OSError:  # no process to be had (EAGAIN, ENOMEM): a thread will do
            self._job = _ThreadReport(xlsx_path, make, title)

    def result(self) -> tuple[str, str]:
        """(workbook, HTML) paths once both are written; raises ReportWriteError."""
        return self._job.result()

    def discard(self) -> None:
        self._job.discard()


def _write_wrapped(xlsx_path: str, sheets: Callable[[], Sequence[Sheet]], title: str) -> tuple[str, str]:
    """write_report, with any failure (also making the sheets) as ReportWriteError."""
    try:
        return write_report(xlsx_path, sheets(), title)
    except ReportWriteError:
        raise
    except Exception as error:  # noqa: BLE001 - handed on as the report's failure, with its kind
        raise ReportWriteError("{}: {}".format(type(error).__name__, error), xlsx_path) from error


class _ThreadReport:
    def __init__(self, xlsx_path: str, sheets, title: str) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="farmland-report")
        self._future = self._pool.submit(_write_wrapped, xlsx_path, sheets, title)

    def result(self) -> tuple[str, str]:
        try:
            return self._future.result()
        finally:
            self._pool.shutdown(wait=True)

    def discard(self) -> None:
        try:
            written = self.result()
        except ReportWriteError:  # nothing complete was left: write_report removes its temporaries
            return
        _remove(written)


class _ForkedReport:
    """write_report in a forked process; a failure comes back through a pipe as "message\\0path"."""

    def __init__(self, xlsx_path: str, sheets, title: str) -> None:
        self.xlsx_path = xlsx_path
        self._outcome: Optional[tuple] = None
        read, write = os.pipe()
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the child: write, report, leave without running any clean-up of the parent's
            status, message = 2, b"the report process failed"
            try:
                die_with_parent(parent)
                os.close(read)
                _write_wrapped(xlsx_path, sheets, title)
                status, message = 0, b""
            except ReportWriteError as error:
                status, message = 1, "{}\0{}".format(error.message, error.path).encode("utf-8", "replace")
            finally:
                try:
                    os.write(write, message)
                finally:
                    os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read
        # a report nobody waits for is stopped and collected when this object goes
        self._reaper = weakref.finalize(self, _stop_child, pid, read)

    def result(self) -> tuple[str, str]:
        if self._outcome is None:
            self._reaper.detach()
            with os.fdopen(self._read, "rb") as pipe:
                message = pipe.read().decode("utf-8", "replace")
            _, status = os.waitpid(self._pid, 0)
            self._outcome = (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, message)
        done, message = self._outcome
        if done:
            return self.xlsx_path, html_path_for(self.xlsx_path)
        text, _, path = message.partition("\0")
        raise ReportWriteError(text or "the report process failed", path or self.xlsx_path)

    def discard(self) -> None:
        """Stop the child at once and remove what it wrote: its report if it had finished, else
        its temporary files (a report of that name from before stays)."""
        if self._outcome is None:
            self._reaper.detach()
            self._outcome = (_stop_child(self._pid, self._read), "")
        html_path = html_path_for(self.xlsx_path)
        _remove([_temporary(self.xlsx_path, self._pid), _temporary(html_path, self._pid)])
        if self._outcome[0]:
            _remove([self.xlsx_path, html_path])


def _stop_child(pid: int, read: int) -> bool:
    """Kill and collect the child; whether it had already finished its report."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    status = -1
    with contextlib.suppress(OSError):
        status = os.waitpid(pid, 0)[1]
    with contextlib.suppress(OSError):
        os.close(read)
    return status >= 0 and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _remove(paths) -> None:
    for path in paths:
        if os.path.exists(path):
            os.remove(path)


def _temporary(path: str, pid: Optional[int] = None) -> str:
    """The name ``path`` is written under until complete (by process ``pid``, this one by default)."""
    target = Path(path)
    return str(target.with_name(".{}.{}.tmp{}".format(target.stem, pid or os.getpid(), target.suffix)))


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (≤ 31 characters, none of []:*?/\\ nor control characters,
    no apostrophe at either end, not the reserved "History")."""
    clean = "".join("_" if c in _BAD_SHEET_CHARS or ord(c) < 32 else c for c in name).strip().strip("'")
    clean = (clean or "Sheet")[:MAX_SHEET_NAME]
    if clean.casefold() == "history":
        clean += "_"
    candidate, n = clean, 2
    while candidate.casefold() in taken:
        suffix = "({})".format(n)
        candidate = clean[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    taken.add(candidate.casefold())
    return candidate


def write_xlsx(path: str, sheets: Sequence[Sheet]) -> None:
    """One worksheet per sheet: typed columns (integer, real, text), the sheet's number formats.
    Raises ReportWriteError."""
    for sheet in sheets:
        if len(sheet.rows) > MAX_ROWS:
            raise ReportWriteError(
                "sheet {} has {} rows; a worksheet holds at most {}".format(sheet.name, len(sheet.rows), MAX_ROWS),
                path,
            )
    taken: set[str] = set()
    try:
        write_workbook(
            path,
            [
                (sheet_name(sheet.name, taken), _unique_headers(sheet.headers), sheet.rows, sheet.decimals)
                for sheet in sheets
            ],
        )
    except OSError as error:
        raise ReportWriteError(error.strerror or str(error), path) from error


def _unique_headers(headers: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for header in headers:
        name = str(header) or "-"
        if name in seen:
            seen[name] += 1
            name = "{}_{}".format(name, seen[name])
        else:
            seen[name] = 1
        result.append(name)
    return result


def _cell(value: object, decimals: Optional[int] = None) -> str:
    if value is None:
        return ""
    if decimals is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
        return "{:.{}f}".format(value, decimals)
    return html.escape(str(value))


def write_html(
    path: str, sheets: Sequence[Sheet], title: str, lang: Optional[str] = "zh-CN", max_rows: int = HTML_MAX_ROWS
) -> None:
    """The same tables as one HTML page (UTF-8), a heading per sheet, numbers right-aligned; a sheet
    longer than ``max_rows`` shows its first rows and says so."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="{}"><head><meta charset="utf-8"><title>{}</title>'.format(lang or "", html.escape(title)),
        "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:2em}"
        "th,td{border:1px solid #999;padding:2px 6px}th{background:#eee}td.n{text-align:right}</style>",
        "</head><body>",
        "<h1>{}</h1>".format(html.escape(title)),
    ]
    for sheet in sheets:
        parts.append("<h2>{}</h2>".format(html.escape(sheet.name)))
        parts.extend("<p>{}</p>".format(html.escape(line)) for line in sheet.notes)
        rows = sheet.rows[:max_rows] if len(sheet.rows) > max_rows else sheet.rows
        if len(rows) < len(sheet.rows):
            note = HTML_ROWS_NOTE.format(total=len(sheet.rows), shown=len(rows))
            parts.append('<p class="cut">{}</p>'.format(html.escape(note)))
        parts.append(
            "<table><thead><tr>{}</tr></thead><tbody>".format(
                "".join("<th>{}</th>".format(_cell(h)) for h in sheet.headers)
            )
        )
        decimals = list(sheet.decimals) + [None] * (len(sheet.headers) - len(sheet.decimals))
        for row in rows:
            cells = "".join(
                '<td class="n">{}</td>'.format(_cell(v, d))
                if isinstance(v, (int, float)) and not isinstance(v, bool)
                else "<td>{}</td>".format(_cell(v))
                for v, d in zip(row, decimals)
            )
            parts.append("<tr>{}</tr>".format(cells))
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    with open(path, "w", encoding="utf-8", errors="replace") as handle:  # a lone surrogate becomes "?"
        handle.write("\n".join(parts))
