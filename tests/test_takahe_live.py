"""The Mastodon adapter against a real Mastodon-API server that was not written here: Takahē.

Optional. Runs only where ``SAFEDESK_TAKAHE_SRC`` names a copy of Takahē's public source
(jointakahe/takahe); ``takahe-up.sh`` (``SAFEDESK_TAKAHE_UP``, else ``../shared/tools/`` beside
the repository) then starts it on 127.0.0.1 with PostgreSQL, installing its dependencies the first
time (a few minutes); see ``tests/takahe_support.py``. The flows people use (posting, correcting,
threads, retries, warnings and audiences) are in ``test_takahe_flows.py``.

What it shows on the real thing: sign-in with an access token, a post with an image, an edit
that keeps the image, no edit of a post that is not public (Takahē makes every edited post
public), the post found by its Takahē link, a bad token read as "sign in again", and deletion.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from safedesk.app import Settings, build
from safedesk.core.edits import DIFFERENCES
from safedesk.core.errors import SignedOutError, UnsupportedError
from safedesk.core.models import Account, Pane, Platform, Role
from safedesk.core.platform import ImageUpload, PostRequest, Visibility
from safedesk.platforms.mastodon_client import ACCESS_TOKEN, MastodonClient
from safedesk.platforms.mastodon_signin import save_sign_in, sign_in_with_token
from safedesk.services.signin import mastodon_account
from tests.servers.fake_credentials import credential_store
from tests.takahe_support import needs_takahe, takahe_server

pytestmark = needs_takahe


@pytest.fixture(scope="module")
def takahe() -> Iterator[dict[str, str]]:
    yield from takahe_server()


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
        text=text, idempotency_key=str(uuid.uuid4()), visibility=Visibility.PUBLIC,
        images=(ImageUpload(png(tmp_path / "door.png"), "The library door"),)))
    assert "/posts/" in post.url  # Takahē's shape: /@council/posts/ID/
    edited = client.edit(post.ref, PostRequest(
        text=text + "\n\n[Corrected: see below]", idempotency_key="edit",
        visibility=Visibility.PUBLIC))
    now = client.fetch(post.ref)
    assert now is not None and "Corrected" in now.text
    assert len(now.extra["media_ids"]) == 1  # the image survived the edit
    assert DIFFERENCES not in edited.extra

    # Takahē makes every edited post public: a quieter one is not edited at all.
    quiet = client.publish(PostRequest(text=f"Quiet: {text}", idempotency_key=str(uuid.uuid4()),
                                       visibility=Visibility.UNLISTED))
    with pytest.raises(UnsupportedError, match="makes every post it edits public"):
        client.edit(quiet.ref, PostRequest(text=f"Quiet, edited: {text}", idempotency_key="e2",
                                           visibility=Visibility.UNLISTED))
    still = client.fetch(quiet.ref)
    assert still is not None and still.extra["visibility"] == "unlisted"
    assert not still.extra["edited"] and still.text.startswith("Quiet: ")
    client.delete(quiet.ref)

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
