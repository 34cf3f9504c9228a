"""The core must stay pure: no Qt, network, database or keyring, directly or through an import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import safedesk.core

FORBIDDEN = ("PySide6", "shiboken6", "mastodon", "atproto", "atproto_client", "httpx",
             "requests", "urllib3", "keyring", "secretstorage", "sqlite3", "sqlite_utils",
             "psycopg", "socket", "http", "urllib")
# Standard-library modules that are plain text helpers, not network access.
HARMLESS = ("urllib.parse",)

CORE_DIR = Path(safedesk.core.__file__).parent


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_sources_import_nothing_forbidden() -> None:
    offenders = {
        path.name: sorted(_imported_roots(path) & set(FORBIDDEN))
        for path in CORE_DIR.glob("*.py")
        if _imported_roots(path) & set(FORBIDDEN)
    }
    assert offenders == {}


def test_core_sources_import_only_core_from_safedesk() -> None:
    for path in CORE_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and node.module.startswith("safedesk"):
                assert node.module.startswith("safedesk.core"), (path.name, node.module)


def test_importing_the_whole_core_loads_no_adapter_module() -> None:
    modules = [f"safedesk.core.{p.stem}" for p in CORE_DIR.glob("*.py") if p.stem != "__init__"]
    script = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}\n"
        + f"             and m not in {HARMLESS!r} and m != 'urllib')\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
