"""Bilingual pairs in the window, driven as people use it: an author writes a post in Welsh and
English in one compose box, an approver sees both languages in full and approves them once, an
edit to either language voids that approval, and an admin sets how each official account
publishes a pair. Platforms are scripted fakes and background work runs at once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.models import ContentWarningOnBluesky, Draft, DraftState, Pane, Translation
from safedesk.core.pairs import ENGLISH_LANGUAGE, WELSH, PairLayout, PairStyle
from safedesk.gui.compose import ComposeBox
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.main_window import MainWindow
from safedesk.gui.schedule_field import to_qt
from tests import image_samples as samples
from tests.conftest import Cast, FakeClock
from tests.gui_support import show, show_approver_in_both_panes, tab_order
from tests.test_pane_names import heard_in
from tests.test_policy_tab import policy_tab
from tests.test_queue_gui import decide, queue_of

WELSH_TEXT = "Bydd y llyfrgell ar agor yn hwyr heno"
ENGLISH_TEXT = "The library is open late tonight"


def pair_in(compose: ComposeBox, targets: list[str], first: str = WELSH_TEXT,
            second: str = ENGLISH_TEXT) -> None:
    """Write a pair as a person does: Welsh chosen, the toggle ticked, both texts typed."""
    compose.set_targets(targets)
    compose.language.setCurrentIndex(compose.language.findData(WELSH))
    compose.text.setPlainText(first)
    compose.pair.toggle.click()
    compose.pair.text.setPlainText(second)


def test_a_pair_written_in_the_official_pane_is_submitted_as_one_draft(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.OFFICIAL].compose
    assert not compose.pair.text.isVisibleTo(compose)  # one language until asked for two
    compose.pair.toggle.setFocus()
    qtbot.keyClick(compose.pair.toggle, Qt.Key.Key_Space)  # by keyboard, as by mouse
    assert compose.pair.on and compose.pair.text.isVisibleTo(compose)
    assert compose.language.currentData() == WELSH  # none was chosen: Welsh comes first
    compose.pair.toggle.click()  # nothing typed yet: off at once, nothing to lose
    assert not compose.pair.on
    pair_in(compose, [cast.council.id, cast.council_sky.id])
    compose.pair.content_warning.setText("Parking")
    assert not compose.send_button.isEnabled()  # Bluesky has no warnings: its choice is asked
    assert compose.bluesky_cw.isVisibleTo(compose)
    compose.bluesky_cw.setCurrentIndex(compose.bluesky_cw.findData(
        ContentWarningOnBluesky.PREPEND))
    assert compose.pair.text.accessibleName() == "Official English text"
    assert compose.pair.toggle.accessibleName() == "Official post in Welsh and English"
    assert compose.send_button.words() == (
        "Submit for approval, as @council@social.example.gov.uk and @council.example.gov.uk, "
        "in Welsh and English")
    counts = compose.counts.text()
    assert "<b>Welsh</b>" in counts and "<b>English</b>" in counts
    sky = cast.council_sky.address
    left = 300 - len(f"CW: Parking\n\n{ENGLISH_TEXT}")  # the English's own warning, on top
    assert f"{sky}: {left} characters left on Bluesky." in counts
    compose.render_preview()
    preview = compose.preview.toPlainText()
    assert preview.index(WELSH_TEXT) < preview.index(ENGLISH_TEXT)  # two posts, Welsh first
    compose.send()
    assert "Submitted for approval" in compose.notice.text(), compose.notice.text()
    [draft] = [d for d in desk.store.list_drafts() if d.pane is Pane.OFFICIAL]
    assert draft.state is DraftState.SUBMITTED
    assert (draft.content.language, draft.content.text) == (WELSH, WELSH_TEXT)
    assert draft.content.translation == Translation(ENGLISH_LANGUAGE, ENGLISH_TEXT, "Parking")
    assert draft.content.cw_on_bluesky is ContentWarningOnBluesky.PREPEND


def test_send_waits_while_either_language_is_empty_or_too_long(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.OFFICIAL].compose
    pair_in(compose, [cast.council_sky.id], second="")
    assert not compose.send_button.isEnabled()
    assert "Write both the Welsh and the English text" in compose.block_reason.text()
    compose.pair.text.setPlainText("a" * 301)  # too long for Bluesky in English only
    assert not compose.send_button.isEnabled()
    assert "Too long for Bluesky: 301 of 300 characters. Remove 1." in compose.counts.text()
    compose.pair.text.setPlainText(ENGLISH_TEXT)
    assert compose.send_button.isEnabled()
    # The safety checks read the second language too: its finding is listed under its box.
    compose.pair.text.setPlainText("Bins damn")
    compose.check_policy_now()
    assert "profanity" in compose.pair.findings.text()
    assert compose.findings.text() == ""  # the Welsh is clean


def test_the_second_language_has_its_own_alt_text_and_spell_check(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, tmp_path: Path) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.PERSONAL].compose
    compose.attach_image(samples.png(tmp_path / "map.png"), "Map o'r ffordd")
    qtbot.waitUntil(lambda: len(compose.media) == 1)
    pair_in(compose, [cast.jo.id])
    qtbot.waitUntil(lambda: compose.pair.spell_check.speller is not None)
    assert compose.pair.spell_check.speller is not None
    assert compose.pair.spell_check.speller.code == ENGLISH_LANGUAGE
    # The alt text is asked in both languages now.
    compose.images.setCurrentRow(0)
    dialog = compose.image_strip._edit_alt_text()  # what "Edit alt text…" opens
    assert dialog is not None and dialog.second_text.isVisibleTo(dialog)
    assert dialog.second_text.accessibleName() == "Describe the image in English"
    dialog.second_text.setPlainText("Map of the road")
    dialog.ok_button.click()
    content = compose.content()
    assert content.translation is not None
    assert content.translation.alt_texts == ("Map of the road",)
    assert compose.images.item(0).text() == "map.png: Map o'r ffordd | Map of the road"
    # English first: the second language follows, and its spell check with it.
    compose.language.setCurrentIndex(compose.language.findData(ENGLISH_LANGUAGE))
    assert compose.content().translation.language == WELSH  # type: ignore[union-attr]
    assert compose.pair.text.accessibleName() == "Personal Welsh text"


def test_unticking_asks_before_the_second_language_goes(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.PERSONAL].compose
    pair_in(compose, [cast.jo.id])
    compose.pair.toggle.click()
    question = compose.pair.question
    assert isinstance(question, QMessageBox) and compose.pair.on  # still a pair while asked
    keep = question.defaultButton()
    assert keep.text() == "Keep it"
    keep.click()
    assert compose.pair.on and compose.pair.text.toPlainText() == ENGLISH_TEXT
    compose.pair.toggle.click()
    question = compose.pair.question
    assert question is not None
    [remove] = [b for b in question.buttons() if b.text() == "Remove the English"]
    remove.click()
    assert not compose.pair.on and compose.content().translation is None
    assert compose.pair.text.toPlainText() == ""


def test_a_personal_pair_posts_as_the_person_with_both_languages(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.PERSONAL].compose
    pair_in(compose, [cast.jo.id])
    assert compose.send_button.words() == "Post as @jo@mastodon.social, in Welsh and English"
    sent: list[Draft] = []
    compose.send_requested.connect(sent.append)
    qtbot.mouseClick(compose.send_button, Qt.MouseButton.LeftButton)
    [draft] = sent
    assert draft.author_id == cast.author.id and draft.content.targets == (cast.jo.id,)
    assert (draft.content.language, draft.content.text) == (WELSH, WELSH_TEXT)
    assert draft.content.translation == Translation(ENGLISH_LANGUAGE, ENGLISH_TEXT)
    assert desk.drafts.get(draft.id).content == draft.content  # as stored


def test_a_loaded_pair_shows_both_languages(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.OFFICIAL].compose
    pair_in(compose, [cast.council.id])
    draft = compose.save_now()
    assert draft is not None
    compose.load_draft(None)
    assert not compose.pair.on and compose.pair.text.toPlainText() == ""
    window.panes[Pane.OFFICIAL].open_draft(desk.drafts.get(draft.id))
    assert compose.pair.on and compose.pair.text.toPlainText() == ENGLISH_TEXT
    assert compose.pair.question is None  # loading asks nothing


def test_tab_reads_from_the_language_to_the_toggle_and_the_second_language(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    compose = window.panes[Pane.PERSONAL].compose
    pair_in(compose, [cast.jo.id])
    assert tab_order(qtbot, compose.language, 4) == [
        compose.pair.toggle, compose.pair.text, compose.pair.content_warning, compose.visibility]


def approved_pair(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                  clock: FakeClock) -> tuple[MainWindow, MainWindow, Draft]:
    """A pair the author submitted for two hours from now, and the approver approved."""
    author, approver = show(qtbot, desk, cast.author), show(qtbot, desk, cast.approver)
    compose = author.panes[Pane.OFFICIAL].compose
    pair_in(compose, [cast.council.id])
    compose.schedule.enabled.setChecked(True)
    compose.schedule.when.setDateTime(to_qt((clock.current + timedelta(hours=2)).replace(
        second=0, microsecond=0)))
    compose.send()
    approver.watcher.poll()
    [draft] = [d for d in desk.store.list_drafts() if d.pane is Pane.OFFICIAL]
    return author, approver, draft


def test_the_approver_sees_both_languages_and_one_approval_covers_them(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, clock: FakeClock) -> None:
    _author, approver, draft = approved_pair(qtbot, desk, cast, clock)
    panel = queue_of(approver)
    panel.select(draft.id)
    assert f"“{WELSH_TEXT}” and “{ENGLISH_TEXT}”" in panel.list.item(0).text()
    page = panel.detail.toPlainText()
    assert "one approval covers both languages" in page
    assert WELSH_TEXT in page and ENGLISH_TEXT in page
    dialog = panel.approve()
    assert isinstance(dialog, DecideDialog)
    shown = dialog.previews.toPlainText()
    assert WELSH_TEXT in shown and ENGLISH_TEXT in shown
    assert "one approval covers both languages" in shown
    dialog.reject()
    decide(panel, "approve", "sam-passphrase")
    approved = desk.drafts.get(draft.id)
    assert approved.state is DraftState.APPROVED
    assert approved.approval is not None
    assert approved.approval.digest == content_digest(approved.content)


def test_an_edit_to_the_second_language_after_approval_voids_it(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, clock: FakeClock) -> None:
    author, approver, draft = approved_pair(qtbot, desk, cast, clock)
    panel = queue_of(approver)
    panel.select(draft.id)
    decide(panel, "approve", "sam-passphrase")
    assert desk.drafts.get(draft.id).state is DraftState.APPROVED
    official = author.panes[Pane.OFFICIAL]
    official.open_draft(desk.drafts.get(draft.id))
    official.compose.pair.text.setPlainText(ENGLISH_TEXT + " and tomorrow")  # English only
    official.compose.save_now()
    edited = desk.drafts.get(draft.id)
    assert edited.state is DraftState.SUBMITTED and edited.approval is None
    assert edited.content.text == WELSH_TEXT  # the Welsh untouched
    voids = [e for e in desk.store.audit_events_about(draft.id) if e.details.get(
        "voided_approval")]
    assert len(voids) == 1
    approver.watcher.poll()
    assert queue_of(approver).list.count() == 1  # back for a new approval


def test_an_admin_sets_each_accounts_pair_style_and_it_round_trips(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.admin)
    tab = policy_tab(window)
    section = tab.pair_styles
    assert set(section.layouts) == {cast.council.id, cast.council_sky.id}  # official only
    layout, first = section.layouts[cast.council_sky.id], section.firsts[cast.council_sky.id]
    assert (layout.currentData(), first.currentData()) == ("two_posts", WELSH)  # the default
    assert layout.accessibleName() == \
        "How @council.example.gov.uk publishes a bilingual post"
    layout.setCurrentIndex(layout.findData(PairLayout.ONE_POST.value))
    first.setCurrentIndex(first.findData(ENGLISH_LANGUAGE))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Saved (version 1)" in tab.message.text(), tab.message.text()
    stored = desk.policy.current().settings
    assert stored.pair_styles == {cast.council_sky.id: PairStyle(PairLayout.ONE_POST,
                                                                 ENGLISH_LANGUAGE)}
    tab.reload()
    assert (layout.currentData(), first.currentData()) == ("one_post", ENGLISH_LANGUAGE)
    assert section.layouts[cast.council.id].currentData() == "two_posts"
    # The compose box previews the pair as that account publishes it: English first, one post.
    compose = window.panes[Pane.OFFICIAL].compose
    window.session.refresh_policy()
    pair_in(compose, [cast.council_sky.id])
    compose.render_preview()
    preview = compose.preview.toPlainText()
    assert "One post, in both languages" in preview
    assert preview.index(ENGLISH_TEXT) < preview.index(WELSH_TEXT)


def test_others_see_the_pair_styles_but_cannot_change_them(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    section = policy_tab(window).pair_styles
    assert section.layouts and all(not box.isEnabled() for box in
                                   [*section.layouts.values(), *section.firsts.values()])


def test_the_second_language_is_heard_with_its_pane(qtbot: QtBot, desk: SafeDesk,
                                                    cast: Cast) -> None:
    window = show_approver_in_both_panes(qtbot, desk, cast)
    for pane in Pane:
        window.panes[pane].compose.pair.toggle.click()
    personal, official = heard_in(window, Pane.PERSONAL), heard_in(window, Pane.OFFICIAL)
    assert sorted(set(personal) & set(official)) == []
    assert window.panes[Pane.PERSONAL].compose.pair.text.accessibleName() in personal
    assert window.panes[Pane.OFFICIAL].compose.pair.content_warning.accessibleName() in official
