"""Benchmark of citecheck against lychee and LinkChecker on a synthetic loopback web (issue 8).

Not part of the test suite and not shipped: see ``bench/README.md``.
"""

from __future__ import annotations

__all__: list[str] = []
