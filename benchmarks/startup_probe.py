"""One start of a window, in a process of its own; prints one JSON line once the window is idle.

``bare``: a PySide6 QApplication and a QMainWindow of SafeDesk's size with a label in it, shown
(the anchor).

``widgets``: the same window holding the kinds of widget SafeDesk's window shows at start (two
panes of tabs, each with a compose form, lists, trees and text browsers; a menu, tool and status
bar), with no SafeDesk code: what Qt alone costs for such a window.

``safedesk DATA_DIR PERSON``: SafeDesk's own entry point (``safedesk.cli.main`` with
``--data-dir``), as a person starts it, except that the sign-in dialog is answered with PERSON at
once (typing a passphrase is the person's time, not SafeDesk's).

All use the same watch (``qt_probe.StartupWatch``) for "shown" and "idle", and print
``time.monotonic()`` readings, which the parent turns into times since it started the process,
and the resident memory at idle.

Run by ``benchmarks.figures``:
python -m benchmarks.startup_probe bare|widgets|safedesk [DATA_DIR PERSON]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import sys

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from benchmarks.qt_probe import StartupWatch, qt_application, quiet_qt_noise, rss_mb

WINDOW_SIZE = (1200, 760)  # what MainWindow asks for


def reporter(app: QApplication) -> StartupWatch:
    def idle(shown: float, at: float) -> None:
        print(json.dumps({"shown": shown, "idle": at, "rss_mb": rss_mb()}), flush=True)
        app.quit()

    return StartupWatch(app, idle)


def bare() -> int:
    app = qt_application()
    watch = reporter(app)
    window = QMainWindow()
    window.setWindowTitle("Bare PySide6 window")
    window.setCentralWidget(QLabel("Hello", window))
    window.resize(*WINDOW_SIZE)
    window.show()
    code = int(app.exec())
    del watch
    return code


def pane_of_widgets(title: str) -> QFrame:
    """One pane's widgets as SafeDesk shows them at start, holding nothing."""
    pane = QFrame()
    column = QVBoxLayout(pane)
    column.addWidget(QLabel(title))
    tabs = QTabWidget()
    column.addWidget(tabs)
    compose = QWidget()
    form = QFormLayout(compose)
    form.addRow("Post as", QListWidget())
    form.addRow("Text", QPlainTextEdit())
    form.addRow("Content warning", QLineEdit())
    for label in ("Language", "Visibility", "On Bluesky"):
        choices = QComboBox()
        for number in range(10):
            choices.addItem(f"Choice {number}", number)
        form.addRow(label, choices)
    form.addRow("Publish at", QDateTimeEdit())
    form.addRow("Images", QListWidget())
    for words in ("Add image…", "Edit alt text…", "Remove image", "Copy", "Send"):
        form.addRow(QPushButton(words))
    counts = QLabel("0 / 500")
    counts.setWordWrap(True)
    form.addRow(counts)
    form.addRow(QTextBrowser())
    tabs.addTab(compose, "Compose")
    queue = QWidget()
    queue_column = QVBoxLayout(queue)
    queue_column.addWidget(QListWidget())
    queue_column.addWidget(QTextBrowser())
    tabs.addTab(queue, "Queue")
    for name, columns in (("My submissions", 4), ("History", 6)):
        tree = QTreeWidget()
        tree.setHeaderLabels([f"Column {n}" for n in range(columns)])
        tabs.addTab(tree, name)
    tabs.addTab(QListWidget(), "Accounts")
    return pane


def widgets() -> int:
    app = qt_application()
    watch = reporter(app)
    window = QMainWindow()
    window.setWindowTitle("PySide6 widgets of SafeDesk's window")
    panes = QSplitter()
    panes.addWidget(pane_of_widgets("Personal"))
    panes.addWidget(pane_of_widgets("Official"))
    window.setCentralWidget(panes)
    window.menuBar().addMenu("&File").addAction("&Quit")
    window.addToolBar("Person").addAction("Switch person")
    window.statusBar().showMessage("Ready")
    window.resize(*WINDOW_SIZE)
    window.show()
    code = int(app.exec())
    del watch
    return code


def safedesk(data_dir: str, person_name: str) -> int:
    app = qt_application()
    watch = reporter(app)
    from safedesk.cli.main import main  # noqa: PLC0415 - part of what the start costs
    from safedesk.gui import launch  # noqa: PLC0415
    from safedesk.services.people import PeopleService  # noqa: PLC0415

    def signed_in(people: PeopleService, *_args: object, **_kwargs: object) -> object:
        return people.get(person_name)

    launch.choose_person = signed_in  # type: ignore[attr-defined,assignment]
    code = main(["--data-dir", data_dir])
    del watch
    return code


def run(argv: list[str]) -> int:
    quiet_qt_noise()
    if argv[:1] == ["bare"]:
        return bare()
    if argv[:1] == ["widgets"]:
        return widgets()
    if argv[:1] == ["safedesk"] and len(argv) == 3:
        return safedesk(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
