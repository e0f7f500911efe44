"""A compact binary form of overlay job results, for handing work back from a second process.

Plain ``struct`` + WKB bytes (no pickle): the receiving side rebuilds geometries from WKB. Layout, all
little-endian: magic, then jobs (layer, target, control, counters, pieces, issues), then the
geometry issues found while validating features (layer, fid, kind, original WKB).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

MAGIC = b"FGOVL1"

CONTROL_EMPTY = 0  # area 0 (no pieces)
CONTROL_SITE = 1  # the target's own area
CONTROL_GEOMETRY = 2  # the area of ``control_wkb`` (a union)


class WireError(ValueError):
    """The bytes are not a job-result stream of this version (truncated or foreign)."""


@dataclass
class WirePiece:
    category: str
    fid: int  # -1 for pieces that belong to no feature (GAP, UDB_OUT)
    repaired: bool
    wkb: bytes


@dataclass
class WireJob:
    """The result of cutting one target with one layer."""

    layer: int
    target: int
    control: int = CONTROL_EMPTY
    control_wkb: bytes = b""
    counters: tuple = (0, 0, 0)  # candidates, taken whole, cut
    pieces: list = field(default_factory=list)
    issues: list = field(default_factory=list)  # (fid, kind)


@dataclass
class WireIssue:
    """A feature whose geometry was repaired or skipped while validating (``wkb`` of the original)."""

    layer: int
    fid: int
    kind: str
    wkb: bytes = b""


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    return struct.pack("<H", len(data)) + data


def _blob(value: bytes) -> bytes:
    return struct.pack("<I", len(value)) + value


def encode(jobs: list[WireJob], issues: list[WireIssue]) -> bytes:
    """Bytes for ``jobs`` and ``issues``."""
    parts = [MAGIC, struct.pack("<I", len(jobs))]
    for job in jobs:
        parts.append(struct.pack("<iiB", job.layer, job.target, job.control))
        parts.append(_blob(job.control_wkb))
        parts.append(struct.pack("<QQQI", *job.counters, len(job.pieces)))
        for piece in job.pieces:
            parts += [_text(piece.category), struct.pack("<qB", piece.fid, piece.repaired), _blob(piece.wkb)]
        parts.append(struct.pack("<I", len(job.issues)))
        for fid, kind in job.issues:
            parts += [struct.pack("<q", fid), _text(kind)]
    parts.append(struct.pack("<I", len(issues)))
    for issue in issues:
        parts += [struct.pack("<iq", issue.layer, issue.fid), _text(issue.kind), _blob(issue.wkb)]
    return b"".join(parts)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = memoryview(data)
        self.pos = 0

    def unpack(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.data):
            raise WireError("truncated job results")
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return values

    def raw(self, size: int) -> bytes:
        if self.pos + size > len(self.data):
            raise WireError("truncated job results")
        value = bytes(self.data[self.pos : self.pos + size])
        self.pos += size
        return value

    def text(self) -> str:
        return self.raw(self.unpack("<H")[0]).decode("utf-8")

    def blob(self) -> bytes:
        return self.raw(self.unpack("<I")[0])


def decode(data: bytes) -> tuple[list[WireJob], list[WireIssue]]:
    """The jobs and issues of :func:`encode`'s bytes; WireError if they are not such bytes."""
    if not data.startswith(MAGIC):
        raise WireError("not overlay job results")
    reader = _Reader(data)
    reader.pos = len(MAGIC)
    jobs = []
    for _ in range(reader.unpack("<I")[0]):
        layer, target, control = reader.unpack("<iiB")
        job = WireJob(layer, target, control, reader.blob())
        *counters, n_pieces = reader.unpack("<QQQI")
        job.counters = tuple(counters)
        for _ in range(n_pieces):
            category = reader.text()
            fid, repaired = reader.unpack("<qB")
            job.pieces.append(WirePiece(category, fid, bool(repaired), reader.blob()))
        for _ in range(reader.unpack("<I")[0]):
            fid = reader.unpack("<q")[0]
            job.issues.append((fid, reader.text()))
        jobs.append(job)
    issues = []
    for _ in range(reader.unpack("<I")[0]):
        layer, fid = reader.unpack("<iq")
        issues.append(WireIssue(layer, fid, reader.text(), reader.blob()))
    if reader.pos != len(reader.data):
        raise WireError("trailing bytes after the job results")
    return jobs, issues
