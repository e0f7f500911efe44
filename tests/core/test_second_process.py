"""core/second_process.py: arrays come back from a forked child; a failed, late or unwanted child
gives None, is reaped and leaves no file behind."""

from __future__ import annotations

import glob
import os
import tempfile
import time

import numpy as np
import pytest

from farmland_guard.core.second_process import SecondProcess

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture(autouse=True)
def own_temp_folder(tmp_path, monkeypatch):
    """The hand-over files of these tests only, whatever else runs at the same time."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def leftover_files() -> set:
    return set(glob.glob(os.path.join(tempfile.gettempdir(), "farmland-*")))


def test_no_fork_no_answer(monkeypatch):
    def no_more_processes():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    calls = []
    process = SecondProcess(lambda: calls.append(1) or (np.zeros(1),))
    assert process.answer() is None
    process.discard()
    assert calls == [] and leftover_files() == set()


def assert_reaped(pid: int) -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_the_childs_arrays_come_back():
    before = leftover_files()
    parent = os.getpid()
    process = SecondProcess(lambda: (np.arange(5.0), np.array([os.getpid() != parent]), np.zeros(0)))
    values, forked, empty = process.answer()
    assert values.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert forked.tolist() == [True]  # it ran in another process
    assert empty.size == 0
    assert leftover_files() == before


def test_a_child_that_raises_gives_none():
    def fail():
        raise ValueError("no")

    before = leftover_files()
    process = SecondProcess(fail)
    pid = process._pid
    assert process.answer() is None
    assert_reaped(pid)
    assert leftover_files() == before


def test_cancel_and_discard_stop_the_child():
    before = leftover_files()
    waiting = SecondProcess(lambda: (time.sleep(30), np.zeros(1))[1:])
    pid = waiting._pid
    assert waiting.answer(canceled=lambda: True) is None
    assert_reaped(pid)
    unwanted = SecondProcess(lambda: (time.sleep(30), np.zeros(1))[1:])
    pid = unwanted._pid
    unwanted.discard()
    assert_reaped(pid)
    unwanted.discard()  # twice is harmless
    assert unwanted.answer() is None
    assert leftover_files() == before


def test_a_child_dies_with_its_parent():
    read_end, write_end = os.pipe()
    middle = os.fork()
    if middle == 0:  # a parent that starts a long child, then dies without stopping it
        try:
            child = SecondProcess(lambda: (time.sleep(60), np.zeros(1))[1:])
            os.write(write_end, str(child._pid).encode())
        finally:
            os._exit(0)
    os.waitpid(middle, 0)
    orphan = int(os.read(read_end, 32))
    os.close(read_end)
    os.close(write_end)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(orphan):
        time.sleep(0.05)
    assert not _running(orphan)


def _running(pid: int) -> bool:
    try:
        with open("/proc/{}/stat".format(pid)) as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_child_reaped_by_someone_else_still_answers():
    # a host that ignores SIGCHLD (or reaps every child) leaves waitpid nothing to find: the complete
    # file the child left is still the answer, and a missing one is no answer
    import signal

    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        done = SecondProcess(lambda: (np.arange(3.0),))
        time.sleep(0.5)  # ended and reaped by the kernel (SIG_IGN)
        (values,) = done.answer()
        assert values.tolist() == [0.0, 1.0, 2.0]
        failed = SecondProcess(lambda: (_ for _ in ()).throw(ValueError("no")))
        time.sleep(0.5)
        assert failed.answer() is None
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert leftover_files() == set()


def test_no_temporary_folder_no_answer(monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", "/nonexistent-folder-of-farmland-tests")
    calls = []
    process = SecondProcess(lambda: calls.append(1) or (np.zeros(1),))
    assert process.answer() is None
    process.discard()
    assert calls == []


def test_a_child_that_fails_while_writing_leaves_no_answer(monkeypatch):
    # the child writes a complete-looking file, then fails before it could say so; a host that reaps
    # children itself leaves only the file to go by: it must not be taken for an answer
    import signal

    real_savez = np.savez

    def savez_then_fail(out, *arrays):
        real_savez(out, *arrays)
        out.flush()
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", savez_then_fail)
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        process = SecondProcess(lambda: (np.arange(3.0),))
        time.sleep(0.5)
        assert process.answer() is None
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert leftover_files() == set()
