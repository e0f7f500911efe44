"""When the overlay takes a second process: only when a core besides its own is idle right now."""

from __future__ import annotations

import pytest

from farmland_guard.engine import overlay_parallel


@pytest.fixture
def two_cpus(monkeypatch):
    monkeypatch.setattr(overlay_parallel.os, "cpu_count", lambda: 2)

    def readings(*pairs):
        values = iter(pairs)
        monkeypatch.setattr(overlay_parallel, "_cpu_times", lambda: next(values))

    return readings


@pytest.mark.parametrize(
    ("idle_ticks", "expected"),
    [(40, True), (36, True), (30, False), (20, False)],  # of 40 ticks on 2 CPUs: idle cores = idle / 20
)
def test_idle_core_from_cpu_ticks(two_cpus, idle_ticks, expected):
    two_cpus((1000, 5000), (1000 + idle_ticks, 5040))
    assert overlay_parallel.idle_core(sample=0.0) is expected


def test_without_proc_stat_the_load_average_decides(two_cpus, monkeypatch):
    two_cpus(None)
    monkeypatch.setattr(overlay_parallel.os, "getloadavg", lambda: (0.4, 0.4, 0.4))
    assert overlay_parallel.idle_core(sample=0.0) is True
    two_cpus(None)
    monkeypatch.setattr(overlay_parallel.os, "getloadavg", lambda: (1.6, 0.4, 0.4))
    assert overlay_parallel.idle_core(sample=0.0) is False


def test_cpu_times_reads_this_machine():
    first = overlay_parallel._cpu_times()
    if first is None:
        pytest.skip("no /proc/stat here")
    idle, total = first
    assert 0 <= idle <= total
    assert overlay_parallel._cpu_times()[1] >= total


def test_without_proc_stat_or_load_average_no_second_process(two_cpus, monkeypatch):
    two_cpus(None)
    monkeypatch.delattr(overlay_parallel.os, "getloadavg", raising=False)  # as on Windows
    assert overlay_parallel.idle_core(sample=0.0) is False


def test_a_failing_first_process_stops_and_collects_the_second(tmp_path, monkeypatch):
    import os
    import time

    if not overlay_parallel.fork_allowed():
        pytest.skip("no second process here")
    monkeypatch.setattr(overlay_parallel.tempfile, "tempdir", str(tmp_path))
    parent = os.getpid()

    class Run:
        def __init__(self):
            self.progress = None
            self.counters = {}

        def check_cancel(self):
            pass

    class Progress:
        def report(self, fraction):
            pass

        def is_canceled(self):
            return False

    run = Run()
    run.progress = Progress()

    def compute(layer, target):
        if os.getpid() != parent:
            time.sleep(30)  # the second process would still be cutting
        return overlay_parallel.Job()

    def meanwhile():
        raise RuntimeError("failed while the second process cuts")

    started = time.monotonic()
    with pytest.raises(RuntimeError):
        overlay_parallel.run_jobs([(0, 0), (0, 1)], compute, [], run, 2, meanwhile)
    assert time.monotonic() - started < 10  # not waited for
    assert os.listdir(tmp_path) == []  # its result file is gone
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # and no child of ours is left, not even a zombie
