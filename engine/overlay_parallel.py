"""The red-line overlay's jobs (one target × one layer), cut in one process or, on Linux outside the
QGIS desktop, half of them in a forked second process whose results come back as WKB
(core/overlay/wire.py) and are merged in the order of a single-process run."""

from __future__ import annotations

import os
import signal
import tempfile
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from qgis.core import QgsGeometry

from ..core.overlay.wire import (
    CONTROL_EMPTY,
    CONTROL_GEOMETRY,
    WireError,
    WireIssue,
    WireJob,
    WirePiece,
    decode,
    encode,
)
from .forking import die_with_parent, fork_allowed

if TYPE_CHECKING:
    from .overlay import _Run


@dataclass
class Job:
    """What cutting one target with one layer gives: pieces (category, geometry, fid, repaired), the
    control (CONTROL_SITE: the target's area; CONTROL_GEOMETRY: the area of ``control_geometry``),
    issues (fid, kind) and counters (candidates, taken whole, cut)."""

    pieces: list = field(default_factory=list)
    control: int = CONTROL_EMPTY
    control_geometry: Optional[QgsGeometry] = None
    issues: list = field(default_factory=list)
    counters: tuple = (0, 0, 0)



#: fewer jobs than this are not worth a second process
MIN_PARALLEL_JOBS = 1000
#: the second process may take this many times as long as the first half before it is given up
CHILD_PATIENCE = 4.0
#: how long the CPUs are watched to see whether a core is idle (s), and how much of one must be
IDLE_SAMPLE_S = 0.2
IDLE_CORE_SHARE = 0.75


def idle_core(sample: float = IDLE_SAMPLE_S) -> bool:
    """Whether a core besides ours is free now. When other jobs hold the cores, a second process only
    adds its copying and hand-over costs.

    Measured over ``sample`` seconds from /proc/stat while this process sleeps, so its own core counts
    as idle: at least ``1 + IDLE_CORE_SHARE`` cores must be idle. (The 1-minute load average, used
    where /proc/stat is missing, still counts a job that ended seconds ago.)
    """
    cpus = os.cpu_count() or 1
    before = _cpu_times()
    if before is None:
        return _load_leaves_a_core(cpus)
    time.sleep(sample)
    after = _cpu_times()
    if after is None or after[1] <= before[1]:
        return _load_leaves_a_core(cpus)
    idle_cores = cpus * (after[0] - before[0]) / (after[1] - before[1])
    return idle_cores >= 1.0 + IDLE_CORE_SHARE


def _load_leaves_a_core(cpus: int) -> bool:
    if not hasattr(os, "getloadavg"):  # not on Windows: no way to tell, so no second process
        return False
    return os.getloadavg()[0] <= cpus - 1


def _cpu_times() -> Optional[tuple[int, int]]:
    """(idle, total) time of all CPUs so far, in clock ticks (/proc/stat), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            values = [int(v) for v in handle.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    if len(values) < 5:
        return None
    return values[3] + values[4], sum(values)  # idle + iowait; user … steal


def run_jobs(
    jobs: list, compute, stores: list, run: _Run, workers: Optional[int], meanwhile=None
) -> tuple[dict, list]:
    """{(layer, target): Job} for every job, and the validation issues the second process found.
    ``meanwhile``: other work of this process, done after its share of the jobs (while the second
    process still cuts); it must not change the stores."""
    meanwhile = meanwhile or (lambda: None)
    parallel = (
        fork_allowed()
        and len(jobs) >= 2
        and (workers == 2 or (workers is None and len(jobs) >= MIN_PARALLEL_JOBS and idle_core()))
    )
    if not parallel:
        results = _serial(jobs, compute, run, 0.2, 0.75)
        meanwhile()
        return results, []
    mine, theirs = jobs[0::2], jobs[1::2]
    handle, path = tempfile.mkstemp(prefix="farmland-overlay-", suffix=".bin")
    os.close(handle)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the second process: compute, write, leave without running any clean-up of QGIS
        status = 1
        try:
            die_with_parent(parent)
            status = _child(theirs, compute, stores, path)
        finally:
            os._exit(status)
    awaited = False
    try:
        started = time.monotonic()
        results = _serial(mine, compute, run, 0.2, 0.7)
        meanwhile()
        patience = max(60.0, CHILD_PATIENCE * (time.monotonic() - started))
        awaited = True
        received = _await_child(pid, path, run, patience)
    finally:
        if not awaited:  # this process failed or was cancelled: stop the second one and collect it
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        if os.path.exists(path):
            os.remove(path)
    if received is None:  # the second process failed or took too long: do its share here
        results.update(_serial(theirs, compute, run, 0.7, 0.75))
        return results, []
    wire_jobs, issues = received
    for job in wire_jobs:
        results[(job.layer, job.target)] = _job_from_wire(job)
    run.counters["processes"] = 2
    return results, issues


def _serial(jobs: list, compute, run: _Run, start: float, end: float) -> dict:
    results = {}
    for n, (li, ti) in enumerate(jobs):
        if n % 20 == 0:
            run.check_cancel()
            run.progress.report(start + (end - start) * n / max(len(jobs), 1))
        results[(li, ti)] = compute(li, ti)
    return results


def _child(jobs: list, compute, stores: list, path: str) -> int:
    """The second process's share: its jobs and the validation issues it met, written to ``path``."""
    wire_jobs = [_job_to_wire(li, ti, compute(li, ti)) for li, ti in jobs]
    issues = [
        WireIssue(li, fid, kind, _to_wkb(geometry))
        for li, store in enumerate(stores)
        for fid, (kind, geometry) in store.issues.items()
    ]
    with open(path, "wb") as handle:
        handle.write(encode(wire_jobs, issues))
    return 0


def _await_child(pid: int, path: str, run: _Run, patience: float):
    """The child's decoded results, or None if it failed or took longer than ``patience`` seconds."""
    deadline = time.monotonic() + patience
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if run.progress.is_canceled() or time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            run.check_cancel()
            return None
        time.sleep(0.02)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return decode(data)
    except WireError:
        return None


def _to_wkb(geometry: Optional[QgsGeometry]) -> bytes:
    return b"" if geometry is None or geometry.isNull() else bytes(geometry.asWkb())


def from_wkb(data: bytes) -> Optional[QgsGeometry]:
    if not data:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(data)
    return geometry


def _job_to_wire(li: int, ti: int, job: Job) -> WireJob:
    pieces = [
        WirePiece(category, -1 if fid is None else fid, repaired, _to_wkb(geometry))
        for category, geometry, fid, repaired in job.pieces
    ]
    wkb = _to_wkb(job.control_geometry) if job.control == CONTROL_GEOMETRY else b""
    return WireJob(li, ti, job.control, wkb, job.counters, pieces, list(job.issues))


def _job_from_wire(job: WireJob) -> Job:
    pieces = [
        (p.category, from_wkb(p.wkb) or QgsGeometry(), None if p.fid < 0 else p.fid, p.repaired)
        for p in job.pieces
    ]
    control = from_wkb(job.control_wkb) if job.control == CONTROL_GEOMETRY else None
    return Job(pieces, job.control, control, list(job.issues), tuple(job.counters))
