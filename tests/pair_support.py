"""Published bilingual pairs for the correction, history and export tests.

Until pair publishing is merged a pair goes out through the real services as one post; its
record on each account is then given what pair publishing stores (one Publication per account
whose ``parts_out`` holds the Welsh part and the English part, each with its language, link and
the moment it went out), through the store as the publisher would write it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, Pane, PartOut, Person, Publication, Translation
from safedesk.core.workflow import PendingEvent

WELSH_TEXT = "Casglu biniau ddydd Llun"
ENGLISH_TEXT = "Bins collected on Monday"
GAP = timedelta(seconds=3)


def pair_content(targets: tuple[str, ...]) -> Content:
    return Content(text=WELSH_TEXT, targets=targets, language="cy",
                   translation=Translation(language="en", text=ENGLISH_TEXT))


def as_two_posts(desk: SafeDesk, publication: Publication) -> Publication:
    """``publication`` recorded as a two-post pair with known values: the Welsh part, then the
    English part ``GAP`` later, each with its own link."""
    assert publication.published_at is not None
    welsh = PartOut(publication.remote_id, publication.remote_uri, publication.remote_cid,
                    publication.url, language="cy", out_at=publication.published_at)
    english = PartOut(f"{publication.remote_id}-en", url=f"{publication.url}-en", language="en",
                      out_at=publication.published_at + GAP)
    paired = replace(publication, parts_out=(welsh, english))
    desk.store.update_publication(paired, PendingEvent("system", "test.pair_parts", paired.id,
                                                       {}))
    return paired


def publish_pair(desk: SafeDesk, author: Person, pane: Pane, targets: tuple[str, ...],
                 approver: Person | None = None, passphrase: str = "") -> str:
    """A pair published on ``targets``, each account's record holding both parts."""
    draft = desk.drafts.create(author, pane, pair_content(targets))
    if pane is Pane.OFFICIAL:
        assert approver is not None
        desk.drafts.submit(draft.id, author)
        decision = desk.queue.approve(draft.id, approver, passphrase,
                                      content_digest(desk.drafts.get(draft.id).content))
        assert decision.report is not None and decision.report.complete
    else:
        assert desk.publisher.publish(draft.id, author).complete
    for publication in desk.store.list_publications(draft_id=draft.id):
        # Published as two posts, Welsh first; then timed and linked as the tests expect.
        assert [part.language for part in publication.parts_out] == ["cy", "en"]
        as_two_posts(desk, publication)
    return draft.id
