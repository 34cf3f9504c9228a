"""``safedesk doctor``: what SafeDesk sees of this machine, and what to fix.

It must work when almost nothing else does (no display, no keyring, a damaged database), so each
check catches its own failure and reports it instead of stopping.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from safedesk import __version__
from safedesk.app import Settings, build_credentials, load_managed, managed_files, open_store
from safedesk.cli.console import ExitCode, print_json
from safedesk.core.errors import SafeDeskError
from safedesk.core.managed import TEAM_SERVER
from safedesk.core.messages import Message, Words, msg, msgn, say
from safedesk.storage.migrations import LATEST_VERSION
from safedesk.team import join as team_join

Check = dict[str, object]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    doctor = commands.add_parser("doctor", help=msg(
        "report what SafeDesk needs and whether it has it").render(words))
    doctor.add_argument("--json", action="store_true")
    doctor.set_defaults(settings_handler=run)


def _qt_check() -> Check:
    requested = os.environ.get("QT_QPA_PLATFORM", "")
    try:
        import PySide6  # noqa: PLC0415 - only doctor needs Qt, and only to find its plugins
    except ImportError as error:
        return {"ok": False, "detail": msg("PySide6 cannot be imported: {error}", error=str(error))}
    plugin_dir = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms"
    available = sorted(p.stem.removeprefix("libq") for p in plugin_dir.glob("libq*.so"))
    if not requested:
        has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        requested = ("wayland" if os.environ.get("WAYLAND_DISPLAY") else "xcb") if has_display \
            else ""
    if not requested:
        return {"ok": False, "plugin": None, "available": available, "qt": PySide6.__version__,
                "detail": msg("No display found. The window needs a desktop session; commands "
                              "work without one (QT_QPA_PLATFORM=offscreen for headless runs).")}
    ok = requested.split(":")[0] in available
    return {"ok": ok, "plugin": requested, "available": available, "qt": PySide6.__version__,
            "detail": "" if ok else msg("Qt has no '{plugin}' platform plugin.", plugin=requested)}


# PySide6 builds that drop a reference to None on every Qt call that returns nothing, each with
# the first Python on which that is harmless (3.12 made None immortal). On older Pythons None's
# count runs down to zero and the app aborts with "Fatal Python error: none_dealloc".
KNOWN_BAD_PYSIDE6 = {"6.12.0": (3, 12)}
PROBE_CALLS = 1000

# Counts the references to None lost by Qt calls that return nothing, in a child process: on a bad
# build the count runs down, and the process that counts may abort. The ballast keeps None alive
# while counting; os._exit skips the clean-up that would then free it once too often.
_NONE_PROBE = f"""
import json, os, sys
import PySide6, shiboken6
from PySide6.QtCore import QObject, qVersion
ballast = [None] * {PROBE_CALLS * 10}
probe = QObject()
before = sys.getrefcount(None)
for _ in range({PROBE_CALLS}):
    probe.setObjectName("probe")
lost = before - sys.getrefcount(None)
print(json.dumps({{"pyside6": PySide6.__version__, "shiboken6": shiboken6.__version__,
                  "qt": qVersion(), "lost": lost}}), flush=True)
os._exit(0)
"""


def _qt_build_check() -> Check:
    """Which PySide6 and Qt this is, and whether it is a build known to crash SafeDesk."""
    try:
        probe = subprocess.run([sys.executable, "-c", _NONE_PROBE],  # noqa: S603 - our own code
                               capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return {"ok": False, "detail": msg("Qt could not be loaded to check its build: {why}",
                                           why=str(error))}
    try:
        found = json.loads(probe.stdout)
    except ValueError:
        lines = probe.stderr.strip().splitlines()
        why = lines[-1] if lines else msg("it gave no answer")
        return {"ok": False, "detail": msg("Qt could not be loaded to check its build: {why}",
                                           why=why)}
    pyside6, lost = str(found["pyside6"]), int(found["lost"])
    check: Check = {"ok": True, "pyside6": pyside6, "shiboken6": found["shiboken6"],
                    "qt": found["qt"], "probe_calls": PROBE_CALLS, "none_refs_lost": lost}
    harmless_from = KNOWN_BAD_PYSIDE6.get(pyside6)
    # A few references can move while the probe runs; a broken build loses one per call.
    if lost > PROBE_CALLS // 2 or (harmless_from and sys.version_info < harmless_from):
        check["ok"] = False
        check["detail"] = msg(
            "PySide6 {pyside6} on Python {python} loses a reference to None on every Qt call "
            "that returns nothing; the window will abort with \"Fatal Python error: "
            "none_dealloc\". Install the tested versions with `bash scripts/run-app.sh`, or `pip "
            "install 'PySide6-Essentials!={pyside6}'`, or use Python 3.12 or newer.",
            pyside6=pyside6, python=platform.python_version())
    return check


def _keyring_check() -> Check:
    credentials = build_credentials()
    problem = credentials.check()
    return {"ok": problem is None, "backend": credentials.backend_name,
            "detail": problem or msg("secrets can be stored and read back")}


def _custody_check() -> Check:
    """Not a fault to fix: what this one machine cannot prevent, said plainly."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name and no password-database entry (a container)
        user = "running SafeDesk"
    return {"ok": True, "keyring_reachable_by": f"anyone running programs as {user}",
            "detail": _custody_limit(user)}


def _custody_limit(user: str) -> Message:
    return msg(
        "One machine cannot keep the official accounts from their own users: anyone who can run "
        "programs as the operating-system user {user} can reach that user's keyring, and with it "
        "the sign-ins of every account SafeDesk holds here, official ones included. SafeDesk "
        "lets only admins add, sign in again to and remove official accounts, and asks a second "
        "person to approve each official post, but those rules hold only for what goes through "
        "SafeDesk. Real custody, where the people who draft never hold the official "
        "credentials, comes with team mode and its publisher.", user=user)


def _data_check(settings: Settings) -> Check:
    try:
        store = open_store(settings)
    except SafeDeskError as error:
        return {"ok": False, "data_dir": str(settings.data_dir), "schema_version": None,
                "app_schema_version": LATEST_VERSION, "detail": error.message}
    try:
        version = store.schema_version
    finally:
        store.close()
    return {"ok": True, "data_dir": str(settings.data_dir),
            "database": str(settings.database_path), "schema_version": version,
            "app_schema_version": LATEST_VERSION,
            "detail": msg("database opens and is current")}


def _managed_check(settings: Settings) -> Check:
    """The organisation's managed settings (docs/DEPLOY.md): the files read, what they preset
    and lock, and every problem in them, with its file and line."""
    managed = load_managed()
    looked = [str(path) for path in managed_files()]
    check: Check = {"ok": not managed.problems, "files": [str(p) for p in managed.files],
                    "locked": sorted(managed.locked), "defaults": sorted(managed.defaults)}
    if managed.problems:
        check["problems"] = [say(problem.words()) for problem in managed.problems]
        check["detail"] = msgn("{count} problem for your IT department to fix: {problems}",
                               "{count} problems for your IT department to fix: {problems}",
                               len(managed.problems),
                               problems=" ".join(say(p.words()) for p in managed.problems))
    elif not managed.files:
        check["detail"] = msg("no managed settings: nothing is preset or locked (looked for "
                              "{files})", files=", ".join(looked))
    elif managed.text(TEAM_SERVER) and team_join.load(settings.data_dir) is None:
        check["detail"] = msg("read {files}; this desk has not joined the team server your IT "
                              "department set: safedesk team join --login LOGIN",
                              files=", ".join(str(p) for p in managed.files))
    else:
        check["detail"] = msg("read {files}", files=", ".join(str(p) for p in managed.files))
    return check


def run(settings: Settings, args: argparse.Namespace) -> ExitCode:
    report: dict[str, Check] = {
        "safedesk": {"ok": True, "version": __version__},
        "python": {"ok": sys.version_info >= (3, 11), "version": platform.python_version(),
                   "executable": sys.executable},
        "qt": _qt_check(),
        "qt_build": _qt_build_check(),
        "keyring": _keyring_check(),
        "data": _data_check(settings),
        "custody": _custody_check(),
        "managed": _managed_check(settings),
    }
    # Qt without a display is normal for CLI use; it does not make the machine unhealthy.
    healthy = all(check["ok"] for name, check in report.items() if name != "qt")
    if args.json:  # scripts read the English, as ever
        print_json({"ok": healthy, "checks": {name: {k: say(v) if isinstance(v, Message) else v
                                                     for k, v in check.items()}
                                              for name, check in report.items()}})
    else:
        for name, check in report.items():
            mark = "ok " if check["ok"] else "!! "
            facts = ", ".join(f"{k}={v}" for k, v in check.items()
                              if k not in {"ok", "detail", "available", "problems"} and v is not None)
            print(f"{mark}{name:9} {facts}")
            if check.get("detail"):
                print(f"             {_detail(check['detail'], args.words)}")
    return ExitCode.OK if healthy else ExitCode.FAILED


def _detail(detail: object, words: Words) -> str:
    """A check's detail in the person's language (a library's own words stay as they came)."""
    return say(detail, words) if isinstance(detail, Message | str) else str(detail)
