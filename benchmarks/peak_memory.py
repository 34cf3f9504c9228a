"""Run a module as ``python -m MODULE ARGS`` would, then write this process's peak resident memory.

Why not ``os.wait4``'s ``ru_maxrss``: Linux records the memory the child had before it called
``exec`` (a copy of the parent, or the parent itself after ``vfork``), so a child of a large
parent reports at least the parent's size. ``VmHWM`` in ``/proc/self/status`` belongs to the
process's own memory since ``exec``.

Only the standard library is imported here, so the wrapper adds nothing measurable.

Run: python -m benchmarks.peak_memory OUTPUT_FILE MODULE [ARGS...]
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text("ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def run(argv: list[str]) -> None:
    output, module, *rest = argv
    atexit.register(lambda: Path(output).write_text(f"{peak_mb():.3f}\n", "ascii"))
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    run(sys.argv[1:])
