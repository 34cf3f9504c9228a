"""The team's publishers, as processes on machines of their own, against the real team PostgreSQL,
the reference Bluesky PDS and the Mastodon test server.

Each :class:`Machine` is a computer of the team: a data folder joined with ``safedesk team join``
and a keyring of its own (a private D-Bus session with its own GNOME Keyring), so the second
publisher holds the official accounts' secrets only because it signed in to them itself
(``accounts signin ID``). Posts are written and approved through the team stores as Jo and
Sam/Kim would from their desks, which are closed again before anything falls due.

What is shown:
- two ``safedesk publisher run`` at once over 50 scheduled posts send each exactly once on each
  platform, claim each draft once in the audit trail, leave the chain intact, report their
  heartbeats and last publish to ``team doctor``, and stop on SIGTERM with exit 0;
- a scheduled post goes out on time with only the publisher running;
- a publisher killed mid-publish holds its draft while it lives; once it is dead, the other one
  finishes the post without sending it twice;
- under the advisory lock, the claim is the server's own compare-and-set: of two publisher logins
  claiming the same version at once, one wins.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.core import workflow
from safedesk.core.digest import content_digest
from safedesk.core.errors import ConcurrentChangeError, InvalidTransitionError
from safedesk.core.models import (
    Account,
    AuditEvent,
    Content,
    DraftState,
    Pane,
    Platform,
    Publication,
    PublicationState,
)
from safedesk.core.ports import SystemClock
from safedesk.core.workflow import PendingEvent
from safedesk.platforms import bluesky_signin, mastodon_signin
from safedesk.services.drafts import DraftService
from safedesk.team.admin import add_person
from safedesk.team.pg_store import PgStore
from tests.bluesky_support import list_records
from tests.cli_support import needs_secret_service
from tests.servers.fault_proxy import FaultProxy
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.team_support import Team
from tests.test_team_live_processes import DeskProcess

INTERVAL_S = 0.5  # how often each publisher looks for due posts
COMMAND_TIMEOUT_S = 120
KEYRING_PASSWORD = "machine-keyring"  # unlocks a throw-away test keyring
PUB2 = "Pub2"
MASTODON_POST = ("POST", "/api/v1/statuses")


class PublisherProcess:
    """``safedesk publisher run`` on a machine; its log is read as it is written."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._lock:
                self._lines.append(line.rstrip("\n"))

    @property
    def log(self) -> str:
        with self._lock:
            return "\n".join(self._lines)

    def wait_for(self, words: str, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while words not in self.log:
            assert self.process.poll() is None, f"the publisher ended:\n{self.log}"
            assert time.monotonic() < deadline, f"no {words!r} in:\n{self.log}"
            time.sleep(0.05)

    def terminate(self) -> int:
        """SIGTERM, as a service manager stops it; its exit code."""
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(30)
        self._reader.join(10)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(30)


class Machine(DeskProcess):
    """A computer of the team: ``safedesk --data-dir DIR …`` as ``who``, with its own keyring."""

    def __init__(self, team: Team, who: str, root: Path) -> None:
        super().__init__(team, who, root / "safedesk")
        runtime = root / "runtime"
        runtime.mkdir(parents=True, mode=0o700)
        self.env = {**os.environ, "XDG_DATA_HOME": str(root / "data"),
                    "XDG_RUNTIME_DIR": str(runtime)}
        for inherited in ("SAFEDESK_PASSPHRASE", "SAFEDESK_TEAM_PASSWORD", "SAFEDESK_LOG"):
            self.env.pop(inherited, None)
        self._bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork",
                                      "--print-address=1"], stdout=subprocess.PIPE, text=True,
                                     env=self.env)
        assert self._bus.stdout is not None
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self._bus.stdout.readline().strip()
        subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                       input=KEYRING_PASSWORD, env=self.env, capture_output=True, text=True,
                       check=True, timeout=30)
        self.publishers: list[PublisherProcess] = []

    def __call__(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        if args[:2] == ("team", "join"):  # the keyring keeps it from then on
            env["SAFEDESK_TEAM_PASSWORD"] = self.team.passwords[self.who]
        return subprocess.run(
            [sys.executable, "-m", "safedesk", "--data-dir", str(self.data_dir), *args],
            input=stdin, capture_output=True, text=True, env=env, timeout=COMMAND_TIMEOUT_S,
            check=False)

    def holds_secrets(self, official: Official) -> bool:
        """Whether this machine's own keyring holds both official accounts' sign-ins."""
        asked = [(official.mastodon_id, mastodon_signin.SECRET_KINDS[0]),
                 (official.bluesky_id, bluesky_signin.SECRET_KINDS[0])]
        script = ("import keyring, sys; from safedesk.credentials import SERVICE_NAME; "
                  f"print(all(keyring.get_password(SERVICE_NAME, f'{{a}}:{{k}}') for a, k in "
                  f"{asked!r}))")
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env=self.env, timeout=COMMAND_TIMEOUT_S, check=True)
        return done.stdout.strip() == "True"

    def start_publisher(self) -> PublisherProcess:
        process = subprocess.Popen(
            [sys.executable, "-m", "safedesk", "--data-dir", str(self.data_dir), "publisher",
             "run", "--interval", f"{INTERVAL_S:g}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=self.env)
        publisher = PublisherProcess(process)
        self.publishers.append(publisher)
        publisher.wait_for("publisher started")
        return publisher

    def close(self) -> None:
        for publisher in self.publishers:
            publisher.kill()
        self._bus.terminate()
        self._bus.wait(10)


@dataclass(frozen=True)
class Official:
    """The council's official accounts, as the team server knows them."""

    mastodon_id: str
    bluesky_id: str
    did: str

    @property
    def targets(self) -> tuple[str, str]:
        return (self.mastodon_id, self.bluesky_id)


def add_official_accounts(first: Machine, others: list[Machine], council: Council,
                          pds: PdsServer, *, mastodon_url: str = "") -> Official:
    """``first`` adds the accounts; every other publisher signs in to them on its own machine,
    and until then cannot read their secrets. ``mastodon_url``: the server as the accounts
    know it (a proxy in front of the test server)."""
    token, mastodon_url = council.token, mastodon_url or council.server.url
    first.ok("accounts", "add", "--pane", "official", "--platform", "mastodon", "--server",
             mastodon_url, "--token-stdin", stdin=token + "\n")
    owner = pds.create_account("council")
    assert owner.app_password is not None
    first.ok("accounts", "add", "--pane", "official", "--platform", "bluesky", "--server",
             pds.url, "--handle", owner.handle, "--app-password-stdin",
             stdin=owner.app_password + "\n")
    ids = {a["platform"]: a["id"] for a in
           json.loads(first.ok("accounts", "list", "--pane", "official", "--json"))}
    official = Official(ids["mastodon"], ids["bluesky"], owner.did)
    assert first.holds_secrets(official)
    for machine in others:
        assert not machine.holds_secrets(official)  # another computer, another keyring
        machine.ok("accounts", "signin", ids["mastodon"], "--token-stdin", stdin=token + "\n")
        machine.ok("accounts", "signin", ids["bluesky"], "--app-password-stdin",
                   stdin=owner.app_password + "\n")
        assert machine.holds_secrets(official)
    return official


@dataclass(frozen=True)
class Council:
    """The council's user on the Mastodon test server, and its token."""

    server: MastodonTestServer
    token: str

    def texts(self) -> list[str]:
        return [str(s["text"]) for s in self.server.statuses_for("council")]


@pytest.fixture
def council(mastodon: MastodonTestServer) -> Council:
    mastodon.honour_idempotency(False)  # only SafeDesk's own care keeps a post single
    mastodon.set_rate_limit(10_000)  # two publishers share one token's budget
    return Council(mastodon, mastodon.create_user("council"))


@contextlib.contextmanager
def machines(team: Team, tmp_path: Path, *who: str) -> Iterator[list[Machine]]:
    made: list[Machine] = []
    try:
        for name in who:
            machine = Machine(team, name, tmp_path / name.lower())
            made.append(machine)
            machine.join()
        yield made
    finally:
        for machine in made:
            machine.close()


def add_second_publisher(team: Team) -> None:
    login = team.database.role_name("pub2")
    password = "pub2-team-password"
    add_person(team.store("Ada"), PUB2, "publisher", login, password=password)
    team.logins[PUB2], team.passwords[PUB2] = login, password


def approve_scheduled(team: Team, targets: tuple[str, ...],
                      posts: Sequence[tuple[str, datetime | None]]) -> list[str]:
    """Jo writes and submits each post, Sam and Kim take turns approving it, each from their
    own login; their desks are closed again before this returns."""
    stores = {who: PgStore(team.conninfo(who), password=team.passwords[who])
              for who in ("Jo", "Sam", "Kim")}
    try:
        people = {who: store.get_person(store.whoami().person_id)
                  for who, store in stores.items()}
        desks = {who: DraftService(store, SystemClock()) for who, store in stores.items()}
        ids = []
        for number, (text, schedule_at) in enumerate(posts):
            draft = desks["Jo"].create(people["Jo"], Pane.OFFICIAL, Content(
                text=text, targets=targets, schedule_at=schedule_at))
            draft = desks["Jo"].submit(draft.id, people["Jo"])
            approver = ("Sam", "Kim")[number % 2]
            desks[approver].approve(draft.id, people[approver], content_digest(draft.content))
            ids.append(draft.id)
        return ids
    finally:
        for store in stores.values():
            store.close()


def draft_states(team: Team) -> Counter[str]:
    with team.raw("Ada") as conn:
        rows = conn.execute("SELECT state, count(*) FROM safedesk.drafts GROUP BY state")
        return Counter({str(state): int(str(n)) for state, n in rows})


def wait_until_published(team: Team, count: int, timeout_s: float) -> None:
    """Until no draft waits or is being sent; then every one of ``count`` must be published."""
    deadline = time.monotonic() + timeout_s
    while (states := draft_states(team))["approved"] + states["publishing"]:
        assert time.monotonic() < deadline, f"not all published in time: {dict(states)}"
        time.sleep(0.2)
    assert states == Counter(published=count)


def claims(team: Team) -> Counter[str]:
    """How many times each approved draft was claimed (``draft.start_publish`` from
    ``approved``) in the team's trail. A claim from ``unknown`` or ``failed`` is not one: it is
    the designed check-and-finish of a send whose answer was lost (a timeout on a loaded
    machine), which looks on the server before sending; ``retries_follow_doubt`` holds it to
    that."""
    store = team.store("Ada")
    return Counter(e.subject for e in store.audit_events()
                   if e.action == "draft.start_publish" and e.details.get("from") == "approved")


def retries_follow_doubt(team: Team) -> list[str]:
    """Every claim of a draft after its first must come straight after that draft's send was
    recorded as failed or not known. What breaks that is said, with the draft's whole story."""
    stories: dict[str, list[AuditEvent]] = {}
    for event in team.store("Ada").audit_events():
        if event.action.startswith("draft."):
            stories.setdefault(event.subject, []).append(event)
    wrong = []
    for draft_id, story in stories.items():
        claimed = [n for n, e in enumerate(story) if e.action == "draft.start_publish"]
        if any(story[n - 1].action not in ("draft.publish_unknown", "draft.publish_failed")
               for n in claimed[1:]):
            wrong.append(f"{draft_id}: " + ", ".join(
                f"{e.action}({e.details.get('from')}->{e.details.get('to')}) by {e.actor}"
                for e in story))
    return wrong


@needs_secret_service
def test_two_publishers_at_once_send_each_scheduled_post_exactly_once(
        team: Team, tmp_path: Path, council: Council, pds: PdsServer) -> None:
    add_second_publisher(team)
    with machines(team, tmp_path, "Pub", PUB2, "Ada") as (first, second, admin):
        official = add_official_accounts(first, [second], council, pds)
        one, two = first.start_publisher(), second.start_publisher()

        lead = timedelta(seconds=5)  # time to approve all 50 before the first falls due
        start = datetime.now().astimezone() + lead
        texts = [f"Notice {n}: the market square is closed on Sunday." for n in range(50)]
        posts = [(text, start + timedelta(milliseconds=20 * n)) for n, text in enumerate(texts)]
        ids = approve_scheduled(team, official.targets, posts)
        assert datetime.now().astimezone() < start, "approving took longer than the lead time"
        assert draft_states(team)["approved"] == 50

        wait_until_published(team, 50, timeout_s=240)
        assert Counter(council.texts()) == Counter(texts)
        assert Counter(r["value"]["text"] for r in list_records(pds, official.did)) \
            == Counter(texts)
        assert claims(team) == Counter(ids)  # each draft claimed once, by one publisher
        assert retries_follow_doubt(team) == []
        with team.raw("Ada") as conn:
            claimed_by = Counter(str(login) for (login,) in conn.execute(
                "SELECT claimed_by FROM safedesk.drafts"))
        assert set(claimed_by) == {team.logins["Pub"], team.logins[PUB2]}, claimed_by

        verified = admin("team", "verify")
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert "intact" in verified.stdout
        doctor = admin.ok("team", "doctor")
        for who in ("Pub", PUB2):
            line = next(line for line in doctor.splitlines()
                        if f"publisher {team.logins[who]}:" in line)
            assert line.startswith("[ok]"), doctor
            heard = re.search(r"last heard (\d+) s ago", line)
            assert heard is not None and int(heard[1]) <= 2, doctor
            assert f"last publish {datetime.now().astimezone():%d %b %Y}" in line, doctor

        assert one.terminate() == 0, one.log
        assert two.terminate() == 0, two.log
        assert "publisher stopped" in one.log and "publisher stopped" in two.log


@needs_secret_service
def test_a_scheduled_post_goes_out_on_time_with_every_desk_closed(
        team: Team, tmp_path: Path, council: Council, pds: PdsServer) -> None:
    with machines(team, tmp_path, "Pub") as (publisher_machine,):
        official = add_official_accounts(publisher_machine, [], council, pds)
        publisher = publisher_machine.start_publisher()
        schedule_at = datetime.now().astimezone() + timedelta(seconds=4)
        text = "Polling stations are open from 7am to 10pm today."
        [draft_id] = approve_scheduled(team, official.targets, [(text, schedule_at)])
        # Jo's and Sam's desks are closed now: only the publisher is connected.
        wait_until_published(team, 1, timeout_s=30)

        publications = team.store("Ada").list_publications(draft_id=draft_id)
        assert {p.state for p in publications} == {PublicationState.PUBLISHED}
        for publication in publications:
            assert publication.published_at is not None
            late = (publication.published_at - schedule_at).total_seconds()
            assert -0.5 < late < INTERVAL_S + 2.0, f"published {late:.2f} s after its time"
        assert council.texts() == [text]
        assert [r["value"]["text"] for r in list_records(pds, official.did)] == [text]
        assert publisher.terminate() == 0, publisher.log


@needs_secret_service
def test_a_killed_publisher_is_finished_by_the_other_without_a_duplicate(
        team: Team, tmp_path: Path, council: Council, pds: PdsServer) -> None:
    add_second_publisher(team)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:  # the post is on the server; its answer is not back yet
        held.set()
        release.wait(60)

    with FaultProxy(council.server.url) as proxy, \
            machines(team, tmp_path, "Pub", PUB2) as (first, second):
        official = add_official_accounts(first, [second], council, pds,
                                         mastodon_url=proxy.url)
        text = "Road closed at the bridge until further notice."
        proxy.on_answer(*MASTODON_POST, hold, relay=False)
        [draft_id] = approve_scheduled(team, official.targets, [(text, None)])
        dying = first.start_publisher()
        assert held.wait(30), dying.log
        survivor = second.start_publisher()

        # While the first publisher lives, the second leaves its post alone, round after round.
        since = beat_of(team, PUB2)
        deadline = time.monotonic() + 30
        while beat_of(team, PUB2) < since + timedelta(seconds=3 * INTERVAL_S):
            assert time.monotonic() < deadline, survivor.log
            time.sleep(0.1)
        assert team.store("Ada").get_draft(draft_id).state is DraftState.PUBLISHING
        assert proxy.count(*MASTODON_POST) == 1
        assert draft_id not in survivor.log

        dying.kill()  # SIGKILL: no goodbye, its session's lock goes with it
        release.set()
        wait_until_published(team, 1, timeout_s=30)
        survivor.wait_for(f"after an interruption, published draft {draft_id}")
        assert survivor.terminate() == 0, survivor.log

    assert council.texts() == [text]
    assert [r["value"]["text"] for r in list_records(pds, official.did)] == [text]
    assert proxy.count(*MASTODON_POST) == 1  # found on the server, not sent again
    assert claims(team) == Counter([draft_id])
    [mastodon_publication] = [p for p in team.store("Ada").list_publications(draft_id=draft_id)
                              if p.account_id == official.mastodon_id]
    assert mastodon_publication.remote_id == council.server.statuses_for("council")[0]["id"]


def beat_of(team: Team, who: str) -> datetime:
    with team.raw("Ada") as conn:
        row = conn.execute("SELECT beat_at FROM safedesk.publishers WHERE login = %s",
                           (team.logins[who],)).fetchone()
    assert row is not None and isinstance(row[0], datetime), f"{who} never reported"
    return row[0]


def test_the_server_lets_one_of_two_publishers_claim_a_draft(team: Team) -> None:
    """What a publisher without its lock (a modified one) would meet: the claim itself is the
    server's compare-and-set on the draft's version, so of two claims of the same version, sent
    at the same moment from two publisher logins, one wins and the other changes nothing."""
    add_second_publisher(team)
    account = Account(id="council-bsky", pane=Pane.OFFICIAL, platform=Platform.BLUESKY,
                      server="https://bsky.example", handle="council.example",
                      display_name="Council", created_at=datetime.now(UTC))
    team.store("Pub").add_account(account, PendingEvent("ignored", "account.add", account.id,
                                                        {"address": account.address}))
    [draft_id] = approve_scheduled(team, (account.id,), [("Bins go out on Tuesday.", None)])
    stores = {who: team.store(who) for who in ("Pub", PUB2)}
    changes = {}
    for who, store in stores.items():  # both read the same approved version
        person = store.get_person(store.whoami().person_id)
        key = f"key-{who}"
        changes[who] = workflow.start_publish(
            store.get_draft(draft_id), person, {account.id: account}, datetime.now(UTC),
            (Publication(id=key, draft_id=draft_id, account_id=account.id, pane=Pane.OFFICIAL,
                         idempotency_key=key, state=PublicationState.PENDING),))

    together = threading.Barrier(len(stores))
    outcomes: dict[str, str] = {}

    def claim(who: str) -> None:
        together.wait(10)
        try:
            stores[who].apply(changes[who])
            outcomes[who] = "claimed"
        except (ConcurrentChangeError, InvalidTransitionError) as refused:
            outcomes[who] = type(refused).__name__

    threads = [threading.Thread(target=claim, args=(who,)) for who in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == sorted(stores), outcomes
    winners = [who for who, outcome in outcomes.items() if outcome == "claimed"]
    assert len(winners) == 1, outcomes
    winner = winners[0]
    assert claims(team) == Counter([draft_id])
    publications = team.store("Ada").list_publications(draft_id=draft_id)
    assert [p.idempotency_key for p in publications] == [f"key-{winner}"]
    with team.raw("Ada") as conn:
        row = conn.execute("SELECT claimed_by FROM safedesk.drafts WHERE id = %s",
                           (draft_id,)).fetchone()
    assert row == (team.logins[winner],)
