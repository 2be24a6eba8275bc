"""Keep freed memory for reuse: glibc's malloc settings that large NumPy batches want.

A batch of 22 500 runs makes temporaries of 180 KB to 1 MB at every step. glibc serves blocks
above its mmap threshold (128 KB to start with) from fresh pages and hands them back when they
are freed, so every temporary is page-faulted in again: measured, a basin map of Goldstein–Price
took 2.3 s that way and 0.6 s with these settings. Nothing in the engine calls this behind its
caller's back; the app calls it once at start-up, and the benchmarks call it for every contender.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters
MMAP_THRESHOLD = 8 << 20  # blocks below 8 MB come from the heap and are reused
TRIM_THRESHOLD = 32 << 20  # the heap keeps up to 32 MB of freed memory


def keep_freed_memory() -> bool:
    """Set glibc's thresholds for this process; False where there is no glibc (nothing done)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )
