"""Bilingual pairs in core: the digest covers both languages, the store keeps them, and a pair
that cannot go out is refused with a reason."""

from __future__ import annotations

from dataclasses import replace

import pytest

from safedesk.core.digest import content_digest
from safedesk.core.errors import InvalidInputError
from safedesk.core.models import Content, MediaItem, Translation
from safedesk.core.pairs import (
    DEFAULT_PAIR_STYLE,
    PairLayout,
    check_pair,
    in_order,
    pair_style,
)
from safedesk.storage.codec import content_from, content_json

IMAGE = MediaItem(sha256="ab" * 32, mime_type="image/png", alt_text="Pont dros yr afon")
PAIR = Content(text="Mae\u2019r ffordd ar gau.", targets=("a1", "a2"), language="cy",
               content_warning="Llifogydd", media=(IMAGE,),
               translation=Translation(language="en", text="The road is closed.",
                                       content_warning="Flooding",
                                       alt_texts=("Bridge over the river",)))


def test_a_single_post_keeps_the_digest_it_always_had() -> None:
    single = replace(PAIR, translation=None)
    # The digest of v1 content without a translation, as stored approvals have it.
    assert content_digest(single) == content_digest(Content(
        text=single.text, targets=("a2", "a1"), language="cy", content_warning="Llifogydd",
        media=(IMAGE,)))
    assert content_digest(single) != content_digest(PAIR)


@pytest.mark.parametrize("edit", [
    {"text": "The road is open."},
    {"content_warning": ""},
    {"alt_texts": ("A bridge",)},
    {"language": "cy"},
])
def test_an_edit_to_the_second_language_changes_the_digest(edit: dict[str, object]) -> None:
    assert PAIR.translation is not None
    edited = replace(PAIR, translation=replace(PAIR.translation, **edit))  # type: ignore[arg-type]
    assert content_digest(edited) != content_digest(PAIR)


def test_an_edit_to_the_first_language_changes_the_digest() -> None:
    assert content_digest(replace(PAIR, text="Mae\u2019r ffordd ar agor.")) != content_digest(PAIR)


def test_the_store_keeps_both_languages() -> None:
    assert content_from(content_json(PAIR)) == PAIR
    assert "translation" not in content_json(replace(PAIR, translation=None))


def test_welsh_goes_first_unless_the_organisation_chose_english() -> None:
    english_first_draft = replace(PAIR, text="The road is closed.", language="en",
                                  translation=Translation("cy", "Mae\u2019r ffordd ar gau."))
    assert [p.language for p in in_order(english_first_draft, DEFAULT_PAIR_STYLE)] == ["cy", "en"]
    english_first = pair_style("two_posts", "en")
    assert [p.language for p in in_order(PAIR, english_first)] == ["en", "cy"]
    assert pair_style("one_post", "cy").layout is PairLayout.ONE_POST


@pytest.mark.parametrize("broken", [
    replace(PAIR, language="en"),
    replace(PAIR, text=" "),
    replace(PAIR, translation=Translation("en", "The road is closed.")),  # no English alt text
    replace(PAIR, thread=("Rhan 2",)),
])
def test_a_pair_that_cannot_go_out_is_refused(broken: Content) -> None:
    with pytest.raises(InvalidInputError):
        check_pair(broken)


def test_a_style_out_of_the_choices_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        pair_style("three_posts", "cy")
    with pytest.raises(InvalidInputError):
        pair_style("two_posts", "fr")


def test_a_publication_keeps_each_language_part_and_when_it_went_out() -> None:
    from datetime import UTC, datetime

    from safedesk.core.models import Pane, PartOut, Publication, PublicationState
    from safedesk.storage.codec import publication_from, publication_row

    when = datetime(2026, 12, 2, 10, 0, 1, tzinfo=UTC)
    parts = (PartOut("1", url="https://x/1", language="cy", out_at=when),
             PartOut("2", url="https://x/2", language="en", out_at=when))
    publication = Publication(id="p", draft_id="d", account_id="a", pane=Pane.OFFICIAL,
                              idempotency_key="k", state=PublicationState.PUBLISHED,
                              parts_out=parts)
    assert publication_from(publication_row(publication)).parts_out == parts


def test_the_organisation_chooses_a_style_per_account() -> None:
    from safedesk.core.policy.settings import DEFAULT_SETTINGS, PolicySettings, settings_of

    one_post = pair_style("one_post", "en")
    settings = settings_of(pair_styles={"acct-1": one_post, "acct-2": DEFAULT_PAIR_STYLE})
    assert settings.pair_style_for("acct-1") == one_post
    assert settings.pair_style_for("acct-2") == DEFAULT_PAIR_STYLE
    assert settings.pair_style_for("acct-3") == DEFAULT_PAIR_STYLE
    assert PolicySettings.from_json(settings.as_json()) == settings
    assert "pair_styles" not in DEFAULT_SETTINGS.as_json()
    with pytest.raises(InvalidInputError):
        PolicySettings.from_json({"pair_styles": {"acct-1": {"layout": "both"}}})
