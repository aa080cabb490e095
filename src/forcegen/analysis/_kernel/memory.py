"""The C allocator's thresholds, raised once so that the sweep's arrays reuse freed memory.

A sweep over 2^20 combinations allocates and frees a few hundred MiB of arrays of 64 KiB to
a few MiB, chunk after chunk. With glibc's defaults, freed blocks at the top of the heap (and
every block above the mmap threshold) go straight back to the operating system, so the next
chunk's arrays fault their pages in again: on the benchmark coalition that was about 90,000
page faults and a quarter of the kernel's CPU time. Raising the trim threshold and the mmap
threshold once per process keeps freed memory for reuse; the process then keeps up to its
peak heap (at most `TRIM_THRESHOLD_BYTES` above what it uses) instead of returning it at once.

Only glibc has `mallopt`; elsewhere nothing is changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform
from functools import cache

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
TRIM_THRESHOLD_BYTES = 512 << 20
MMAP_THRESHOLD_BYTES = 32 << 20  # glibc's own ceiling for its sliding threshold on 64 bits


@cache
def keep_freed_memory() -> bool:
    """Raise glibc's trim and mmap thresholds (once); whether they were raised."""
    if platform.libc_ver()[0] != "glibc":
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name)
    return bool(
        libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
        and libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    )
