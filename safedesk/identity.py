"""Who SafeDesk is to the desktop: the one application id every file and call uses.

The desktop entry (``packaging/<APP_ID>.desktop``), the AppStream metainfo
(``packaging/<APP_ID>.metainfo.xml``), the icon name in the hicolor theme, Qt's desktop file name
and the installers all take it from here, so a desktop links the running window to its entry,
its icon and its software-centre page.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from safedesk import __version__

APP_ID = "org.safedesk.SafeDesk"
APP_NAME = "SafeDesk"
# The command the wheel installs (pyproject's [project.scripts]).
EXECUTABLE = "safedesk"
# The icon's name in an icon theme: the id, so it never clashes with another "safedesk".
ICON_NAME = APP_ID
# The square PNG sizes rendered from resources/icons/safedesk.svg (scripts/render_icons.py).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
VERSION = __version__
LICENCE_SPDX = "GPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"
DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"

_CHECKOUT = Path(__file__).resolve().parent.parent


def licence_text() -> str | None:
    """The GNU GPL's text as shipped with this copy: the checkout's LICENSE, the copy a wheel
    installs under ``share/safedesk``, or the one in the wheel's metadata; ``None`` if this copy
    lost it (then :data:`LICENCE_URL` has it)."""
    for candidate in (_CHECKOUT / "LICENSE", Path(sys.prefix) / "share" / "safedesk" / "LICENSE"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    try:
        return metadata.distribution("safedesk").read_text("licenses/LICENSE")
    except metadata.PackageNotFoundError:
        return None


# The libraries a support request asks about, by their distribution names on PyPI. Read from
# the installed metadata: importing the platform SDKs just to ask would take seconds.
SUPPORT_LIBRARIES = ("Mastodon.py", "atproto", "keyring", "psycopg",
                     "sqlite-utils", "platformdirs", "Pillow", "pyenchant", "Babel", "orjson",
                     "regex", "filelock", "py3langid")


def installed_version(distribution: str) -> str | None:
    """The version of an installed distribution; ``None`` when this copy lacks it (or a bundle
    left its metadata out)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
