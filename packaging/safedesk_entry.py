"""The bundle's entry point: the ``safedesk`` command, as ``python -m safedesk`` runs it.

In a bundle, ``sys.executable`` is SafeDesk itself, not a Python. The one child process SafeDesk
starts with ``sys.executable -c CODE`` (``safedesk doctor``'s check of the Qt build, which needs
a process of its own) is therefore run here as Python would run it.
"""

import sys

from safedesk.cli.main import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False) and sys.argv[1:2] == ["-c"] and len(sys.argv) > 2:
        code, sys.argv = sys.argv[2], ["-c", *sys.argv[3:]]
        exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102
        sys.exit(0)
    sys.exit(main())
