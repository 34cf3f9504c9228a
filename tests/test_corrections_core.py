"""The pure side of corrections: post links and whose they are, what an action means on each
platform, approval by a pre-approved template (never the author's own), and imported posts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from safedesk.core import rules, workflow
from safedesk.core.corrections import (
    NO_EDIT_NOTE,
    OriginalAction,
    PostLink,
    action_for,
    belongs_to,
    edited_text,
    owner_of,
    parse_post_link,
    servers_to_ask,
    who_posted,
)
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    InvalidInputError,
    InvalidTransitionError,
    NotAllowedError,
    SelfApprovalError,
)
from safedesk.core.lifecycle import IMPORTED_STATE
from safedesk.core.models import (
    Account,
    Content,
    ContentWarningOnBluesky,
    Draft,
    DraftState,
    MediaItem,
    Pane,
    Person,
    Platform,
    PublicationState,
    Role,
)
from safedesk.core.platform import RemotePost, RemoteRef
from safedesk.core.templates import Template, TemplatePreapproval

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
COUNCIL = Account("acc-m", Pane.OFFICIAL, Platform.MASTODON, "https://Social.Example.gov.uk/",
                  "council", "Llanfair Council", NOW, remote_id="109")
COUNCIL_SKY = Account("acc-b", Pane.OFFICIAL, Platform.BLUESKY, "https://pds.example",
                      "council.example.gov.uk", "", NOW, remote_id="did:plc:abc123")
ACCOUNTS = {a.id: a for a in (COUNCIL, COUNCIL_SKY)}
AUTHOR = Person("jo", "Jo", Role.AUTHOR, "x", NOW)
SAM = Person("sam", "Sam", Role.APPROVER, "x", NOW)
KIM = Person("kim", "Kim", Role.APPROVER, "x", NOW)
TEMPLATE = Template("correction", "en-GB", "Correction: {correction}", editor_id="ada")
FIELDS = {"correction": "Bins are on Thursday."}


@pytest.mark.parametrize(("link", "expected"), [
    ("https://social.example.gov.uk/@council/11223344",
     PostLink(Platform.MASTODON, "social.example.gov.uk", "council", "11223344")),
    ("https://Social.Example.gov.uk/@council@social.example.gov.uk/5/",
     PostLink(Platform.MASTODON, "social.example.gov.uk", "council", "5")),
    ("http://127.0.0.1:8080/users/council/statuses/7?x=1#top",
     PostLink(Platform.MASTODON, "127.0.0.1:8080", "council", "7")),
    # Takahē, GoToSocial, Akkoma/Pleroma, Misskey
    ("https://takahe.example/@council/posts/123/",
     PostLink(Platform.MASTODON, "takahe.example", "council", "123")),
    ("https://gts.example/@council/statuses/01HQ7ZJ3K8XW2",
     PostLink(Platform.MASTODON, "gts.example", "council", "01HQ7ZJ3K8XW2")),
    ("https://akkoma.example/notice/AbC123", PostLink(Platform.MASTODON, "akkoma.example", "",
                                                     "AbC123")),
    ("https://misskey.example/notes/9abcdef", PostLink(Platform.MASTODON, "misskey.example", "",
                                                      "9abcdef")),
    # Seen from another server: the author is on theirs, the id is the viewing server's.
    ("https://mastodon.social/@council@social.example.gov.uk/99",
     PostLink(Platform.MASTODON, "mastodon.social", "council", "99",
              domain="social.example.gov.uk")),
    # A shape SafeDesk does not know: only the servers can say what it is.
    ("https://example.org/news/1", PostLink(Platform.MASTODON, "example.org", "", "")),
    ("https://bsky.app/profile/council.example.gov.uk/post/3kabcde2xyz22",
     PostLink(Platform.BLUESKY, "", "council.example.gov.uk", "3kabcde2xyz22")),
    ("  https://bsky.app/profile/did:plc:abc123/post/3kabcde2xyz22  ",
     PostLink(Platform.BLUESKY, "", "did:plc:abc123", "3kabcde2xyz22")),
    ("at://did:plc:abc123/app.bsky.feed.post/3kabcde2xyz22",
     PostLink(Platform.BLUESKY, "", "did:plc:abc123", "3kabcde2xyz22")),
])
def test_post_links_are_parsed(link: str, expected: PostLink) -> None:
    assert parse_post_link(link) == expected


@pytest.mark.parametrize("link", [
    "https://example.org/news", "https://social.example.gov.uk/@council",
    "https://bsky.app/profile/council.example.gov.uk", "at://did:plc:abc/app.bsky.graph.follow/x",
    "council", "",
])
def test_other_text_is_not_a_post_link(link: str) -> None:
    with pytest.raises(InvalidInputError, match="not a link to a Mastodon or Bluesky post"):
        parse_post_link(link)


def test_which_servers_are_asked_about_a_link() -> None:
    elsewhere = Account("acc-x", Pane.OFFICIAL, Platform.MASTODON, "https://other.example",
                        "press", "", NOW)
    namesake = Account("acc-y", Pane.OFFICIAL, Platform.MASTODON, "https://social.example",
                       "council", "", NOW)
    accounts = [COUNCIL_SKY, elsewhere, namesake, COUNCIL]
    # No author in the link: every Mastodon account, those on the link's server first.
    assert servers_to_ask(parse_post_link("https://social.example.gov.uk/notice/A1"),
                          accounts) == [COUNCIL, elsewhere, namesake]
    # On the author's own server: that account only.
    assert servers_to_ask(parse_post_link("https://social.example.gov.uk/@council/posts/1/"),
                          accounts) == [COUNCIL]
    # Seen from elsewhere: the author's server first, then namesakes (an address may use
    # another domain than its server's).
    seen = parse_post_link("https://mastodon.social/@council@social.example.gov.uk/99")
    assert servers_to_ask(seen, accounts) == [COUNCIL, namesake]
    assert owner_of(seen, accounts) is COUNCIL
    # Someone else named by the link: nobody to ask, so it is refused without the network.
    assert servers_to_ask(parse_post_link("https://social.example.gov.uk/@mayor/1"),
                          accounts) == []
    assert servers_to_ask(parse_post_link("https://bsky.app/profile/x/post/3k"), accounts) == []
    assert who_posted(parse_post_link("https://gts.example/@mayor/statuses/01H")) == \
        "@mayor@gts.example"


def test_whose_post_a_link_names() -> None:
    accounts = list(ACCOUNTS.values())
    assert owner_of(parse_post_link("https://social.example.gov.uk/@Council/1"), accounts) \
        is COUNCIL
    assert owner_of(parse_post_link("https://bsky.app/profile/did:plc:abc123/post/3k"),
                    accounts) is COUNCIL_SKY
    assert owner_of(parse_post_link("at://Council.Example.gov.uk/app.bsky.feed.post/3k"),
                    accounts) is COUNCIL_SKY
    for foreign in ("https://social.example.gov.uk/@mayor/1",
                    "https://other.example/@council/1",
                    "https://bsky.app/profile/mayor.example/post/3k"):
        assert owner_of(parse_post_link(foreign), accounts) is None
    assert not belongs_to(parse_post_link("https://bsky.app/profile/council/post/3"), COUNCIL)


def test_what_each_action_means_per_platform() -> None:
    assert action_for(Platform.MASTODON, OriginalAction.EDIT) == (OriginalAction.EDIT, "")
    assert action_for(Platform.BLUESKY, OriginalAction.EDIT) == (OriginalAction.KEEP,
                                                                  NO_EDIT_NOTE)
    assert action_for(Platform.BLUESKY, OriginalAction.DELETE) == (OriginalAction.DELETE, "")
    assert edited_text("Bins on Monday  \n", " [Corrected] ") == "Bins on Monday\n\n[Corrected]"


def correction(author: Person = AUTHOR, text: str = "Correction: Bins are on Thursday.",
               **content: object) -> Draft:
    body = Content(text=text, targets=(COUNCIL.id, COUNCIL_SKY.id), reply_to="original",
                   **content)  # type: ignore[arg-type]
    draft = workflow.new_draft(author, Pane.OFFICIAL, body, ACCOUNTS, NOW).draft
    return workflow.submit(draft, author, ACCOUNTS, NOW).draft


def preapproval(by: Person = SAM, template: Template = TEMPLATE) -> TemplatePreapproval:
    return TemplatePreapproval("pre-1", template.name, template.language, template.version,
                               by.id, NOW)


def test_a_preapproval_approves_exactly_the_filled_template_in_the_approvers_name() -> None:
    draft = correction()
    change = workflow.approve_by_preapproval(draft, preapproval(), SAM, TEMPLATE, FIELDS,
                                             AUTHOR, NOW)
    approved = change.draft
    assert approved.state is DraftState.APPROVED
    assert approved.approval is not None and approved.approval.approver_id == SAM.id
    assert approved.approval.digest == content_digest(draft.content)
    assert approved.approval.comment == \
        f"pre-approved template correction.en-GB@{TEMPLATE.version[:12]}"
    assert rules.has_valid_approval(approved)
    rules.check_can_publish(approved)
    assert change.event.actor == AUTHOR.id
    assert change.event.action == "draft.approve_by_preapproval"
    assert change.event.details["approver"] == SAM.id
    # An edit voids it, as any approval.
    edited = workflow.edit(approved, AUTHOR, replace(draft.content, text="Correction: Friday."),
                           ACCOUNTS, NOW).draft
    assert edited.approval is None and edited.state is DraftState.SUBMITTED


def test_a_preapproval_never_lets_the_author_or_an_editor_approve() -> None:
    mine = correction(author=SAM)
    with pytest.raises(SelfApprovalError, match="wrote this post"):
        workflow.approve_by_preapproval(mine, preapproval(SAM), SAM, TEMPLATE, FIELDS, SAM, NOW)
    edited = workflow.edit(correction(), SAM, correction().content, ACCOUNTS, NOW).draft
    with pytest.raises(SelfApprovalError, match="edited this post"):
        workflow.approve_by_preapproval(edited, preapproval(SAM), SAM, TEMPLATE, FIELDS,
                                        AUTHOR, NOW)
    with pytest.raises(NotAllowedError, match="given by someone else"):
        workflow.approve_by_preapproval(correction(), preapproval(SAM), KIM, TEMPLATE, FIELDS,
                                        AUTHOR, NOW)
    writer = replace(TEMPLATE, editor_id=SAM.id)
    with pytest.raises(SelfApprovalError, match="last edited"):
        workflow.approve_by_preapproval(correction(), preapproval(SAM, writer), SAM, writer,
                                        FIELDS, AUTHOR, NOW)
    author = Person("author2", "Lee", Role.AUTHOR, "x", NOW)
    with pytest.raises(NotAllowedError, match="only approvers and admins"):
        workflow.approve_by_preapproval(correction(), preapproval(author), author, TEMPLATE,
                                        FIELDS, AUTHOR, NOW)


@pytest.mark.parametrize(("draft", "message"), [
    (correction(text="Correction: Bins are on Thursday. Vote for me!"), "only its placeholders"),
    (correction(text="Correction: We were hacked."), "hacked"),
    (correction(content_warning="bins", cw_on_bluesky=ContentWarningOnBluesky.PREPEND),
     "covers its words only"),
    (correction(media=(MediaItem("ab" * 32, "image/png", "A map"),)), "covers its words only"),
])
def test_a_preapproval_covers_nothing_but_the_filled_template(draft: Draft,
                                                              message: str) -> None:
    fields = {"correction": draft.content.text.removeprefix("Correction: ")} \
        if message == "hacked" else FIELDS
    with pytest.raises(NotAllowedError, match=message):
        workflow.approve_by_preapproval(draft, preapproval(), SAM, TEMPLATE, fields, AUTHOR, NOW)


def test_a_preapproval_is_for_one_version_of_a_reply() -> None:
    other = replace(TEMPLATE, text="Correction (v2): {correction}")
    with pytest.raises(NotAllowedError, match="another version"):
        workflow.approve_by_preapproval(correction(), preapproval(), SAM, other, FIELDS,
                                        AUTHOR, NOW)
    not_a_reply = replace(correction(), content=replace(correction().content, reply_to=None))
    with pytest.raises(NotAllowedError, match="replies to a published post"):
        workflow.approve_by_preapproval(not_a_reply, preapproval(), SAM, TEMPLATE, FIELDS,
                                        AUTHOR, NOW)
    unsent = workflow.new_draft(AUTHOR, Pane.OFFICIAL, correction().content, ACCOUNTS,
                                NOW).draft
    with pytest.raises(InvalidTransitionError):
        workflow.approve_by_preapproval(unsent, preapproval(), SAM, TEMPLATE, FIELDS, AUTHOR,
                                        NOW)


def test_an_imported_post_is_a_published_record_that_can_never_be_sent() -> None:
    post = RemotePost(RemoteRef("at://did:plc:abc123/app.bsky.feed.post/3k", "at://x", "cid"),
                      "https://bsky.app/profile/did:plc:abc123/post/3k", "Bins on Monday",
                      created_at=NOW)
    change = workflow.import_external(AUTHOR, Pane.OFFICIAL,
                                      Content(text=post.text, targets=(COUNCIL_SKY.id,)),
                                      [(COUNCIL_SKY.id, post)], ACCOUNTS, NOW)
    assert change.draft.state is IMPORTED_STATE is DraftState.PUBLISHED
    assert change.draft.imported and change.draft.approval is None
    [publication] = change.new_publications
    assert publication.imported and publication.state is PublicationState.PUBLISHED
    assert publication.idempotency_key == f"imported:{COUNCIL_SKY.id}:{post.ref.remote_id}"
    assert change.event.action == "draft.import"
    with pytest.raises(InvalidTransitionError):
        workflow.start_publish(change.draft, AUTHOR, ACCOUNTS, NOW)
    with pytest.raises(NotAllowedError, match="belong to one of the record's accounts"):
        workflow.import_external(AUTHOR, Pane.OFFICIAL,
                                 Content(text=post.text, targets=(COUNCIL.id,)),
                                 [(COUNCIL_SKY.id, post)], ACCOUNTS, NOW)
