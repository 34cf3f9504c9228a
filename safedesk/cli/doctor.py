"""``safedesk doctor``: what SafeDesk sees of this machine, and what to fix.

It must work when almost nothing else does (no display, no keyring, a damaged database), so each
check catches its own failure and reports it instead of stopping.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

from safedesk import __version__
from safedesk.app import Settings, build_credentials, open_store
from safedesk.cli.console import ExitCode, print_json
from safedesk.core.errors import SafeDeskError
from safedesk.storage.migrations import LATEST_VERSION

Check = dict[str, object]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    doctor = commands.add_parser("doctor", help="report what SafeDesk needs and whether it has it")
    doctor.add_argument("--json", action="store_true")
    doctor.set_defaults(settings_handler=run)


def _qt_check() -> Check:
    requested = os.environ.get("QT_QPA_PLATFORM", "")
    try:
        import PySide6  # noqa: PLC0415 - only doctor needs Qt, and only to find its plugins
    except ImportError as error:
        return {"ok": False, "detail": f"PySide6 cannot be imported: {error}"}
    plugin_dir = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms"
    available = sorted(p.stem.removeprefix("libq") for p in plugin_dir.glob("libq*.so"))
    if not requested:
        has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        requested = ("wayland" if os.environ.get("WAYLAND_DISPLAY") else "xcb") if has_display \
            else ""
    if not requested:
        return {"ok": False, "plugin": None, "available": available, "qt": PySide6.__version__,
                "detail": "No display found. The window needs a desktop session; commands work "
                          "without one (QT_QPA_PLATFORM=offscreen for headless runs)."}
    ok = requested.split(":")[0] in available
    return {"ok": ok, "plugin": requested, "available": available, "qt": PySide6.__version__,
            "detail": "" if ok else f"Qt has no {requested!r} platform plugin."}


def _keyring_check() -> Check:
    credentials = build_credentials()
    problem = credentials.check()
    return {"ok": problem is None, "backend": credentials.backend_name,
            "detail": problem or "secrets can be stored and read back"}


def _data_check(settings: Settings) -> Check:
    try:
        store = open_store(settings)
    except SafeDeskError as error:
        return {"ok": False, "data_dir": str(settings.data_dir), "schema_version": None,
                "app_schema_version": LATEST_VERSION, "detail": str(error)}
    try:
        version = store.schema_version
    finally:
        store.close()
    return {"ok": True, "data_dir": str(settings.data_dir),
            "database": str(settings.database_path), "schema_version": version,
            "app_schema_version": LATEST_VERSION, "detail": "database opens and is current"}


def run(settings: Settings, args: argparse.Namespace) -> ExitCode:
    report: dict[str, Check] = {
        "safedesk": {"ok": True, "version": __version__},
        "python": {"ok": sys.version_info >= (3, 11), "version": platform.python_version(),
                   "executable": sys.executable},
        "qt": _qt_check(),
        "keyring": _keyring_check(),
        "data": _data_check(settings),
    }
    # Qt without a display is normal for CLI use; it does not make the machine unhealthy.
    healthy = all(check["ok"] for name, check in report.items() if name != "qt")
    if args.json:
        print_json({"ok": healthy, "checks": report})
    else:
        for name, check in report.items():
            mark = "ok " if check["ok"] else "!! "
            facts = ", ".join(f"{k}={v}" for k, v in check.items()
                              if k not in {"ok", "detail", "available"} and v is not None)
            print(f"{mark}{name:9} {facts}")
            if check.get("detail"):
                print(f"             {check['detail']}")
    return ExitCode.OK if healthy else ExitCode.FAILED
