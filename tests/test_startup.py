"""Start-up must not pay for the platform SDKs: ``import atproto`` costs about a second and
Mastodon.py a third of one, so they load only when an account is first used."""

from __future__ import annotations

import subprocess
import sys

SLOW = ("atproto", "atproto_client", "mastodon", "requests", "httpx", "PIL", "keyring",
        "secretstorage", "jeepney", "psycopg",
        # loaded by the first publish and by the commands that send mail
        "filelock", "smtplib",
        # loaded by the first reading of a post's language (``services.language_reading``)
        "safedesk.services.langid_model")


# Pages and dialogs nobody sees at start load with their first showing (``gui.lazy_tabs``).
LATER = ("safedesk.gui.history", "safedesk.gui.accounts_panel", "safedesk.gui.submissions",
         "safedesk.gui.settings_dialog", "safedesk.gui.add_account",
         "safedesk.gui.correction_dialog")


def modules_loaded_by_opening_the_window(then: str = "") -> set[str]:
    """Every module loaded by the time a new desk's window has shown (and ``then`` has run),
    in a fresh process."""
    return set(after_opening_the_window(then, "','.join(sorted(sys.modules))").split(","))


def after_opening_the_window(then: str, report: str) -> str:
    """What the expression ``report`` prints once a new desk's window has shown and ``then``
    has run, in a fresh process."""
    script = (
        "import os, sys, tempfile\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import safedesk.cli.main  # the entry point a person starts lists every command\n"
        "from safedesk.app import Settings, build\n"
        "from safedesk.core.models import Role\n"
        "from safedesk.gui.launch import open_main_window\n"
        "from safedesk.gui.tasks import ImmediateRunner\n"
        "qt = QApplication([])\n"
        "app = build(Settings(Path(tempfile.mkdtemp())))\n"
        "me = app.people.add('Jo', Role.ADMIN, 'the-passphrase')\n"
        "window = open_main_window(app, me, ImmediateRunner())\n"
        "window.show(); qt.processEvents()\n"
        f"{then}\n"
        f"print({report})\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=120)
    return result.stdout.strip()


def test_opening_the_window_imports_no_platform_sdk() -> None:
    loaded = modules_loaded_by_opening_the_window()
    assert sorted(m for m in loaded if m in SLOW or m.split(".")[0] in SLOW) == []


def test_opening_the_window_loads_no_page_or_dialog_not_yet_shown() -> None:
    loaded = modules_loaded_by_opening_the_window()
    assert sorted(m for m in LATER if m in loaded) == []
    assert "safedesk.gui.pane" in loaded  # the list is what the window loaded


def test_the_later_pages_modules_load_on_a_worker_once_the_window_has_settled() -> None:
    loaded = modules_loaded_by_opening_the_window("window._warm_pages()")
    assert {"safedesk.gui.history", "safedesk.gui.accounts_panel",
            "safedesk.gui.submissions"} <= loaded


def test_what_start_up_made_is_kept_out_of_later_garbage_collections() -> None:
    # A full collection walked everything the window holds: 25-40 ms of the GUI thread, at
    # random moments while typing (``gui.collector``). Frozen, it walks only what came later.
    frozen = int(after_opening_the_window("import gc; qt.processEvents()",
                                          "gc.get_freeze_count()"))
    assert frozen > 10_000  # the window's Python objects, not a handful
