"""Words and HTML for the correction dialog: what will happen on each account, which way the
correction goes out (at once, or to the approvers as urgent), the one button's words, and what
publishing did.

Pure apart from the escaping: no widgets, no services. What a person typed, and what a platform
said, is HTML-escaped here, once, before it reaches a rich-text label.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from safedesk.core.corrections import ActionState, CorrectionKind, OriginalAction, Route
from safedesk.core.messages import ENGLISH, Words, say
from safedesk.core.models import Account, Pane, Platform, PublicationState
from safedesk.core.templates import PLACEHOLDERS, TemplatePreapproval
from safedesk.core.visible_text import visible
from safedesk.gui.theme import ERROR_ON_LIGHT
from safedesk.services.correction_plan import CorrectionPlan, PlannedTarget
from safedesk.services.incidents import IncidentReport, TargetReport

translate = QCoreApplication.translate
# English here (tests compare it); shown through bluesky_no_edit().
BLUESKY_NO_EDIT: str = str(QT_TRANSLATE_NOOP("CorrectionText",
                                            "Bluesky cannot edit posts; delete it or keep it."))


def bluesky_no_edit() -> str:
    return translate("CorrectionText", BLUESKY_NO_EDIT)


def title(kind: CorrectionKind) -> str:
    return {CorrectionKind.CORRECTION: translate("CorrectionText", "Correct a post"),
            CorrectionKind.APOLOGY: translate("CorrectionText", "Apologise for a post"),
            CorrectionKind.RETRACTION: translate("CorrectionText", "Retract a post")}[kind]


def text_name(kind: CorrectionKind) -> str:
    """The accessible name of the text box."""
    return {CorrectionKind.CORRECTION: translate("CorrectionText", "Correction text"),
            CorrectionKind.APOLOGY: translate("CorrectionText", "Apology text"),
            CorrectionKind.RETRACTION: translate("CorrectionText", "Retraction text")}[kind]


def publish_words(kind: CorrectionKind) -> str:
    """The button before a plan is ready."""
    return {CorrectionKind.CORRECTION: translate("CorrectionText", "Publish correction"),
            CorrectionKind.APOLOGY: translate("CorrectionText", "Publish apology"),
            CorrectionKind.RETRACTION: translate("CorrectionText", "Publish retraction")}[kind]


def action_choices() -> dict[OriginalAction, str]:
    return {
        OriginalAction.KEEP: translate("CorrectionText",
                                       "Keep the original, with the reply under it"),
        OriginalAction.DELETE: translate("CorrectionText",
                                         "Delete the original once the reply is up"),
        OriginalAction.EDIT: translate(
            "CorrectionText", "Edit the original to add a note pointing to the reply (Mastodon)"),
    }


def names(accounts: Sequence[Account]) -> str:
    """``@a``, ``@a and @b``, ``@a, @b and 2 more``: the same shape as the compose button."""
    addresses = [a.address for a in accounts]
    if len(addresses) == 2:
        return translate("CorrectionText", "{first} and {second}").format(
            first=addresses[0], second=addresses[1])
    if len(addresses) < 2:
        return "".join(addresses)
    return translate("CorrectionText", "{first}, {second} and {count} more").format(
        first=addresses[0], second=addresses[1], count=len(addresses) - 2)


def leftover_placeholders(text: str) -> tuple[str, ...]:
    """Placeholders still written as ``{name}`` in a text the person edited by hand: the service
    fills only template text, so these would otherwise go out with their braces."""
    return tuple(name for name in PLACEHOLDERS if f"{{{name}}}" in text)


def expected_route(plan: CorrectionPlan, preapproval: TemplatePreapproval | None,
                   approver: str = "") -> tuple[Route, str]:
    """Which way the correction will go out, and why, as the dialog says it before the click.
    ``CorrectionService.publish`` decides again when it is clicked; this is the preview of it."""
    if plan.pane is Pane.PERSONAL:
        return Route.DIRECT, translate("CorrectionText", "Publishes at once.")
    if plan.flags:
        return Route.QUEUED, translate(
            "CorrectionText", "the text says “{claim}”, and a claim that the account was hacked "
            "or misused always goes to an approver.").format(claim=plan.flags[0])
    if plan.template is None or not plan.uses_template_only:
        return Route.QUEUED, translate(
            "CorrectionText", "a second person must approve words that are not the template's.")
    if preapproval is None:
        return Route.QUEUED, translate(
            "CorrectionText", "no one else has pre-approved both the Welsh and the English "
            "versions of the {name} template.").format(name=plan.template.name) \
            if plan.translation is not None else translate(
            "CorrectionText", "no one else has pre-approved this version of the {template} "
            "template.").format(template=plan.template.label)
    if approver:
        return Route.PREAPPROVED, translate(
            "CorrectionText", "Pre-approved by {approver}: publishes at once.").format(
                approver=approver)
    return Route.PREAPPROVED, translate("CorrectionText", "Pre-approved: publishes at once.")


def button_words(plan: CorrectionPlan, route: Route, action: OriginalAction) -> str:
    """Exactly what the one button does."""
    if route is Route.QUEUED:
        return translate("CorrectionText", "Submit for urgent approval")
    sending = plan.sending
    who = names([t.account for t in sending])
    words = {CorrectionKind.CORRECTION: translate("CorrectionText",
                                                  "Publish correction as {accounts}"),
             CorrectionKind.APOLOGY: translate("CorrectionText", "Publish apology as {accounts}"),
             CorrectionKind.RETRACTION: translate("CorrectionText",
                                                  "Publish retraction as {accounts}"),
             }[plan.kind].format(accounts=who)
    if action is OriginalAction.DELETE:
        words += translate("CorrectionText", ", then delete the original") if len(sending) == 1 \
            else translate("CorrectionText", ", then delete the originals")
    elif action is OriginalAction.EDIT:
        words += translate("CorrectionText", ", then add a note to the original on Mastodon")
    return words


def _action_words(target: PlannedTarget, action: OriginalAction) -> str:
    if action is OriginalAction.KEEP:
        return translate("CorrectionText", "the original stays, with the reply under it")
    if action is OriginalAction.DELETE:
        return translate("CorrectionText", "the original is deleted once the reply is up")
    if target.account.platform is Platform.BLUESKY:
        return translate("CorrectionText", "{cannot_edit} It stays as it is, with the reply "
                         "under it").format(cannot_edit=bluesky_no_edit())
    return translate("CorrectionText", "a note is added to the original once the reply is up")


def target_html(target: PlannedTarget, action: OriginalAction,
                alarm: str = ERROR_ON_LIGHT, words: Words = ENGLISH) -> str:
    """One account: where the reply goes, its live count, and what happens to the original."""
    account = target.account
    head = f"<b>{html.escape(account.address)}</b> ({account.platform.value.title()})"
    notes = "".join(f"<br>{html.escape(say(n, words))}" for n in target.notes if n)
    if not target.sending:
        return "<p>" + translate("CorrectionText", "{account}: nothing will be posted here.") \
            .format(account=head) + f"{notes}</p>"
    link = html.escape(target.original.url)
    original = translate("CorrectionText", "the original")
    where = f'<a href="{link}">{original}</a>' if link else original
    length = html.escape(say(target.check.length.message(), words))
    if not target.check.length.ok:
        length = f'<span style="color:{alarm}"><b>{length}</b></span>'
    reply = translate("CorrectionText", "{account}: a reply threaded under {original}").format(
        account=head, original=where)
    then = translate("CorrectionText", "Then {what}.").format(
        what=html.escape(_action_words(target, action)))
    return f"<p>{reply} · {length}<br>{then}{notes}</p>"


def _reply_line(target: TargetReport, alarm: str, status: str) -> str:
    name = html.escape(target.account.address)
    reply = target.reply
    if target.action_state is ActionState.SKIPPED:
        return translate("CorrectionText", "— {account}: nothing posted. {reason}").format(
            account=name, reason=html.escape(target.detail))
    if reply is None or reply.state is PublicationState.PENDING:
        waiting = status if status not in {"complete", "partial"} else target.reply_state
        return f"{name}: {html.escape(status_words(waiting))}"
    if reply.state is PublicationState.PUBLISHED:
        link = html.escape(reply.url)
        shown = f'<a href="{link}">{link}</a>' if link else translate("CorrectionText",
                                                                      "published")
        return translate("CorrectionText", "✔ {account}: reply published — {link}").format(
            account=name, link=shown)
    return (f'<span style="color:{alarm}">' + translate(
        "CorrectionText", "✘ {account}: not published — {reason}").format(
            account=name, reason=html.escape(reply.error or reply.state.value, quote=False))
        + "</span>")


def _original_line(target: TargetReport, alarm: str) -> str:
    if target.action_state is ActionState.DONE:
        return html.escape(target.detail or action_done(target.action))
    if target.action_state is ActionState.DIFFERS:  # done, but the server changed more
        return f'<span style="color:{alarm}">⚠ {html.escape(target.detail, quote=False)}</span>'
    if target.action_state is ActionState.FAILED:
        failed = translate("CorrectionText", "✘ Could not delete the original: {reason}") \
            if target.action is OriginalAction.DELETE \
            else translate("CorrectionText", "✘ Could not edit the original: {reason}")
        return (f'<span style="color:{alarm}">'
                + failed.format(reason=html.escape(target.detail, quote=False)) + "</span>")
    if target.action_state is ActionState.PENDING and target.action is OriginalAction.DELETE:
        return translate("CorrectionText", "The original is deleted once the reply is published.")
    if target.action_state is ActionState.PENDING and target.action is OriginalAction.EDIT:
        return translate("CorrectionText", "The original is edited once the reply is published.")
    return ""


def action_done(action: OriginalAction) -> str:
    return {OriginalAction.KEEP: translate("CorrectionText", "Original: keep — done."),
            OriginalAction.DELETE: translate("CorrectionText", "Original: delete — done."),
            OriginalAction.EDIT: translate("CorrectionText", "Original: edit — done.")}[action]


def status_words(status: str) -> str:
    """An incident's or a reply's state (machine words, also in exports) as a person reads it."""
    return {"complete": translate("CorrectionText", "complete"),
            "partial": translate("CorrectionText", "partial"),
            "not sent": translate("CorrectionText", "not sent"),
            "waiting for approval": translate("CorrectionText", "waiting for approval"),
            "sent back for changes": translate("CorrectionText", "sent back for changes"),
            "rejected": translate("CorrectionText", "rejected"),
            "approved, not yet published": translate("CorrectionText",
                                                     "approved, not yet published"),
            "publishing": translate("CorrectionText", "publishing"),
            "not posted": translate("CorrectionText", "not posted"),
            "pending": translate("CorrectionText", "pending")}.get(status, status)


def report_html(report: IncidentReport, alarm: str = ERROR_ON_LIGHT) -> str:
    """Per account: the reply (with its link, or why not) and what became of the original."""
    rows = []
    for target in report.targets:
        original = _original_line(target, alarm)
        rows.append(_reply_line(target, alarm, report.status) + (f"<br>{original}" if original else ""))
    return "".join(f"<p>{row}</p>" for row in rows)


def report_title(report: IncidentReport) -> str:
    kind = report.incident.kind
    status = report.status
    if status == "complete":
        return {CorrectionKind.CORRECTION: translate(
                    "CorrectionText", "Correction published under the original everywhere it "
                    "still was."),
                CorrectionKind.APOLOGY: translate(
                    "CorrectionText", "Apology published under the original everywhere it "
                    "still was."),
                CorrectionKind.RETRACTION: translate(
                    "CorrectionText", "Retraction published under the original everywhere it "
                    "still was.")}[kind]
    if status == "partial":
        return translate("CorrectionText", "Not everything went through. Retry sends only what "
                         "failed, with the same keys, so nothing is posted twice.")
    if status == "waiting for approval":
        reason = report.incident.queue_reason
        return translate("CorrectionText", "Submitted for urgent approval: it is at the top of "
                         "the approvers' queue and publishes as soon as someone else approves "
                         "it.") + (f" ({reason})" if reason else "")
    return f"{kind_words(kind)}: {status_words(status)}."


def kind_words(kind: CorrectionKind) -> str:
    return {CorrectionKind.CORRECTION: translate("CorrectionText", "Correction"),
            CorrectionKind.APOLOGY: translate("CorrectionText", "Apology"),
            CorrectionKind.RETRACTION: translate("CorrectionText", "Retraction")}[kind]


def summary_line(text: str, when: str, length: int = 80) -> str:
    flat = visible(" ".join(text.split()))
    quoted = f"“{flat[:length]}{'…' if len(flat) > length else ''}”" if flat \
        else translate("CorrectionText", "(no text)")
    return translate("CorrectionText", "Your post of {when}: {post}").format(when=when,
                                                                              post=quoted)


def field_label(name: str) -> str:
    return {"correction": translate("CorrectionText", "What was wrong, and what is right"),
            "original_date": translate("CorrectionText", "Date of the original"),
            "account": translate("CorrectionText", "Signed as")}.get(name, name)


def field_hint(name: str, descriptions: Mapping[str, object] = PLACEHOLDERS) -> str:
    """``{name}: what it is`` (core's ``PLACEHOLDERS``, said in the window's language)."""
    words = {
        "original_date": translate(
            "CorrectionText", "the day the original was first published, written out in the "
            "template's language (e.g. 21 November 2026, 21 Tachwedd 2026)"),
        "account": translate("CorrectionText", "the name the account goes by: its display "
                             "name, else its address"),
        "correction": translate("CorrectionText", "the author's own words: what was wrong, "
                                "and what is right"),
    }
    return f"{{{name}}}: {words.get(name, descriptions.get(name, ''))}"
