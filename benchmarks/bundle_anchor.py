"""The entry point of the benchmarks' anchor bundle: a bare PySide6 window, bundled by
``packaging/safedesk.spec`` with SafeDesk's exclusions (``SAFEDESK_BUNDLE_ANCHOR=1``).

Like SafeDesk's own bundle entry (``packaging/safedesk_entry.py``) it runs ``-c CODE``, which is
how ``benchmarks.bundle`` starts the start-up probe inside either bundle; on its own it shows the
bare window of ``benchmarks.startup_probe``.
"""

import sys

from benchmarks.startup_probe import run

if __name__ == "__main__":
    if getattr(sys, "frozen", False) and sys.argv[1:2] == ["-c"] and len(sys.argv) > 2:
        code, sys.argv = sys.argv[2], ["-c", *sys.argv[3:]]
        exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102
        sys.exit(0)
    sys.exit(run(["bare"]))
