"""Settings, People on real widgets: disable and enable, change a role, confirm another admin's
appointment, reset and change passphrases, and the lone admin's flag in the approve dialog and
the history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.errors import AuthenticationError
from safedesk.core.models import Content, DraftState, Pane, Person, Role
from safedesk.gui.main_window import MainWindow
from safedesk.gui.people_dialogs import ChoosePersonDialog, PassphraseDialog, SetRoleDialog
from safedesk.gui.settings_dialog import SettingsDialog
from tests.conftest import Cast
from tests.test_queue_gui import decide, open_as, queue_of
from tests.test_settings import open_settings


def people_page(qtbot: QtBot, desk: SafeDesk, person: Person) -> SettingsDialog:
    window = open_as(qtbot, desk, person)
    dialog = open_settings(window)
    dialog.sections.setCurrentWidget(dialog.people_page)
    return dialog


def choose(dialog: SettingsDialog, name: str) -> None:
    for row in range(dialog.people_list.count()):
        if dialog.people_list.item(row).text().startswith(name):
            dialog.people_list.setCurrentRow(row)
            return
    raise AssertionError(f"{name} is not listed")


def row_of(dialog: SettingsDialog, name: str) -> str:
    return next(dialog.people_list.item(r).text() for r in range(dialog.people_list.count())
                if dialog.people_list.item(r).text().startswith(name))


def test_an_admin_disables_and_enables_someone(qtbot: QtBot, desk: SafeDesk,
                                               cast: Cast) -> None:
    dialog = people_page(qtbot, desk, cast.admin)
    choose(dialog, "Sam Approver")
    assert dialog.disable_button.isVisibleTo(dialog) and dialog.disable_button.isEnabled()
    dialog.disable_button.click()
    assert "· disabled" in row_of(dialog, "Sam Approver")
    assert dialog.people_message.text().startswith("Disabled Sam Approver.")
    with pytest.raises(AuthenticationError):
        desk.people.authenticate("Sam Approver", "sam-passphrase")
    # The sign-in dialog no longer offers a leaver.
    chooser = ChoosePersonDialog(desk.people)
    qtbot.addWidget(chooser)
    offered = [chooser.who.itemData(i) for i in range(chooser.who.count())]
    assert "Sam Approver" not in offered and "Jo Author" in offered
    choose(dialog, "Sam Approver")
    assert dialog.disable_button.text() == "&Enable"
    dialog.disable_button.click()
    assert desk.people.authenticate("Sam Approver", "sam-passphrase").disabled_at is None


def test_an_author_sees_no_admin_actions_and_changes_their_own_passphrase(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    dialog = people_page(qtbot, desk, cast.author)
    assert not dialog.disable_button.isVisibleTo(dialog)
    assert not dialog.confirm_button.isVisibleTo(dialog)
    changing = dialog.change_my_passphrase()
    assert isinstance(changing, PassphraseDialog)
    changing.old.setText("wrong")
    changing.new.setText("jo-new-passphrase")
    changing.again.setText("jo-new-passphrase")
    changing.buttons.accepted.emit()
    assert "not Jo Author's" in changing.error.text() and changing.isVisible()
    changing.old.setText("jo-passphrase")
    changing.buttons.accepted.emit()
    assert not changing.isVisible()
    assert dialog.people_message.text() == "Your new passphrase is saved."
    assert desk.people.authenticate("Jo Author", "jo-new-passphrase").name == "Jo Author"


def test_a_reset_is_completed_at_the_next_sign_in(qtbot: QtBot, desk: SafeDesk,
                                                  cast: Cast) -> None:
    dialog = people_page(qtbot, desk, cast.admin)
    choose(dialog, "Jo Author")
    resetting = dialog.reset_passphrase()
    assert isinstance(resetting, PassphraseDialog)
    resetting.new.setText("from-ada-123")
    resetting.again.setText("from-ada-123")
    resetting.buttons.accepted.emit()
    assert "must choose a new passphrase" in row_of(dialog, "Jo Author")

    chooser = ChoosePersonDialog(desk.people)
    qtbot.addWidget(chooser)
    chooser.who.setCurrentIndex(chooser.who.findData("Jo Author"))
    chooser.passphrase.setText("from-ada-123")

    def choose_new() -> None:
        completing = chooser.findChild(PassphraseDialog)
        assert completing is not None and completing.isVisible()
        assert completing.windowTitle() == "Choose a new passphrase"
        completing.new.setText("jo-own-choice")
        completing.again.setText("jo-own-choice")
        completing.buttons.accepted.emit()

    QTimer.singleShot(0, choose_new)  # the dialog is modal: answer it once it is up
    chooser.sign_in()
    assert chooser.person is not None and chooser.person.name == "Jo Author"
    assert not desk.people.authenticate("Jo Author", "jo-own-choice").passphrase_reset


def test_a_raised_role_waits_for_the_other_admin_who_confirms_it(qtbot: QtBot, desk: SafeDesk,
                                                                  cast: Cast) -> None:
    bea = desk.people.add("Bea Admin", Role.ADMIN, "bea-passphrase", added_by=cast.admin)
    ada = people_page(qtbot, desk, cast.admin)
    choose(ada, "Jo Author")
    changing = ada.change_role()
    assert isinstance(changing, SetRoleDialog)
    changing.role.setCurrentIndex(changing.role.findData(Role.APPROVER))
    changing.buttons.accepted.emit()
    assert ada.people_message.text() == ("Jo Author becomes an approver when another admin "
                                         "confirms it.")
    assert "approver waiting for a second admin (appointed by Ada Admin)" in row_of(
        ada, "Jo Author")
    assert ada.pending_note.isVisibleTo(ada)
    choose(ada, "Jo Author")
    assert not ada.confirm_button.isEnabled()  # Ada made it: the other admin confirms

    bea_page = people_page(qtbot, desk, bea)
    assert "Waiting for a second admin: Jo Author as approver" in bea_page.pending_note.text()
    choose(bea_page, "Jo Author")
    assert bea_page.confirm_button.isEnabled()
    bea_page.confirm_button.click()
    assert bea_page.people_message.text() == "Confirmed: Jo Author is an approver."
    assert row_of(bea_page, "Jo Author") == "Jo Author — approver"
    assert desk.store.get_person(cast.author.id).role is Role.APPROVER


def test_the_approve_dialog_and_history_show_the_lone_admins_flag(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="Bins late", targets=(cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    window: MainWindow = open_as(qtbot, desk, cast.approver)
    panel = queue_of(window)
    panel.select(draft.id)
    dialog = decide(panel, "approve", "sam-passphrase")
    flag = "approved by Sam Approver, whom Ada Admin alone appointed"
    assert flag in dialog.flag.text()
    assert desk.drafts.get(draft.id).state is DraftState.PUBLISHED
    assert desk.drafts.get(draft.id).approval.flag == flag  # type: ignore[union-attr]
    history = window.panes[Pane.OFFICIAL].history
    history.reload()
    states = [history.tree.topLevelItem(i).text(3) for i in range(history.tree.topLevelItemCount())]
    assert f"published — {flag}" in states


def test_an_admin_ticks_a_politically_restricted_post(qtbot: QtBot, desk: SafeDesk,
                                                       cast: Cast) -> None:
    ada = people_page(qtbot, desk, cast.admin)
    choose(ada, "Jo Author")
    changing = ada.change_role()
    assert isinstance(changing, SetRoleDialog)
    assert changing.restricted.text() == "Politically restricted post"
    assert not changing.restricted.isChecked()
    changing.restricted.setChecked(True)
    changing.buttons.accepted.emit()  # the role as it was: only the post changes
    assert not changing.isVisible()
    assert ada.people_message.text() == "Jo Author's post is now marked politically restricted."
    assert row_of(ada, "Jo Author") == "Jo Author — author · politically restricted post"
    assert desk.store.get_person(cast.author.id).politically_restricted
    marked = desk.store.audit_events_about(cast.author.id)[-1]
    assert (marked.action, marked.actor, marked.details) == (
        "person.restricted", cast.admin.id, {"restricted": True})

    # Shown ticked next time; cleared together with a role change.
    choose(ada, "Jo Author")
    again = ada.change_role()
    assert isinstance(again, SetRoleDialog) and again.restricted.isChecked()
    again.restricted.setChecked(False)
    again.role.setCurrentIndex(again.role.findData(Role.APPROVER))
    again.buttons.accepted.emit()
    assert ada.people_message.text() == (
        "Jo Author is now an approver. Jo Author's post is no longer marked politically "
        "restricted.")
    assert row_of(ada, "Jo Author").startswith("Jo Author — approver")
    assert "restricted" not in row_of(ada, "Jo Author")
    assert not desk.store.get_person(cast.author.id).politically_restricted


def test_only_an_admin_marks_a_restricted_post_from_the_dialog(qtbot: QtBot, desk: SafeDesk,
                                                                cast: Cast) -> None:
    """The service, not the dialog, is the safeguard: an approver who got the dialog is told."""
    dialog = SetRoleDialog(desk.people, cast.author, cast.approver)
    qtbot.addWidget(dialog)
    dialog.restricted.setChecked(True)
    dialog.buttons.accepted.emit()
    assert "Only an admin can mark politically restricted posts" in dialog.error.text()
    assert not desk.store.get_person(cast.author.id).politically_restricted
