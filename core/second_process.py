"""Work handed to a forked second process whose answer is a few numpy arrays.

Whether forking is wise (Linux, two cores, not the QGIS desktop) is the caller's decision
(engine/forking.fork_allowed); this module only forks, hands the arrays back through an .npz file
in a private temporary folder (no pickle) and makes sure no child outlives its use: a child dies
with its parent, and a child whose answer is not wanted is killed and reaped.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import tempfile
import time
import zipfile
from typing import Callable, Optional

import numpy as np

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_POLL_S = 0.005


def _find_prctl():
    """libc's prctl from the process's own symbols, or None (not Linux)."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError, TypeError):
        return None


_PRCTL = _find_prctl()  # looked up here, before any fork: a child need not take the loader's lock


def die_with_parent(parent: int) -> None:
    """In a forked child: be killed when the parent dies (a killed or cancelled run must not leave a
    second process that goes on and, say, puts a complete-looking report in place). Linux prctl; where
    that is not to be had the child simply runs to its end."""
    if _PRCTL is None:
        return
    _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


class SecondProcess:
    """``work()`` (returning a tuple of numpy arrays) run in a forked child.

    ``answer()`` waits for it and returns the arrays, or None when the child failed (an exception, a
    signal) or could not be made (no fork for want of processes or memory, no temporary folder: the
    caller then does the work itself); ``discard()`` stops it. Either must be called: both reap the
    child and remove its folder. The answer goes through a private folder (mkdtemp), written under
    another name and renamed: there is a whole file or none.
    """

    def __init__(self, work: Callable[[], tuple]) -> None:
        self._pid: Optional[int] = None
        self._folder: Optional[str] = None
        try:
            self._folder = tempfile.mkdtemp(prefix="farmland-")
            self._path = os.path.join(self._folder, "answer.npz")
            parent = os.getpid()
            self._pid = os.fork()
        except OSError:  # no temporary folder; EAGAIN, ENOMEM: no second process, no answer
            self._pid = None
            self._remove_file()
            return
        if self._pid == 0:  # the child: compute, write, leave without running any clean-up of the parent's
            status = 1
            try:
                die_with_parent(parent)
                arrays = work()
                with open(self._path + ".part", "wb") as out:
                    np.savez(out, *arrays)
                os.replace(self._path + ".part", self._path)  # a complete file or none
                status = 0
            finally:
                os._exit(status)

    def answer(self, canceled: Callable[[], bool] = lambda: False) -> Optional[tuple]:
        """The child's arrays, or None if it failed. When ``canceled()`` turns true while waiting, the
        child is stopped and None returned (the caller then sees the cancel itself)."""
        if self._pid is None:
            return None
        try:
            while True:
                try:
                    done, status = os.waitpid(self._pid, os.WNOHANG)
                except ChildProcessError:  # reaped by someone else (SIGCHLD ignored, a host's handler)
                    self._pid = None
                    return self._read() if self._exists_with_content() else None
                if done:
                    self._pid = None
                    break
                if canceled():
                    self.discard()
                    return None
                time.sleep(_POLL_S)
            if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
                return None
            return self._read()
        finally:
            self._remove_file()

    def _exists_with_content(self) -> bool:
        return os.path.exists(self._path) and os.path.getsize(self._path) > 0

    def _read(self) -> Optional[tuple]:
        try:
            with np.load(self._path, allow_pickle=False) as data:
                return tuple(data["arr_{}".format(k)] for k in range(len(data.files)))
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            return None

    def discard(self) -> None:
        """Stop the child (if still running) and reap it."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):  # it has just ended: waitpid reaps it
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):  # reaped by someone else already
                os.waitpid(self._pid, 0)
            self._pid = None
        self._remove_file()

    def _remove_file(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
