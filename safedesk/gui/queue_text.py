"""Words and HTML for the official queue: what a post will look like on each account, its story
(who wrote, edited, submitted and decided, and when), and what publishing did.

Everything a person typed is made visible and HTML-escaped here (:func:`shown`), once, before it
reaches a rich-text label: an invisible or control character in a post, a reason or a name is
drawn as ``⟨U+202E⟩`` (``core.visible_text``), so a right-to-left override cannot reorder the
page and a zero-width character cannot hide, and a typed ``<`` is a ``<``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import datetime

from safedesk.core.lifecycle import describe_state
from safedesk.core.models import (
    Account,
    AuditEvent,
    ContentWarningOnBluesky,
    Draft,
    DraftState,
    Platform,
    Publication,
    PublicationState,
    Visibility,
)
from safedesk.core.overrides import override_summary
from safedesk.core.visible_text import content_texts, hidden_note, visible
from safedesk.gui.compose_thread import thread_preview
from safedesk.gui.decide_dialog import CANNOT_APPROVE, NEEDS_OVERRIDE
from safedesk.gui.findings import finding_html
from safedesk.gui.link_card import card_preview
from safedesk.gui.theme import ERROR_ON_LIGHT
from safedesk.services.checking import TargetCheck
from safedesk.services.queue import QueueItem

AUDIENCE = {Visibility.PUBLIC: "public", Visibility.UNLISTED: "quiet public (unlisted)",
            Visibility.PRIVATE: "followers only", Visibility.DIRECT: "mentioned people only"}
# The audit trail's actions as a sentence about the person who did them.
EVENT_WORDS = {
    "draft.create": "wrote it",
    "draft.copy_to_pane": "copied it from the other pane",
    "draft.edit": "edited it",
    "draft.submit": "submitted it for approval",
    "draft.withdraw": "withdrew it",
    "draft.approve": "approved it",
    "draft.reject": "rejected it",
    "draft.request_changes": "asked for changes",
    "draft.start_publish": "started publishing it",
    "draft.publish_succeeded": "published it",
    "draft.publish_failed": "could not publish it to every account",
    "draft.schedule_missed": "published it late: SafeDesk was not running at the set time",
}


def shown(text: str, *, quote: bool = True) -> str:
    """Text a person typed (or a server sent), safe in rich text: visible, then escaped."""
    return html.escape(visible(text), quote=quote)


def local_time(moment: datetime | None, *, year: bool = False) -> str:
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%d %b %Y %H:%M" if year else "%d %b %H:%M")


def summary(draft: Draft, length: int = 60) -> str:
    """A quotable first line, for lists and notifications (plain text, not escaped; hidden
    characters shown)."""
    text = visible(" ".join(draft.content.text.split()))
    if not text:
        return "(an image post)" if draft.content.media else "(empty)"
    return f"“{text[:length]}{'…' if len(text) > length else ''}”"


def schedule_words(draft: Draft) -> str:
    schedule = draft.content.schedule_at
    if schedule is None:
        return "As soon as it is approved"
    return f"{local_time(schedule, year=True)} (your local time)"


def author_state(draft: Draft) -> str:
    """A draft's state as its author needs to hear it."""
    state = draft.state
    if state is DraftState.SUBMITTED:
        return "Urgent — waiting for approval" if draft.urgent else "Waiting for approval"
    if state is DraftState.APPROVED:
        when = draft.content.schedule_at
        return f"Approved — publishes {local_time(when)}" if when else "Approved"
    words = {DraftState.PUBLISHING: "Publishing…", DraftState.PUBLISHED: "Published",
             DraftState.REJECTED: "Rejected", DraftState.CHANGES_REQUESTED: "Changes requested",
             DraftState.FAILED: "Approved, but publishing failed",
             DraftState.DRAFT: "Withdrawn (unsent draft)"}
    return words.get(state, describe_state(state).capitalize())


def approver_note(draft: Draft) -> str:
    """The approver's reason or comment. Publishing overwrites ``decision_note`` (with the failure
    reason, or nothing), so an approval's comment is read from the approval itself."""
    if draft.decision_note:
        return draft.decision_note
    return draft.approval.comment if draft.approval is not None else ""


def preview_html(check: TargetCheck, draft: Draft, alarm: str = ERROR_ON_LIGHT) -> str:
    """One account's preview: the text as that platform will get it, and its count."""
    account, content = check.account, draft.content
    text = content.text
    warning = shown(content.content_warning.strip())
    if account.platform is Platform.BLUESKY and warning:
        if content.cw_on_bluesky is ContentWarningOnBluesky.PREPEND:
            text = f"CW: {content.content_warning.strip()}\n\n{text}"
        warning = ""  # Bluesky has none; the notes below say what happens instead
    body = shown(text).replace("\n", "<br>")
    if warning:
        body = f"<b>CW: {warning}</b> [show more]<br>{body}"
    images = "".join(f"<br>[image: {shown(m.alt_text or 'no alt text')}]"
                     for m in content.media)
    audience = f" · {AUDIENCE[content.visibility]}" if account.platform is Platform.MASTODON \
        else ""
    style = f' style="color:{alarm}"' if not check.length.ok or check.notes else ""
    notes = "".join(f'<br><span style="color:{alarm}">{shown(str(n))}</span>'
                    for n in check.notes)
    return (f"<p><b>{shown(account.address)}</b> on {account.platform.value.title()}"
            f"{audience}<br>{body}{images}{card_preview(account, content)}"
            f"{thread_preview(account, content)}<br><span{style}>"
            f"{shown(check.length.message())}</span>{notes}</p>")


def event_line(event: AuditEvent, names: Mapping[str, str]) -> str:
    who = shown(names.get(event.actor, "SafeDesk setup" if event.actor == "setup"
                                else "someone no longer in SafeDesk"))
    words = EVENT_WORDS.get(event.action, event.action)
    extra = ""
    reason = event.details.get("reason")
    if isinstance(reason, str) and reason:
        extra = f": “{shown(reason)}”"
    if event.details.get("voided_approval"):
        extra += " (the approval no longer applies)"
    if event.details.get("urgent"):
        extra += " as urgent"
    flag = event.details.get("flag")
    if isinstance(flag, str) and flag:
        extra += f" — {shown(flag)}"
    override = event.details.get("override_reason")
    if isinstance(override, str) and override:
        extra += f", overriding a policy block: “{shown(override)}”"
    return f"{local_time(event.occurred_at)} — {who} {shown(words)}{extra}"


def findings_html(item: QueueItem, alarm: str = ERROR_ON_LIGHT) -> str:
    """What the policy finds, as the approver must weigh it, and what approving it needs."""
    if not item.findings:
        return ""
    lines = [finding_html(f, f"color:{alarm}; font-weight: bold;") for f in item.findings]
    if item.cannot_pass:
        lines.append(f'<span style="color:{alarm}"><b>{html.escape(CANNOT_APPROVE)}</b></span>')
    elif item.to_override:
        lines.append(f"<b>{html.escape(NEEDS_OVERRIDE)}</b>")
    return f"<p><b>Safety checks</b><br>{'<br>'.join(lines)}</p>"


def original_html(item: QueueItem) -> str:
    """What a reply or correction answers, beside it: the original's words and links."""
    original = item.original
    if original is None:
        return "<b>A reply</b> to an earlier post that is no longer in SafeDesk"
    quoted = shown(original.text.strip()).replace("\n", "<br>") or "(no text)"
    links = ", ".join(f'<a href="{shown(link)}">{shown(link)}</a>'
                      for link in original.links) or "not published"
    return (f"<b>In reply to this post</b> (what a correction corrects):<br>"
            f"<blockquote>{quoted}</blockquote><b>Published at:</b> {links}")


def accounts_words(item: QueueItem) -> str:
    """Each account the post goes out as, by handle and platform."""
    return ", ".join(f"{a.address} ({a.platform.value.title()})" for a in item.accounts)


def item_html(item: QueueItem, names: Mapping[str, str], alarm: str = ERROR_ON_LIGHT) -> str:
    """Everything an approver decides on, in one scrollable page."""
    draft = item.draft
    editors = [names.get(e, "someone no longer in SafeDesk") for e in item.editors
               if e != draft.author_id]
    facts = [f"<b>Author:</b> {shown(item.author.name)}",
             f"<b>Submitted:</b> {local_time(draft.submitted_at, year=True)}"
             + (" — <b>urgent</b>" if draft.urgent else ""),
             f"<b>Publishes:</b> {shown(schedule_words(draft))}",
             f"<b>Accounts:</b> {shown(accounts_words(item))}"]
    if editors:
        facts.append("<b>Also edited by:</b> " + shown(", ".join(editors)))
    if draft.content.language:
        facts.append(f"<b>Language:</b> {shown(draft.content.language)}")
    if draft.content.reply_to:
        facts.append(original_html(item))
    if draft.approval is not None and draft.approval.flag:
        facts.append(f'<span style="color:{alarm}"><b>Approval:</b> '
                     f"{shown(draft.approval.flag)}</span>")
    if draft.approval is not None and draft.approval.override_reason:
        approver = names.get(draft.approval.approver_id, "someone no longer in SafeDesk")
        facts.append(f"<b>Override:</b> {shown(override_summary(draft.approval, approver))}")
    if item.flags:
        claims = ", ".join(f"“{shown(f)}”" for f in item.flags)
        facts.append(f'<span style="color:{alarm}"><b>Check this claim:</b> the text says the '
                     f"account was hacked or misused ({claims}). Approve only if it is true."
                     "</span>")
    note = hidden_note(content_texts(draft.content))
    if note:
        facts.append(f'<span style="color:{alarm}"><b>Hidden characters:</b> {shown(str(note))}</span>')
    previews = "".join(preview_html(check, draft, alarm) for check in item.checks)
    story = "<br>".join(event_line(e, names) for e in item.history)
    return (f"<p>{'<br>'.join(facts)}</p>{findings_html(item, alarm)}<hr>{previews}<hr>"
            f"<p><b>History</b><br>{story}</p>"
            f"<p><small>Fingerprint (SHA-256 of exactly this content): "
            f"{item.digest[:12]}…</small></p>")


def publication_lines(publications: Iterable[Publication], accounts: Mapping[str, Account],
                      alarm: str = ERROR_ON_LIGHT) -> list[str]:
    """One line per account: published with its link, or not, with the platform's reason."""
    lines = []
    for publication in publications:
        account = accounts.get(publication.account_id)
        name = shown(account.address if account else publication.account_id)
        if publication.state is PublicationState.PUBLISHED:
            link = shown(publication.url)
            lines.append(f'✔ {name}: published — <a href="{link}">{link}</a>')
        elif publication.state is PublicationState.FAILED:
            lines.append(f'<span style="color:{alarm}">✘ {name}: not published — '
                         f"{shown(publication.error, quote=False)}</span>")
        else:
            lines.append(f"{name}: {shown(publication.state.value)}")
    return lines
