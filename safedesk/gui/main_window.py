"""The main window: the personal and official panes side by side.

The pane holding keyboard focus is the active one; the other is washed over and says in words that
it is not in use (``gui.inactive``), so a person always sees which identity their keystrokes and
shortcuts act on.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QIcon,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.models import Account, Draft, Pane, Person
from safedesk.gui.banners import people_settings
from safedesk.gui.collector import freeze_what_has_settled
from safedesk.gui.focus_ring import FocusRing
from safedesk.gui.pane import LATER_PAGE_MODULES, PaneWidget
from safedesk.gui.pane_switch import PANE_KEYS, PaneSwitch
from safedesk.gui.people_dialogs import ChoosePersonDialog
from safedesk.gui.person_bar import PersonToolBar, role_name
from safedesk.gui.session import DeskSession
from safedesk.gui.tasks import error_words
from safedesk.gui.team_feed import team_server
from safedesk.gui.unfinished import summary
from safedesk.gui.watcher import QueueWatcher
from safedesk.resources import resource_path
from safedesk.services.changes import NOTHING, Changes
from safedesk.services.recovery import RecoveryReport

if TYPE_CHECKING:
    from safedesk.gui.about_dialog import AboutDialog
    from safedesk.gui.add_account import AddAccountDialog
    from safedesk.gui.settings_dialog import SettingsDialog

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
LAST_PANE_KEY = "window/last_pane"  # where keys went last: the next start puts them there
# The keyring's backend is looked up this long after the window opens (off the GUI thread), so
# the first publish does not wait for it and the first paint never does.
KEYRING_WARM_MS = 2_000


class MainWindow(QMainWindow):
    # Someone else signed in with "Switch person": the launcher opens a new window (and session)
    # for them and closes this one. Nothing of this person's session is reused.
    person_switched = Signal(object)  # Person

    def __init__(self, session: DeskSession, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._settings = settings
        self.setWindowTitle("SafeDesk")
        self.setWindowIcon(QIcon(str(resource_path("icons", "safedesk.svg"))))
        self.active_pane: Pane | None = None

        self.panes = {
            pane: PaneWidget(session.theme.style(pane), session) for pane in Pane
        }
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for widget in self.panes.values():
            self.splitter.addWidget(widget)
            widget.copied.connect(self._open_copy)
            widget.add_account_requested.connect(self.add_account)
            widget.reauth_requested.connect(self.sign_in_again)
        self.splitter.setSizes([1, 1])
        self._build_pane_switch()
        self.focus_ring = FocusRing(self)
        session.sign_in_requested.connect(self.sign_in_again)

        server = team_server(session.app)
        person, role = session.person.name, role_name(session.person.role)
        who = QLabel(self.tr("Signed in as {name} ({role}) on the team server {server}").format(
            name=person, role=role, server=server) if server else
            self.tr("Signed in as {name} ({role})").format(name=person, role=role))
        who.setAccessibleName(self.tr("Who is using SafeDesk"))
        where = QLabel(self.tr("Data: {folder}").format(folder=session.app.settings.data_dir))
        where.setAccessibleName(self.tr("Where SafeDesk keeps its data"))
        # Permanent, so that a message shown before the window first appears (posts waiting
        # at start-up) sits beside who is signed in instead of over it.
        self.statusBar().addPermanentWidget(who)
        self.statusBar().addPermanentWidget(where)

        self._build_menu()
        self.person_bar = PersonToolBar(session.person, self, team_server=server)
        self.person_bar.switch_requested.connect(self.switch_person)
        if self.menuBar().isNativeMenuBar():
            self.addToolBar(self.person_bar)  # macOS: the menu bar is the system's, not ours
        else:
            # Beside the menu, not a row of its own: short screens need every pixel of height.
            self.menuBar().setCornerWidget(self.person_bar, Qt.Corner.TopRightCorner)
        self.resize(1200, 760)
        self._restore_geometry()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        # Polls the shared database, notifies, and publishes scheduled posts (overdue ones now).
        self.watcher = QueueWatcher(session, self.statusBar(), self.windowIcon(), self)
        official = self.panes[Pane.OFFICIAL]
        self._connect_notices()
        if official.approver_hint is not None:
            self.watcher.polled.connect(official.approver_hint.refresh)
        # The Queue tab's count, before (and without) its page being built.
        self.watcher.polled.connect(lambda: official.show_queue_count(self.watcher.pending_count))
        self.watcher.live_changed.connect(
            lambda connected, words: self.person_bar.set_live(connected=connected, words=words))
        # Once the window is on screen (the first turn of the event loop), so news at start-up
        # lands in a status bar that is showing.
        QTimer.singleShot(0, self.watcher, self.watcher.start)
        QTimer.singleShot(0, self, self.finish_interrupted)
        # Once the window is on screen: what start-up made lives as long as the window does.
        QTimer.singleShot(0, self, freeze_what_has_settled)
        QTimer.singleShot(KEYRING_WARM_MS, self, self._warm_keyring)
        QTimer.singleShot(KEYRING_WARM_MS, self, self._warm_pages)

    def _warm_keyring(self) -> None:
        warm = getattr(self.session.app.credentials, "warm", None)
        if callable(warm):  # the system keyring; tests' own stores have nothing to find
            # A keyring that cannot be used says so when an account is used, in its words.
            self.session.in_background(warm, lambda _found: None, lambda _error: None)

    def _warm_pages(self) -> None:
        """The modules of the pages built on first show, imported on a worker once the window
        has settled, so the first click on History pays only for its widgets."""
        def load() -> None:
            for module in LATER_PAGE_MODULES:
                importlib.import_module(module)

        self.session.in_background(load, lambda _loaded: freeze_what_has_settled(),
                                   lambda _error: None)

    def finish_interrupted(self) -> None:
        """What a crash, a full disk or a silent server left half done is finished first, off
        the GUI thread; each pane's "not finished" panel says what became of it."""
        session = self.session
        session.in_background(
            lambda: session.app.recovery.recover_interrupted(session.person),
            self._interrupted_finished, self._interrupted_failed)

    def _interrupted_finished(self, report: RecoveryReport) -> None:
        message = summary(report, self.session.words) if report.found_anything else ""
        changes = NOTHING
        for pane, widget in self.panes.items():
            if any(r.draft.pane is pane for r in report.finished) or any(
                    p.pane is pane for p in report.from_journal):
                widget.unfinished.show_message(message)
                changes |= Changes.of_publishing(pane)
        # Panes it did not touch were read as the window opened; nothing more to read there.
        self.session.report(changes)

    def _interrupted_failed(self, error: BaseException) -> None:
        for widget in self.panes.values():
            widget.unfinished.refresh(self.tr("SafeDesk could not finish earlier posts: {error}")
                                      .format(error=error_words(error, self.session.words)))

    def _build_pane_switch(self) -> None:
        """Side by side where both panes fit; one at a time, behind the switch, where not."""
        self.one_pane = False
        self.pane_switch = PaneSwitch({p: self.session.theme.style(p) for p in Pane}, self)
        self.pane_switch.chosen.connect(self.show_pane)
        self.pane_switch.setVisible(False)
        self.session.theme.changed.connect(lambda _pane: self.pane_switch.restyle(
            {p: self.session.theme.style(p) for p in Pane}))
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.pane_switch)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        for pane, keys in PANE_KEYS.items():
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda p=pane: self.show_pane(p))
        # A pane can come to need more room without the window changing size (the send
        # button naming more accounts): its layout request says so, and the fit is made again.
        for widget in self.panes.values():
            widget.installEventFilter(self)
        self._allow_one_pane()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest and watched in self.panes.values() \
                and self.isVisible():
            self._fit_panes()
        return super().eventFilter(watched, event)

    def two_panes_width(self) -> int:
        """How wide the panes need the window's middle to be, side by side."""
        return sum(w.minimumSizeHint().width() for w in self.panes.values()) + \
            self.splitter.handleWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_panes()
        self.focus_ring.follow()

    def _allow_one_pane(self) -> None:
        # The window may always be as narrow as one pane needs: the other then steps aside.
        # (Set before the window is first sized, or that size is held to both panes' width.)
        self.splitter.setMinimumWidth(max(w.minimumSizeHint().width()
                                          for w in self.panes.values()))

    def _fit_panes(self) -> None:
        self._allow_one_pane()
        one = self.width() < self.two_panes_width()
        if one == self.one_pane:
            return
        self.one_pane = one
        self.pane_switch.setVisible(one)
        if one:  # the pane keys are in (or were asked for before the window showed)
            self.show_pane(self.active_pane or self.pane_of(self.focusWidget())
                           or self.start_pane(), focus=False)
        else:
            for widget in self.panes.values():
                widget.setVisible(True)

    def show_pane(self, pane: Pane, *, focus: bool = True) -> None:
        """Bring ``pane`` forward: the only one shown on a narrow window; keys go there."""
        if self.one_pane:
            for other, widget in self.panes.items():
                widget.setVisible(other is pane)
            self.pane_switch.show_pane(pane)
        if focus:
            self.panes[pane].take_focus()

    def _connect_notices(self) -> None:
        """News that must not scroll away, to the pane it concerns."""
        self.watcher.notice.connect(self.panes[Pane.OFFICIAL].banner.show_notice)
        self.watcher.personal_notice.connect(self.panes[Pane.PERSONAL].banner.show_notice)
        for pane in self.panes.values():  # both panes read the language of what is written
            self.session.languages.broken.connect(pane.banner.show_notice)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&SafeDesk"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)  # closeEvent saves the drafts first
        menu.addAction(self.settings_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About SafeDesk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)  # macOS: the app menu
        self.about_action.triggered.connect(self.open_about)
        self.about_qt_action = QAction(self.tr("About &Qt"), self)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.about_qt_action.triggered.connect(lambda: QMessageBox.aboutQt(self))
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    # The dialogs' modules load when first opened, not before the window's first paint.

    def open_settings(self) -> SettingsDialog:
        from safedesk.gui.settings_dialog import SettingsDialog  # noqa: PLC0415 - see above

        dialog = SettingsDialog(self.session, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_about(self) -> AboutDialog:
        from safedesk.gui.about_dialog import AboutDialog  # noqa: PLC0415 - see above

        dialog = AboutDialog(self.session, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def switch_person(self) -> ChoosePersonDialog | None:
        """Ask who is taking over, with their passphrase; ``person_switched`` does the rest."""
        if self.session.app.team is not None:
            self.statusBar().showMessage(self.tr(
                "This desk works as your own login on the team server: colleagues use SafeDesk "
                "on their own desks."), 15_000)
            return None
        if len(self.session.app.people.list()) < 2:
            self.statusBar().showMessage(self.tr(
                "You are the only person in SafeDesk. Add colleagues in {where}.").format(
                    where=people_settings()), 15_000)
            return None
        dialog = ChoosePersonDialog(self.session.app.people, self,
                                    words=self.session.words)
        dialog.accepted.connect(lambda: self._switch_to(dialog.person))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _switch_to(self, person: Person | None) -> None:
        if person is None or person.id == self.session.person.id:
            return
        for pane in self.panes.values():
            pane.compose.save_now()  # nothing typed is lost, and nothing carries over
        self.person_switched.emit(person)

    def pane_of(self, widget: QWidget | None) -> Pane | None:
        while widget is not None:
            for pane, pane_widget in self.panes.items():
                if widget is pane_widget:
                    return pane
            widget = widget.parentWidget()
        return None

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        pane = self.pane_of(new)
        if pane is not None:
            self.set_active_pane(pane)

    def set_active_pane(self, pane: Pane) -> None:
        if pane is self.active_pane:
            return
        self.active_pane = pane
        for other, widget in self.panes.items():
            widget.set_in_use(in_use=other is pane)
        self._settings.setValue(LAST_PANE_KEY, pane.value)

    def start_pane(self) -> Pane:
        """The pane keys go to at start: the one used last, unless it has no accounts and the
        other has (then the first keystrokes would have nowhere to go); personal at first."""
        saved = self._settings.value(LAST_PANE_KEY, Pane.PERSONAL.value)
        pane = Pane(saved) if saved in {p.value for p in Pane} else Pane.PERSONAL
        if not self.panes[pane].has_accounts() and self.panes[pane.other].has_accounts():
            pane = pane.other
        return pane

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.active_pane is None and self.focusWidget() is None:
            # Keys typed at once land in a text box, never nowhere: in the pane used last
            # (unless something asked for them before the window showed).
            self.panes[self.start_pane()].take_focus()

    def add_account(self, pane: Pane) -> AddAccountDialog:
        from safedesk.gui.add_account import AddAccountDialog  # noqa: PLC0415 - see above

        dialog = AddAccountDialog(self.session, pane, self)
        dialog.open()
        return dialog

    def sign_in_again(self, account: Account) -> AddAccountDialog:
        from safedesk.gui.add_account import AddAccountDialog  # noqa: PLC0415 - see above

        dialog = AddAccountDialog(self.session, account.pane, self, reauth=account)
        dialog.open()
        return dialog

    def _open_copy(self, draft: Draft) -> None:
        self.panes[draft.pane].open_draft(draft)

    def _restore_geometry(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self._settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)

    def save_drafts(self) -> None:
        """Write what each compose box holds, as closing the window does."""
        for pane in self.panes.values():
            pane.compose.save_now()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.watcher.stop()
        self.save_drafts()
        for pane in self.panes.values():
            if pane.team_banner is not None:
                pane.team_banner.timer.stop()
        self.session.close()
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(STATE_KEY, self.saveState())
        self._settings.sync()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_moved)
        super().closeEvent(event)
