"""The services, storage, platforms and team in Welsh: what they say reaches a person in the
language chosen, through the command line (``--lang cy``) and through the errors the adapters
raise against the real servers, rendered with the Welsh catalog as the window renders them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from safedesk.cli.console import ExitCode
from safedesk.core.errors import ConnectionFailedError, RateLimitedError, SignedOutError
from safedesk.core.models import Account, Pane, Platform
from safedesk.core.platform import PostRequest, RemoteRef
from safedesk.core.ports import CredentialStore
from safedesk.i18n.catalog import translator
from safedesk.i18n.languages import WELSH
from safedesk.platforms.mastodon_client import ACCESS_TOKEN, MastodonClient
from safedesk.platforms.mastodon_common import SCOPES
from safedesk.platforms.mastodon_signin import save_sign_in, sign_in_with_token
from tests.cli_support import Run, with_admin
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer

CYMRAEG = translator(WELSH)
needs_secret_service = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the CLI keeps secrets in the real Secret Service that scripts/test.sh starts")


@pytest.fixture
def mastodon() -> Iterator[MastodonTestServer]:
    with MastodonTestServer() as server:
        yield server
        assert server.crashes == []


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    """A fresh desk whose only person is Ada, an admin."""
    return with_admin(data_dir, capsys, monkeypatch)


def signed_in(server: MastodonTestServer, credentials: CredentialStore) -> tuple[MastodonClient, str]:
    """alice on the test server, signed in with SafeDesk's scopes as the account service does."""
    token = server.create_user("alice", scopes=" ".join(SCOPES))
    identity = sign_in_with_token(server.url, token, timeout=5.0)
    account = Account(id=f"acc-{uuid.uuid4()}", pane=Pane.PERSONAL, platform=Platform.MASTODON,
                      server=identity.server, handle=identity.handle, display_name="Alice",
                      created_at=datetime.now(UTC), remote_id=identity.remote_id,
                      limits=identity.limits)
    save_sign_in(credentials, account.id, identity)
    return MastodonClient(account, credentials, timeout=5.0), token


def post(text: str) -> PostRequest:
    return PostRequest(text=text, idempotency_key=str(uuid.uuid4()))


# -- the adapters' errors ----------------------------------------------------------------------

def test_a_mastodon_rate_limit_is_explained_in_welsh_with_its_time_and_minutes(
        mastodon: MastodonTestServer) -> None:
    client, _ = signed_in(mastodon, credential_store())
    mastodon.set_rate_limit(10, remaining=0)
    with pytest.raises(RateLimitedError) as caught:
        client.publish(post("too fast"))
    reset_at = caught.value.reset_at
    assert reset_at is not None
    host = mastodon.url.split("://")[1]
    minutes = round((reset_at - datetime.now(UTC)).total_seconds() / 60)
    welsh = caught.value.text(CYMRAEG)
    assert welsh == (f"Mae {host} yn gofyn i SafeDesk arafu ar gyfer @alice@{host}. Rhowch gynnig "
                     f"arall ar ôl {reset_at.astimezone():%H:%M} (ymhen tua {minutes} munud).")
    assert str(caught.value).startswith(f"{host} asks SafeDesk to slow down for @alice@{host}.")


def test_a_revoked_mastodon_sign_in_is_explained_in_welsh(mastodon: MastodonTestServer) -> None:
    client, token = signed_in(mastodon, credential_store())
    mastodon.revoke(token)
    with pytest.raises(SignedOutError) as caught:
        client.publish(post("after"))
    host = mastodon.url.split("://")[1]
    assert caught.value.text(CYMRAEG) == (
        f"Dyw Mastodon ddim yn derbyn mewngofnod SafeDesk ar gyfer @alice@{host} bellach. "
        "Mewngofnodwch eto.")
    assert str(caught.value) == (f"Mastodon no longer accepts SafeDesk's sign-in for "
                                 f"@alice@{host}. Sign in again.")


def test_an_unreachable_server_says_how_it_failed_in_welsh() -> None:
    """A message made of parts (how the connection failed) is Welsh in every part."""
    account = Account(id="acc-nowhere", pane=Pane.PERSONAL, platform=Platform.MASTODON,
                      server="http://127.0.0.1:9", handle="alice", display_name="Alice",
                      created_at=datetime.now(UTC))
    credentials = credential_store()
    credentials.put(account.id, ACCESS_TOKEN, "a-token-for-nowhere")
    with pytest.raises(ConnectionFailedError) as caught:
        MastodonClient(account, credentials, timeout=2).fetch(RemoteRef("1"))
    assert caught.value.text(CYMRAEG) == (
        "Methu cysylltu â 127.0.0.1:9 o gwbl. Gwiriwch y cyfeiriad a\u2019ch cysylltiad \u00e2\u2019r "
        "rhyngrwyd; chafodd dim ei anfon.")


# -- the command line ---------------------------------------------------------------------------

@needs_secret_service
def test_adding_and_removing_an_account_speaks_welsh(run: Run,
                                                     mastodon: MastodonTestServer) -> None:
    code, _, err = run("--lang", "cy", "accounts", "add", "--pane", "personal", "--platform",
                       "mastodon", "--server", "not a server", "--token-stdin", stdin="token\n")
    assert code == ExitCode.BAD_INPUT
    assert err == ("safedesk: Nid yw “not a server” yn gyfeiriad gweinydd. Teipiwch e fel "
                   "mastodon.social.\n")

    token = mastodon.create_user("council")
    add = ("accounts", "add", "--platform", "mastodon", "--server", mastodon.url,
           "--token-stdin")
    assert run(*add, "--pane", "official", stdin=token + "\n")[0] == 0
    code, _, err = run("--lang", "cy", *add, "--pane", "personal", stdin=token + "\n")
    assert code == ExitCode.BAD_INPUT
    host = mastodon.url.split("://")[1]
    assert err.startswith(f"safedesk: Mae @council@{host} yn SafeDesk yn barod, yn y paen "
                          "swyddogol.")

    code, out, _ = run("accounts", "list", "--json")
    account_id = out.split('"id": "')[1].split('"')[0]
    code, out, _ = run("--lang", "cy", "accounts", "remove", account_id)
    assert code == 0
    assert out == (f"Wedi allgofnodi o @council@{host}. Cafodd y tocyn mynediad ei greu ar "
                   f"{host}, felly dim ond chi all ei ddiddymu yno, o dan Preferences > "
                   "Development.\n")


def test_a_service_refusal_speaks_welsh_with_its_parts(run: Run) -> None:
    code, _, err = run("--lang", "cy", "people", "disable", "Ada", "--as", "Ada")
    assert code == ExitCode.NOT_ALLOWED
    assert err == ("safedesk: Ada yw\u2019r unig weinyddwr, felly ni all gael ei analluogi. "
                   "Gwnewch rywun arall yn weinyddwr yn gyntaf.\n")
    code, _, err = run("people", "disable", "Ada", "--as", "Ada")  # English stays as it was
    assert err == ("safedesk: Ada is the only admin, so cannot be disabled. Make someone else an "
                   "admin first.\n")


def test_a_damaged_database_is_explained_in_welsh(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "safedesk.sqlite3").write_bytes(b"garbage, not a database at all" * 10)
    code, _, err = Run(tmp_path, capsys, monkeypatch)("--lang", "cy", "people", "list")
    assert code == ExitCode.DATA_PROBLEM
    assert err.endswith(
        f"safedesk: Mae {tmp_path / 'safedesk.sqlite3'} wedi\u2019i ddifrodi neu nid cronfa ddata "
        "SafeDesk yw hi. Symudwch hi i rywle arall (cadwch gopi i ymchwilio iddo) a dechreuwch "
        "SafeDesk eto, neu adferwch hi o gopi wrth gefn.\n")


def test_joining_a_team_speaks_welsh(run: Run) -> None:
    code, _, err = run("--lang", "cy", "team", "join", "postgresql://127.0.0.1:1/council")
    assert code == ExitCode.BAD_INPUT
    assert err == ("safedesk: Rhowch eich mewngofnod yn URL y t\u00eem: "
                   "postgresql://LOGIN@HOST:5432/DATABASE\n")
    code, _, err = run("--lang", "cy", "team", "join",
                       "postgresql://jo:pw@127.0.0.1:1/council?connect_timeout=2")
    assert code == ExitCode.DATA_PROBLEM
    assert err.startswith("safedesk: Does dim modd cyrraedd 127.0.0.1:1/council (")
    assert err.endswith("). Mae drafftiau swyddogol yn aros ar y cyfrifiadur hwn ac yn cael eu "
                        "hanfon at y t\u00eem pan fydd yn \u00f4l.\n")
    code, out, _ = run("--lang", "cy", "team", "doctor",
                       "postgresql://jo:pw@127.0.0.1:1/council?connect_timeout=2")
    assert code == ExitCode.FAILED
    assert out.startswith("[!!] connection: Does dim modd cyrraedd 127.0.0.1:1/council (")
    code, out, _ = run("team", "doctor", "--json",
                       "postgresql://jo:pw@127.0.0.1:1/council?connect_timeout=2")
    assert '"detail": "127.0.0.1:1/council cannot be reached (' in out  # scripts read English


def test_the_notice_that_the_data_was_made_private_speaks_welsh(run: Run) -> None:
    database = run.data_dir / "safedesk.sqlite3"
    database.chmod(0o644)
    code, _, err = run("--lang", "cy", "people", "list")
    assert code == 0
    assert err.startswith(
        f"safedesk: Gwnaeth SafeDesk ei ddata yn {run.data_dir} yn breifat i chi: roedd modd i "
        "ddefnyddwyr eraill y cyfrifiadur hwn ddarllen safedesk.sqlite3 o\u2019r blaen. Mae "
        "ffolderi nawr yn 0700 a ffeiliau yn 0600.\n")
