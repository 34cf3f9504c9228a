"""The Policy tab of the settings, driven as a person would: an admin edits and saves (audited,
and the compose box checks under the new settings at once); anyone else reads it and cannot
change it; bad input and another admin's save in between are refused with words, and nothing
typed is lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.core.policy import RuleLevel
from safedesk.gui.main_window import MainWindow
from safedesk.gui.policy_tab import PolicyTab
from safedesk.gui.settings_dialog import SettingsDialog
from safedesk.services.policy import CHANGED_ACTION, TermList
from tests.conftest import Cast
from tests.gui_support import show


def policy_tab(window: MainWindow) -> PolicyTab:
    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.sections.setCurrentWidget(dialog.policy_page)
    return dialog.policy_page


def type_period(tab: PolicyTab, qtbot: QtBot, cells: tuple[str, str, str, str]) -> None:
    qtbot.mouseClick(tab.add_period_button, Qt.MouseButton.LeftButton)
    row = tab.periods.rowCount() - 1
    for column, text in enumerate(cells):
        tab.periods.setItem(row, column, QTableWidgetItem(text))


def choose_level(tab: PolicyTab, rule: str, level: RuleLevel) -> None:
    combo = tab.levels[rule]
    combo.setCurrentIndex(combo.findData(level.value))


def test_an_admin_saves_and_the_compose_box_checks_under_the_new_settings(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.admin)
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council.id])
    compose.text.setPlainText("Meet Jo Bloggs at the bins #TrefNews")
    assert compose.send_button.isEnabled() and "Blocked" not in compose.findings.text()
    tab = policy_tab(window)
    assert tab.save_button.isVisible() and not tab.lists[TermList.TERMS].isReadOnly()
    assert "No policy settings are saved yet" in tab.message.text()
    tab.lists[TermList.NAMES].setPlainText("Tref Council\n\nCyngor Tref")
    tab.lists[TermList.HASHTAGS].setPlainText("#TrefNews")
    tab.lists[TermList.TERMS].setPlainText("Labour")
    # The fake clock's day (21 November 2026) falls inside this period.
    type_period(tab, qtbot, ("County 2026", "2026-11-01", "2026-11-30", "Jo Bloggs, Green Party"))
    choose_level(tab, "hashtags", RuleLevel.OFF)
    assert not tab.levels["hidden_text"].isEnabled()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Saved (version 1)" in tab.message.text()
    assert "added election period “County 2026”" in tab.message.text()
    stored = desk.policy.current()
    assert stored.version == 1 and stored.updated_by == cast.admin.id
    settings = stored.settings
    assert settings.organisation_names == ("Tref Council", "Cyngor Tref")
    assert settings.organisation_hashtags == ("TrefNews",)
    assert settings.election_periods[0].terms == ("Jo Bloggs", "Green Party")
    assert settings.rule_levels == {"hashtags": RuleLevel.OFF}
    [event] = [e for e in desk.store.audit_events_about("policy") if e.action == CHANGED_ACTION]
    assert event.actor == cast.admin.id
    assert "rule hashtags: off (was default)" in event.details["changes"]  # type: ignore[operator]
    # The open compose box heard of the change and checks the same words again: the candidate
    # named in the period blocks the official post now.
    assert "Blocked: “Jo Bloggs” is a watched term in the County 2026 period" in \
        compose.findings.text()
    # Only an approver may lift it: Submit stays, and says the approver must override it.
    assert compose.send_button.isEnabled()
    assert "An approver must override this" in compose.block_reason.text()
    # What is shown after the save is what was stored (blank lines gone, # dropped).
    assert tab.lists[TermList.NAMES].toPlainText() == "Tref Council\nCyngor Tref"
    assert tab.lists[TermList.HASHTAGS].toPlainText() == "TrefNews"


@pytest.mark.parametrize("who", ["author", "approver"])
def test_anyone_else_reads_them_and_cannot_change_them(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                                      who: str) -> None:
    desk.policy.add_terms(cast.admin, TermList.TERMS, ["Labour"])
    desk.policy.add_period(cast.admin, "County 2027", "2027-04-01", "2027-05-06", ["Jo Bloggs"])
    tab = policy_tab(show(qtbot, desk, getattr(cast, who)))
    assert "Only an admin can change these settings" in tab.note.text()
    assert tab.lists[TermList.TERMS].toPlainText() == "Labour"
    assert [tab.periods.item(0, c).text() for c in range(4)] == [  # type: ignore[union-attr]
        "County 2027", "2027-04-01", "2027-05-06", "Jo Bloggs"]
    assert all(box.isReadOnly() for box in tab.lists.values())
    assert not any(combo.isEnabled() for combo in tab.levels.values())
    assert tab.periods.editTriggers() == tab.periods.EditTrigger.NoEditTriggers
    for button in (tab.save_button, tab.reload_button, tab.add_period_button,
                   tab.remove_period_button):
        assert not button.isVisible()
    tab.save()  # even if reached another way, nothing is saved
    assert desk.policy.current().version == 2


def test_bad_input_is_refused_and_what_was_typed_stays(qtbot: QtBot, desk: SafeDesk,
                                                      cast: Cast) -> None:
    tab = policy_tab(show(qtbot, desk, cast.admin))
    tab.lists[TermList.TERMS].setPlainText("Labour\nPlaid Cymru")
    type_period(tab, qtbot, ("County", "2027-04-01", "6 May", "Jo Bloggs"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.text().startswith("Not saved: Election period, row 1: “6 May” is not a "
                                         "date for the period's end")
    assert desk.policy.current().version == 0
    assert tab.lists[TermList.TERMS].toPlainText() == "Labour\nPlaid Cymru"
    assert tab.periods.item(0, 2).text() == "6 May"  # type: ignore[union-attr]
    tab.periods.setItem(0, 2, QTableWidgetItem("2027-05-06"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Saved (version 1)" in tab.message.text()


def test_another_admins_save_in_between_is_not_overwritten(qtbot: QtBot, desk: SafeDesk,
                                                           cast: Cast) -> None:
    tab = policy_tab(show(qtbot, desk, cast.admin))
    tab.lists[TermList.TERMS].setPlainText("Plaid Cymru")
    desk.policy.add_terms(cast.admin, TermList.TERMS, ["Labour"])  # elsewhere, meanwhile
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Not saved: Someone else changed the policy settings" in tab.message.text()
    assert "What you typed is still here" in tab.message.text()
    assert tab.lists[TermList.TERMS].toPlainText() == "Plaid Cymru"
    assert desk.policy.current().settings.political_terms == ("Labour",)
    qtbot.mouseClick(tab.reload_button, Qt.MouseButton.LeftButton)
    assert tab.lists[TermList.TERMS].toPlainText() == "Labour"
    tab.lists[TermList.TERMS].setPlainText("Labour\nPlaid Cymru")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert desk.policy.current().settings.political_terms == ("Labour", "Plaid Cymru")
