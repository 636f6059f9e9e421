"""A single file's temporary file left by a killed writer goes with its next write (session 39).

Probe 34 made the report folder's writes remove the litter a writer killed mid-write left
(``SIGKILL``: no ``finally`` runs); the other files written whole, one at a time (the baseline,
a post ``fix`` rewrites, ``trends.html``, the code cache), kept theirs for good.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.atomic import replace_atomically
from tests.report.test_probe34_stale_staging import TWO_HOURS_AGO, _killed_while_staging


def test_a_killed_writer_s_temporary_file_goes_with_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "citecheck-baseline.json"
    left = _killed_while_staging(target)
    os.utime(left, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    fresh = tmp_path / f".{target.name}.1.0123456789abcdef.tmp"  # pid 1 runs: not litter
    fresh.write_bytes(b"{")
    other = tmp_path / ".notes.txt.0123456789abcdef.tmp"  # another file's: stays
    other.write_bytes(b"mine")
    os.utime(other, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    replace_atomically(target, b"{}")
    assert not left.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, fresh.name, other.name]
    )
