"""SafeDesk in a Linux desktop's menu: its desktop entry, AppStream page and icons copied to
where the desktop looks (``safedesk desktop-install``).

For one person: ``$XDG_DATA_HOME`` (``~/.local/share``). For everyone on the machine
(``--system``): ``/usr/local/share``, the place for software installed by the machine's admin
rather than its package manager. Packagers and bundles give a prefix (files go to
``PREFIX/share``), a staging ``destdir`` and the command the entry runs.

The desktop entry's ``Exec=`` is written for this copy: by default the ``safedesk`` command of
the Python running now, by its full path, since a desktop session's ``PATH`` often lacks the
virtual environment or ``~/.local/bin`` it was installed into.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from safedesk.core.errors import InvalidInputError, StorageError
from safedesk.core.messages import msg
from safedesk.identity import APP_ID, DESKTOP_FILE, EXECUTABLE, ICON_NAME, ICON_SIZES, METAINFO_FILE
from safedesk.resources import resource_path

_CHECKOUT = Path(__file__).resolve().parent.parent
SYSTEM_PREFIX = Path("/usr/local")
# The Desktop Entry Specification's characters that make an Exec argument need quotes, and those
# that must be escaped inside the quotes.
_NEEDS_QUOTES = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")
_ESCAPED_IN_QUOTES = re.compile(r'(["`$\\])')


@dataclass(frozen=True, slots=True)
class DesktopFiles:
    """Where one install put (or would put) each file."""

    entry: Path
    metainfo: Path
    icons: tuple[Path, ...]

    def all(self) -> tuple[Path, ...]:
        return (self.entry, self.metainfo, *self.icons)


def user_data_root(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset (the XDG default)."""
    env = os.environ if environ is None else environ
    configured = env.get("XDG_DATA_HOME", "")
    # The spec says a relative value is invalid and must be ignored.
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def this_safedesk() -> list[str]:
    """The command that starts this copy of SafeDesk, by full path."""
    if getattr(sys, "frozen", False):  # a bundle: its own executable
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.prefix) / "bin" / EXECUTABLE
    if script.is_file():
        return [str(script)]
    found = shutil.which(EXECUTABLE)
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "safedesk"]


def exec_line(argv: Sequence[str]) -> str:
    """``argv`` as a desktop entry's Exec value, quoted and escaped as the spec asks."""
    parts = []
    for argument in argv:
        quoted = '"' + _ESCAPED_IN_QUOTES.sub(r"\\\1", argument) + '"' \
            if _NEEDS_QUOTES.search(argument) else argument
        # A desktop entry's string values escape backslashes once more.
        parts.append(quoted.replace("\\", "\\\\").replace("%", "%%"))
    return " ".join(parts)


def _packaged(name: str, installed_folder: str) -> Path:
    """A file of ``packaging/``: in a checkout, or where the wheel put it under ``share/``."""
    for candidate in (_CHECKOUT / "packaging" / name,
                      Path(sys.prefix) / "share" / installed_folder / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"SafeDesk packaging file missing: {name}")


def desktop_entry_text(command: Sequence[str]) -> str:
    """SafeDesk's desktop entry, starting ``command``."""
    text = _packaged(DESKTOP_FILE, "applications").read_text(encoding="utf-8")
    return re.sub(r"(?m)^Exec=.*$", lambda _m: f"Exec={exec_line(command)}", text)


def _icon_sources() -> dict[str, Path]:
    """Each icon, by its place under ``icons/hicolor``."""
    sources = {f"{size}x{size}/apps/{ICON_NAME}.png":
               resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")
               for size in ICON_SIZES}
    sources[f"scalable/apps/{ICON_NAME}.svg"] = resource_path("icons", "safedesk.svg")
    return sources


def _targets(data_root: Path) -> DesktopFiles:
    hicolor = data_root / "icons" / "hicolor"
    return DesktopFiles(entry=data_root / "applications" / DESKTOP_FILE,
                        metainfo=data_root / "metainfo" / METAINFO_FILE,
                        icons=tuple(hicolor / place for place in _icon_sources()))


def staged(data_root: Path, destdir: Path | None) -> Path:
    """``data_root`` under a packager's staging folder (``DESTDIR``), or as it is."""
    if destdir is None:
        return data_root
    return destdir / data_root.relative_to(data_root.anchor)


def install(data_root: Path, command: Sequence[str] | None = None, *,
            destdir: Path | None = None) -> DesktopFiles:
    """Copy the desktop entry (starting ``command``, by default this copy), the metainfo and the
    icons into ``data_root`` (a ``share`` folder), staged under ``destdir`` if given."""
    command = list(command) if command else this_safedesk()
    if not data_root.is_absolute():
        raise InvalidInputError(msg("The install folder must be a full path: {path}",
                                    path=str(data_root)))
    root = staged(data_root, destdir)
    targets = _targets(root)
    try:
        _write(targets.entry, desktop_entry_text(command).encode("utf-8"))
        _write(targets.metainfo, _packaged(METAINFO_FILE, "metainfo").read_bytes())
        for target, source in zip(targets.icons, _icon_sources().values(), strict=True):
            _write(target, source.read_bytes())
        # Icon caches older than their theme folder are ignored, so the new icon shows.
        os.utime(root / "icons" / "hicolor")
    except PermissionError as error:
        raise StorageError(msg("SafeDesk cannot write to {path}. For everyone on this computer, "
                               "run it as an administrator (sudo); for yourself, leave out "
                               "--system.", path=str(error.filename or root))) from error
    except OSError as error:
        raise StorageError(msg("SafeDesk could not install its menu entry into {path}: "
                               "{problem}", path=str(root),
                               problem=error.strerror or str(error))) from error
    return targets


def uninstall(data_root: Path, *, destdir: Path | None = None) -> list[Path]:
    """Remove what :func:`install` put into ``data_root``; the files removed."""
    removed = []
    for target in _targets(staged(data_root, destdir)).all():
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except PermissionError as error:
            raise StorageError(msg("SafeDesk cannot remove {path}. Run it as an administrator "
                                   "(sudo) for a --system install.", path=str(target))) from error
        removed.append(target)
    return removed


def _make_folders(folder: Path) -> None:
    """``folder`` and any missing parent, each new one open to every user (0755) whatever the
    umask: a --system install is read by every user's desktop."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    for new_folder in reversed(missing):
        new_folder.mkdir(exist_ok=True)
        new_folder.chmod(0o755)


def _write(target: Path, content: bytes) -> None:
    _make_folders(target.parent)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(content)
    partial.chmod(0o644)  # likewise
    partial.replace(target)  # a menu never reads half a file
