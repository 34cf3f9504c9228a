"""What the tests against Takahē (a real Mastodon-API server) share: the server itself, started
by ``takahe-up.sh`` when ``SAFEDESK_TAKAHE_SRC`` names a copy of its public source
(jointakahe/takahe), and read back through Mastodon.py with its accounts' own tokens.

The server keeps its state in ``TAKAHE_STATE`` (default a folder of its own in the temporary
directory), on ``MASTO_PORT`` (8775) and ``MASTO_PG_PORT`` (55443), so it does not meet another
copy. It is stopped again after the module that started it; one already running is reused and
left running. Its accounts are "council" (``MASTO_TOKEN``) and "jo" (``MASTO_TOKEN2``); they
keep their posts from one run to the next, so every test writes text of its own.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mastodon import Mastodon

SOURCE = os.environ.get("SAFEDESK_TAKAHE_SRC", "")
UP = Path(os.environ.get("SAFEDESK_TAKAHE_UP", "")
          or Path(__file__).resolve().parents[2] / "shared" / "tools" / "takahe-up.sh")

needs_takahe = pytest.mark.skipif(
    not SOURCE, reason="SAFEDESK_TAKAHE_SRC is not set: no copy of Takahē's source "
                       "(jointakahe/takahe) to run a real Mastodon-API server from")


def takahe_server() -> Iterator[dict[str, str]]:
    """The body of a module-scoped fixture: masto.env's values (MASTO_URL, MASTO_TOKEN...)."""
    if not UP.is_file():
        pytest.skip(f"{UP} is missing: set SAFEDESK_TAKAHE_UP to takahe-up.sh")
    env = {**os.environ, "TAKAHE_SRC": SOURCE}
    env.setdefault("TAKAHE_STATE", str(Path(tempfile.gettempdir()) / "safedesk-takahe-tests"))
    env.setdefault("MASTO_PORT", "8775")
    env.setdefault("MASTO_PG_PORT", "55443")
    state = Path(env["TAKAHE_STATE"])
    was_running = (state / "web.pid").is_file()
    started = subprocess.run(["bash", str(UP)], env=env, capture_output=True, text=True,
                             timeout=1800, check=False)
    if started.returncode != 0:
        pytest.fail(f"takahe-up.sh failed ({started.returncode}): {started.stderr[-3000:]}")
    values = dict(line.split("=", 1) for line in
                  (state / "masto.env").read_text(encoding="utf-8").splitlines() if "=" in line)
    yield values
    if not was_running:
        subprocess.run(["bash", str(UP.with_name("takahe-down.sh"))], env=env, check=False,
                       capture_output=True, timeout=120)


def server_api(takahe: dict[str, str], *, as_jo: bool = False) -> Mastodon:
    """Mastodon.py signed in as "council" (or "jo"), to read back what the server stored,
    independently of SafeDesk."""
    token = takahe["MASTO_TOKEN2" if as_jo else "MASTO_TOKEN"]
    return Mastodon(api_base_url=takahe["MASTO_URL"], access_token=token,
                    version_check_mode="none", request_timeout=30)


def own_statuses(api: Mastodon, containing: str) -> list[Any]:
    """The account's own statuses (newest first, the last 40) whose text contains
    ``containing``: what is on the server, however many times it went out."""
    me = api.account_verify_credentials()
    return [s for s in api.account_statuses(me.id, limit=40) if containing in str(s.content)]
