"""Work handed to a forked second process whose answer is a few numpy arrays.

Whether forking is wise (Linux, two cores, not the QGIS desktop) is the caller's decision
(engine/forking.fork_allowed); this module only forks, hands the arrays back through a temporary
.npz file (no pickle) and makes sure no child outlives its use: a child dies with its parent, and a
child whose answer is not wanted is killed and reaped.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import tempfile
import time
from typing import Callable, Optional

import numpy as np

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_POLL_S = 0.005


def die_with_parent(parent: int) -> None:
    """In a forked child: be killed when the parent dies (a killed or cancelled run must not leave a
    second process that goes on and, say, puts a complete-looking report in place). Linux prctl; where
    that is not to be had the child simply runs to its end."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the process's own symbols, libc's among them
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


class SecondProcess:
    """``work()`` (returning a tuple of numpy arrays) run in a forked child.

    ``answer()`` waits for it and returns the arrays, or None when the child failed (an exception, a
    signal) or could not be made (no fork for want of processes or memory: the caller then does the
    work itself); ``discard()`` stops it. Either must be called: both reap the child and remove the file.
    """

    def __init__(self, work: Callable[[], tuple]) -> None:
        handle, self._path = tempfile.mkstemp(prefix="farmland-", suffix=".npz")
        os.close(handle)
        parent = os.getpid()
        try:
            self._pid: Optional[int] = os.fork()
        except OSError:  # EAGAIN, ENOMEM: no second process, no answer
            self._pid = None
            self._remove_file()
            return
        if self._pid == 0:  # the child: compute, write, leave without running any clean-up of the parent's
            status = 1
            try:
                die_with_parent(parent)
                arrays = work()
                with open(self._path, "wb") as out:
                    np.savez(out, *arrays)
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
                done, status = os.waitpid(self._pid, os.WNOHANG)
                if done:
                    self._pid = None
                    break
                if canceled():
                    self.discard()
                    return None
                time.sleep(_POLL_S)
            if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
                return None
            with np.load(self._path, allow_pickle=False) as data:
                return tuple(data["arr_{}".format(k)] for k in range(len(data.files)))
        finally:
            self._remove_file()

    def discard(self) -> None:
        """Stop the child (if still running) and reap it."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):  # it has just ended: waitpid reaps it
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
        self._remove_file()

    def _remove_file(self) -> None:
        if os.path.exists(self._path):
            os.remove(self._path)
