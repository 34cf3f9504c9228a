"""The desk window: two panes with their own colours, compose, publishing, drafts and history.

Platforms are scripted fakes here (see tests/fake_platform.py) and background work runs
synchronously; tests/test_desk_live.py drives the same window against the real servers.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.contrast import contrast_ratio, meets_aa
from safedesk.core.errors import ServerFailureError
from safedesk.core.models import DraftState, Pane, Platform, PublicationState, Role
from safedesk.core.platform import PostRequest
from safedesk.gui.launch import gui_settings, open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.targets import action_texts
from safedesk.gui.tasks import ImmediateRunner
from safedesk.gui.theme import OFFICIAL_STYLE, PERSONAL_STYLE, PaneStyle
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.gui_support import show, tab_order


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.author)


def band_pixel(window: MainWindow, pane: Pane) -> QColor:
    image = window.panes[pane].band.grab().toImage()
    return image.pixelColor(QPoint(image.width() - 4, image.height() // 2))


def test_empty_desk_shows_both_panes_with_their_own_words(qtbot: QtBot, desk: SafeDesk) -> None:
    person = desk.people.add("Ada", __import__("safedesk.core.models").core.models.Role.ADMIN,
                             "the-passphrase")
    win = show(qtbot, desk, person)
    personal, official = win.panes[Pane.PERSONAL], win.panes[Pane.OFFICIAL]
    assert (personal.band.title_label.text(), official.band.title_label.text()) == (
        "Personal", "Official")
    assert personal.mapTo(win, QPoint(0, 0)).x() < official.mapTo(win, QPoint(0, 0)).x()
    assert personal.empty_label.text() == "No personal accounts yet"
    assert official.empty_label.text() == (
        "No official accounts yet — official posts need a second person to approve them")
    assert personal.body.currentWidget() is personal.empty_page
    assert official.accessibleName() == "Official pane"


def test_each_band_is_painted_in_its_own_colour(window: MainWindow) -> None:
    assert band_pixel(window, Pane.PERSONAL).name() == PERSONAL_STYLE.band_colour
    stripe = QColor(OFFICIAL_STYLE.band_colour).darker(135).name()
    assert band_pixel(window, Pane.OFFICIAL).name() in {OFFICIAL_STYLE.band_colour, stripe}


def test_colour_is_not_the_only_cue() -> None:
    assert PERSONAL_STYLE.title != OFFICIAL_STYLE.title
    assert PERSONAL_STYLE.icon != OFFICIAL_STYLE.icon
    assert OFFICIAL_STYLE.border_width > PERSONAL_STYLE.border_width
    assert OFFICIAL_STYLE.striped and not PERSONAL_STYLE.striped


@pytest.mark.parametrize("style", [PERSONAL_STYLE, OFFICIAL_STYLE])
def test_band_text_meets_wcag_aa(style: PaneStyle) -> None:
    assert meets_aa(style.band_text_colour, style.band_colour)
    assert style.problems() == []


def test_a_low_contrast_style_is_reported() -> None:
    pale = dataclasses.replace(PERSONAL_STYLE, band_colour="#7fa7e0")
    assert contrast_ratio("#ffffff", "#7fa7e0") < 4.5
    assert "needs at least 4.5:1" in pale.problems()[0]


def targets_listed(window: MainWindow, pane: Pane) -> list[str]:
    box = window.panes[pane].compose.targets
    return [box.item(i).text() for i in range(box.count())]


def test_each_compose_box_lists_only_its_own_panes_accounts(window: MainWindow,
                                                            cast: Cast) -> None:
    assert targets_listed(window, Pane.PERSONAL) == ["@jo@mastodon.social (Mastodon)"]
    assert targets_listed(window, Pane.OFFICIAL) == [
        "@council@social.example.gov.uk (Mastodon)", "@council.example.gov.uk (Bluesky)"]
    accounts = window.panes[Pane.OFFICIAL].accounts.list
    assert [accounts.item(i).text() for i in range(accounts.count())] == [
        "@council@social.example.gov.uk · Mastodon · Official",
        "@council.example.gov.uk · Bluesky · Official"]


def write(window: MainWindow, pane: Pane, text: str, targets: list[str]) -> None:
    compose = window.panes[pane].compose
    compose.set_targets(targets)
    compose.text.setPlainText(text)


def test_the_button_always_names_who_you_post_as(window: MainWindow, cast: Cast) -> None:
    personal = window.panes[Pane.PERSONAL].compose
    assert personal.send_button.words() == "Post as @jo@mastodon.social"  # the pane's only one
    personal.set_targets([])
    assert personal.send_button.words() == "Post (choose an account)"
    write(window, Pane.PERSONAL, "Hi", [cast.jo.id])
    assert personal.send_button.words() == "Post as @jo@mastodon.social"
    write(window, Pane.OFFICIAL, "Bins", [cast.council.id, cast.council_sky.id])
    assert window.panes[Pane.OFFICIAL].compose.send_button.words() == \
        "Submit for approval, as @council@social.example.gov.uk and @council.example.gov.uk"
    assert action_texts(Pane.OFFICIAL, [])[0] == "Submit for approval (choose an account)"
    # Narrowed, the button keeps saying who, in fewer words; its full words stay in the tooltip.
    official_send = window.panes[Pane.OFFICIAL].compose.send_button
    official_send.resize(official_send.minimumSizeHint())
    assert official_send.text() == "Submit for approval, as @council@social.example.gov.uk and 1 more"
    assert official_send.toolTip() == official_send.words()
    assert action_texts(Pane.PERSONAL, cast.accounts)[0] == (
        "Post as @council@social.example.gov.uk, @council.example.gov.uk and 1 more")


def test_over_the_limit_turns_the_count_red_and_disables_sending(window: MainWindow,
                                                                 cast: Cast) -> None:
    write(window, Pane.OFFICIAL, "\U0001f469\U0001f3fd\u200d\U0001f4bb" * 301,
          [cast.council_sky.id])
    compose = window.panes[Pane.OFFICIAL].compose
    assert "Too long for Bluesky: 301 of 300 characters" in compose.counts.text()
    assert "#b00020" in compose.counts.text()
    assert not compose.send_button.isEnabled()


def test_ctrl_enter_publishes_only_from_the_focused_pane(
        qtbot: QtBot, window: MainWindow, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    write(window, Pane.PERSONAL, "Personal thought", [cast.jo.id])
    write(window, Pane.OFFICIAL, "Official notice", [cast.council.id])
    official_text = window.panes[Pane.OFFICIAL].compose.text
    official_text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is official_text)
    qtbot.keyClick(official_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert cast.jo.id not in platforms or not platforms[cast.jo.id].posts
    official = window.session.app.drafts.unsent(Pane.OFFICIAL, cast.author)
    assert official == []  # it was submitted, not published
    submitted = window.session.app.drafts.list(Pane.OFFICIAL)
    assert [d.state for d in submitted] == [DraftState.SUBMITTED]
    assert cast.council.id not in platforms

    personal_text = window.panes[Pane.PERSONAL].compose.text
    personal_text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is personal_text)
    qtbot.keyClick(personal_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [p.text for p in platforms[cast.jo.id].posts.values()] == ["Personal thought"]


def test_the_inactive_pane_is_washed_over_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    personal, official = window.panes[Pane.PERSONAL], window.panes[Pane.OFFICIAL]
    official.compose.text.setFocus()
    qtbot.waitUntil(lambda: window.active_pane is Pane.OFFICIAL)
    assert personal.wash.isVisible() and not official.wash.isVisible()
    assert personal.band.state_label.text().startswith("Not in use")
    assert official.band.state_label.text().startswith("In use")
    assert "Not in use" in personal.accessibleDescription()
    assert official.accessibleDescription() == ""
    # The wash covers the pane's body inside its border, and is drawn over it.
    body = personal.body.geometry()
    assert personal.wash.geometry().contains(body.center())
    assert personal.wash.geometry().top() > personal.band.geometry().top()
    before = band_pixel(window, Pane.PERSONAL)
    personal.compose.text.setFocus()
    qtbot.waitUntil(lambda: window.active_pane is Pane.PERSONAL)
    assert not personal.wash.isVisible() and official.wash.isVisible()
    assert band_pixel(window, Pane.PERSONAL) == before  # the band keeps its full colour


def test_a_tab_clicked_in_the_inactive_pane_shows_that_tab(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    """What was seen: the dimmed pane kept showing Compose over the tab clicked (an opacity
    effect's cached picture). Nothing in the window renders through a graphics effect now, and
    the pane's picture changes with its tab."""
    personal, official = window.panes[Pane.PERSONAL], window.panes[Pane.OFFICIAL]
    personal.compose.text.setFocus()
    qtbot.waitUntil(lambda: window.active_pane is Pane.PERSONAL)
    assert all(widget.graphicsEffect() is None for widget in window.findChildren(QWidget))
    compose_picture = official.grab().toImage()
    official.tabs.setCurrentWidget(official.history)
    qtbot.waitUntil(official.history.isVisible)
    assert official.grab().toImage() != compose_picture


def test_partial_failure_shows_the_account_and_retry_sends_once(
        window: MainWindow, desk: SafeDesk, cast: Cast,
        platforms: dict[str, FakePlatform]) -> None:
    second = desk.accounts.register(Pane.PERSONAL, cast.jo.platform.BLUESKY,
                                    "https://bsky.social", "jo.bsky.social", owner=cast.author)
    desk_window = window
    desk_window.session.accounts_changed.emit()
    flaky = FakePlatform(second)
    platforms[second.id] = flaky

    def fail_once(_request: PostRequest) -> None:
        flaky.before_publish = None
        raise ServerFailureError("Bluesky's server failed (503). Try again in a few minutes.")

    flaky.before_publish = fail_once
    write(window, Pane.PERSONAL, "Library open late", [cast.jo.id, second.id])
    pane = window.panes[Pane.PERSONAL]
    pane.compose.send()
    rows = [pane.progress.rows.itemAt(i).widget().text()  # type: ignore[union-attr]
            for i in range(pane.progress.rows.count())]
    assert any("@jo.bsky.social: not published — Bluesky's server failed (503)" in r for r in rows)
    assert any("@jo@mastodon.social: published" in r for r in rows)
    assert pane.progress.retry_button.isVisibleTo(pane)
    pane.progress.retry()
    assert "Published everywhere." in pane.progress.title.text()
    assert len(flaky.posts) == 1
    assert len(platforms[cast.jo.id].posts) == 1
    keys = [r.idempotency_key for r in flaky.requests]
    assert len(keys) == 2 and keys[0] == keys[1]
    assert pane.compose.is_empty()
    pane.history.reload()
    assert pane.history.tree.topLevelItemCount() == 2
    states = {pane.history.tree.topLevelItem(i).text(3)
              for i in range(pane.history.tree.topLevelItemCount())}
    assert states == {PublicationState.PUBLISHED.value}


def test_history_columns_fit_their_words(window: MainWindow, cast: Cast) -> None:
    write(window, Pane.PERSONAL, "Bins are collected on Monday", [cast.jo.id])
    pane = window.panes[Pane.PERSONAL]
    pane.compose.send()
    pane.history.reload()
    tree = pane.history.tree
    item = tree.topLevelItem(0)
    assert item is not None
    metrics = tree.fontMetrics()
    for column in range(tree.columnCount() - 1):  # the link takes what is left
        widest = max(metrics.horizontalAdvance(item.text(column)),
                     metrics.horizontalAdvance(tree.headerItem().text(column)))
        assert tree.header().sectionSize(column) > widest, tree.headerItem().text(column)


def test_copy_to_the_other_pane_opens_a_new_draft_there(window: MainWindow, cast: Cast) -> None:
    write(window, Pane.PERSONAL, "Road closed on the high street", [cast.jo.id])
    window.panes[Pane.PERSONAL].compose.copy_button.click()
    official = window.panes[Pane.OFFICIAL].compose
    assert official.text.toPlainText() == "Road closed on the high street"
    assert official.chosen_target_ids() == []
    assert official.draft is not None and official.draft.pane is Pane.OFFICIAL
    assert window.panes[Pane.PERSONAL].compose.chosen_target_ids() == [cast.jo.id]


def test_reply_from_history_threads_under_the_original(
        window: MainWindow, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    write(window, Pane.PERSONAL, "First", [cast.jo.id])
    pane = window.panes[Pane.PERSONAL]
    pane.compose.send()
    pane.history.reload()
    pane.history.tree.setCurrentItem(pane.history.tree.topLevelItem(0))
    pane.history.reply_button.click()
    assert pane.compose.reply_banner.text() == "Replying to “First”"
    write(window, Pane.PERSONAL, "Second", [cast.jo.id])
    pane.compose.send()
    sent = platforms[cast.jo.id].requests[-1]
    assert sent.reply_to is not None
    first = next(p for p in platforms[cast.jo.id].posts.values() if p.text == "First")
    assert sent.reply_to.remote_id == first.ref.remote_id


def test_window_geometry_is_kept_between_runs(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    # The offscreen screen is 800x800, so only the height can differ from the default freely:
    # pick one between the window's minimum and the screen's.
    first = show(qtbot, desk, cast.author)
    height = min(first.minimumSizeHint().height() + 40, 780)
    assert height != first.size().height()
    first.resize(first.width(), height)
    qtbot.waitUntil(lambda: first.size().height() == height)
    first.close()
    assert gui_settings(desk.settings).value("window/geometry") is not None
    second = open_main_window(desk, cast.author, ImmediateRunner())
    qtbot.addWidget(second)
    assert second.size().height() == height


def test_unsent_drafts_survive_the_process_being_killed(tmp_path: Path) -> None:
    """Type, wait for the autosave, then SIGKILL: reopening shows every unsent draft."""
    data = tmp_path / "data"
    script = textwrap.dedent(f"""
        import os, signal
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from safedesk.app import Settings, build
        from safedesk.core.models import Pane, Platform, Role
        from safedesk.gui.launch import open_main_window
        from safedesk.gui.tasks import ImmediateRunner
        qt = QApplication([])
        app = build(Settings(Path({str(data)!r})))
        me = app.people.add("Jo", Role.AUTHOR, "the-passphrase")
        app.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://m.example", "jo",
                              owner=me)
        window = open_main_window(app, me, ImmediateRunner())
        window.show()
        compose = window.panes[Pane.PERSONAL].compose
        compose.text.setPlainText("Half-written thought \\u2014 caf\\u00e9")
        def die():
            os.kill(os.getpid(), signal.SIGKILL)
        def die_once_saved():
            # Killed as soon as the autosave has written the words (on a busy machine the
            # language reader's first load, done here on this thread, delays it).
            if any(d.content.text.startswith("Half-written")
                   for d in app.drafts.unsent(Pane.PERSONAL, me)):
                die()
        from PySide6.QtCore import QTimer
        poll = QTimer()
        poll.timeout.connect(die_once_saved)
        poll.start(100)
        QTimer.singleShot(30_000, die)
        qt.exec()
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                            check=False)
    assert result.returncode == -signal.SIGKILL, result.stderr
    reopened = build(Settings(data))
    try:
        me = reopened.people.list()[0]
        unsent = reopened.drafts.unsent(Pane.PERSONAL, me)
        assert [d.content.text for d in unsent] == ["Half-written thought \u2014 caf\u00e9"]
    finally:
        reopened.close()


def test_a_warning_bound_for_bluesky_needs_a_choice(window: MainWindow, cast: Cast,
                                                    platforms: dict[str, FakePlatform]) -> None:
    from safedesk.core.models import ContentWarningOnBluesky

    compose = window.panes[Pane.OFFICIAL].compose
    write(window, Pane.OFFICIAL, "Road closed", [cast.council_sky.id])
    assert compose.bluesky_cw.isHidden()
    compose.content_warning.setText("Traffic")
    assert compose.bluesky_cw.isVisibleTo(compose)
    assert not compose.send_button.isEnabled()
    assert "Bluesky has no content warnings" in compose.counts.text()
    compose.bluesky_cw.setCurrentIndex(
        compose.bluesky_cw.findData(ContentWarningOnBluesky.PREPEND))
    assert compose.send_button.isEnabled()
    # "CW: Traffic\n\n" (13) + "Road closed" (11) = 24 of 300
    assert "276 characters left on Bluesky" in compose.counts.text()
    compose.send()
    draft = window.session.app.drafts.list(Pane.OFFICIAL)[0]
    assert draft.content.cw_on_bluesky is ContentWarningOnBluesky.PREPEND


def test_no_drop_path_into_a_compose_box(window: MainWindow) -> None:
    for pane in Pane:
        compose = window.panes[pane].compose
        assert not compose.text.acceptDrops()
        assert not compose.text.viewport().acceptDrops()
        assert not compose.content_warning.acceptDrops()


def test_every_focusable_control_has_a_name_a_person_can_hear(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar

    labelled = {label.buddy() for label in window.findChildren(QLabel) if label.buddy()}
    unnamed = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget, QTabBar):
            continue  # tabs are named by their own titles
        if widget.accessibleName() or widget in labelled:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            continue
        unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []


def test_tab_moves_through_the_compose_box_in_reading_order(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    compose = window.panes[Pane.PERSONAL].compose
    # The pane's tabs come before what is on them.
    assert tab_order(qtbot, window.panes[Pane.PERSONAL].tabs.tabBar(), 1) == [compose.targets]
    # The pane's one account (on Mastodon) starts ticked, so the audience is there to choose.
    assert compose.chosen_target_ids() == [compose.targets.item(0).data(Qt.ItemDataRole.UserRole)]
    # "Schedule" sits beside the audience; its time comes next only once it is ticked.
    # "Bilingual" follows the language it adds a second one to.
    assert tab_order(qtbot, compose.targets, 7) == [
        compose.text, compose.content_warning, compose.language, compose.pair.toggle,
        compose.visibility, compose.schedule.enabled, compose.images]
    # Without a Mastodon account ticked the audience is disabled, and Tab skips it.
    compose.set_targets([])
    assert tab_order(qtbot, compose.targets, 7) == [
        compose.text, compose.content_warning, compose.language, compose.pair.toggle,
        compose.schedule.enabled, compose.images, compose.add_image]


def test_the_notices_above_the_tabs_come_first_in_tab_order(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    """Tab reads the pane from the top: a notice, the posts left unfinished, the tabs, and
    then the page; Shift+Tab goes back the same way."""
    pane = window.panes[Pane.OFFICIAL]
    pane.banner.show_notice("Your post scheduled for 09:00 went out at 09:12.")
    pane.unfinished.setVisible(True)  # as it is when a post was left unfinished
    pane.unfinished.list.addItem("@council@mastodon.social: not known whether it went out")
    compose = pane.compose
    bar = pane.tabs.tabBar()
    assert tab_order(qtbot, pane.banner.dismiss, 4) == [
        pane.unfinished.list, pane.unfinished.check_button, bar, compose.targets]
    assert tab_order(qtbot, bar, 3, key=Qt.Key.Key_Backtab) == [
        pane.unfinished.check_button, pane.unfinished.list, pane.banner.dismiss]


def test_autosave_writes_and_announces_only_what_changed(qtbot: QtBot, window: MainWindow,
                                                         desk: SafeDesk) -> None:
    """A typing pause that changed nothing writes nothing and reloads no view."""
    compose = window.panes[Pane.OFFICIAL].compose
    announced: list[Pane] = []
    window.session.drafts_changed.connect(announced.append)
    compose.text.setPlainText("Library hours change on Monday.\r\nSee the website.")
    first = compose.save_now()
    assert first is not None and announced == [Pane.OFFICIAL]
    head = desk.store.audit_head().count
    assert compose.save_now() == first  # nothing new: the stored form is the same
    assert announced == [Pane.OFFICIAL]
    assert desk.store.audit_head().count == head
    compose.text.setPlainText("Library hours change on Tuesday.")
    second = compose.save_now()
    assert second is not None and second.version == first.version + 1
    assert announced == [Pane.OFFICIAL, Pane.OFFICIAL]


def test_the_preview_is_drawn_when_typing_pauses(qtbot: QtBot, window: MainWindow,
                                                 cast: Cast) -> None:
    """Counts follow every keystroke; the HTML preview, the dear part, waits for a pause."""
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council.id])
    compose.render_preview()
    compose.text.setPlainText("Road closed on Friday")
    assert "479 characters left" in compose.counts.text()  # exact on the keystroke
    assert "Road closed" not in compose.preview.toPlainText()  # not on the keystroke itself
    qtbot.waitUntil(lambda: "Road closed on Friday" in compose.preview.toPlainText(),
                    timeout=10_000)
    assert "@council@social.example.gov.uk" in compose.preview.toPlainText()


def test_keys_go_to_the_pane_used_last_from_the_start(qtbot: QtBot, desk: SafeDesk,
                                                      cast: Cast) -> None:
    first = show(qtbot, desk, cast.author)
    personal_text = first.panes[Pane.PERSONAL].compose.text
    qtbot.waitUntil(lambda: QApplication.focusWidget() is personal_text)  # personal at first
    assert first.active_pane is Pane.PERSONAL
    first.panes[Pane.OFFICIAL].compose.text.setFocus()
    qtbot.waitUntil(lambda: first.active_pane is Pane.OFFICIAL)
    first.close()

    second = show(qtbot, desk, cast.author)
    official_text = second.panes[Pane.OFFICIAL].compose.text
    qtbot.waitUntil(lambda: QApplication.focusWidget() is official_text)
    qtbot.keyClicks(official_text, "Road closed")
    assert official_text.toPlainText() == "Road closed"
    assert second.active_pane is Pane.OFFICIAL


def test_keys_go_to_the_pane_with_accounts_when_the_other_has_none(
        qtbot: QtBot, desk: SafeDesk) -> None:
    person = desk.people.add("Ada", Role.ADMIN, "ada-passphrase")
    desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://social.example.gov.uk",
                           "council")
    window = show(qtbot, desk, person)
    official_text = window.panes[Pane.OFFICIAL].compose.text
    qtbot.waitUntil(lambda: QApplication.focusWidget() is official_text)
