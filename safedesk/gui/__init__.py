"""The PySide6 desktop interface. The only package allowed to import Qt."""

from safedesk.gui.pyside_scan import quicken_pyside_scan

quicken_pyside_scan()  # before any Qt module: PySide6 asks its question of every import after
