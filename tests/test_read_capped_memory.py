"""``config.read_capped`` reads a settings file in chunks up to its cap (issue 19: memory).

``stream.read(limit + 1)`` allocated the whole 16 MiB buffer before the first byte came in:
every run started in a folder with a ``pyproject.toml`` had a 16.8 MB spike in its peak.  What
is measured is the traced heap's peak, not a time.
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from checker.config import read_capped


def _peak_of_reading(path: Path, limit: int) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        read_capped(path, limit)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_small_settings_file_allocates_little_under_a_large_cap(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.citecheck]\nexclude = ["^https://example\\\\.org/"]\n')
    peak = _peak_of_reading(config, 16 * 2**20)
    assert peak < 1 * 2**20, f"reading a {config.stat().st_size}-byte file peaked at {peak} bytes"


def test_the_bytes_read_are_the_file_s_up_to_the_cap(tmp_path: Path) -> None:
    data = os.urandom(300_000)
    path = tmp_path / "settings"
    path.write_bytes(data)
    assert read_capped(path, len(data)) == data
    with pytest.raises(ValueError, match="larger than"):
        read_capped(path, len(data) - 1)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_still_stops_at_the_cap() -> None:
    with pytest.raises(ValueError, match="larger than 1 MiB"):
        read_capped(Path("/dev/zero"), 2**20)
