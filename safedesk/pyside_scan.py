"""A cheaper answer to the question PySide6 asks of every module imported after it.

PySide6's ``__feature__`` support (snake_case, true_property) records, for each module
imported, whether its source mentions "PySide6", by ``inspect.getsource``: every module's
source is read into ``linecache``, split into lines and joined again, and then kept there.
Started from the command line, SafeDesk's window imports some 400 modules, and that question
cost a tenth of its start and a few megabytes that were never used again.

The same question asked of the file's bytes gives the same answer (the name is ASCII, so in
any encoding Python accepts for source it is the same bytes) without keeping anything. PySide6
calls the function through its module's globals, so replacing it there is enough. Where the
module is not there (another PySide6 layout, a bundle without sources), nothing changes.

Outside ``safedesk.gui`` on purpose: this module imports nothing of Qt, so the ``safedesk``
package itself applies it when SafeDesk loads in a process that loaded PySide6 before it (a
benchmark's probe, a test run), without loading Qt for every command line.
``safedesk.gui`` applies it before its first Qt import.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from io import FileIO
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
ATTRIBUTE = "_mod_uses_pyside"
MARK = "_safedesk_reads_bytes"


def reads_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """``original`` asked of the file's bytes where the module has a source file; the
    original itself (kept as ``__wrapped__``) where it has none."""

    @wraps(original)
    def module_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with FileIO(path) as source:  # no pathlib: this runs some 400 times a start
                    return b"PySide6" in source.readall()
            except OSError:
                pass
        return original(module)  # compiled, built in or gone: PySide6's own answer

    setattr(module_uses_pyside, MARK, True)
    return module_uses_pyside


def quicken_pyside_scan() -> bool:
    """Replace PySide6's source scan with one that reads bytes, if PySide6 is loaded; True when
    it was (or already had been) replaced."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, ATTRIBUTE, None)
    if feature is None or not callable(original):
        return False
    if not getattr(original, MARK, False):
        setattr(feature, ATTRIBUTE, reads_bytes(original))
    return True
