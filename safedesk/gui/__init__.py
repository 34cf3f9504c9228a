"""The PySide6 desktop interface. The only package allowed to import Qt."""

import PySide6  # noqa: F401 - loads the module whose scan of every later import is replaced below

from safedesk.pyside_scan import quicken_pyside_scan

quicken_pyside_scan()  # before any Qt module: PySide6 asks its question of every import after
