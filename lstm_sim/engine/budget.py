"""How much memory a file or a computation may take, decided before anything is allocated.

Qt-free, like the rest of the engine. A file decides sizes (rows, columns, a
shape in a header, a member's size in a zip), and the engine allocates a trace
of T × row-width float64 values: each of these is compared with
:func:`memory_budget` *before* reading or allocating, so that a file too large
for this machine gets a clear message instead of the kernel ending the process
(and the user's unsaved session with it).

The budget is a fraction of the memory this process can actually still get:
the least of the system's available memory (``MemAvailable``), the room left in
the process's cgroup, and the room left under its address-space limit
(``RLIMIT_AS``, which tests use to prove that a hostile file is refused).

Example
-------
>>> from lstm_sim.engine.budget import check_memory
>>> check_memory(8 * 1000 * 1000, "a trace of 1000 steps")  # fine: returns None
"""

from __future__ import annotations

import os
import sys

from .errors import QT_TRANSLATE_NOOP, EngineError, Message, Text

__all__ = [
    "BUDGET_FRACTION",
    "MAX_HIDDEN",
    "MAX_INPUTS",
    "BudgetError",
    "available_memory",
    "check_memory",
    "format_bytes",
    "memory_budget",
]

#: Largest number of inputs per step (D) any file may announce.
MAX_INPUTS = 65_536
#: Largest hidden size (H) of a cell any file may announce.
MAX_HIDDEN = 4_096
#: Share of the available memory one file or one trace may take: the rest is
#: for the copies a load makes on the way, the GUI and the other programs.
BUDGET_FRACTION = 0.5
#: Used when the platform tells nothing (no /proc, no sysconf): a modest laptop.
_FALLBACK = 4 << 30


def _meminfo_available() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _read_int(path: str) -> int | None:
    try:
        with open(path, encoding="ascii") as f:
            text = f.read().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None  # "max" (v2): no limit


def _cgroup_room() -> int | None:
    """Bytes left under this process's cgroup memory limit, v2 or v1 (None: no limit)."""
    try:
        with open("/proc/self/cgroup", encoding="ascii") as f:
            lines = [ln.strip().split(":", 2) for ln in f if ln.count(":") >= 2]
    except OSError:
        return None
    for _id, controllers, where in lines:
        if controllers == "":  # v2: one unified hierarchy
            base = os.path.join("/sys/fs/cgroup", where.lstrip("/"))
            limit, used = _read_int(f"{base}/memory.max"), _read_int(f"{base}/memory.current")
        elif "memory" in controllers.split(","):  # v1: the memory controller's own hierarchy
            base = os.path.join("/sys/fs/cgroup/memory", where.lstrip("/"))
            if not os.path.isdir(base):  # inside a container the group is mounted as the root
                base = "/sys/fs/cgroup/memory"
            limit = _read_int(f"{base}/memory.limit_in_bytes")
            used = _read_int(f"{base}/memory.usage_in_bytes")
        else:
            continue
        # v1 says "no limit" with a huge number (2^63 rounded to pages).
        if limit is not None and used is not None and limit < 1 << 60:
            return max(0, limit - used)
    return None


def _address_space_room() -> int | None:
    """Bytes left under RLIMIT_AS (None: unlimited or not POSIX)."""
    try:
        import resource
    except ImportError:
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        size = 0
    return max(0, soft - size)


def _sysconf_available() -> int | None:
    try:
        pages = os.sysconf("SC_AVPHYS_PAGES")
        return int(pages) * int(os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        pass
    try:
        return int(os.sysconf("SC_PHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE")) // 2
    except (ValueError, OSError, AttributeError):
        return None


def _windows_available() -> int | None:
    if sys.platform != "win32":
        return None
    import ctypes

    class _Status(ctypes.Structure):
        _fields_ = [
            ("length", ctypes.c_ulong),
            ("load", ctypes.c_ulong),
            ("total_phys", ctypes.c_ulonglong),
            ("avail_phys", ctypes.c_ulonglong),
            ("total_page", ctypes.c_ulonglong),
            ("avail_page", ctypes.c_ulonglong),
            ("total_virtual", ctypes.c_ulonglong),
            ("avail_virtual", ctypes.c_ulonglong),
            ("avail_extended", ctypes.c_ulonglong),
        ]

    status = _Status()
    status.length = ctypes.sizeof(_Status)
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
        return None
    return int(min(status.avail_phys, status.avail_virtual))


def available_memory() -> int:
    """Bytes this process can still allocate, by the tightest limit the platform reports."""
    system = _meminfo_available()
    if system is None:
        system = _windows_available()
    if system is None:
        system = _sysconf_available()
    limits = [v for v in (system, _cgroup_room(), _address_space_room()) if v is not None]
    return min(limits) if limits else _FALLBACK


def memory_budget() -> int:
    """Bytes one file or one trace may take: :data:`BUDGET_FRACTION` of :func:`available_memory`."""
    return int(available_memory() * BUDGET_FRACTION)


def format_bytes(n: float) -> str:
    """``1536`` → ``"1.5 KiB"``, ``61 << 30`` → ``"61.0 GiB"`` (binary units)."""
    n = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if abs(n) < 1024 or unit == "PiB":
            return f"{int(n)} bytes" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")


class BudgetError(EngineError):
    """A file or a computation would need more memory than this process can get.

    Raised *before* the allocation. The message says what needs how much, how
    much there is and, through :attr:`fits`, how many items (steps, rows)
    would fit, so that the CLI and the app can say what to do (``--max-steps``,
    "load the first N steps").

    Attributes
    ----------
    needed, available : int
        Bytes asked for, and the budget (:func:`memory_budget`) at the time.
    fits : int or None
        How many items of ``per_item`` bytes fit in the budget, when given.
    """

    def __init__(
        self,
        what: Message,
        needed: int,
        available: int,
        *,
        per_item: int | None = None,
    ) -> None:
        self.what = what
        self.needed = int(needed)
        self.available = int(available)
        self.fits = None if not per_item else max(0, self.available // int(per_item))
        super().__init__(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "{what} would need {needed} of memory, but only {available} is free",
                ),
                what=what,
                needed=format_bytes(self.needed),
                available=format_bytes(self.available),
            )
        )


def check_memory(needed: int, what: Message, *, per_item: int | None = None) -> None:
    """Raise :class:`BudgetError` when ``needed`` bytes exceed :func:`memory_budget`.

    Parameters
    ----------
    needed : int
        Bytes the caller is about to allocate (or read).
    what : str or Text
        What they are for, as the message should name it ("a trace of 3 000 000 steps").
    per_item : int, optional
        Bytes per step (or row), so that :attr:`BudgetError.fits` says how many would fit.
    """
    if needed < 0:
        raise EngineError(f"check_memory: expected a size ≥ 0, got {needed}")
    budget = memory_budget()
    if needed > budget:
        raise BudgetError(what, needed, budget, per_item=per_item)
