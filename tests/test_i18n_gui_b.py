"""The approver's queue, the decision, corrections and the settings' Templates, Incidents and
Policy tabs in Welsh: each opened as a person opens it, with ``SAFEDESK_LANG=cy``, and every text
the widgets of those views show or say (labels, buttons, tooltips, accessible names, titles, list
rows, the queue's page about a post) checked for English left untranslated by
``tests.i18n_walk``. Names, handles, records shown as written and what the test itself typed stay
as they are.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.corrections import CorrectionKind
from safedesk.core.models import Content, Pane
from safedesk.gui.correction_dialog import CorrectionDialog
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.main_window import MainWindow
from safedesk.gui.queue_panel import QueuePanel
from safedesk.gui.settings_dialog import SettingsDialog
from safedesk.gui.templates_tab import PreapproveDialog
from tests.conftest import Cast
from tests.gui_support import show
from tests.i18n_walk import english_in as english_words
from tests.i18n_walk import english_left, welsh  # noqa: F401 - welsh: a fixture

POST = "Casglu biniau ddydd Llun"  # the test's own words: Welsh, so no English of its own
# Names: a template by name and language ("apology (cy)", "apology — Cymraeg (cy)"), and the
# people of tests.conftest.Cast.
NAMES = re.compile(r"[a-z-]+(?: — [^()]+)? \((?:cy|en-GB)\)|(Jo|Sam|Kim|Ada) (Author|Approver|Admin)")


def english_in(root: QWidget, said: tuple[str, ...] = ()) -> list[str]:
    """What the widgets under ``root`` still say in English. ``said``: records shown as
    written (an approval's flag, an exported report): not looked in."""
    return english_left(root, (*said, POST), hide=NAMES)


def assert_welsh(root: QWidget, said: tuple[str, ...] = ()) -> None:
    left = english_in(root, said)
    assert not left, "English left untranslated:\n" + "\n".join(f"  {line}" for line in left)


def publish_personal(desk: SafeDesk, cast: Cast) -> str:
    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text=POST, targets=(cast.jo.id,)))
    assert desk.publisher.publish(draft.id, cast.author).complete
    return draft.id


def settings_of(window: MainWindow) -> SettingsDialog:
    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_check_knows_these_views_english() -> None:
    # The check below means something only if it knows the English it looks for.
    assert english_words("Official posts waiting for approval") >= {"official", "waiting"}
    assert english_words("Pre-approve this version") >= {"approve", "this"}
    assert english_words("Rhag-gymeradwyo\u2019r fersiwn hon") == set()
    assert english_words("bins-delay (cy) for Jo Author", hide=NAMES) == {"for"}


@pytest.mark.usefixtures("welsh")
def test_the_queue_and_the_decision_speak_welsh(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text=POST, targets=(cast.council.id, cast.council_sky.id)))
    desk.drafts.submit(draft.id, cast.author, urgent=True)
    window = show(qtbot, desk, cast.approver)
    panel = window.panes[Pane.OFFICIAL].queue
    assert isinstance(panel, QueuePanel)
    assert panel.approve_button.text() == "&Cymeradwyo…"
    assert "Dewiswch bostiad uchod" in panel.detail.toPlainText()
    assert_welsh(panel)

    panel.select(draft.id)
    assert panel.shown is not None and panel.shown.draft.id == draft.id
    page = panel.detail.toPlainText()
    assert "Awdur: Jo Author" in page and "Jo Author a\u2019i ysgrifennodd" in page
    assert panel.list.item(0).text().startswith("BRYS · ")
    assert_welsh(panel)

    for decide in (panel.approve, panel.reject, panel.request_changes):
        dialog = decide()
        assert isinstance(dialog, DecideDialog)
        assert "cadarnhewch gyda\u2019ch cyfrinymadrodd" in dialog.windowTitle()
        # Appointed by one admin alone: the approval's flag is a record, shown as written.
        flag = desk.people.standing(cast.approver).flag
        assert flag
        assert_welsh(dialog, said=(flag,))
        if dialog.verdict.needs_comment:  # no reason given: asked for one, in Welsh
            dialog.ok_button.click()
            assert dialog.error.text() == \
                "Dywedwch pam, fel bod yr awdur yn gwybod beth i\u2019w newid."
            assert_welsh(dialog, said=(flag,))
        dialog.reject()


@pytest.mark.usefixtures("welsh")
def test_a_correction_speaks_welsh(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    draft_id = publish_personal(desk, cast)
    publication = desk.store.list_publications(draft_id=draft_id)[0]
    window = show(qtbot, desk, cast.author)
    for kind in CorrectionKind:
        dialog = CorrectionDialog(window.session, publication.id, kind, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: d.plan is not None)  # type: ignore[misc]
        assert dialog.close_button.text() == "Canslo"
        assert dialog.original.text().startswith("Eich postiad ar ")
        assert dialog.plan is not None
        assert_welsh(dialog, said=tuple(str(problem) for problem in dialog.plan.problems))
        dialog.close()


@pytest.mark.usefixtures("welsh")
def test_the_templates_incidents_and_policy_tabs_speak_welsh(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    draft_id = publish_personal(desk, cast)
    plan = desk.corrections.prepare(draft_id, "apology")
    desk.corrections.publish(plan, cast.author)
    for person in (cast.author, cast.approver, cast.admin):
        dialog = settings_of(show(qtbot, desk, person))
        # The incident report is the service's Markdown export, saved as it is shown.
        report = dialog.incidents_page.report.toPlainText()
        for tab in (dialog.templates_page, dialog.incidents_page, dialog.policy_page):
            dialog.sections.setCurrentWidget(tab)
            assert_welsh(tab, said=(report,))
        if person is cast.author:
            row = dialog.incidents_page.incident_list.item(0).text()
            assert row.startswith("Ymddiheuriad — ") and row.endswith("wedi\u2019i gwblhau")
        if person is cast.approver:
            preapprove = dialog.templates_page.preapprove()
            assert isinstance(preapprove, PreapproveDialog)
            assert preapprove.ok_button.text() == "Rhag-gymeradwyo"
            assert_welsh(preapprove)
            preapprove.reject()
        dialog.close()
