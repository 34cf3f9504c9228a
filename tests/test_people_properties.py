"""Random sequences of people operations by random actors (add, set-role, disable, enable,
confirm, submit, approve): whatever happens, no official post is ever published on the approval
of its author, of one of its editors, or, once two admins exist, of someone whose appointment no
second admin confirmed. The oracle reads the raw grant rows and the audit trail, not the rule."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.digest import content_digest
from safedesk.core.errors import SafeDeskError
from safedesk.core.models import Account, Content, DraftState, Pane, Person, Platform, Role
from tests.conftest import FakeClock
from tests.fake_platform import FakePlatform

OPERATIONS = ("add", "set_role", "disable", "enable", "confirm", "submit", "approve")
NAMES = ("Ada", "Bea", "Cai", "Dev", "Eli", "Fen", "Gus", "Hal")
step = st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 7), st.integers(0, 7),
                 st.sampled_from(list(Role)))


def _person(desk: SafeDesk, index: int) -> Person:
    people = desk.people.list()
    return people[index % len(people)]


def _second_admin_confirmed(desk: SafeDesk, approver_id: str) -> bool:
    """From the rows: the approver is the founder (added by setup), or their role's grant was
    confirmed by an admin who did not make it."""
    added = next(e for e in desk.store.audit_events()
                 if e.action == "person.add" and e.subject == approver_id)
    if added.actor == "setup":
        return True
    grants = [g for g in desk.store.list_grants() if g.person_id == approver_id
              and g.closed_at is None and (g.alone or g.confirmed_by)]
    latest = max(grants, key=lambda g: g.granted_at)
    return bool(latest.confirmed_by) and latest.confirmed_by != latest.granted_by


def _apply(desk: SafeDesk, council: Account, operation: str, a: int, b: int, role: Role,
           names_used: list[str]) -> None:
    actor = _person(desk, a)
    if operation == "add":
        name = NAMES[len(names_used) % len(NAMES)]
        names_used.append(name)
        desk.people.add(name, role, "the-passphrase", added_by=actor)
    elif operation == "set_role":
        desk.people.set_role(_person(desk, b).name, role, actor)
    elif operation == "disable":
        desk.people.disable(_person(desk, b).name, actor)
    elif operation == "enable":
        desk.people.enable(_person(desk, b).name, actor)
    elif operation == "confirm":
        desk.people.confirm(_person(desk, b).name, actor)
    elif operation == "submit":
        draft = desk.drafts.create(actor, Pane.OFFICIAL,
                                   Content(text=f"Post {len(desk.drafts.list())}",
                                           targets=(council.id,)))
        if b % 3 == 0:  # someone else edits it before it goes in
            editor = _person(desk, b)
            draft = desk.drafts.edit(draft.id, editor, Content(text=draft.content.text + "!",
                                                               targets=(council.id,)))
        desk.drafts.submit(draft.id, actor)
    elif operation == "approve":
        waiting = desk.queue.pending()
        if not waiting:
            return
        draft = waiting[b % len(waiting)]
        enabled_admins = sum(1 for p in desk.people.list()
                             if p.role is Role.ADMIN and p.disabled_at is None)
        approved = desk.drafts.approve(draft.id, actor, content_digest(draft.content))
        desk.publisher.publish(approved.id, actor)
        published = desk.drafts.get(draft.id)
        assert published.state is DraftState.PUBLISHED
        approval = published.approval
        assert approval is not None and approval.approver_id == actor.id
        assert actor.id != published.author_id
        assert actor.id not in published.editors
        if enabled_admins >= 2:
            assert _second_admin_confirmed(desk, actor.id), (actor.name, approval)
        elif not _second_admin_confirmed(desk, actor.id):
            assert approval.flag.startswith(f"approved by {actor.name}, whom ")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=25))
def test_no_official_post_is_published_on_an_approval_no_second_person_stands_behind(
        steps: list[tuple[str, int, int, Role]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        def client_for(account: Account) -> FakePlatform:
            return FakePlatform(account)

        desk = build(Settings(Path(folder) / "data"), clock=FakeClock(), clients=client_for)
        try:
            desk.people.add("Root", Role.ADMIN, "the-passphrase")
            council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON,
                                             "https://social.example.gov.uk", "council")
            names_used: list[str] = []
            for operation, a, b, role in steps:
                try:
                    _apply(desk, council, operation, a, b, role, names_used)
                except SafeDeskError:
                    continue  # refused: the rule held, nothing changed
        finally:
            desk.close()
