"""The installers' settings, read from the files IT builds them with, and what ``packaging/build``
says each OS can build.

The real build (PyInstaller, about a minute, and the bundle's ``--self-test`` offscreen in a
private D-Bus session) is not run here: CI runs it once, as ``python3 packaging/build --check``
after the suite (``.ci/run``), where it fails on a broken bundle or one over the size ceiling.
Running it in the suite as well would build the same bundle twice per CI run.
"""

from __future__ import annotations

import ast
import configparser
import functools
import importlib.machinery
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from safedesk import __version__
from safedesk.identity import APP_ID, APP_NAME

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "safedesk.spec"
ISS = ROOT / "packaging" / "windows" / "safedesk.iss"


@functools.cache
def build_script() -> ModuleType:
    """``packaging/build``, which has no ``.py`` suffix, loaded as a module."""
    loader = importlib.machinery.SourceFileLoader("packaging_build", str(ROOT / "packaging" / "build"))
    spec = importlib.util.spec_from_loader("packaging_build", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["packaging_build"] = module  # its dataclasses look their module up
    loader.exec_module(module)
    return module


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text("utf-8"))


def spec_constant(name: str) -> Any:
    for node in spec_tree().body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not set in {SPEC.name}")


def spec_call(name: str) -> ast.Call:
    for node in ast.walk(spec_tree()):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
            return node
    raise AssertionError(f"{SPEC.name} never calls {name}")


def keyword(call: ast.Call, name: str) -> ast.expr:
    for item in call.keywords:
        if item.arg == name:
            return item.value
    raise AssertionError(f"{name}= is not given")


# -- the PyInstaller spec -------------------------------------------------------------------------

def test_the_spec_names_the_app_as_the_desktop_knows_it() -> None:
    assert spec_constant("APP_ID") == APP_ID
    assert spec_constant("APP_NAME") == APP_NAME
    assert keyword(spec_call("EXE"), "name").id == "APP_NAME"  # type: ignore[attr-defined]


def test_the_spec_leaves_out_what_safedesk_never_loads_and_keeps_what_it_does() -> None:
    excluded = set(spec_constant("EXCLUDED_MODULES"))
    for unused in ("tkinter", "pytest", "hypothesis", "mypy", "PySide6.QtQml", "PySide6.QtQuick",
                   "PySide6.QtPdf", "PySide6.QtVirtualKeyboard", "PySide6.QtWebEngineCore",
                   "PySide6.Qt3DCore", "PySide6.QtMultimedia", "keyrings.alt"):
        assert unused in excluded, unused
    # NumPy (35 MB) and py3langid's code: SafeDesk reads py3langid's model without them.
    assert {"numpy", "py3langid"} <= excluded
    # What SafeDesk needs at run time.
    for needed in ("keyring", "secretstorage", "jeepney", "cryptography", "mastodon",
                   "atproto_client", "atproto_core", "atproto_server", "pydantic", "psycopg",
                   "psycopg_binary", "PySide6.QtCore", "PySide6.QtGui",
                   "PySide6.QtWidgets", "PySide6.QtSvg",
                   "PySide6.QtNetwork"):  # the window's single-instance socket
        assert not any(needed == x or needed.startswith(x + ".") for x in excluded), needed
    assert "libqgtk3" in " ".join(spec_constant("UNUSED_QT_FILES"))
    assert "libQt6Network" not in spec_constant("UNUSED_QT_FILES")
    # keyring finds its backends through their entry points: the metadata must come along.
    assert {"keyring", "SecretStorage", "jeepney"} <= set(spec_constant("METADATA"))
    # The language model is found through py3langid's metadata (safedesk.services.langid_model).
    assert "py3langid" in spec_constant("METADATA")
    assert 'collect_data_files("py3langid")' in SPEC.read_text("utf-8")
    assert {"en_GB", "cy", "root"} <= spec_constant("BABEL_LOCALES")


def test_the_macos_app_carries_its_identity_in_info_plist() -> None:
    bundle = spec_call("BUNDLE")
    assert keyword(bundle, "bundle_identifier").id == "APP_ID"  # type: ignore[attr-defined]
    plist = keyword(bundle, "info_plist")
    assert isinstance(plist, ast.Dict)
    values = {ast.literal_eval(k): v for k, v in zip(plist.keys, plist.values, strict=True)
              if k is not None}
    assert {"CFBundleName", "CFBundleShortVersionString", "CFBundleVersion",
            "NSHighResolutionCapable", "LSMinimumSystemVersion",
            "NSHumanReadableCopyright"} <= set(values)
    assert ast.literal_eval(values["NSHighResolutionCapable"]) is True
    assert (ROOT / "resources" / "icons" / "safedesk.icns").is_file()
    assert (ROOT / "resources" / "icons" / "safedesk.ico").is_file()


def test_the_bundle_entry_runs_python_code_as_doctor_asks_a_python_to() -> None:
    """In a bundle ``sys.executable`` is SafeDesk: ``doctor``'s Qt build probe runs
    ``sys.executable -c CODE``, which the entry script must run as Python would."""
    entry = ROOT / "packaging" / "safedesk_entry.py"
    pretend_frozen = ("import runpy, sys; sys.frozen = True; "
                      "sys.argv = ['SafeDesk', '-c', 'import sys; print(40 + 2, sys.argv)', 'x']; "
                      f"runpy.run_path({str(entry)!r}, run_name='__main__')")
    finished = subprocess.run([sys.executable, "-c", pretend_frozen], capture_output=True,
                              text=True, check=False, cwd=ROOT, timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "42 ['-c', 'x']"


# -- the Inno Setup script ------------------------------------------------------------------------

def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in ISS.read_text("utf-8").splitlines():
        if re.fullmatch(r"\[\w+\]", line.strip()):
            current = line.strip()[1:-1]
            sections[current] = []
        elif current and line.strip() and not line.lstrip().startswith(";"):
            sections[current].append(line)
    return sections


def iss_setup() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, comment_prefixes=(";",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string("[Setup]\n" + "\n".join(iss_sections()["Setup"]))
    return dict(parser["Setup"])


def test_the_windows_installer_is_per_user_without_admin_rights() -> None:
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # no way to ask for admin
    assert setup["DefaultDirName"].startswith("{userpf}")
    assert setup["AppName"] == "{#AppName}"
    assert setup["AppVersion"] == "{#AppVersion}"  # from pyproject, through /DAppVersion
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])  # the same in every release
    icons = " ".join(iss_sections()["Icons"])
    assert "{autoprograms}" in icons and "{app}\\{#AppExe}" in icons
    text = ISS.read_text("utf-8")
    assert '#define AppExe "SafeDesk.exe"' in text
    assert "#ifndef AppVersion\n  #error" in text  # never built with a made-up version


def test_the_windows_installer_self_tests_and_uninstall_keeps_data_unless_asked() -> None:
    code = "\n".join(iss_sections()["Code"])
    assert "Exec(Exe, '--self-test'" in code and "ssPostInstall" in code
    # ... through the console executable, whose output a person can then read in a console.
    assert "Exe := ExpandConstant('{app}\\{#CliExe}');" in code
    assert '#define CliExe "safedesk-cli.exe"' in ISS.read_text("utf-8")
    assert spec_constant("CLI_NAME") == "safedesk-cli"
    assert "GetCustomSetupExitCode" in code  # a failed self-test is the installer's exit code
    uninstall = code[code.index("procedure CurUninstallStepChanged"):]
    # Silent uninstall deletes only with /DELETEUSERDATA; the question defaults to No.
    assert "if UninstallSilent then\n      Delete := ParamGiven('/DELETEUSERDATA')" in uninstall
    assert "MB_YESNO or MB_DEFBUTTON2" in uninstall
    assert '#define UserDataDir "{localappdata}\\SafeDesk"' in ISS.read_text("utf-8")


def test_the_silent_install_switches_are_documented_for_it() -> None:
    readme = (ROOT / "packaging" / "README.md").read_text("utf-8")
    for switch in ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/DIR=", "/LOG=",
                   "/DELETEUSERDATA", "/SKIPSELFTEST"):
        assert switch in readme, switch
        assert switch.rstrip("=") in ISS.read_text("utf-8") or switch in {"/DIR=", "/LOG="}


# -- packaging/build ------------------------------------------------------------------------------

def test_the_build_script_says_what_linux_builds_and_what_it_cannot() -> None:
    build = build_script()
    plan = build.plan("linux", which=lambda _name: None)
    assert plan.system == "linux"
    assert any(f"SafeDesk-{__version__}-linux-" in b and b.endswith(".tar.gz") for b in plan.builds)
    assert any("dist/SafeDesk/" in b for b in plan.builds)
    cannot = " ".join(plan.cannot)
    assert "Windows" in cannot and "macOS" in cannot and "Flatpak" in cannot


@pytest.mark.parametrize(("tools", "made", "missing"), [
    ({"iscc"}, f"SafeDesk-{__version__}-setup.exe", None),
    (set(), None, "Inno Setup"),
])
def test_the_build_script_makes_the_windows_installer_only_with_inno_setup(
        tools: set[str], made: str | None, missing: str | None) -> None:
    plan = build_script().plan("win32", which=lambda name: name if name in tools else None)
    assert plan.system == "windows"
    assert any("dist/SafeDesk/" in b for b in plan.builds)
    if made:
        assert any(made in b for b in plan.builds)
    if missing:
        assert not any("setup.exe" in b for b in plan.builds)
        assert any(missing in c for c in plan.cannot)
    assert any("Linux" in c for c in plan.cannot)


def test_the_build_script_makes_the_mac_app_and_a_disk_image_with_hdiutil() -> None:
    build = build_script()
    with_hdiutil = build.plan("darwin", which=lambda name: name if name == "hdiutil" else None)
    assert with_hdiutil.builds == ["dist/SafeDesk.app", f"dist/SafeDesk-{__version__}.dmg"]
    without = build.plan("darwin", which=lambda _name: None)
    assert without.builds == ["dist/SafeDesk.app"]
    assert any("hdiutil" in c for c in without.cannot)


def test_the_build_script_plan_runs_as_people_run_it() -> None:
    finished = subprocess.run([sys.executable, str(ROOT / "packaging" / "build"), "--plan"],
                              capture_output=True, text=True, check=False, timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert "This is linux" in finished.stdout
    assert "Cannot build here: the Windows bundle and installer" in finished.stdout


def test_ci_builds_and_self_tests_the_bundle_after_the_suite() -> None:
    lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    commands = [line for line in lines if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["bash scripts/test.sh", "python3 packaging/build --check"]
    build = build_script()
    assert build.SIZE_GOAL_MB == 150
    assert build.SIZE_GOAL_MB <= build.SIZE_CEILING_MB <= 250
