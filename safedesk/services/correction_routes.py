"""Which route an official correction takes: published at once under an approver's
pre-approval of its template, or to the queue, urgent, for a second person (and why). A personal
correction is always direct. See :mod:`safedesk.services.corrections` for the whole flow."""

from __future__ import annotations

from safedesk.core.corrections import Route
from safedesk.core.models import Pane, Person
from safedesk.core.ports import Store
from safedesk.core.templates import (
    PreapprovedText,
    TemplatePreapproval,
    hack_claims,
    is_rendering_of,
)
from safedesk.services.correction_plan import CorrectionPlan
from safedesk.services.pair_corrections import pair_route, queue_reason
from safedesk.services.templates import TemplateService


def correction_route(store: Store, templates: TemplateService, plan: CorrectionPlan,
                     person: Person,
                     ) -> tuple[Route, TemplatePreapproval | None, str, PreapprovedText | None]:
    """The route, the pre-approval that lets it publish at once (if any), why it is queued
    (if it is), and a pair's second language as its pre-approval covers it."""
    if plan.pane is Pane.PERSONAL:
        return Route.DIRECT, None, "", None
    reason = why_queued(templates, plan) or (
        queue_reason(templates, plan.translation) if plan.translation else "")
    if reason or plan.template is None:
        return Route.QUEUED, None, reason, None
    if plan.translation is not None:
        return pair_route(store, templates, plan.template, plan.translation, person)
    preapproval = templates.usable_preapproval(plan.template, person)
    if preapproval is not None:
        return Route.PREAPPROVED, preapproval, "", None
    if any(p.approver_id == person.id for p in templates.preapprovals_of(plan.template)):
        return Route.QUEUED, None, ("You pre-approved this template yourself, so a second "
                                    "person must approve your correction."), None
    return Route.QUEUED, None, ("No approver has pre-approved this version of the "
                                f"{plan.template.label} template."), None


def why_queued(templates: TemplateService, plan: CorrectionPlan) -> str:
    """Why no pre-approval can cover this text, whoever pre-approved what; "" if one can."""
    template = plan.template
    if template is None:
        return ("The author's own words, not a pre-approved template: a second person must "
                "approve them.")
    if hack_claims(plan.text):
        return (f"The text says “{plan.flags[0]}”: a claim that the account was hacked or "
                "misused always goes to an approver.")
    if plan.missing or not is_rendering_of(plan.text, template, dict(plan.fields)):
        return "The text was changed from the template, so a second person must approve it."
    if templates.get(template.name, template.language).version != template.version:
        return ("The template changed while the correction was being written, so a second "
                "person must approve it.")
    return ""
