"""Shared posts for the sharing tests: a post as a server shows it, and a scripted platform that
reads it (the real adapters are driven in the live tests)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from safedesk.core.errors import PlatformError
from safedesk.core.models import Account, Platform, SharedPost
from tests.fake_platform import FakePlatform


def fire_post(platform: Platform = Platform.MASTODON, *, text: str = "Flood warning: River "
              "Tref is rising. Move valuables upstairs.", author: str = "@fire@service.example",
              author_id: str = "https://service.example/users/fire",
              version: str = "v1") -> SharedPost:
    """The fire service's post, as one server read it; ``version`` stands for its content hash."""
    uri = ("at://did:plc:fire/app.bsky.feed.post/3kfire" if platform is Platform.BLUESKY
           else "https://service.example/users/fire/statuses/1")
    return SharedPost(platform=platform, uri=uri, url="https://service.example/@fire/1",
                      content_hash=version, author=author, author_id=author_id, text=text,
                      via_account="", remote_id="1", author_name="Fire Service",
                      created_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC))


class SharingPlatform(FakePlatform):
    """A scripted account whose server shows ``shown`` (by URI or link); None: deleted."""

    def __init__(self, account: Account) -> None:
        super().__init__(account)
        self.shown: dict[str, SharedPost | None] = {}
        self.reads: list[str] = []
        self.unreachable = False

    def show(self, post: SharedPost | None, *addresses: str) -> None:
        for address in addresses:
            self.shown[address] = post

    def quotes_natively(self, post: SharedPost) -> bool:
        return post.platform is self.account.platform

    def read_shared(self, address: str) -> SharedPost | None:
        self.reads.append(address)
        if self.unreachable:
            raise PlatformError("the server did not answer")
        return self.shown.get(address)


def edited(post: SharedPost, text: str) -> SharedPost:
    return dataclasses.replace(post, text=text, content_hash=post.content_hash + "-edited")
