"""SafeDesk's identity on a Linux desktop: the desktop entry and the AppStream page pass their
validators, name the same application id, icon and version as the code and pyproject, and
``safedesk desktop-install`` puts a working menu entry and its icons where a desktop looks."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

import safedesk
from safedesk.cli.main import main
from safedesk.desktop_install import exec_line
from safedesk.gui.launch import identify
from safedesk.identity import (
    APP_ID,
    APP_NAME,
    DESKTOP_FILE,
    EXECUTABLE,
    ICON_NAME,
    ICON_SIZES,
    METAINFO_FILE,
    licence_text,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
needs_validators = pytest.mark.skipif(
    not (shutil.which("appstreamcli") and shutil.which("desktop-file-validate")),
    reason="scripts/test.sh installs appstream and desktop-file-utils")


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign] - keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def validate(entry: Path, metainfo: Path) -> None:
    """Both validators pass: no errors, and no warnings from AppStream either."""
    desktop = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                             text=True, check=False)
    assert desktop.returncode == 0, desktop.stdout + desktop.stderr
    assert "error" not in desktop.stdout
    appstream = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain",
                                str(metainfo)], capture_output=True, text=True, check=False)
    assert appstream.returncode == 0, appstream.stdout + appstream.stderr
    assert "W: " not in appstream.stdout and "E: " not in appstream.stdout, appstream.stdout


@needs_validators
def test_the_desktop_entry_and_appstream_page_are_valid() -> None:
    validate(PACKAGING / DESKTOP_FILE, PACKAGING / METAINFO_FILE)


def test_every_file_names_the_same_app_icon_and_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    component = ET.parse(PACKAGING / METAINFO_FILE).getroot()  # noqa: S314 - our own file
    entry = desktop_entry(PACKAGING / DESKTOP_FILE)

    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE == f"{APP_ID}.desktop"
    assert component.findtext("provides/binary") == EXECUTABLE == entry["Exec"]
    assert EXECUTABLE in project["scripts"]
    assert entry["Icon"] == ICON_NAME
    # X11 desktops match windows by WM_CLASS, whose class Qt takes from the application name
    # (the instance is the executable's name, which a bundle or `python -m` changes).
    assert entry["StartupWMClass"] == APP_NAME
    newest = component.find("releases/release")
    assert newest is not None
    assert newest.get("version") == project["version"] == safedesk.__version__
    assert component.findtext("project_license") == project["license"]
    assert project["license-files"] == ["LICENSE"]
    # The data files the wheel ships are the files checked here.
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")
                               )["tool"]["setuptools"]["data-files"]
    assert data_files["share/applications"] == [f"packaging/{DESKTOP_FILE}"]
    assert data_files["share/metainfo"] == [f"packaging/{METAINFO_FILE}"]


def test_the_running_app_names_its_desktop_entry_and_icon(qapp: QApplication) -> None:
    identify(qapp)
    # A desktop matches the window to <id>.desktop by this name.
    assert QApplication.desktopFileName() == APP_ID
    assert not QApplication.windowIcon().isNull()
    assert qapp.applicationVersion() == safedesk.__version__


def test_each_icon_size_is_rendered_at_its_size() -> None:
    for size in ICON_SIZES:
        image = QImage(str(ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
                           / f"{ICON_NAME}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    assert (ROOT / "resources" / "icons" / "safedesk.ico").stat().st_size > 0
    assert (ROOT / "resources" / "icons" / "safedesk.icns").stat().st_size > 0


def test_the_licence_is_the_gpl_version_3() -> None:
    text = licence_text()
    assert text is not None
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text


def test_exec_arguments_are_quoted_as_the_desktop_spec_asks() -> None:
    assert exec_line(["/opt/safedesk/safedesk"]) == "/opt/safedesk/safedesk"
    assert exec_line(["/opt/Safe Desk/safedesk", "--data-dir", "100%"]) == \
        '"/opt/Safe Desk/safedesk" --data-dir 100%%'
    assert exec_line(['/opt/a"b$c']) == '"/opt/a\\\\"b\\\\$c"'


def installed(root: Path) -> tuple[Path, Path]:
    share = root / "share"
    return share / "applications" / DESKTOP_FILE, share / "metainfo" / METAINFO_FILE


@needs_validators
def test_desktop_install_puts_a_valid_entry_with_its_icons_in_a_prefix(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prefix = tmp_path / "opt" / "Safe Desk"
    assert main(["desktop-install", "--prefix", str(prefix),
                 "--exec", f"'{prefix}/bin/safedesk'"]) == 0
    entry, metainfo = installed(prefix)
    validate(entry, metainfo)
    assert desktop_entry(entry)["Exec"] == f'"{prefix}/bin/safedesk"'
    hicolor = prefix / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        icon = QImage(str(hicolor / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"))
        assert icon.width() == size
    assert (hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg").is_file()
    out = capsys.readouterr().out
    assert str(entry) in out

    assert main(["desktop-install", "--prefix", str(prefix), "--uninstall"]) == 0
    assert not entry.exists() and not metainfo.exists()
    assert not list(hicolor.rglob("*.png"))


def test_a_packager_stages_the_files_under_destdir(tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    assert main(["desktop-install", "--prefix", "/usr", "--destdir", str(stage),
                 "--exec", "safedesk"]) == 0
    entry, metainfo = installed(stage / "usr")
    assert desktop_entry(entry)["Exec"] == "safedesk"
    assert metainfo.is_file()


def test_a_users_entry_starts_this_safedesk(tmp_path: Path) -> None:
    """For one person, into ``$XDG_DATA_HOME``: the entry's command, run as a desktop would
    run it, is this copy of SafeDesk."""
    data_home = tmp_path / "data"
    environment = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    done = subprocess.run([sys.executable, "-m", "safedesk", "desktop-install"],
                          env=environment, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    entry = data_home / "applications" / DESKTOP_FILE
    assert (data_home / "icons" / "hicolor" / "48x48" / "apps" / f"{ICON_NAME}.png").is_file()
    command = shlex.split(desktop_entry(entry)["Exec"])
    assert Path(command[0]).is_absolute()  # a desktop session's PATH may not have it
    version = subprocess.run([*command, "--version"], capture_output=True, text=True,
                             check=False, env=environment)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"SafeDesk {safedesk.__version__}"


def test_system_installs_for_everyone_under_usr_local(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--system writes where every user's desktop looks (here a stand-in for /usr/local, so the
    test never touches the machine's own)."""
    monkeypatch.setattr("safedesk.cli.desktop.SYSTEM_PREFIX", tmp_path / "usr" / "local")
    private = os.umask(0o077)  # an administrator's private umask must not hide it from others
    try:
        assert main(["desktop-install", "--system", "--exec", "/opt/safedesk/safedesk"]) == 0
    finally:
        os.umask(private)
    entry, metainfo = installed(tmp_path / "usr" / "local")
    assert desktop_entry(entry)["Exec"] == "/opt/safedesk/safedesk"
    share = tmp_path / "usr" / "local" / "share"
    for path in (entry, metainfo, *share.rglob("*.png")):
        assert path.stat().st_mode & 0o777 == 0o644, path  # every user's desktop reads it
    for folder in (share, *(p for p in share.rglob("*") if p.is_dir())):
        assert folder.stat().st_mode & 0o777 == 0o755, folder


def test_a_folder_it_cannot_write_to_is_said_plainly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "share").write_text("a file where the share folder should be")
    assert main(["desktop-install", "--prefix", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert "could not install its menu entry into" in err
    assert "Traceback" not in err
