"""Smoke tests of the reference-PDS harness, through the real atproto SDK.

They also pin down how this PDS (dev-env without an AppView) behaves towards the SDK, which the
Bluesky adapter's tests rely on.
"""

from __future__ import annotations

import base64
import json
import os
import random
import secrets
import shutil
import socket
import struct
import subprocess
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from atproto import Client, models
from atproto_client.exceptions import NetworkError
from atproto_client.models.utils import get_model_as_dict

from tests.servers.pds_harness import (
    PdsAccount,
    PdsInstall,
    PdsServer,
    listening_tcp_addresses,
)

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_POST = "app.bsky.feed.post"


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    """A valid RGB PNG, made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" + b"\x20\x80\xe0" * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def make_tid() -> str:
    """A record key in the TID format: microseconds since the epoch and a clock id, base32-sortable."""
    value = (time.time_ns() // 1000) << 10 | random.randrange(1024)
    return "".join(_TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


def jwt_payload(token: str) -> dict[str, Any]:
    body = token.split(".")[1]
    payload: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return payload


def signed_in(pds: PdsServer, account: PdsAccount) -> Client:
    """Sign in the way SafeDesk does, with the app password. No AppView: skip the profile fetch."""
    assert account.app_password is not None
    client = Client(base_url=pds.url)
    profile = client.login(account.handle, account.app_password, fetch_bsky_profile=False)
    assert profile is None
    return client


def create_session(server: PdsServer, account: PdsAccount) -> httpx.Response:
    return server.xrpc_post(
        "com.atproto.server.createSession",
        {"identifier": account.handle, "password": account.login_password},
    )


def list_posts(client: Client, did: str) -> list[models.ComAtprotoRepoListRecords.Record]:
    response = client.com.atproto.repo.list_records(
        models.ComAtprotoRepoListRecords.Params(repo=did, collection=_POST, limit=100)
    )
    return list(response.records)


def put_post(client: Client, did: str, rkey: str, text: str) -> models.ComAtprotoRepoPutRecord.Response:
    record = models.AppBskyFeedPost.Record(
        text=text, created_at="2026-11-21T09:00:00.000Z", langs=["en"]
    )
    return client.com.atproto.repo.put_record(
        models.ComAtprotoRepoPutRecord.Data(repo=did, collection=_POST, rkey=rkey, record=record)
    )


def test_servers_listen_on_loopback_only(pds: PdsServer) -> None:
    addresses = listening_tcp_addresses(pds.pid)
    ports = {port for _, port in addresses}
    pds_port = httpx.URL(pds.url).port
    plc_port = httpx.URL(pds.plc_url).port
    assert {pds_port, plc_port} <= ports
    assert {host for host, _ in addresses} == {"127.0.0.1"}, addresses


@pytest.mark.skipif(shutil.which("ss") is None, reason="ss (Debian package iproute2) is missing")
def test_ss_sees_only_loopback_listeners(pds: PdsServer) -> None:
    output = subprocess.run(
        ["ss", "-H", "-l", "-t", "-n", "-p"], capture_output=True, text=True, check=True
    ).stdout
    mine = [line.split() for line in output.splitlines() if f"pid={pds.pid}," in line]
    local_addresses = [fields[3] for fields in mine]
    assert len(local_addresses) >= 2, output
    assert all(address.startswith("127.0.0.1:") for address in local_addresses), local_addresses


def test_create_account_gives_handle_did_and_app_password(pds: PdsServer) -> None:
    account = pds.create_account("harness")
    assert account.handle.startswith("harness-")
    assert account.handle.endswith(".test")
    assert account.did.startswith("did:plc:")
    assert account.app_password is not None
    assert account.login_password == account.app_password
    assert account.app_password != account.password
    assert account.pds_url == pds.url


def test_create_account_rejects_a_bad_handle_prefix(pds_install: PdsInstall) -> None:
    server = PdsServer(pds_install)
    for prefix in ("Upper", "under_score", "-edge", "much-too-long-prefix", ""):
        with pytest.raises(ValueError, match="handle_prefix"):
            server.create_account(prefix)


def test_sign_in_with_app_password_and_post_text(pds: PdsServer) -> None:
    account = pds.create_account("text")
    client = signed_in(pds, account)
    session_info = client.com.atproto.server.get_session()
    assert session_info.did == account.did
    assert session_info.handle == account.handle
    # The session survives export and import, as SafeDesk stores it between runs.
    session_string = client.export_session_string()
    restored = Client(base_url=pds.url)
    restored.login(session_string=session_string, fetch_bsky_profile=False)
    assert restored.com.atproto.server.get_session().did == account.did

    text = f"Hello from the SafeDesk harness {secrets.token_hex(4)}"
    created = client.send_post(text, profile_identify=account.did)
    assert created.uri.startswith(f"at://{account.did}/{_POST}/")

    posts = list_posts(client, account.did)
    assert [(post.uri, post.cid, post.value.text) for post in posts] == [
        (created.uri, created.cid, text)
    ]


def test_app_password_session_has_app_password_scope(pds: PdsServer) -> None:
    account = pds.create_account("scope")
    assert account.app_password is not None
    response = create_session(pds, account)
    assert response.status_code == 200, response.text
    assert jwt_payload(response.json()["accessJwt"])["scope"] == "com.atproto.appPass"


def test_post_with_image(pds: PdsServer) -> None:
    account = pds.create_account("image")
    client = signed_in(pds, account)
    png = tiny_png()
    created = client.send_image(
        "A tiny picture", image=png, image_alt="Three by two blue pixels",
        profile_identify=account.did,
    )
    rkey = created.uri.rsplit("/", 1)[1]
    record = client.com.atproto.repo.get_record(
        models.ComAtprotoRepoGetRecord.Params(repo=account.did, collection=_POST, rkey=rkey)
    )
    assert record.cid == created.cid
    embed = record.value.embed
    assert isinstance(embed, models.AppBskyEmbedImages.Main)
    [image] = embed.images
    assert image.alt == "Three by two blue pixels"
    assert image.image.mime_type == "image/png"
    assert image.image.size == len(png)

    blob = client.com.atproto.sync.get_blob(
        models.ComAtprotoSyncGetBlob.Params(did=account.did, cid=image.image.cid.encode())
    )
    assert blob == png
    assert [post.uri for post in list_posts(client, account.did)] == [created.uri]


def test_login_fetching_the_bsky_profile_fails_without_an_appview(pds: PdsServer) -> None:
    """dev-env points the PDS at https://appview.invalid, so app.bsky.* answers 502."""
    account = pds.create_account("noappview")
    assert account.app_password is not None
    client = Client(base_url=pds.url)
    with pytest.raises(NetworkError, match="UpstreamFailure"):
        client.login(account.handle, account.app_password)


def test_put_record_with_a_client_tid_is_idempotent(pds: PdsServer) -> None:
    account = pds.create_account("putrecord")
    client = signed_in(pds, account)
    rkey = make_tid()

    first = put_post(client, account.did, rkey, "Posted once, whatever the retries")
    assert first.uri == f"at://{account.did}/{_POST}/{rkey}"
    assert first.commit is not None

    # The same record again: no new commit, same URI and CID.
    again = put_post(client, account.did, rkey, "Posted once, whatever the retries")
    assert (again.uri, again.cid) == (first.uri, first.cid)
    assert again.commit is None
    assert [post.uri for post in list_posts(client, account.did)] == [first.uri]

    # Different content under the same key silently replaces the post.
    edited = put_post(client, account.did, rkey, "Changed")
    assert edited.uri == first.uri
    assert edited.cid != first.cid
    [post] = list_posts(client, account.did)
    assert post.value.text == "Changed"


def test_put_record_with_swap_record_null_only_creates(pds: PdsServer) -> None:
    """``swapRecord: null`` (which the SDK cannot send: it drops None) means "must not exist yet"."""
    account = pds.create_account("swapnull")
    session = create_session(pds, account).json()
    rkey = make_tid()

    def put(text: str) -> httpx.Response:
        record = {"$type": _POST, "text": text, "createdAt": "2026-11-21T09:00:00.000Z"}
        return pds.xrpc_post(
            "com.atproto.repo.putRecord",
            {"repo": account.did, "collection": _POST, "rkey": rkey, "record": record,
             "swapRecord": None},
            access_jwt=session["accessJwt"],
        )

    created = put("First")
    assert created.status_code == 200, created.text
    same = put("First")
    assert same.status_code == 200, same.text
    assert same.json()["cid"] == created.json()["cid"]
    assert "commit" not in same.json()
    different = put("Second")
    assert different.status_code == 400
    assert different.json()["error"] == "InvalidSwap"


def test_create_record_with_a_taken_rkey_is_a_server_error(pds: PdsServer) -> None:
    account = pds.create_account("duprkey")
    client = signed_in(pds, account)
    rkey = make_tid()
    record = models.AppBskyFeedPost.Record(text="Once", created_at="2026-11-21T09:00:00.000Z")
    data = models.ComAtprotoRepoCreateRecord.Data(
        repo=account.did, collection=_POST, rkey=rkey, record=record
    )
    client.com.atproto.repo.create_record(data)
    session = create_session(pds, account).json()
    duplicate = pds.xrpc_post(
        "com.atproto.repo.createRecord",
        get_model_as_dict(data),
        access_jwt=session["accessJwt"],
    )
    assert duplicate.status_code == 500
    assert duplicate.json()["error"] == "InternalServerError"


def test_rate_limits_are_off_by_default(pds: PdsServer) -> None:
    response = create_session(pds, pds.create_account("nolimit"))
    assert response.status_code == 200
    assert "ratelimit-limit" not in response.headers
    assert pds.info["rateLimits"] is False


def test_rate_limits_on_answer_429(pds_rate_limited: PdsServer) -> None:
    """createSession allows 30 sign-ins per handle (and IP) in 5 minutes; the 31st gets 429."""
    account = pds_rate_limited.create_account("limited")
    first = create_session(pds_rate_limited, account)
    assert first.status_code == 200
    assert first.headers["ratelimit-limit"] == "30"
    assert first.headers["ratelimit-remaining"] == "29"
    # Signing in costs the server a password hash each time: send the other 30 at once.
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda _: create_session(pds_rate_limited, account), range(30)))
    limited = [response for response in responses if response.status_code == 429]
    assert len(limited) == 1, [response.status_code for response in responses]
    assert {response.status_code for response in responses} == {200, 429}
    assert limited[0].json()["error"] == "RateLimitExceeded"
    assert limited[0].headers["ratelimit-remaining"] == "0"


def test_stop_ends_the_process_and_removes_its_files(pds_install: PdsInstall) -> None:
    with PdsServer(pds_install) as server:
        pid = server.pid
        run_dir = server.run_dir
        pds_port = httpx.URL(server.url).port
        assert pds_port is not None
        server.create_account("stopper")
        assert any((run_dir / "tmp").iterdir())
        assert server.log_path.stat().st_size > 0
        assert server.startup_seconds < 60
    assert not run_dir.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", pds_port)):
        pass
    server.stop()  # stopping twice is harmless
