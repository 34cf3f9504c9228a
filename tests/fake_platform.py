"""A scriptable PlatformClient for service tests, where what matters is SafeDesk's own logic.

The adapters themselves are tested against the real PDS and the Mastodon test server.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from safedesk.core.models import Account
from safedesk.core.platform import Capabilities, PostRequest, RemotePost, RemoteRef


class FakePlatform:
    """Posts land in ``posts`` keyed by idempotency key, so a repeat never duplicates."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self.posts: dict[str, RemotePost] = {}
        self.requests: list[PostRequest] = []
        self.before_publish: Callable[[PostRequest], None] | None = None
        self.before_delete: Callable[[RemoteRef], None] | None = None
        self.edits: list[tuple[RemoteRef, PostRequest]] = []
        self.deleted: list[RemoteRef] = []
        self.lock = threading.Lock()

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(can_edit=True, has_content_warning=True, has_visibility=True,
                            max_images=4)

    def publish(self, request: PostRequest) -> RemotePost:
        with self.lock:
            self.requests.append(request)
        if self.before_publish is not None:
            self.before_publish(request)
        with self.lock:
            if request.idempotency_key not in self.posts:
                number = len(self.posts) + 1
                self.posts[request.idempotency_key] = RemotePost(
                    ref=RemoteRef(f"{self.account.handle}-{number}",
                                  f"fake://{self.account.handle}/{number}", f"cid{number}"),
                    url=f"https://example.test/@{self.account.handle}/{number}",
                    text=request.text,
                    created_at=datetime(2026, 11, 21, 10, number, tzinfo=UTC),
                    reply_to=request.reply_to.remote_id if request.reply_to else "",
                )
            return self.posts[request.idempotency_key]

    def delete(self, ref: RemoteRef) -> None:
        if self.before_delete is not None:
            self.before_delete(ref)
        with self.lock:
            self.deleted.append(ref)
            for key, post in list(self.posts.items()):
                if post.ref.remote_id == ref.remote_id:
                    del self.posts[key]

    def edit(self, ref: RemoteRef, request: PostRequest) -> RemotePost:
        with self.lock:
            self.edits.append((ref, request))
            for key, post in self.posts.items():
                if post.ref.remote_id == ref.remote_id:
                    self.posts[key] = dataclasses.replace(post, text=request.text)
                    return self.posts[key]
        raise AssertionError(f"no post {ref.remote_id}")

    def fetch(self, ref: RemoteRef) -> RemotePost | None:
        with self.lock:
            return next((p for p in self.posts.values() if p.ref.remote_id == ref.remote_id),
                        None)
