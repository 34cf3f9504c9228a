"""The Templates and Incidents sections of the settings, driven through real widgets: an admin's
edit (and a refused one), pre-approval with the passphrase asked again (and its refusals), an
author's read-only view, and an incident's report saved to a file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Content, Pane, Person
from safedesk.gui.incidents_tab import IncidentsTab
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.settings_dialog import SettingsDialog
from safedesk.gui.tasks import ImmediateRunner
from safedesk.gui.templates_tab import PreapproveDialog, TemplatesTab
from safedesk.gui.theme import ERROR_PROPERTY
from tests.conftest import Cast

EDITED = "Correction to our post of {original_date}: {correction}\n\nSorry about that."


_WINDOWS: list[MainWindow] = []  # kept alive for the test; qtbot closes them after


@pytest.fixture(autouse=True)
def _forget_windows() -> Iterator[None]:
    yield
    _WINDOWS.clear()


def open_settings(qtbot: QtBot, desk: SafeDesk, person: Person) -> SettingsDialog:
    window = open_main_window(desk, person, ImmediateRunner())
    qtbot.addWidget(window)
    _WINDOWS.append(window)
    window.show()
    qtbot.waitExposed(window)
    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def templates_tab(qtbot: QtBot, desk: SafeDesk, person: Person) -> TemplatesTab:
    dialog = open_settings(qtbot, desk, person)
    dialog.sections.setCurrentWidget(dialog.templates_page)
    return dialog.templates_page


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(tab: TemplatesTab, name: str, language: str = "en-GB") -> str:
    for row in range(tab.template_list.count()):
        item = tab.template_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == (name, language):
            tab.template_list.setCurrentItem(item)
            return item.text()
    raise AssertionError(f"{name}.{language} is not listed")


def listed(tab: TemplatesTab) -> list[str]:
    return [tab.template_list.item(i).text() for i in range(tab.template_list.count())]


def is_error(label: QWidget) -> bool:
    return bool(label.property(ERROR_PROPERTY))


def preapprove(qtbot: QtBot, tab: TemplatesTab, passphrase: str) -> PreapproveDialog:
    click(qtbot, tab.preapprove_button)
    dialog = tab.preapprove_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.passphrase.setText(passphrase)
    click(qtbot, dialog.ok_button)
    return dialog


def edit(qtbot: QtBot, tab: TemplatesTab, text: str) -> None:
    tab.text.setPlainText(text)
    click(qtbot, tab.save_button)


def test_an_admin_saves_a_new_version_and_it_is_listed(qtbot: QtBot, desk: SafeDesk,
                                                       cast: Cast) -> None:
    tab = templates_tab(qtbot, desk, cast.admin)
    shipped = desk.templates.get("correction", "en-GB")
    before = choose(tab, "correction")
    assert shipped.version[:12] in before and "shipped" in before
    assert tab.text.toPlainText() == shipped.text and not tab.text.isReadOnly()

    edit(qtbot, tab, EDITED)
    saved = desk.templates.get("correction", "en-GB")
    assert saved.version != shipped.version and saved.editor_id == cast.admin.id
    row = tab.current_item_text()
    assert saved.version[:12] in row and "edited by Ada Admin on 21 November 2026" in row
    assert tab.text.toPlainText() == saved.text
    assert not is_error(tab.message) and "needs a new pre-approval" in tab.message.text()
    assert [v.version for v in desk.templates.versions("correction", "en-GB")] == [
        shipped.version, saved.version]


def test_a_template_claiming_a_hack_is_refused_inline(qtbot: QtBot, desk: SafeDesk,
                                                      cast: Cast) -> None:
    tab = templates_tab(qtbot, desk, cast.admin)
    choose(tab, "apology")
    shipped = desk.templates.get("apology", "en-GB")
    edit(qtbot, tab, "Our account was hacked on {original_date}.")
    assert is_error(tab.message) and "hacked" in tab.message.text()
    assert "color" in tab.message.styleSheet()
    assert desk.templates.get("apology", "en-GB").version == shipped.version
    edit(qtbot, tab, "Sorry for {oops}.")
    assert is_error(tab.message) and "{oops} is not a placeholder" in tab.message.text()


def test_an_approver_preapproves_with_their_passphrase(qtbot: QtBot, desk: SafeDesk,
                                                       cast: Cast) -> None:
    desk.templates.save("correction", "en-GB", EDITED, cast.admin)
    tab = templates_tab(qtbot, desk, cast.approver)
    choose(tab, "correction")
    assert tab.text.isReadOnly() and not tab.save_button.isVisible()
    assert tab.preapprove_button.isVisible()

    wrong = preapprove(qtbot, tab, "not-sams")
    assert wrong.isVisible() and "not Sam Approver's" in wrong.error.text()
    assert is_error(wrong.error)
    assert desk.templates.preapprovals_of(desk.templates.get("correction", "en-GB")) == []

    template = desk.templates.get("correction", "en-GB")
    assert wrong.version.text() == template.version
    assert wrong.text.toPlainText() == template.text and "correction" in wrong.what.text()
    wrong.passphrase.setText("sam-passphrase")
    click(qtbot, wrong.ok_button)
    assert not wrong.isVisible()
    assert "pre-approved by Sam Approver" in tab.current_item_text()
    assert not is_error(tab.message)
    [signed] = desk.templates.preapprovals_of(template)
    assert signed.approver_id == cast.approver.id


def test_the_editor_of_a_template_cannot_preapprove_it(qtbot: QtBot, desk: SafeDesk,
                                                       cast: Cast) -> None:
    tab = templates_tab(qtbot, desk, cast.admin)
    choose(tab, "correction")
    edit(qtbot, tab, EDITED)
    dialog = preapprove(qtbot, tab, "admin-passphrase")
    assert not dialog.isVisible()
    assert is_error(tab.message) and "last edited" in tab.message.text()
    assert "pre-approved" not in tab.current_item_text()
    assert desk.templates.preapprovals_of(desk.templates.get("correction", "en-GB")) == []


def test_a_version_changed_since_it_was_read_is_not_signed(qtbot: QtBot, desk: SafeDesk,
                                                           cast: Cast) -> None:
    tab = templates_tab(qtbot, desk, cast.approver)
    choose(tab, "correction")
    desk.templates.save("correction", "en-GB", EDITED, cast.admin)  # meanwhile, elsewhere
    preapprove(qtbot, tab, "sam-passphrase")
    assert is_error(tab.message) and "changed after you read it" in tab.message.text()
    assert tab.text.toPlainText() == desk.templates.get("correction", "en-GB").text


def test_an_author_sees_the_templates_read_only(qtbot: QtBot, desk: SafeDesk,
                                                cast: Cast) -> None:
    tab = templates_tab(qtbot, desk, cast.author)
    assert any(row.startswith("correction (en-GB)") for row in listed(tab))
    assert any(row.startswith("apology (cy)") for row in listed(tab))
    choose(tab, "retraction", "cy")
    assert tab.text.toPlainText() == desk.templates.get("retraction", "cy").text
    assert tab.text.isReadOnly()
    assert not tab.save_button.isVisible() and not tab.preapprove_button.isVisible()
    assert "Only admins can change templates" in tab.note.text()
    assert "approvers and admins can pre-approve" in tab.note.text()
    assert tab.preapprove() is None


def test_every_control_has_an_accessible_name(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    dialog = open_settings(qtbot, desk, cast.admin)
    click(qtbot, dialog.templates_page.preapprove_button)
    signing = dialog.templates_page.preapprove_dialog
    assert signing is not None
    for page in (dialog.templates_page, dialog.incidents_page, signing):
        controls = page.findChildren(QWidget)
        focusable = [w for w in controls if w.focusPolicy() != Qt.FocusPolicy.NoFocus
                     and w.parentWidget() is not None and not w.objectName().startswith("qt_")]
        assert focusable
        nameless = [type(w).__name__ for w in focusable if not w.accessibleName()
                    and type(w).__name__ not in {"QWidget", "QScrollBar"}]
        assert nameless == []


# -- incidents ------------------------------------------------------------------------------


def make_incident(desk: SafeDesk, cast: Cast) -> str:
    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text="Bins on Monday", targets=(cast.jo.id,)))
    assert desk.publisher.publish(draft.id, cast.author).complete
    plan = desk.corrections.prepare(draft.id, "apology")
    return desk.corrections.publish(plan, cast.author).incident.id


def test_the_incidents_tab_lists_an_incident_and_saves_its_export(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, tmp_path: Path) -> None:
    incident_id = make_incident(desk, cast)
    dialog = open_settings(qtbot, desk, cast.author)
    dialog.sections.setCurrentWidget(dialog.incidents_page)
    tab: IncidentsTab = dialog.incidents_page
    assert tab.incident_list.count() == 1
    row = tab.incident_list.item(0).text()
    assert row.startswith("Apology — ") and "Jo Author" in row and row.endswith("complete")
    assert tab.selected_id() == incident_id
    assert "Bins on Monday" in tab.report.toPlainText()  # the original, quoted
    assert "#" not in tab.report.toPlainText().splitlines()[0]  # shown as Markdown, not source

    asked: list[str] = []

    def save_to(name: str, chosen_filter: str):  # type: ignore[no-untyped-def]
        def ask(_parent: QWidget, caption: str, _suggested: str,
                _filters: str) -> tuple[str, str]:
            asked.append(caption)
            return (str(tmp_path / name) if name else ""), chosen_filter
        return ask

    tab.save_file = save_to("report.md", "Markdown (*.md)")
    click(qtbot, tab.save_button)
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == desk.incidents.export(
        incident_id, "md")
    assert not is_error(tab.message) and "report.md" in tab.message.text()

    tab.save_file = save_to("report", "JSON (*.json)")
    click(qtbot, tab.save_button)
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8")) == json.loads(
        desk.incidents.export(incident_id, "json"))

    tab.save_file = save_to("", "")  # cancelled
    assert tab.save_export() == ""
    assert len(asked) == 3


def test_no_incidents_yet(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    tab = open_settings(qtbot, desk, cast.author).incidents_page
    assert tab.incident_list.item(0).text() == "No incidents yet."
    assert not tab.save_button.isEnabled() and tab.save_export() == ""
