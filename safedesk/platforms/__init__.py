"""Platform adapters: the only code in SafeDesk that talks to Mastodon or Bluesky.

Each adapter implements :class:`safedesk.core.platform.PlatformClient` on its SDK and turns every
SDK exception into one of the typed :class:`~safedesk.core.errors.PlatformError` subclasses, with a
message for people and never a secret in it. Secrets come from a
:class:`~safedesk.core.ports.CredentialStore` (the system keyring), never from the database.

- ``mastodon_client``: :class:`MastodonClient`, posting through Mastodon.py.
- ``mastodon_signin``: signing in to a Mastodon server (browser with PKCE, pasted code, or an
  access token) and signing out.
- ``mastodon_common``: what those two share (server limits, the Mastodon.py object, errors).
- ``bluesky_client`` (with ``bluesky_xrpc``, ``bluesky_images``): the Bluesky adapter on atproto.
- ``completion`` (with ``mastodon_completion``, ``bluesky_completion``): mention and hashtag
  completion from an account's server, loaded on first use like the clients.

Importing an SDK is slow (``import mastodon`` takes about 0.3 s, ``import atproto`` about 1 s), so
this package imports neither: :func:`open_client` loads an adapter the first time an account of
its platform is used, never at start-up. Every call here blocks on the network; the GUI runs them
through its task runner, off the GUI thread.
"""

from __future__ import annotations

from safedesk.core.models import Account, Platform
from safedesk.core.platform import PlatformClient
from safedesk.core.ports import CredentialStore


def open_client(account: Account, credentials: CredentialStore, *,
                timeout: float | None = None) -> PlatformClient:
    """A client for one signed-in account; nothing is sent until the first call on it.
    ``timeout`` is seconds per request, else the adapter's own default (never Mastodon.py's
    300 s)."""
    # Imported here, on first use, so that starting SafeDesk never loads an SDK (see above).
    if account.platform is Platform.MASTODON:
        from safedesk.platforms.mastodon_client import MastodonClient  # noqa: PLC0415

        if timeout is None:
            return MastodonClient(account, credentials)
        return MastodonClient(account, credentials, timeout=timeout)
    from safedesk.platforms.bluesky_client import BlueskyClient  # noqa: PLC0415

    if timeout is None:
        return BlueskyClient(account, credentials)
    return BlueskyClient(account, credentials, timeout=timeout)
