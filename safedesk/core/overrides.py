"""An approver's written override of policy blocks only they may lift (a watched term in an
election period): which blocks it lifts, in words a reviewer or an export can show.

An approval names each lifted block by its ``Finding.override_key`` (rule, field and words), so
the override covers exactly the blocks the approver read; this module reads those keys back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from safedesk.core.messages import Message, msg
from safedesk.core.models import Approval
from safedesk.core.policy import FieldKind, FieldRef, Finding, blocking


@dataclass(frozen=True, slots=True)
class LiftedBlock:
    """One block an override lifted: the rule, the field it was in and the words."""

    rule: str
    field: FieldRef
    words: str

    def as_json(self) -> dict[str, str]:
        return {"rule": self.rule, "field": self.field.key, "words": self.words}

    def describe(self) -> str:
        return str(self.said())

    def said(self) -> Message:
        """The block for people: "“vote for” in the text (election)"."""
        return msg("“{words}” in {field} ({rule})", words=self.words, field=self.field.words,
                   rule=self.rule)


def needs_reason(blocks: Iterable[Finding]) -> Message:
    """Why an approval that would lift ``blocks`` needs the approver's written reason."""
    return msg("This post names something only an approver may let through: it needs your "
               "written reason to override the block ({blocks}). Write why it is right to "
               "publish it now.", blocks=_listed(blocks))


def needs_more(blocks: Iterable[Finding]) -> Message:
    """Why an approval is refused when the settings added a block the approver was not shown."""
    return msg("The policy settings changed after you opened this post: it now also needs an "
               "override for {blocks}. Review it again before approving.",
               blocks=_listed(blocks))


def _listed(blocks: Iterable[Finding]) -> Message:
    said = [lifted_by(f).said() for f in blocks]
    listed = said[0]
    for more in said[1:]:
        listed = msg("{first}; {then}", first=listed, then=more)
    return listed


def _field(key: str) -> FieldRef:
    kind, _, number = key.partition(":")
    try:
        return FieldRef(FieldKind(kind), int(number) if number.isdigit() else 0)
    except ValueError:
        return FieldRef(FieldKind.TEXT)


def lifted_block(key: str) -> LiftedBlock:
    """An override key (``rule|field|words``) read back."""
    rule, _, rest = key.partition("|")
    field, _, words = rest.partition("|")
    return LiftedBlock(rule, _field(field), words)


def lifted_by(finding: Finding) -> LiftedBlock:
    """The block a finding is, as an override records it (its words as written)."""
    return LiftedBlock(finding.rule, finding.field, " ".join(finding.matched.split()))


def overridable_blocks(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The blocks an approver may lift, one per override key (a term named twice is one)."""
    distinct: dict[str, Finding] = {}
    for finding in blocking(findings):
        if finding.overridable:
            distinct.setdefault(finding.override_key, finding)
    return tuple(distinct.values())


def fixed_blocks(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Blocks no one may lift: the text must change (hidden text, profanity on official)."""
    return tuple(f for f in blocking(findings) if not f.overridable)


def override_summary(approval: Approval, approver_name: str) -> str:
    """One line for history and exports: who overrode, when, why, and what it lifted."""
    lifted = "; ".join(lifted_block(k).describe() for k in approval.overridden)
    return (f"Overridden by {approver_name} on "
            f"{approval.approved_at.astimezone():%d %b %Y %H:%M}: “{approval.override_reason}” "
            f"(lifted: {lifted})")
