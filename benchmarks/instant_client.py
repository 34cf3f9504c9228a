"""A platform client that answers at once, for filling a desk's history quickly.

Every post it is given "goes out" at once with a fresh remote id; nothing leaves the machine. The
benchmarks use it where publishing is how rows are made, not what is measured.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from safedesk.core.errors import UnsupportedError
from safedesk.core.models import Account
from safedesk.core.platform import Capabilities, PostRequest, RemotePost, RemoteRef
from safedesk.core.ports import Clock


class InstantClient:
    """A PlatformClient that answers at once."""

    _numbers = itertools.count(1)

    def __init__(self, account: Account, clock: Clock | None = None) -> None:
        self._account = account
        self._clock = clock  # the desk's own clock, so a made-up history has its own dates

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(can_edit=False, has_content_warning=True, has_visibility=True,
                            max_images=4)

    def publish(self, request: PostRequest) -> RemotePost:
        number = next(self._numbers)
        url = f"{self._account.server}/@{self._account.handle}/earlier-{number}"
        return RemotePost(RemoteRef(f"earlier-{number}", url), url, request.text,
                          created_at=self._clock.now() if self._clock else datetime.now(UTC))

    def delete(self, ref: RemoteRef) -> None:  # noqa: ARG002 - the protocol's signature
        raise UnsupportedError("not used by the benchmarks")

    def edit(self, ref: RemoteRef, request: PostRequest) -> RemotePost:  # noqa: ARG002
        raise UnsupportedError("not used by the benchmarks")

    def fetch(self, ref: RemoteRef) -> RemotePost | None:  # noqa: ARG002
        raise UnsupportedError("not used by the benchmarks")
