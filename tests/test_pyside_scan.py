"""PySide6's scan of every imported module, replaced by one that reads bytes: same answers,
nothing kept in linecache, and PySide6's own answer where a module has no source file."""

from __future__ import annotations

import importlib
import inspect
import linecache
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import safedesk.gui  # noqa: F401 - replaces the scan, as the window's start does
from safedesk import pyside_scan
from safedesk.pyside_scan import ATTRIBUTE, FEATURE_MODULE, MARK, quicken_pyside_scan, reads_bytes


def pyside_original(module: ModuleType) -> bool:
    """What PySide6 6.x's ``_mod_uses_pyside`` does (shibokensupport/feature.py)."""
    try:
        source = inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False
    return "PySide6" in source


def test_the_pinned_pyside6_has_its_scan_replaced() -> None:
    # A PySide6 upgrade that moves the scan makes this fail, so the start's cost is looked at
    # again rather than silently coming back.
    feature = sys.modules[FEATURE_MODULE]
    scan = getattr(feature, ATTRIBUTE)
    assert getattr(scan, MARK, False)
    assert quicken_pyside_scan() is True
    assert getattr(scan, "__wrapped__", None) is not None
    assert getattr(feature, ATTRIBUTE) is scan  # asked twice, wrapped once


@pytest.mark.parametrize("name", ["safedesk.gui.compose", "safedesk.core.models", "sys",
                                  "_sqlite3", "json", "PySide6.QtCore"])
def test_same_answer_as_pyside6(name: str) -> None:
    module = importlib.import_module(name)
    scan = getattr(sys.modules[FEATURE_MODULE], ATTRIBUTE)
    assert scan(module) == pyside_original(module)
    assert scan(module) == scan.__wrapped__(module)


def test_reads_the_file_and_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def original(module: ModuleType) -> bool:
        calls.append(module.__name__)
        return pyside_original(module)

    scan = reads_bytes(original)
    uses = tmp_path / "uses_qt.py"
    uses.write_text("# Widgets from PySide6, in Cymraeg: \u2018teclynnau\u2019\nVALUE = 1\n",
                    encoding="utf-8")
    plain = tmp_path / "plain.py"
    plain.write_text("VALUE = 2  # no Qt here\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    assert scan(importlib.import_module("uses_qt")) is True
    assert scan(importlib.import_module("plain")) is False
    assert calls == []  # answered from the bytes
    assert str(uses) not in linecache.cache and str(plain) not in linecache.cache

    # A source file gone since the import: PySide6's own answer, which is "no".
    gone = importlib.import_module("plain")
    plain.unlink()
    assert scan(gone) is False
    assert calls == ["plain"]
    # Built in: PySide6's own answer too.
    assert scan(sys) is False
    assert calls == ["plain", "sys"]


def test_nothing_changes_without_pysides_feature_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, FEATURE_MODULE)
    assert pyside_scan.quicken_pyside_scan() is False


def test_safedesk_replaces_it_at_once_only_where_pyside6_is_already_loaded() -> None:
    # A command line loads no Qt; a process that loaded PySide6 before SafeDesk (the start-up
    # benchmark's probe) gets the cheaper scan for SafeDesk's own modules too.
    program = ("import sys\n"
               "{first}"
               "import safedesk.cli.main\n"
               "feature = sys.modules.get('shibokensupport.feature')\n"
               "scan = getattr(feature, '_mod_uses_pyside', None)\n"
               "print('PySide6' in sys.modules, bool(getattr(scan, '_safedesk_reads_bytes', 0)))\n")
    for first, expected in (("", "False False"), ("import PySide6.QtCore\n", "True True")):
        ran = subprocess.run([sys.executable, "-c", program.format(first=first)],
                             capture_output=True, text=True, check=True, timeout=120)
        assert ran.stdout.split() == expected.split()
