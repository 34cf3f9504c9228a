"""The dependencies the tests run on are the ones users get, and the Qt build among them does not
crash SafeDesk.

PySide6 6.12.0 drops a reference to ``None`` on every Qt call that returns nothing. On Python 3.11
(Debian 12's) ``None``'s count then runs down to zero and the app aborts with ``Fatal Python
error: none_dealloc``; from 3.12 on ``None`` is immortal (PEP 683) and the lost references do no
harm. pyproject.toml excludes that build where it is fatal, the lock files pin what is tested, and
``safedesk doctor`` names the build and flags a bad one.
"""

from __future__ import annotations

import ctypes
import json
import platform
import re
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QWidget

from safedesk.cli import doctor
from safedesk.cli.console import ExitCode
from safedesk.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
CALLS = 10_000
# The garbage collector and Qt's own bookkeeping move None's count by a few while the loop runs;
# a broken build moves it by one per call.
NOISE = 100
LOCKED_PYTHONS = ("3.11", "3.12", "3.13")


def none_is_immortal() -> bool:
    """True where holding more references to None does not change its count (Python >= 3.12)."""
    before = sys.getrefcount(None)
    held = [None] * 1000
    return sys.getrefcount(None) - before < len(held)


def test_qt_calls_that_return_nothing_keep_their_references_to_none(qapp: QApplication) -> None:
    if none_is_immortal():
        pytest.skip(f"None is immortal on Python {platform.python_version()} (PEP 683): a lost "
                    "reference to it can be neither counted nor fatal here")
    widget = QWidget()
    # A broken build runs the count down by CALLS: the ballast keeps None alive meanwhile, so the
    # test reports the loss instead of aborting the whole run.
    ballast = [None] * (2 * CALLS)
    before = sys.getrefcount(None)
    for call in range(CALLS):
        widget.setVisible(call % 2 == 0)
    lost = before - sys.getrefcount(None)
    # Give back what was lost before the ballast goes, or freeing it would free None itself.
    for _ in range(max(lost, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    del ballast
    assert abs(lost) <= NOISE, (
        f"{CALLS} QWidget.setVisible calls changed None's reference count by {-lost} on PySide6 "
        f"{version('PySide6-Essentials')}, Python {platform.python_version()}: SafeDesk would "
        "abort with 'Fatal Python error: none_dealloc'")


def read_lock(name: str) -> list[Requirement]:
    """The pinned lines of requirements/NAME.txt, with their environment markers."""
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    return [Requirement(line.rstrip(" \\")) for line in text.splitlines()
            if re.match(r"[A-Za-z0-9]", line)]


def linux_with(python: str) -> dict[str, str]:
    """Marker values of a Linux machine with Python PYTHON (X.Y)."""
    return {**default_environment(), "sys_platform": "linux", "platform_system": "Linux",
            "python_version": python, "python_full_version": f"{python}.0"}


def pinned(lock: list[Requirement], name: str, python: str) -> list[str]:
    """The versions LOCK installs of package NAME on Linux with Python PYTHON."""
    return [str(spec.version) for line in lock
            if canonicalize_name(line.name) == canonicalize_name(name)
            and (line.marker is None or line.marker.evaluate(linux_with(python)))
            for spec in line.specifier]


@pytest.mark.parametrize("python", LOCKED_PYTHONS)
def test_the_locks_pin_one_allowed_version_of_every_dependency(python: str) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, packaging, test = (read_lock(f"{name}.txt") for name in ("runtime", "packaging", "test"))
    extras = project["optional-dependencies"]
    for lock, wanted in ((runtime, project["dependencies"]),
                         (packaging, project["dependencies"] + extras["packaging"]),
                         (test, project["dependencies"] + extras["test"] + extras["packaging"])):
        for requirement in map(Requirement, wanted):
            if requirement.marker and not requirement.marker.evaluate(linux_with(python)):
                continue
            versions = pinned(lock, requirement.name, python)
            assert len(versions) == 1, f"{requirement.name} on Python {python}: {versions}"
            assert requirement.specifier.contains(versions[0], prereleases=True), (
                f"the lock pins {requirement.name}=={versions[0]} on Python {python}, but "
                f"pyproject.toml asks for {requirement}: run bash scripts/update-lock.sh")
    # The tests run on the very versions the app is installed and bundled with.
    for line in runtime:
        assert pinned(test, line.name, python) == pinned(runtime, line.name, python), line.name
    for line in packaging:
        assert pinned(test, line.name, python) == pinned(packaging, line.name, python), line.name


@pytest.mark.parametrize("python", LOCKED_PYTHONS)
def test_no_lock_installs_a_pyside6_build_known_to_crash(python: str) -> None:
    for lock in ("runtime.txt", "packaging.txt", "test.txt"):
        (pyside6,) = pinned(read_lock(lock), "PySide6-Essentials", python)
        harmless_from = doctor.KNOWN_BAD_PYSIDE6.get(pyside6)
        assert harmless_from is None or tuple(map(int, python.split("."))) >= harmless_from, (
            f"{lock} installs PySide6 {pyside6} on Python {python}")


def run_doctor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main(["--data-dir", str(tmp_path / "data"), "doctor", "--json"])
    return code, json.loads(capsys.readouterr().out)["checks"]["qt_build"]


def test_doctor_names_the_qt_build_and_finds_it_sound(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _, build = run_doctor(tmp_path, capsys)
    assert build["pyside6"] == version("PySide6-Essentials")
    assert build["shiboken6"] == version("shiboken6")
    assert build["qt"] == qVersion()
    assert abs(int(str(build["none_refs_lost"]))) <= NOISE
    assert build["ok"] is True


def test_doctor_flags_a_build_known_to_crash_on_this_python(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    installed = version("PySide6-Essentials")
    monkeypatch.setitem(doctor.KNOWN_BAD_PYSIDE6, installed, (sys.version_info.major + 1, 0))
    code, build = run_doctor(tmp_path, capsys)
    assert build["ok"] is False
    assert code == ExitCode.FAILED
    assert f"PySide6 {installed} on Python {platform.python_version()}" in str(build["detail"])
    assert "none_dealloc" in str(build["detail"])
