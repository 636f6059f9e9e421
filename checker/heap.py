"""The C heap's rule for big buffers: mapped on their own, so that growing one never copies it.

libxml2's HTML push parser (the one :class:`checker.extract.tree._Pruner` feeds a page of more
links than its budget) keeps all of its input in one buffer, grown by doubling (2.14 never
shrinks it in push mode).  glibc's malloc maps a block of its own for an allocation above its
threshold and grows a mapped block in place (``mremap``), but it raises that threshold to the
size of each mapped block freed, up to 32 MiB: once a run has freed one big body (the file read
as bytes, then decoded), the buffer's doublings up to that size are copies in the heap, the old
block and the new one alive together.  A 13 MiB page of 200,000 links peaked 8 MiB higher for it
(tests/extract/test_memory.py; CI measured 4.1 times the page against a bound of 4).

:func:`map_big_buffers` fixes the threshold (which also ends its raising) for the rest of the
process; elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import functools
import os

__all__ = ["map_big_buffers"]

_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
_THRESHOLD = 1 << 20
"""Blocks of 1 MiB and more are mapped: a page's body, its parse buffers.  Below that the heap
serves them as before; glibc's own starting value is 128 KiB, and 1 MiB measured the same
peak for the page above (41.3 against 40.6 MiB over a one-link page; 51.6 unfixed)."""


@functools.cache
def map_big_buffers() -> None:
    """Fix glibc's mmap threshold at :data:`_THRESHOLD` (once a process); elsewhere nothing."""
    try:  # glibc answers "glibc 2.x"; musl, macOS and Windows have no such name
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return
    except (ValueError, OSError, AttributeError):
        return
    import ctypes  # noqa: PLC0415  (only a process parsing a page this big needs it)

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, _THRESHOLD)
