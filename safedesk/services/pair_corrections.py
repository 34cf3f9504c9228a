"""Correcting a bilingual pair, the parts that need the stored templates and pre-approvals.

``CorrectionService`` makes a pair's correction a pair (``core.pair_corrections``): here its
English is started from the English template, the route is worked out with both languages'
pre-approvals (one approver's, for both versions, or the queue), and the correction is approved
with both. See ``core.pair_corrections`` for why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from safedesk.core import workflow
from safedesk.core.corrections import Route
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import msg
from safedesk.core.models import Draft, Person
from safedesk.core.pair_corrections import SECOND_TEMPLATE_LANGUAGE, SecondLanguage
from safedesk.core.ports import Clock, Store
from safedesk.core.templates import PreapprovedText, Template, TemplatePreapproval
from safedesk.services.people import standing_now
from safedesk.services.policy import policy_context
from safedesk.services.templates import TemplateService


def second_language(templates: TemplateService, template_name: str,
                    defaults: Callable[[Template], Mapping[str, str]],
                    fields: Mapping[str, str] | None, text: str | None) -> SecondLanguage:
    """The English of a pair's correction: the author's own ``text``, else the named template
    with its ``defaults`` (the English date, the account) and then ``fields`` filled in."""
    if text is not None and fields:
        raise InvalidInputError(msg("Give either your own English text or values for the "
                                    "English template's placeholders, not both."))
    if text is not None:
        return SecondLanguage(SECOND_TEMPLATE_LANGUAGE).revised(text=text)
    template = templates.get(template_name, SECOND_TEMPLATE_LANGUAGE)
    return SecondLanguage(SECOND_TEMPLATE_LANGUAGE, template=template).revised(
        fields={**defaults(template), **(fields or {})})


def check_one_language(second_fields: Mapping[str, str] | None,
                       second_text: str | None) -> None:
    """Refuses English words for a correction of a post in one language: they would be lost."""
    if second_fields or second_text is not None:
        raise InvalidInputError(msg("This post is in one language only, so its correction has "
                                    "no second language: give its words with the text or the "
                                    "placeholders alone."))


def queue_reason(templates: TemplateService, second: SecondLanguage) -> str:
    """Why no pre-approval can cover the English of a pair's correction; "" if one can."""
    template = second.template
    if template is None:
        return str(msg("The English is the author's own words, not a pre-approved template: a "
                       "second person must approve the correction."))
    if second.flags:
        return str(msg("The English says “{claim}”: a claim that the account was hacked or "
                       "misused always goes to an approver.", claim=second.flags[0]))
    if not second.uses_template_only:
        return str(msg("The English was changed from the template, so a second person must "
                       "approve it."))
    if templates.get(template.name, template.language).version != template.version:
        return str(msg("The English template changed while the correction was being written, "
                       "so a second person must approve it."))
    return ""


def pair_route(store: Store, templates: TemplateService, first: Template,
               second: SecondLanguage, author: Person,
               ) -> tuple[Route, TemplatePreapproval | None, str, PreapprovedText | None]:
    """Out at once only when one approver pre-approved both languages' template versions (and
    may approve the author's correction); otherwise the queue, with the reason."""
    english_template = second.template
    if english_template is None:  # the author's own words: no pre-approval covers them
        return Route.QUEUED, None, queue_reason(templates, second), None
    english = {p.approver_id: p for p in templates.preapprovals_of(english_template)
               if p.approver_id != english_template.editor_id}
    for preapproval in templates.preapprovals_of(first):
        matching = english.get(preapproval.approver_id)
        if matching is None or preapproval.approver_id in {author.id, first.editor_id}:
            continue
        if store.get_person(preapproval.approver_id).role.may_approve:
            return (Route.PREAPPROVED, preapproval, "",
                    PreapprovedText(matching, english_template, dict(second.fields)))
    return Route.QUEUED, None, str(msg(
        "No approver has pre-approved both the Welsh and the English versions of the {name} "
        "template, so a second person must approve this bilingual correction.",
        name=first.name)), None


def approve_pair(store: Store, clock: Clock, draft_id: str, preapproval: TemplatePreapproval,
                 template: Template, fields: Mapping[str, str], translation: PreapprovedText,
                 actor: Person) -> Draft:
    """Approve a pair's correction with the pre-approvals of both its templates, in the name of
    the approver who gave them; refused exactly where that approver could not approve it."""
    draft = store.get_draft(draft_id)
    approver, standing = standing_now(store, store.get_person(preapproval.approver_id))
    change = workflow.approve_by_preapproval(draft, preapproval, approver, template, fields,
                                             actor, clock.now(), standing,
                                             policy_context(store, actor), translation)
    return store.apply(change)
