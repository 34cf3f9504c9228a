"""The Mastodon adapter against a real Mastodon-API server that was not written here: Takahē.

Optional. Runs only where ``SAFEDESK_TAKAHE_SRC`` names a copy of Takahē's public source
(jointakahe/takahe); ``takahe-up.sh`` (``SAFEDESK_TAKAHE_UP``, else ``../shared/tools/`` beside
the repository) then starts it on 127.0.0.1 with PostgreSQL, installing its dependencies the first
time (a few minutes). The server is stopped again afterwards if this module started it. Its state
lives in ``TAKAHE_STATE`` (default a folder of its own in the temporary directory), on
``MASTO_PORT`` (8775) and ``MASTO_PG_PORT`` (55443), so it does not meet another copy.

What it shows on the real thing: sign-in with an access token, a post with an image, an edit
that keeps the image and says what Takahē changed besides (it makes every edited post public),
the post found by its Takahē link, a bad token read as "sign in again", and deletion.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from safedesk.app import Settings, build
from safedesk.core.edits import DIFFERENCES
from safedesk.core.errors import SignedOutError
from safedesk.core.models import Account, Pane, Platform, Role
from safedesk.core.platform import ImageUpload, PostRequest, Visibility
from safedesk.platforms.mastodon_client import ACCESS_TOKEN, MastodonClient
from safedesk.platforms.mastodon_signin import save_sign_in, sign_in_with_token
from safedesk.services.signin import mastodon_account
from tests.servers.fake_credentials import credential_store

SOURCE = os.environ.get("SAFEDESK_TAKAHE_SRC", "")
UP = Path(os.environ.get("SAFEDESK_TAKAHE_UP", "")
          or Path(__file__).resolve().parents[2] / "shared" / "tools" / "takahe-up.sh")

pytestmark = pytest.mark.skipif(
    not SOURCE, reason="SAFEDESK_TAKAHE_SRC is not set: no copy of Takahē's source "
                       "(jointakahe/takahe) to run a real Mastodon-API server from")


@pytest.fixture(scope="module")
def takahe() -> Iterator[dict[str, str]]:
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


def png(path: Path) -> Path:
    Image.new("RGB", (40, 30), (30, 140, 60)).save(path, format="PNG")
    return path


def test_sign_in_post_edit_with_an_image_find_and_delete(
        takahe: dict[str, str], tmp_path: Path) -> None:
    url = takahe["MASTO_URL"]
    identity = sign_in_with_token(url, takahe["MASTO_TOKEN"], timeout=30)
    assert identity.handle == "council" and identity.limits.max_characters > 0
    credentials = credential_store()
    account = Account(id=f"acc-{uuid.uuid4()}", pane=Pane.PERSONAL, platform=Platform.MASTODON,
                      server=identity.server, handle=identity.handle, display_name="",
                      created_at=datetime.now(UTC), remote_id=identity.remote_id,
                      limits=identity.limits)
    save_sign_in(credentials, account.id, identity)
    client = MastodonClient(account, credentials, timeout=30)

    text = f"Library shut on Saturday ({uuid.uuid4().hex[:8]})"
    post = client.publish(PostRequest(
        text=text, idempotency_key=str(uuid.uuid4()), visibility=Visibility.UNLISTED,
        images=(ImageUpload(png(tmp_path / "door.png"), "The library door"),)))
    assert "/posts/" in post.url  # Takahē's shape: /@council/posts/ID/
    edited = client.edit(post.ref, PostRequest(
        text=text + "\n\n[Corrected: see below]", idempotency_key="edit",
        visibility=Visibility.UNLISTED))
    now = client.fetch(post.ref)
    assert now is not None and "Corrected" in now.text
    assert len(now.extra["media_ids"]) == 1  # the image survived the edit
    # Takahē makes an edited post public: said, not passed over.
    assert "The server made the post public" in [str(d) for d in edited.extra.get(DIFFERENCES, [])]

    desk = build(Settings(tmp_path / "desk"), credentials=credentials)
    try:
        person = desk.people.add("Jo", Role.ADMIN, "the-passphrase")
        added = desk.signin.add(Pane.PERSONAL, mastodon_account(
            sign_in_with_token(url, takahe["MASTO_TOKEN"], timeout=30)), person)
        found = desk.corrections.import_link(post.url, person, Pane.PERSONAL)
        assert (found.account_id, found.remote_id) == (added.id, post.ref.remote_id)
    finally:
        desk.close()

    credentials.put(account.id, ACCESS_TOKEN, "not-a-token")
    stale = MastodonClient(account, credentials, timeout=30)
    with pytest.raises(SignedOutError, match="Sign in again"):
        stale.fetch(post.ref)

    client.delete(post.ref)
    assert client.fetch(post.ref) is None
