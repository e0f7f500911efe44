"""The binary job-result format round-trips exactly and rejects foreign or truncated bytes."""

from __future__ import annotations

import pytest

from farmland_guard.core.overlay.wire import (
    CONTROL_GEOMETRY,
    CONTROL_SITE,
    WireError,
    WireIssue,
    WireJob,
    WirePiece,
    decode,
    encode,
)


def sample():
    jobs = [
        WireJob(0, 3, CONTROL_SITE, b"", (10, 4, 2), [WirePiece("LANDUSE", 17, False, b"\x01\x03abc")], []),
        WireJob(
            2,
            0,
            CONTROL_GEOMETRY,
            b"\x01\x06union",
            (5, 0, 1),
            [WirePiece("PBF", 2**40, True, b"x" * 300), WirePiece("UDB_OUT", -1, False, b"")],
            [(9, "overlap-trimmed"), (11, "intersection-failed")],
        ),
    ]
    issues = [WireIssue(0, 4, "invalid-repaired", b"\x00\x01"), WireIssue(1, 5, "null-skipped")]
    return jobs, issues


def test_round_trip():
    jobs, issues = sample()
    assert decode(encode(jobs, issues)) == (jobs, issues)
    assert decode(encode([], [])) == ([], [])


def test_foreign_and_truncated_bytes_are_refused():
    data = encode(*sample())
    with pytest.raises(WireError):
        decode(b"PK\x03\x04" + data)
    with pytest.raises(WireError):
        decode(data[:-3])
    with pytest.raises(WireError):
        decode(data + b"\x00")
