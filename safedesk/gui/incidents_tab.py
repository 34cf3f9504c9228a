"""The Incidents section of the settings: recent corrections, apologies and retractions, each
read as its Markdown report and saved as Markdown or JSON for an HR or FOI request."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import SafeDeskError
from safedesk.gui.correction_text import kind_words, status_words
from safedesk.gui.queue_panel import unexpected
from safedesk.gui.queue_text import local_time
from safedesk.gui.reads import ViewReader
from safedesk.gui.session import DeskSession
from safedesk.gui.theme import mark_error, refresh_error_colours
from safedesk.services.incidents import IncidentReport

ID_ROLE = Qt.ItemDataRole.UserRole
translate = QCoreApplication.translate


def export_filters() -> str:
    return translate("IncidentsTab", "Markdown (*.md);;JSON (*.json)")

# (parent, caption, suggested path, filters) -> (the path chosen or "", the filter chosen), as
# QFileDialog.getSaveFileName. Tests pass their own.
SaveFileAsker = Callable[[QWidget, str, str, str], tuple[str, str]]


def ask_with_file_dialog(parent: QWidget, caption: str, suggested: str,
                         filters: str) -> tuple[str, str]:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filters)


def export_format(path: str, chosen_filter: str) -> tuple[str, str]:
    """The export format for a chosen path, and the path with its suffix."""
    suffix = Path(path).suffix.lower()
    if suffix in {".md", ".json"}:
        return suffix[1:], path
    fmt = "json" if "json" in chosen_filter.lower() else "md"
    return fmt, f"{path}.{fmt}"


class IncidentsTab(QWidget):
    def __init__(self, session: DeskSession, parent: QWidget | None = None, *,
                 save_file: SaveFileAsker = ask_with_file_dialog) -> None:
        super().__init__(parent)
        self.session = session
        self.incidents = session.app.incidents
        self.save_file = save_file
        intro = QLabel(self.tr("Recent corrections, apologies and retractions, newest first. "
                               "Choose one to read its report; save it as Markdown or JSON for "
                               "an HR or FOI request."), self)
        intro.setWordWrap(True)
        self.incident_list = QListWidget(self)
        self.incident_list.setAccessibleName(self.tr("Recent incidents"))
        self.incident_list.setMaximumHeight(130)
        self.report = QTextBrowser(self)
        self.report.setAccessibleName(self.tr("Incident report"))
        self.report.setTabChangesFocus(True)
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Incidents message"))
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Save as…"), self)
        self.save_button.setAccessibleName(self.tr("Save the incident report as a file"))
        self.save_button.clicked.connect(self.save_export)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Refresh the list of incidents"))
        self.refresh_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.incident_list)
        column.addWidget(self.report, 1)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self.incident_list.currentItemChanged.connect(self._chosen)
        self._list_reader: ViewReader[list[tuple[str, str]]] = ViewReader(
            session, self._show_list, self._read_failed)
        self._report_reader: ViewReader[str] = ViewReader(session, self._show_report,
                                                          self._read_failed)
        self.reload()

    def _show_report(self, markdown: str) -> None:
        # HTML in a quoted post stays text: a <span> could otherwise shrink or colour words away.
        features = (QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                    | QTextDocument.MarkdownFeature.MarkdownNoHTML)
        self.report.document().setMarkdown(markdown, features)

    def reload(self) -> None:
        """Read the incidents again, off the GUI thread; the list stays until they arrive."""
        app, person = self.session.app, self.session.person

        def read() -> list[tuple[str, str]]:
            names = {p.id: p.name for p in app.people.list()}
            return [(r.incident.id, describe(r, names)) for r in app.incidents.recent(
                person=person)]

        self._list_reader.read(read)

    def _show_list(self, rows: list[tuple[str, str]]) -> None:
        current = self.selected_id()
        self.incident_list.blockSignals(True)
        self.incident_list.clear()
        chosen: QListWidgetItem | None = None
        for incident_id, words in rows:
            item = QListWidgetItem(words, self.incident_list)
            item.setData(ID_ROLE, incident_id)
            if incident_id == current:
                chosen = item
        self.incident_list.blockSignals(False)
        if self.incident_list.count() == 0:
            self.incident_list.addItem(self.tr("No incidents yet."))
            self.incident_list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        elif chosen is None:
            chosen = self.incident_list.item(0)
        if chosen is not None:
            self.incident_list.setCurrentItem(chosen)
        self._chosen(chosen)

    def _read_failed(self, error: BaseException) -> None:
        self.report.clear()
        self._say(unexpected(error, self.session.words), error=True)

    def selected_id(self) -> str:
        item = self.incident_list.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return value if isinstance(value, str) else ""

    def _chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        incident_id = item.data(ID_ROLE) if item is not None else None
        self.save_button.setEnabled(isinstance(incident_id, str))
        if not isinstance(incident_id, str):
            self._report_reader.forget()
            self.report.clear()
            return
        incidents, person = self.incidents, self.session.person
        self._report_reader.read(lambda: incidents.export(incident_id, "md", person))

    def _say(self, text: str, *, error: bool) -> None:
        mark_error(self.message, error=error)
        self.message.setText(text)

    def save_export(self) -> str:
        """Ask where, then write the export; the path written, or "" if nothing was."""
        incident_id = self.selected_id()
        if not incident_id:
            return ""
        suggested = str(Path.home() / f"incident-{incident_id[:8]}.md")
        path, chosen_filter = self.save_file(self, self.tr("Save the incident report"), suggested,
                                             export_filters())
        if not path:
            return ""  # cancelled
        fmt, path = export_format(path, chosen_filter)
        try:
            text = self.incidents.export(incident_id, fmt, self.session.person)
            Path(path).write_text(text, encoding="utf-8")
        except (OSError, SafeDeskError) as error:
            reason = error.text(self.session.words) if isinstance(error, SafeDeskError) \
                else str(error)  # the system's own words for a file it could not write
            self._say(self.tr("Could not save the report: {reason}").format(reason=reason),
                      error=True)
            return ""
        self._say(self.tr("Saved the report to {path}.").format(path=path), error=False)
        return path

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            refresh_error_colours(self)
        super().changeEvent(event)


def describe(report: IncidentReport, names: dict[str, str]) -> str:
    """One incident's line in the list: what, when, who opened it, and where it stands."""
    incident = report.incident
    who = names.get(incident.opened_by, translate("IncidentsTab", "someone no longer here"))
    return (f"{kind_words(incident.kind)} — {local_time(incident.opened_at, year=True)} — "
            f"{who} — {status_words(report.status)}")

