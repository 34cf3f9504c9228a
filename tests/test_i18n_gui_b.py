"""The approver's queue, the decision, corrections and the settings' Templates, Incidents and
Policy tabs in Welsh: each opened as a person opens it, with ``SAFEDESK_LANG=cy``, and every text
the widgets of those views show or say (labels, buttons, tooltips, accessible names, titles, list
rows, the queue's page about a post) checked for English left untranslated.

"Left untranslated" is measured against the window's own catalog: any piece of an English source
text of these views (``resources/i18n/cy.ts``) whose Welsh differs from it must not be seen. The
words SafeDesk's core and services say (a count left, a platform's name) are not these views'
and are not looked for; names, handles and what the test itself typed stay as they are.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.corrections import CorrectionKind
from safedesk.core.models import Content, Pane
from safedesk.gui.correction_dialog import CorrectionDialog
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.language import WindowLanguage
from safedesk.gui.main_window import MainWindow
from safedesk.gui.queue_panel import QueuePanel
from safedesk.gui.settings_dialog import SettingsDialog
from safedesk.gui.templates_tab import PreapproveDialog
from safedesk.i18n.languages import ENGLISH, LANG_VARIABLE
from tests.conftest import Cast
from tests.gui_support import show

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "resources" / "i18n" / "cy.ts"
# The contexts of the files these views are made of.
CONTEXTS = {"QueuePanel", "QueueText", "DecideDialog", "Findings", "FindingsList", "BlockReason",
            "CorrectionDialog", "CorrectionText", "LinkFinder", "TemplatesTab",
            "PreapproveDialog", "IncidentsTab", "PolicyTab"}
# Where a source's piece and a name meet (no English piece is shorter).
SHORTEST = 4
POST = "Casglu biniau ddydd Llun"  # the test's own words: Welsh, so no English of its own
# Words of English that no Welsh text of these views holds: English a catalog does not know
# (a text never wrapped in tr()) is caught by them.
ENGLISH_WORDS = frozenset({
    "the", "and", "your", "you", "this", "with", "for", "not", "from", "post", "posts",
    "account", "accounts", "approve", "approval", "reason", "save", "cancel", "link", "text",
    "note", "history", "fingerprint", "template", "rule", "levels", "internal", "published",
    "edit", "delete", "waiting", "choose", "retry", "failed", "outcome", "message", "language",
    "author", "submitted", "publishes", "period", "periods", "policy", "settings", "incident",
    "incidents", "report", "refresh", "version", "correction", "original", "reply", "schedule",
    "thread", "image", "who", "what", "why", "cannot", "will", "must", "only", "there", "here",
    "now",
})
# Names: a template's blank ({original_date}) and a template by name and language.
FIELD = re.compile(r"\{\w+\}|[a-z-]+ \((?:cy|en-GB)\)")
NAMES = re.compile(r"(Jo|Sam|Kim|Ada) (Author|Approver|Admin)")  # people of tests.conftest.Cast


@pytest.fixture
def welsh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The window in Welsh; English put back after, as Qt's translator and default locale
    belong to the whole test process."""
    monkeypatch.setenv(LANG_VARIABLE, "cy")
    before = QLocale()
    yield
    WindowLanguage().install(ENGLISH)
    QLocale.setDefault(before)


@cache
def english_pieces() -> tuple[str, ...]:
    """Every piece (between fields and tags) of the English sources of these views whose Welsh
    is not the same."""
    pieces: set[str] = set()
    root = ET.parse(CATALOG).getroot()  # noqa: S314 - the repository's own catalog
    for context in root.iter("context"):
        if context.findtext("name") not in CONTEXTS:
            continue
        for message in context.iter("message"):
            source = (message.findtext("source") or "").replace("&", "")
            welsh = message.findtext("translation") or ""
            for part in re.split(r"\{\w+\}|<[^>]+>|[;:()“”\"—·✔✘⛔⚠…,.]", source):
                piece = part.strip()
                if len(piece) >= SHORTEST and re.search(r"[a-z]", piece) and \
                        piece not in welsh:
                    pieces.add(piece)
    return tuple(sorted(pieces))


def plain(text: str) -> str:
    if "<" not in text:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def shown_texts(root: QWidget) -> list[str]:
    """What a person sees or hears from ``root`` and every widget in it."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(plain(widget.text()))
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTextBrowser):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            texts += [item.text() for i in range(widget.columnCount())
                      if (item := widget.horizontalHeaderItem(i)) is not None]
    return [t.replace("&", "") for t in texts if t]


def english_in(root: QWidget, said: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(English piece, the text it was seen in) for every untranslated piece under ``root``.
    ``said``: what SafeDesk's core and services said there, shown as they said it (theirs to
    translate, through ``msg()``), and records shown as written: not looked in."""
    found = []
    for shown in shown_texts(root):
        text = shown
        for words in said:
            text = text.replace(words, "")
        text = FIELD.sub("", NAMES.sub("", text))  # names stay as they are
        for piece in english_pieces():
            if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text):
                found.append((piece, text))
        words = {w.lower() for w in re.findall(r"\w+", text) if "_" not in w}  # a_b: a name
        found += [(word, text) for word in sorted(words & ENGLISH_WORDS)]
    return found


def assert_welsh(root: QWidget, said: tuple[str, ...] = ()) -> None:
    left = english_in(root, said)
    assert not left, "English left untranslated:\n" + "\n".join(
        f"  {piece!r} in {text[:160]!r}" for piece, text in left)


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


def test_the_catalog_gives_pieces_to_look_for() -> None:
    # The check below means something only if it knows the English it looks for.
    assert "Official posts waiting for approval" in english_pieces()
    assert "Pre-approve this version" in english_pieces()


def test_the_queue_and_the_decision_speak_welsh(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                                 welsh: None) -> None:
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
    counts = tuple(str(check.length.message()) for check in panel.shown.checks)  # core's
    assert "Awdur: Jo Author" in page and "Jo Author a\u2019i ysgrifennodd" in page
    assert panel.list.item(0).text().startswith("BRYS · ")
    assert_welsh(panel, said=counts)

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


def test_a_correction_speaks_welsh(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                                   welsh: None) -> None:
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


def test_the_templates_incidents_and_policy_tabs_speak_welsh(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, welsh: None) -> None:
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
