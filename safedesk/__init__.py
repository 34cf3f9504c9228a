"""SafeDesk: post to Mastodon and Bluesky from personal and official accounts, kept apart."""

from safedesk.pyside_scan import quicken_pyside_scan

__version__ = "0.1.0"

# Where PySide6 was loaded before SafeDesk (a benchmark's probe, a test run), before SafeDesk's
# own modules load: they are many. Otherwise safedesk.gui does it, before its first Qt import
# (a command line never loads Qt).
quicken_pyside_scan()
