"""The installed SafeDesk: its Linux one-folder bundle's size, cold start and idle memory, against a
bare PySide6 window bundled by the same spec with the same exclusions.

Both bundles are built by ``packaging/safedesk.spec`` (the anchor with
``SAFEDESK_BUNDLE_ANCHOR=1``, entry ``benchmarks/bundle_anchor.py``) and cached in
``.cache/benchmarks/bundles/KEY``, where KEY hashes what goes into them: the packaging lock, the
spec, both entry points, SafeDesk's code and resources. A run with nothing changed builds nothing.

Each start runs ``benchmarks.startup_probe`` inside the bundle (through the bundle's ``-c``):
SafeDesk's with its own entry point on the empty desk, answering the sign-in at once, the anchor
with the bare window. The time is from the parent's ``Popen`` to the child's idle reading, as for
the unbundled figures; a bundle's start is cold in the sense that every start is a new process
unpacking nothing (one folder) but reading its libraries, warm in the file cache after the
warm-up run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from benchmarks.datasets import DEFAULT_CACHE, ROOT
from benchmarks.figures import (
    CHILD_TIMEOUT_S,
    IDLE_RSS_MB,
    PERSON,
    STARTUP_GOAL,
    Desk,
    Figure,
    Goal,
    MeasureError,
    child_env,
    interleaved,
    last_json,
)

SIZE_GOAL_MB = 150.0  # issue 16: the one-folder bundle on Linux
APP = "SafeDesk"
ANCHOR = "BareWindow"
_INPUTS = ("requirements/packaging.txt", "packaging/safedesk.spec", "packaging/safedesk_entry.py",
           "benchmarks/bundle_anchor.py", "benchmarks/startup_probe.py", "benchmarks/qt_probe.py")


def bundle_key() -> str:
    """A hash of everything a bundle is made from (and the Python that makes it)."""
    digest = hashlib.sha256(sys.version.encode())
    files = [ROOT / name for name in _INPUTS]
    files += sorted((ROOT / "safedesk").rglob("*.py")) + sorted(
        p for p in (ROOT / "resources").rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_bundles(cache: Path = DEFAULT_CACHE,
                   say: Callable[[str], None] = lambda _words: None) -> Path:
    """The folder holding ``SafeDesk/`` and ``BareWindow/`` for this checkout, built if needed."""
    root = cache / "bundles"
    folder = root / bundle_key()
    if (folder / APP / APP).is_file() and (folder / ANCHOR / ANCHOR).is_file():
        return folder
    if shutil.which("objdump") is None:
        raise MeasureError("PyInstaller needs objdump (Debian: binutils); "
                           "python3 packaging/build installs it")
    shutil.rmtree(root, ignore_errors=True)  # older bundles: a quarter of a gigabyte each
    building = root / f".{folder.name}.partial"
    for name, anchor in ((APP, False), (ANCHOR, True)):
        say(f"building the {name} bundle with PyInstaller (cached for later runs)")
        env = {**os.environ, "SAFEDESK_BUNDLE_ANCHOR": "1" if anchor else ""}
        finished = subprocess.run(  # noqa: S603 - PyInstaller on our own spec
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(building), "--workpath", str(building / "work"),
             str(ROOT / "packaging" / "safedesk.spec")],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
            timeout=CHILD_TIMEOUT_S)
        if finished.returncode != 0:
            raise MeasureError(f"PyInstaller could not build {name}:\n{finished.stderr[-3000:]}")
    shutil.rmtree(building / "work", ignore_errors=True)
    building.rename(folder)
    return folder


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and not p.is_symlink()) / 1_000_000


def probe_code(mode: Sequence[str]) -> str:
    """What the bundle runs: the start-up probe, imported from this checkout (the anchor bundle
    holds it frozen; SafeDesk's reads it from here, with the bundle's own Qt and SafeDesk)."""
    return (f"import sys; sys.path.append({str(ROOT)!r}); "
            f"from benchmarks.startup_probe import run; sys.exit(run({list(mode)!r}))")


def start_once(executable: Path, mode: Sequence[str]) -> dict[str, float]:
    env = {k: v for k, v in child_env().items() if k != "PYTHONPATH"}
    start = time.monotonic()
    finished = subprocess.run([str(executable), "-c", probe_code(mode)],  # noqa: S603
                              cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, check=False, timeout=CHILD_TIMEOUT_S)
    if finished.returncode != 0:
        raise MeasureError(f"{executable.name} {' '.join(mode)} exited with "
                           f"{finished.returncode}:\n{finished.stderr[-3000:]}")
    found = last_json(finished.stdout, f"the start-up probe in {executable.name}")
    return {"idle_ms": (float(str(found["idle"])) - start) * 1000,
            "rss_mb": float(str(found["rss_mb"]))}


def figures(desk: Desk, runs: int, warm_up: bool, cache: Path = DEFAULT_CACHE,
            say: Callable[[str], None] = lambda _words: None) -> list[Figure]:
    """Size, start to idle window and idle memory of SafeDesk's bundle on ``desk`` (the empty
    desk), each against the bare-window bundle."""
    if not sys.platform.startswith("linux"):
        return []  # the goal is the Linux bundle's; rss_mb reads /proc
    folder = ensure_bundles(cache, say)
    app, anchor = folder / APP / APP, folder / ANCHOR / ANCHOR
    bare_runs, app_runs = interleaved(
        runs, warm_up, partial(start_once, anchor, ["bare"]),
        partial(start_once, app, ["safedesk", str(desk.path), PERSON]))
    anchor_name = "bare PySide6 window bundled by the same spec"
    return [
        Figure("bundle_size", "bundle size (Linux, one folder)", None, "MB",
               Goal(SIZE_GOAL_MB), [folder_mb(folder / APP)], [folder_mb(folder / ANCHOR)],
               anchor_name, "MB of 1,000,000 bytes; packaging/README.md says what is in it"),
        Figure("bundle_startup", f"bundle start to idle window, {desk.drafts:,} drafts", None, "ms",
               Goal(STARTUP_GOAL, "ratio"), [r["idle_ms"] for r in app_runs],
               [r["idle_ms"] for r in bare_runs], anchor_name),
        Figure("bundle_rss", f"bundle idle memory (RSS), {desk.drafts:,} drafts", None, "MB",
               Goal(IDLE_RSS_MB), [r["rss_mb"] for r in app_runs],
               [r["rss_mb"] for r in bare_runs], anchor_name),
    ]
