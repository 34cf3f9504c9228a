"""What :meth:`CorrectionService.prepare` gives: the plan of a correction before it is posted,
with every account the original went to and why it cannot be published yet, if it cannot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from safedesk.core.corrections import DEFAULT_ACTION, EDITABLE_PLATFORMS, CorrectionKind, OriginalAction
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, Draft, Pane, Publication
from safedesk.core.pair_corrections import SecondLanguage, second_language_problems
from safedesk.core.platform import RemoteRef
from safedesk.core.target_check import TargetCheck
from safedesk.core.templates import Template, is_rendering_of, render


@dataclass(frozen=True, slots=True)
class PlannedTarget:
    """One account the original went to."""

    account: Account
    original: Publication
    check: TargetCheck  # the correction's text measured for this account
    sending: bool  # False when the original is gone there (or the account was removed)
    notes: tuple[str, ...] = ()

    @property
    def can_edit(self) -> bool:
        return self.account.platform in EDITABLE_PLATFORMS


@dataclass(frozen=True, slots=True)
class CorrectionPlan:
    # Becomes the incident's id: publishing the same plan twice (a double click) posts once.
    id: str
    pane: Pane
    kind: CorrectionKind
    original: Draft
    targets: tuple[PlannedTarget, ...]
    language: str  # the template language, en-GB or cy
    text: str
    template: Template | None = None  # None: the author's own words
    fields: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()  # placeholders still unfilled
    flags: tuple[str, ...] = ()  # claims of a hack, in either language: always for an approver
    # A bilingual original is corrected in both languages: ``text`` is then the Welsh, and
    # this the English (``core.pair_corrections``).
    translation: SecondLanguage | None = None

    @property
    def default_action(self) -> OriginalAction:
        return DEFAULT_ACTION[self.kind]

    @property
    def actions(self) -> tuple[OriginalAction, ...]:
        """What may be done to the original; edit only where some account can edit, and not
        a pair's: a note in one language would leave the other post unmarked."""
        edit = any(t.can_edit for t in self.sending) and self.translation is None
        return tuple(a for a in OriginalAction if a is not OriginalAction.EDIT or edit)

    @property
    def sending(self) -> tuple[PlannedTarget, ...]:
        return tuple(t for t in self.targets if t.sending)

    @property
    def uses_template_only(self) -> bool:
        return (self.template is not None and not self.missing
                and is_rendering_of(self.text, self.template, dict(self.fields))
                and (self.translation is None or self.translation.uses_template_only))

    @property
    def problems(self) -> tuple[Message, ...]:
        """Why it cannot be published as it stands; empty when it can."""
        found: list[Message] = []
        if self.missing:
            found.append(msg("Fill in {placeholders}.",
                             placeholders=", ".join(f"{{{m}}}" for m in self.missing)))
        if not self.text.strip():
            found.append(msg("The correction is empty."))
        if not self.sending:
            found.append(msg("The original is gone from every account, so there is nothing to "
                             "reply to."))
        found += [msg("{address}: {length}", address=t.account.address,
                      length=t.check.length.message())
                  for t in self.sending if not t.check.length.ok]
        if self.translation is not None:
            found += second_language_problems(self.translation,
                                              [t.account for t in self.sending])
        return tuple(found)


def check_ready(plan: CorrectionPlan) -> None:
    """Refused, naming what is wrong, unless the plan can be published as it stands."""
    if plan.missing and plan.template is not None:
        render(plan.template, dict(plan.fields))  # raises, naming what is unfilled
    if plan.problems:
        raise InvalidInputError(plan.problems[0])


@runtime_checkable
class EditChecker(Protocol):
    """A client that can refuse an edit before anything is sent (Mastodon's: a post that is not
    public, on a server that makes every edited post public)."""

    def check_edit(self, ref: RemoteRef) -> None: ...


def check_edits(plan: CorrectionPlan, clients: Callable[[Account], object]) -> None:
    """Refused, before the correction goes out, when an original to be edited to add the note
    could not be edited: with the reply out, that edit would fail again at every retry."""
    for target in plan.sending:
        client = clients(target.account) if target.can_edit else None
        if isinstance(client, EditChecker):
            original = target.original
            client.check_edit(RemoteRef(original.remote_id, original.remote_uri,
                                        original.remote_cid))
