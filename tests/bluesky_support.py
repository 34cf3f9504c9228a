"""What the Bluesky adapter's tests share: a credential store, a transport that records and
disturbs the traffic, and helpers that read a repository back straight from the test PDS."""

from __future__ import annotations

import base64
import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from safedesk.core.models import Account, Pane, Platform
from safedesk.core.platform import RemoteRef, make_tid
from safedesk.core.ports import CredentialStore
from safedesk.platforms.bluesky_client import BlueskyClient
from safedesk.platforms.bluesky_signin import BlueskyIdentity, save_sign_in, sign_in
from tests.servers.pds_harness import PdsAccount, PdsServer

POST = "app.bsky.feed.post"


@dataclass
class Rule:
    """Disturb the next ``times`` calls of ``nsid``: fail before sending, fail after the server
    has answered (the answer is lost), or answer in the server's place."""

    nsid: str
    times: int = 1
    before: Exception | None = None
    after: Exception | None = None
    respond: httpx.Response | None = None


@dataclass
class Traffic(httpx.BaseTransport):
    """A real HTTP transport that remembers every xrpc method called and applies ``rules``."""

    inner: httpx.HTTPTransport = field(default_factory=httpx.HTTPTransport)
    calls: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)

    def count(self, nsid: str) -> int:
        return Counter(self.calls)[nsid]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        nsid = request.url.path.removeprefix("/xrpc/")
        self.calls.append(nsid)
        rule = next((r for r in self.rules if r.nsid == nsid and r.times > 0), None)
        if rule is not None:
            rule.times -= 1
            if rule.before is not None:
                raise rule.before
            if rule.respond is not None:
                return rule.respond
        response = self.inner.handle_request(request)
        if rule is not None and rule.after is not None:
            response.read()
            response.close()
            raise rule.after
        return response

    def close(self) -> None:
        self.inner.close()


def xrpc_error(status: int, error: str, message: str = "",
               headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json={"error": error, "message": message}, headers=headers)


@dataclass
class Desk:
    """One signed-in test account, as SafeDesk would hold it."""

    pds: PdsServer
    owner: PdsAccount
    identity: BlueskyIdentity
    account: Account
    credentials: CredentialStore
    traffic: Traffic
    client: BlueskyClient

    def reopen(self, *, traffic: Traffic | None = None) -> BlueskyClient:
        """A second client for the same account, as after a restart of SafeDesk."""
        return BlueskyClient(self.account, self.credentials, timeout=20.0,
                             transport=traffic or self.traffic)

    @property
    def session(self) -> str:
        stored = self.credentials.get(self.account.id, "session")
        assert stored is not None
        return stored

    def posts(self) -> list[dict[str, Any]]:
        return list_records(self.pds, self.owner.did)

    def never_posted(self) -> RemoteRef:
        """A post of this account that does not exist: reading it needs the session all the
        same, and finds nothing."""
        return RemoteRef(f"at://{self.owner.did}/{POST}/{make_tid()}")


def open_desk(pds: PdsServer, prefix: str, credentials: CredentialStore) -> Desk:
    owner = pds.create_account(prefix)
    assert owner.app_password is not None
    traffic = Traffic()
    identity = sign_in(pds.url, owner.handle, owner.app_password, transport=traffic)
    account = Account(id=str(uuid.uuid4()), pane=Pane.OFFICIAL, platform=Platform.BLUESKY,
                      server=identity.server, handle=identity.handle,
                      display_name=identity.display_name, created_at=datetime.now(UTC),
                      remote_id=identity.did, limits=identity.limits)
    save_sign_in(credentials, account.id, identity)
    client = BlueskyClient(account, credentials, timeout=20.0, transport=traffic)
    return Desk(pds, owner, identity, account, credentials, traffic, client)


def list_records(pds: PdsServer, did: str, collection: str = POST) -> list[dict[str, Any]]:
    response = httpx.get(f"{pds.url}/xrpc/com.atproto.repo.listRecords",
                         params={"repo": did, "collection": collection, "limit": 100}, timeout=20)
    response.raise_for_status()
    records: list[dict[str, Any]] = response.json()["records"]
    return records


def get_record(pds: PdsServer, uri: str) -> dict[str, Any]:
    repo, collection, rkey = uri.removeprefix("at://").split("/")
    response = httpx.get(f"{pds.url}/xrpc/com.atproto.repo.getRecord",
                         params={"repo": repo, "collection": collection, "rkey": rkey}, timeout=20)
    response.raise_for_status()
    record: dict[str, Any] = response.json()
    return record


def get_blob(pds: PdsServer, did: str, cid: str) -> bytes:
    response = httpx.get(f"{pds.url}/xrpc/com.atproto.sync.getBlob",
                         params={"did": did, "cid": cid}, timeout=20)
    response.raise_for_status()
    return response.content


def main_session(pds: PdsServer, owner: PdsAccount) -> dict[str, Any]:
    """A session made with the account's main password (for what app passwords may not do)."""
    response = pds.xrpc_post("com.atproto.server.createSession",
                             {"identifier": owner.handle, "password": owner.password})
    response.raise_for_status()
    session: dict[str, Any] = response.json()
    return session


def with_expired_access_token(session_string: str) -> str:
    """The same session, but its access token claims to have expired an hour ago.

    The SDK reads the expiry from the token without checking its signature and renews the
    session before using it, so the forged token never reaches the server; the refresh token,
    which does, is the real one.
    """
    handle, did, access, refresh, endpoint = session_string.split(":::")
    header, payload, signature = access.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["exp"] = int(datetime.now(UTC).timestamp()) - 3600
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return ":::".join([handle, did, f"{header}.{forged}.{signature}", refresh, endpoint])
