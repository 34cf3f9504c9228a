"""The rules of DESIGN.md, as checks that raise a typed error with a human reason.

These are the only place the rules live. The GUI may hide a button the rules would refuse, but it
never decides on its own; the store's compare-and-set (rule 5) and single transaction (rule 6)
finish the job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from safedesk.core.appointments import UNRESTRICTED, Standing
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    ApprovalRequiredError,
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    SelfApprovalError,
    WrongPaneError,
)
from safedesk.core.messages import Message, msg
from safedesk.core.models import (
    Account,
    Content,
    Draft,
    Pane,
    Person,
    Platform,
    Role,
    ShareKind,
)
from safedesk.core.pair_posts import language_name, language_problem
from safedesk.core.pairs import check_pair
from safedesk.core.policy import DEFAULT_CONTEXT, PolicyContext, check_no_blocks
from safedesk.core.policy.checks import only_invisible
from safedesk.core.policy.engine import check_content, unlifted_blocks
from safedesk.core.policy.findings import PolicyBlockedError
from safedesk.core.target_check import check_for
from safedesk.core.templates import (
    LANGUAGES,
    PreapprovedText,
    Template,
    TemplatePreapproval,
    clean_text,
    hack_claims,
    render,
)


def check_targets(pane: Pane, targets: Iterable[str], accounts: Mapping[str, Account],
                  person: Person) -> None:
    """Rule 1: every target is an account of the draft's own pane; and (the ownership rule)
    a personal one is ``person``'s own."""
    for account_id in targets:
        account = accounts.get(account_id)
        if account is None:
            raise NotFoundError(msg("There is no account with id '{id}'.", id=account_id))
        if account.pane is not pane:
            raise WrongPaneError(_wrong_pane(account))
        check_owner(account, person)


def _wrong_pane(account: Account) -> Message:
    # One sentence per pane, so that a translator writes each pane's words in place.
    if account.pane is Pane.OFFICIAL:
        return msg("{address} is a official account and cannot be a target of a personal post. "
                   "Use “Copy to the other pane” to start a new draft there.",
                   address=account.address)
    return msg("{address} is a personal account and cannot be a target of a official post. "
               "Use “Copy to the other pane” to start a new draft there.", address=account.address)


def may_use(account: Account, person: Person) -> bool:
    """The ownership rule: an official account is the organisation's, open to every person (the
    approval rules decide what reaches it); a personal one is its owner's alone. No role lifts
    this, not even admin: a personal account is someone's own."""
    return account.pane is Pane.OFFICIAL or (bool(account.owner_id)
                                             and account.owner_id == person.id)


def may_see_draft(draft: Draft, person: Person, accounts: Mapping[str, Account]) -> bool:
    """A personal draft is its author's, and only while every account it goes to is theirs too
    (``accounts`` must hold removed accounts as well)."""
    if draft.pane is Pane.OFFICIAL:
        return True
    return draft.author_id == person.id and all(
        t in accounts and may_use(accounts[t], person) for t in draft.content.targets)


def check_owner(account: Account, person: Person) -> None:
    """Refuse anyone but its owner seeing, posting from or correcting a personal account."""
    if not may_use(account, person):
        raise NotAllowedError(msg(
            "{address} is someone else's personal account. Only the person who added it "
            "can see it, post from it or correct its posts; {name} cannot.",
            address=account.address, name=person.name))


OFFICIAL_CUSTODY_REASON = msg(
    "Only an admin can add, sign in again to or remove an official account: whoever does holds "
    "the organisation's sign-in on this machine.")


def may_manage_accounts(person: Person, pane: Pane, *,
                        team_publisher: bool | None = None) -> bool:
    """Anyone adds, signs in again and removes accounts in the personal pane; official accounts
    belong to the organisation, so only an admin does. On a team desk (``team_publisher`` not
    None) only the publisher does, since only it may hold official credentials."""
    if pane is Pane.PERSONAL:
        return True
    if team_publisher is not None:
        return team_publisher
    return person.role is Role.ADMIN


# The actions the services name, in the person's language. Translators: each completes "Only an
# admin can … an official account".
_ACCOUNT_ACTIONS = {"add": msg("add"), "sign in again to": msg("sign in again to"),
                    "remove": msg("remove")}


def check_may_manage_accounts(person: Person, pane: Pane, action: str | Message, *,
                              team_publisher: bool | None = None) -> None:
    """Official accounts are added, signed in again and removed by an admin only (``action`` is
    "add", "sign in again to" or "remove"), or on a team by its publisher only. Checked before a
    sign-out reaches a server."""
    if isinstance(action, str):
        action = _ACCOUNT_ACTIONS.get(action, action)
    if team_publisher is False and pane is Pane.OFFICIAL:
        raise NotAllowedError(msg(
            "Only the team's publisher can {action} an official account: it alone holds the "
            "organisation's sign-ins, and this desk is not the publisher. Run it where "
            "`safedesk publisher run` runs.", action=action))
    if not may_manage_accounts(person, pane, team_publisher=team_publisher):
        raise NotAllowedError(msg(
            "Only an admin can {action} an official account: whoever does holds the "
            "organisation's sign-in on this machine, and {name} is an "
            "{role}. Ask an admin to do it.", action=action, name=person.name,
            role=person.role.word))


def check_ready_to_send(pane: Pane, content: Content, now: datetime,
                        policy: PolicyContext = DEFAULT_CONTEXT) -> None:
    """What every submission, scheduling or publication at once needs, whatever its pane. An
    official post with a block only an approver can lift (a watched term in an election period)
    may still go to the approver, who alone may lift it."""
    check_complete(pane, content, policy.for_post(content.schedule_at, now),
                   to_approver=pane is Pane.OFFICIAL)
    if content.schedule_at is not None and content.schedule_at <= now:
        raise InvalidInputError(msg(
            "The scheduled time has already passed. Choose a time in the future, or post now."))


def check_due(content: Content, now: datetime) -> None:
    """A personal post with a time still to come goes out then, not before: publishing it now
    would break the time its author set (cancelling the schedule is how to post it now)."""
    if content.schedule_at is not None and content.schedule_at > now:
        raise NotAllowedError(msg(
            "This post is scheduled for {when}, and "
            "SafeDesk publishes it then. Cancel the schedule to post it now.",
            when=content.schedule_at.astimezone()))


INVISIBLE_ONLY = msg("The post is empty: it has only invisible characters.")


def check_complete(pane: Pane, content: Content, policy: PolicyContext = DEFAULT_CONTEXT, *,
                   to_approver: bool = False) -> None:
    """A post that could go out as it stands: it has accounts, words or images, and (official)
    alt text on every image."""
    if not content.targets:
        raise InvalidInputError(msg("Choose at least one account to post as."))
    check_pair(content)
    check_share(content)
    # A boost is the shared post alone: it has no words of its own, and needs none.
    boost = content.share is not None and content.share.kind is ShareKind.BOOST
    if not content.text.strip() and not content.media and not boost:
        raise InvalidInputError(msg("The post is empty."))
    if not content.media and not boost and only_invisible(content.text):
        # Zero-width characters only: it would publish as a post no one can see, in any pane.
        raise InvalidInputError(INVISIBLE_ONLY)
    missing_alt = [m.filename or m.sha256[:12] for m in content.media if not m.alt_text.strip()]
    if missing_alt and pane is Pane.OFFICIAL:
        raise InvalidInputError(msg(
            "Official posts need alt text on every image, so that everyone can follow them. "
            "Add a description to: {files}.", files=", ".join(missing_alt)))
    translation = content.translation
    if translation is not None and pane is Pane.OFFICIAL and \
            not all(alt.strip() for alt in translation.alt_texts):
        raise InvalidInputError(msg(
            "Official posts need alt text on every image, so that everyone can follow them. "
            "Add the {language} description of each image.",
            language=language_name(translation.language)))
    if to_approver:
        blocks = [f for f in unlifted_blocks(check_content(content, pane, policy))
                  if not f.overridable]
        if blocks:
            raise PolicyBlockedError(blocks)
    else:
        check_policy(pane, content, policy)


def check_policy(pane: Pane, content: Content, policy: PolicyContext = DEFAULT_CONTEXT,
                 overridden: Iterable[str] = ()) -> None:
    """The policy engine's blocks (profanity, hidden text, trivial alt text on official, a
    watched term in an election period): a post carrying one that no approver's override
    (``overridden``, the keys it names) lifts is not published. Warnings never stop anything."""
    check_no_blocks(content, pane, policy, overridden)


def check_fits_every_target(content: Content, accounts: Mapping[str, Account]) -> None:
    """Each target must be able to take the post as it stands: too long for one platform, or a
    content warning or an animated picture Bluesky cannot carry without a decision, stops it here
    with that reason. Every part of a thread must fit too (the warning and media go on the first
    part only)."""
    for number, part in enumerate(content.thread, start=2):
        if not part.strip():
            raise InvalidInputError(msg("Part {number} of the thread is empty: write it, or "
                                        "remove it.", number=number))
    if content.share is not None:
        check_share_targets(content, accounts)
        return
    for account_id in content.targets:
        account = accounts.get(account_id)
        if account is None:
            continue  # check_targets names a missing account
        result = check_for(account, content.text, content.content_warning, content.cw_on_bluesky,
                           content.media)
        if result.notes:
            raise InvalidInputError(msg("{address}: {reason}", address=account.address,
                                        reason=result.notes[0]))
        if content.translation is not None:  # a pair: each language must fit on its own
            problem = language_problem(content, account)
            if problem is not None:
                raise InvalidInputError(problem)
        elif not result.length.ok:
            raise InvalidInputError(msg("{address}: {reason}", address=account.address,
                                        reason=result.length.message()))
        for number, part in enumerate(content.thread, start=2):
            length = check_for(account, part).length
            if not length.ok:
                raise InvalidInputError(msg(
                    "{address}, part {number} of the thread: {reason}",
                    address=account.address, number=number, reason=length.message()))


def check_share(content: Content) -> None:
    """What a share may carry. A boost is the shared post alone: nothing of the organisation's own
    goes with it. A quote carries words (without them it is a boost), and for now no images,
    thread or pair. Neither is scheduled: the shared post is looked at again just before it goes
    out, and a scheduled share found changed would have no one there to hear why."""
    share = content.share
    if share is None:
        return
    if content.schedule_at is not None:
        raise InvalidInputError(msg(
            "A share goes out when you share it (official: once approved); SafeDesk cannot "
            "schedule one yet. Remove the time."))
    if share.kind is ShareKind.BOOST:
        extras = [content.text.strip(), content.content_warning.strip(), content.media,
                  content.thread, content.translation, content.link_card, content.reply_to]
        if any(extras):
            raise InvalidInputError(msg(
                "A boost shares the post as it is, with nothing added: no text, content "
                "warning, images, thread, second language, link card or reply. To add your own "
                "words, quote the post instead."))
        return
    if not content.text.strip() or only_invisible(content.text):
        raise InvalidInputError(msg(
            "A quote needs your own words above the shared post. To share it with nothing "
            "added, boost it instead."))
    if content.media or content.thread or content.translation is not None or \
            content.link_card is not None or content.reply_to:
        raise InvalidInputError(msg(
            "A quote carries your words and the shared post only: SafeDesk cannot add images, "
            "a thread, a second language, a link card or a reply to a quote yet."))


def check_share_targets(content: Content, accounts: Mapping[str, Account]) -> None:
    """A boost goes only to accounts on the shared post's platform (a platform cannot boost
    another's post); a quote's words must fit each target with the shared post's link under
    them (a blank line and the link, as each platform counts it), since a quote falls back to the
    link wherever it cannot quote natively."""
    share = content.share
    if share is None:
        return
    check_boost_platforms(content, accounts)
    if share.kind is ShareKind.BOOST:
        return
    check_quotes_allowed(content, accounts)
    for account_id in content.targets:
        account = accounts.get(account_id)
        if account is None:
            continue  # check_targets names a missing account
        length = check_for(account, f"{content.text}\n\n{share.post.url}").length
        if not length.ok:
            raise InvalidInputError(msg(
                "{address}: {reason} (the shared post's link is counted, since a quote may "
                "carry it)", address=account.address, reason=length.message()))


def quoting_refused(content: Content, accounts: Mapping[str, Account]) -> list[Account]:
    """The targets that would quote the shared post natively although its author has turned
    quoting it off: Bluesky accounts quoting a Bluesky post (elsewhere a quote is its link)."""
    share = content.share
    if share is None or share.kind is not ShareKind.QUOTE or share.post.quotes_allowed:
        return []
    return [account for account in (accounts.get(t) for t in content.targets)
            if account is not None and account.platform is share.post.platform]


def check_quotes_allowed(content: Content, accounts: Mapping[str, Account]) -> None:
    """A quote never goes to a platform where the shared post's author has turned quoting off
    (Bluesky shows such a quote as removed by its author)."""
    refused = quoting_refused(content, accounts)
    if refused and content.share is not None:
        raise NotAllowedError(msg(
            "{author} has turned off quotes of this post, so {accounts} cannot quote it. Boost "
            "it instead, or quote it only from accounts on other platforms (as its link).",
            author=content.share.post.author,
            accounts=", ".join(account.address for account in refused)))


def check_boost_platforms(content: Content, accounts: Mapping[str, Account]) -> None:
    """A boost goes only to accounts on the shared post's platform: Mastodon cannot reblog a
    Bluesky post, nor Bluesky repost a fediverse one."""
    share = content.share
    if share is None or share.kind is not ShareKind.BOOST:
        return
    post = share.post
    for account_id in content.targets:
        account = accounts.get(account_id)
        if account is not None and account.platform is not post.platform:
            raise InvalidInputError(msg(
                "{address} is on {platform}, and the shared post is on {shared}: a boost can "
                "only go to accounts on the post's own platform. Quote it instead, or leave "
                "{address} out.", address=account.address, platform=platform_name(account),
                shared=platform_name(post.platform)))


def platform_name(of: Account | Platform) -> str:
    """A platform's own name, as people know it (not translated)."""
    platform = of.platform if isinstance(of, Account) else of
    return "Mastodon" if platform is Platform.MASTODON else "Bluesky"


def check_can_approve(draft: Draft, approver: Person, standing: Standing = UNRESTRICTED) -> None:
    """Rule 3: a second person, who has not touched the content, approves. No role lifts this.

    ``standing`` (``appointments.standing``) says whether the approver's appointment counts: a
    disabled person's never does, nor, once two admins exist, one no second admin confirmed.
    """
    if not approver.role.may_approve:
        raise NotAllowedError(msg(
            "{name} is an {role}; only approvers and admins can approve.",
            name=approver.name, role=approver.role.word))
    if approver.id == draft.author_id:
        raise SelfApprovalError(msg(
            "{name} wrote this post, so cannot approve it. "
            "A second person must approve every official post.", name=approver.name))
    if approver.id in draft.editors:
        raise SelfApprovalError(msg(
            "{name} edited this post, so cannot approve it. "
            "Someone who has not changed it must approve it.", name=approver.name))
    if standing.refusal:
        raise NotAllowedError(standing.refusal)


def has_valid_approval(draft: Draft) -> bool:
    """Rules 2 and 4: an approval counts only for the exact content it was given for."""
    approval = draft.approval
    return (
        approval is not None
        and approval.digest == content_digest(draft.content)
        and approval.approver_id not in draft.editors
        and approval.approver_id != draft.author_id
    )


def check_can_publish(draft: Draft) -> None:
    """Rule 2: personal posts publish on request; official ones only with a valid approval."""
    if draft.pane is Pane.OFFICIAL and not has_valid_approval(draft):
        raise ApprovalRequiredError(msg(
            "This official post has no valid approval for its current content, so it cannot be "
            "published. Submit it for approval."))


def _check_preapproved_translation(content: Content, approver: Person,
                                   translation: PreapprovedText | None) -> None:
    """A pair's correction is pre-approved in both languages or not at all: no English (or
    Welsh) words go out on the strength of the other language's pre-approval."""
    second = content.translation
    if second is None:
        if translation is not None:
            raise NotAllowedError(msg("This correction is in one language only, so it has no "
                                      "second template to pre-approve."))
        return
    if translation is None:
        raise NotAllowedError(msg("A bilingual correction needs both its Welsh and its English "
                                  "template pre-approved, so a second person must approve it."))
    preapproval, template = translation.preapproval, translation.template
    if preapproval.approver_id != approver.id:
        raise NotAllowedError(msg("One approver must have pre-approved both languages' "
                                  "templates, so a second person must approve this correction."))
    _check_version(preapproval, approver, template,
                   same_language=LANGUAGES[template.language] == second.language)
    if second.content_warning.strip() or second.alt_texts:
        raise NotAllowedError(msg("A pre-approved template covers its words only: a correction "
                                  "with images, a content warning or a schedule needs a second "
                                  "person."))
    _check_words(second.text, template, translation.fields)


def _check_version(preapproval: TemplatePreapproval, approver: Person, template: Template, *,
                   same_language: bool = True) -> None:
    """The pre-approval is of exactly this template version, by someone who did not write it."""
    if approver.id == template.editor_id:
        raise SelfApprovalError(msg("{name} last edited the {template} template, so "
                                    "their pre-approval of it does not count.",
                                    name=approver.name, template=template.label))
    if (preapproval.name, preapproval.language, preapproval.version) != \
            (template.name, template.language, template.version) or not same_language:
        raise NotAllowedError(msg("The pre-approval is for another version of the {template} "
                                  "template; a second person must approve this text.",
                                  template=template.label))


def _check_words(text: str, template: Template, fields: Mapping[str, str]) -> None:
    """The text is the template with only its placeholders filled, and claims no hack."""
    if clean_text(text) != render(template, fields):
        raise NotAllowedError(msg("The text is not the pre-approved template with only its "
                                  "placeholders filled, so a second person must approve it."))
    claims = hack_claims(text)
    if claims:
        raise NotAllowedError(msg("The text says “{claim}”. A claim that the account was hacked "
                                  "or misused always goes to an approver.", claim=claims[0]))


def check_preapproved_template(draft: Draft, preapproval: TemplatePreapproval, approver: Person,
                               template: Template, fields: Mapping[str, str],
                               standing: Standing = UNRESTRICTED,
                               policy: PolicyContext = DEFAULT_CONTEXT,
                               translation: PreapprovedText | None = None) -> None:
    """Rules 2 and 3 for a pre-approved template: the approval stands in for the approver only
    for a correction whose text is exactly that template version with its placeholders filled.

    The approver must still be neither the author nor an editor of the draft, nor the template's
    last editor; a claim of a hack always goes to a person. A bilingual correction's second
    language (``translation``) must be covered the same way, by the same approver.
    """
    _check_preapproved_translation(draft.content, approver, translation)
    if preapproval.approver_id != approver.id:
        raise NotAllowedError(msg("That pre-approval was given by someone else."))
    check_can_approve(draft, approver, standing)
    _check_version(preapproval, approver, template)
    content = draft.content
    if content.reply_to is None:
        raise NotAllowedError(msg("A pre-approved template is only for a correction that "
                                  "replies to a published post."))
    if content.media or content.content_warning.strip() or content.schedule_at is not None:
        raise NotAllowedError(msg("A pre-approved template covers its words only: a correction "
                                  "with images, a content warning or a schedule needs a second "
                                  "person."))
    check_policy(draft.pane, content, policy)  # nor any block, not even an overridable one
    _check_words(content.text, template, fields)
