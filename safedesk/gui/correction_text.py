"""Words and HTML for the correction dialog: what will happen on each account, which way the
correction goes out (at once, or to the approvers as urgent), the one button's words, and what
publishing did.

Pure apart from the escaping: no widgets, no services. What a person typed, and what a platform
said, is HTML-escaped here, once, before it reaches a rich-text label.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from safedesk.core.corrections import ActionState, CorrectionKind, OriginalAction, Route
from safedesk.core.models import Account, Pane, Platform, PublicationState
from safedesk.core.templates import PLACEHOLDERS, TemplatePreapproval
from safedesk.core.visible_text import visible
from safedesk.gui.theme import ERROR_ON_LIGHT
from safedesk.services.corrections import CorrectionPlan, PlannedTarget
from safedesk.services.incidents import IncidentReport, TargetReport

BLUESKY_NO_EDIT = "Bluesky cannot edit posts; delete it or keep it."
TITLES = {CorrectionKind.CORRECTION: "Correct a post", CorrectionKind.APOLOGY:
          "Apologise for a post", CorrectionKind.RETRACTION: "Retract a post"}
NOUNS = {CorrectionKind.CORRECTION: "correction", CorrectionKind.APOLOGY: "apology",
         CorrectionKind.RETRACTION: "retraction"}
ACTION_CHOICES = {
    OriginalAction.KEEP: "Keep the original, with the reply under it",
    OriginalAction.DELETE: "Delete the original once the reply is up",
    OriginalAction.EDIT: "Edit the original to add a note pointing to the reply (Mastodon)",
}


def names(accounts: Sequence[Account]) -> str:
    """``@a``, ``@a and @b``, ``@a, @b and 2 more``: the same shape as the compose button."""
    addresses = [a.address for a in accounts]
    if len(addresses) <= 2:
        return " and ".join(addresses)
    return f"{addresses[0]}, {addresses[1]} and {len(addresses) - 2} more"


def leftover_placeholders(text: str) -> tuple[str, ...]:
    """Placeholders still written as ``{name}`` in a text the person edited by hand: the service
    fills only template text, so these would otherwise go out with their braces."""
    return tuple(name for name in PLACEHOLDERS if f"{{{name}}}" in text)


def expected_route(plan: CorrectionPlan, preapproval: TemplatePreapproval | None,
                   approver: str = "") -> tuple[Route, str]:
    """Which way the correction will go out, and why, as the dialog says it before the click.
    ``CorrectionService.publish`` decides again when it is clicked; this is the preview of it."""
    if plan.pane is Pane.PERSONAL:
        return Route.DIRECT, "Publishes at once."
    if plan.flags:
        return Route.QUEUED, (f"the text says “{plan.flags[0]}”, and a claim that the account "
                              "was hacked or misused always goes to an approver.")
    if plan.template is None or not plan.uses_template_only:
        return Route.QUEUED, "a second person must approve words that are not the template's."
    if preapproval is None:
        return Route.QUEUED, (f"no one else has pre-approved this version of the "
                              f"{plan.template.label} template.")
    who = f" by {approver}" if approver else ""
    return Route.PREAPPROVED, f"Pre-approved{who}: publishes at once."


def button_words(plan: CorrectionPlan, route: Route, action: OriginalAction) -> str:
    """Exactly what the one button does."""
    if route is Route.QUEUED:
        return "Submit for urgent approval"
    sending = plan.sending
    words = f"Publish {NOUNS[plan.kind]} as {names([t.account for t in sending])}"
    originals = "original" if len(sending) == 1 else "originals"
    if action is OriginalAction.DELETE:
        words += f", then delete the {originals}"
    elif action is OriginalAction.EDIT:
        words += ", then add a note to the original on Mastodon"
    return words


def _action_words(target: PlannedTarget, action: OriginalAction) -> str:
    if action is OriginalAction.KEEP:
        return "the original stays, with the reply under it"
    if action is OriginalAction.DELETE:
        return "the original is deleted once the reply is up"
    if target.account.platform is Platform.BLUESKY:
        return f"{BLUESKY_NO_EDIT} It stays as it is, with the reply under it"
    return "a note is added to the original once the reply is up"


def target_html(target: PlannedTarget, action: OriginalAction,
                alarm: str = ERROR_ON_LIGHT) -> str:
    """One account: where the reply goes, its live count, and what happens to the original."""
    account = target.account
    head = f"<b>{html.escape(account.address)}</b> ({account.platform.value.title()})"
    notes = "".join(f"<br>{html.escape(n)}" for n in target.notes if n)
    if not target.sending:
        return f"<p>{head}: nothing will be posted here.{notes}</p>"
    link = html.escape(target.original.url)
    where = f'<a href="{link}">the original</a>' if link else "the original"
    length = html.escape(target.check.length.message())
    if not target.check.length.ok:
        length = f'<span style="color:{alarm}"><b>{length}</b></span>'
    return (f"<p>{head}: a reply threaded under {where} · {length}<br>"
            f"Then {html.escape(_action_words(target, action))}.{notes}</p>")


def _reply_line(target: TargetReport, alarm: str, status: str) -> str:
    name = html.escape(target.account.address)
    reply = target.reply
    if target.action_state is ActionState.SKIPPED:
        return f"— {name}: nothing posted. {html.escape(target.detail)}"
    if reply is None or reply.state is PublicationState.PENDING:
        waiting = status if status not in {"complete", "partial"} else target.reply_state
        return f"{name}: {html.escape(waiting)}"
    if reply.state is PublicationState.PUBLISHED:
        link = html.escape(reply.url)
        shown = f'<a href="{link}">{link}</a>' if link else "published"
        return f"✔ {name}: reply published — {shown}"
    return (f'<span style="color:{alarm}">✘ {name}: not published — '
            f"{html.escape(reply.error or reply.state.value, quote=False)}</span>")


def _original_line(target: TargetReport, alarm: str) -> str:
    if target.action_state is ActionState.DONE:
        return html.escape(target.detail or f"Original: {target.action.value} — done.")
    if target.action_state is ActionState.DIFFERS:  # done, but the server changed more
        return f'<span style="color:{alarm}">⚠ {html.escape(target.detail, quote=False)}</span>'
    if target.action_state is ActionState.FAILED:
        return (f'<span style="color:{alarm}">✘ Could not {target.action.value} the original: '
                f"{html.escape(target.detail, quote=False)}</span>")
    if target.action_state is ActionState.PENDING and target.action is not OriginalAction.KEEP:
        return f"The original is {target.action.value}d once the reply is published."
    return ""


def report_html(report: IncidentReport, alarm: str = ERROR_ON_LIGHT) -> str:
    """Per account: the reply (with its link, or why not) and what became of the original."""
    rows = []
    for target in report.targets:
        original = _original_line(target, alarm)
        rows.append(_reply_line(target, alarm, report.status) + (f"<br>{original}" if original else ""))
    return "".join(f"<p>{row}</p>" for row in rows)


def report_title(report: IncidentReport) -> str:
    noun = NOUNS[report.incident.kind].capitalize()
    status = report.status
    if status == "complete":
        return f"{noun} published under the original everywhere it still was."
    if status == "partial":
        return ("Not everything went through. Retry sends only what failed, with the same keys, "
                "so nothing is posted twice.")
    if status == "waiting for approval":
        reason = report.incident.queue_reason
        return ("Submitted for urgent approval: it is at the top of the approvers' queue and "
                "publishes as soon as someone else approves it." + (f" ({reason})" if reason
                                                                    else ""))
    return f"{noun}: {status}."


def summary_line(text: str, when: str, length: int = 80) -> str:
    flat = visible(" ".join(text.split()))
    quoted = f"“{flat[:length]}{'…' if len(flat) > length else ''}”" if flat else "(no text)"
    return f"Your post of {when}: {quoted}"


def field_label(name: str) -> str:
    return {"correction": "What was wrong, and what is right", "original_date":
            "Date of the original", "account": "Signed as"}.get(name, name)


def field_hint(name: str, descriptions: Mapping[str, object] = PLACEHOLDERS) -> str:
    return f"{{{name}}}: {descriptions.get(name, '')}"
