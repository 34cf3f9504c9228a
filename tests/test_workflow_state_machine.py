"""Random sequences of edit, submit, approve (directly or with a pre-approved correction
template), reject and publish by random people.

Whatever happens, no official post starts publishing unless a person who neither wrote nor edited
it approved the exact content (digest) it has at that moment; a pre-approval never lets an
author approve their own post. The model below tracks that from the actions that succeeded,
independently of how the store keeps approvals.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from safedesk.core.digest import content_digest
from safedesk.core.errors import InvalidInputError, NotAllowedError
from safedesk.core.models import Account, Content, DraftState, Pane, Person, Platform, Role
from safedesk.core.passphrase import hash_passphrase
from safedesk.core.templates import Template, TemplatePreapproval, render
from safedesk.core.workflow import PendingEvent
from safedesk.services.drafts import DraftService
from safedesk.storage.sqlite_store import SqliteStore
from tests.conftest import FakeClock

STORED_HASH = hash_passphrase("the-passphrase")  # hashing is slow on purpose; once is enough here
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
ROLES = [Role.AUTHOR, Role.AUTHOR, Role.APPROVER, Role.APPROVER, Role.ADMIN]
TEMPLATE = Template("correction", "en-GB", "Correction: {correction}", editor_id="p4")
FIELDS = {"correction": "Bins on Thursday."}
TEMPLATED = render(TEMPLATE, FIELDS)
TEXTS = st.sampled_from(["Bins delayed", "Bins delayed.", "Caf\u00e9 open", "Cafe\u0301 open", "",
                         TEMPLATED, TEMPLATED, TEMPLATED, TEMPLATED])


@dataclass
class Tracked:
    pane: Pane
    author: str
    text: str
    editors: set[str] = field(default_factory=set)
    approved_by: str | None = None
    approved_digest: str | None = None
    starts: int = 0


class ApprovalMachine(RuleBasedStateMachine):
    drafts = Bundle("drafts")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="safedesk-sm-"))
        self.clock = FakeClock(NOW)
        self.store = SqliteStore(self.folder / "db.sqlite3", self.clock)
        self.service = DraftService(self.store, self.clock)
        self.people = []
        for index, role in enumerate(ROLES):
            person = Person(id=f"p{index}", name=f"P{index}", role=role,
                            passphrase_hash=STORED_HASH, created_at=NOW)
            self.store.add_person(person, PendingEvent("setup", "person.add", person.id,
                                                       {"name": person.name, "role": role.value}))
            self.people.append(person)
        # One official account, and a personal one of each person's own.
        self.accounts: dict[tuple[Pane, str], Account] = {}
        owners = {Pane.OFFICIAL: [""], Pane.PERSONAL: [p.id for p in self.people]}
        for pane, pane_owners in owners.items():
            for owner in pane_owners:
                account = Account(id=f"acc-{pane.value}{owner}", pane=pane,
                                  platform=Platform.MASTODON, server="https://example.org",
                                  handle=f"{pane.value}{owner}", display_name="",
                                  created_at=NOW, owner_id=owner)
                details = {"pane": pane.value, "address": account.address,
                           **({"owner": owner} if owner else {})}
                self.store.add_account(account,
                                       PendingEvent("setup", "account.add", account.id, details))
                self.accounts[pane, owner] = account
        self.model: dict[str, Tracked] = {}

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def content(self, pane: Pane, text: str, author: str) -> Content:
        # Every draft answers an earlier post, so any of them may try a pre-approved template.
        account = self.accounts[pane, author if pane is Pane.PERSONAL else ""]
        return Content(text=text, targets=(account.id,), reply_to="original")

    def content_of(self, tracked: Tracked, text: str | None = None) -> Content:
        return self.content(tracked.pane, tracked.text if text is None else text, tracked.author)

    @initialize(target=drafts, who=st.integers(0, len(ROLES) - 1), text=TEXTS)
    def create_official(self, who: int, text: str) -> str:
        return self.create(who, Pane.OFFICIAL, text)

    @rule(target=drafts, who=st.integers(0, len(ROLES) - 1), pane=st.sampled_from(list(Pane)),
          text=TEXTS)
    def create(self, who: int, pane: Pane, text: str) -> str:
        person = self.people[who]
        draft = self.service.create(person, pane, self.content(pane, text, person.id))
        self.model[draft.id] = Tracked(pane, person.id, text, {person.id})
        return draft.id

    @rule(draft_id=drafts, who=st.integers(0, len(ROLES) - 1), text=TEXTS)
    def edit(self, draft_id: str, who: int, text: str) -> None:
        tracked = self.model[draft_id]
        person = self.people[who]
        try:
            self.service.edit(draft_id, person, self.content_of(tracked, text))
        except NotAllowedError:
            return
        tracked.text = text
        tracked.editors.add(person.id)
        tracked.approved_by = tracked.approved_digest = None

    def person(self, who: int, draft_id: str) -> Person:
        """``who`` of -1 means the draft's author, so author-only steps happen often enough."""
        if who < 0:
            return next(p for p in self.people if p.id == self.model[draft_id].author)
        return self.people[who]

    @rule(draft_id=drafts, who=st.integers(-1, len(ROLES) - 1))
    def submit(self, draft_id: str, who: int) -> None:
        try:
            self.service.submit(draft_id, self.person(who, draft_id))
        except (NotAllowedError, InvalidInputError):
            return
        self.model[draft_id].approved_by = None

    @rule(draft_id=drafts, who=st.integers(0, len(ROLES) - 1),
          stale=st.sampled_from([False, False, True]))
    def approve(self, draft_id: str, who: int, stale: bool) -> None:
        tracked = self.model[draft_id]
        current = content_digest(self.content_of(tracked))
        seen = content_digest(self.content_of(tracked, tracked.text + " (old)")) if stale \
            else current
        person = self.people[who]
        try:
            self.service.approve(draft_id, person, seen)
        except NotAllowedError:
            return
        assert not stale, "an approval of content the approver never saw was accepted"
        assert person.id not in tracked.editors, "an author or editor approved"
        assert person.role.may_approve
        tracked.approved_by, tracked.approved_digest = person.id, current

    # Mostly the approvers, so that pre-approvals succeed often enough to matter.
    @rule(draft_id=drafts, approver=st.sampled_from([2, 3, 2, 3, 0, 1, 4]),
          actor=st.integers(-1, len(ROLES) - 1))
    def approve_with_preapproval(self, draft_id: str, approver: int, actor: int) -> None:
        tracked = self.model[draft_id]
        signer = self.people[approver]
        preapproval = TemplatePreapproval("pre", TEMPLATE.name, TEMPLATE.language,
                                          TEMPLATE.version, signer.id, NOW)
        try:
            self.service.approve_by_preapproval(draft_id, preapproval, TEMPLATE, FIELDS,
                                                self.person(actor, draft_id))
        except NotAllowedError:
            return
        assert signer.id not in tracked.editors, "a pre-approval let an author or editor approve"
        assert signer.id != tracked.author, "a pre-approval let the author approve"
        assert signer.id != TEMPLATE.editor_id, "the template's editor pre-approved it"
        assert signer.role.may_approve
        assert tracked.text == TEMPLATED, "a pre-approval covered other words"
        tracked.approved_by = signer.id
        tracked.approved_digest = content_digest(self.content_of(tracked))

    @rule(draft_id=drafts, who=st.integers(0, len(ROLES) - 1), reject=st.booleans())
    def decline(self, draft_id: str, who: int, reject: bool) -> None:
        try:
            if reject:
                self.service.reject(draft_id, self.people[who], "No")
            else:
                self.service.request_changes(draft_id, self.people[who], "Fix it")
        except NotAllowedError:
            return

    @rule(draft_id=drafts, who=st.integers(-1, len(ROLES) - 1))
    def withdraw(self, draft_id: str, who: int) -> None:
        try:
            self.service.withdraw(draft_id, self.person(who, draft_id))
        except NotAllowedError:
            return
        self.model[draft_id].approved_by = None

    @rule(draft_id=drafts, who=st.integers(-1, len(ROLES) - 1))
    def start_publish(self, draft_id: str, who: int) -> None:
        tracked = self.model[draft_id]
        try:
            self.service.start_publish(draft_id, self.person(who, draft_id))
        except (NotAllowedError, InvalidInputError):
            return
        tracked.starts += 1
        if tracked.pane is Pane.OFFICIAL:
            digest_now = content_digest(self.content_of(tracked))
            assert tracked.approved_by is not None, "official post published without approval"
            assert tracked.approved_digest == digest_now, "approval was for other content"
            assert tracked.approved_by not in tracked.editors, "approved by an author or editor"

    @rule(draft_id=drafts, ok=st.booleans())
    def finish(self, draft_id: str, ok: bool) -> None:
        draft = self.service.get(draft_id)
        if draft.state is not DraftState.PUBLISHING:
            return
        self.service.finish_publish(draft_id, self.people[0], succeeded=ok)

    @precondition(lambda self: bool(self.model))
    @invariant()
    def stored_approval_always_matches_stored_content(self) -> None:
        for draft in self.store.list_drafts():
            if draft.approval is not None:
                assert draft.approval.digest == content_digest(draft.content)
                assert draft.approval.approver_id not in draft.editors
            if draft.state is DraftState.APPROVED:
                assert draft.approval is not None

    @invariant()
    def audit_chain_is_intact_and_the_tables_agree_with_it(self) -> None:
        from safedesk.services.audit import AuditService

        report = AuditService(self.store).verify()
        assert report.chain.intact
        assert report.findings == ()


ApprovalMachine.TestCase.settings = settings(
    max_examples=200, stateful_step_count=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestApprovalMachine = ApprovalMachine.TestCase
