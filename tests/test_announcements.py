"""Outcomes a person cannot see are said aloud: a post going over an account's limit (once, not
at every keystroke), published everywhere or not, submitted for approval, and errors (which
interrupt)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.errors import ServerFailureError
from safedesk.core.models import Pane
from safedesk.core.platform import PostRequest
from safedesk.gui.announce import Announcer
from safedesk.gui.main_window import MainWindow
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.test_gui import show, write

Said = list[tuple[str, bool]]


def listen(window: MainWindow) -> Said:
    said: Said = []
    window.session.announcer.said.connect(lambda words, urgent: said.append((words, urgent)))
    return said


def test_going_over_the_limit_is_said_once_and_fitting_again_too(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    said = listen(window)
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council_sky.id])
    compose.text.setPlainText("x" * 299)
    assert said == []
    qtbot.keyClicks(compose.text, "yyy")  # 300, 301, 302: over from the second key on
    assert len(said) == 1
    words, urgent = said[0]
    assert "Too long for Bluesky" in words and "<" not in words and not urgent
    qtbot.keyClicks(compose.text, "z")
    assert len(said) == 1  # still over: nothing new to say
    compose.text.setPlainText("Short again")
    assert said[-1] == ("The post fits every chosen account again.", False)


def test_published_everywhere_is_said(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    said = listen(window)
    write(window, Pane.PERSONAL, "Lovely evening at the library", [cast.jo.id])
    window.panes[Pane.PERSONAL].compose.send()
    assert ("Published everywhere.", False) in said


def test_a_failed_account_is_said_at_once_with_its_reason(
        qtbot: QtBot, desk: SafeDesk, cast: Cast,
        platforms: dict[str, FakePlatform]) -> None:
    window = show(qtbot, desk, cast.author)
    said = listen(window)
    write(window, Pane.PERSONAL, "Road closed", [cast.jo.id])
    failing = FakePlatform(cast.jo)
    platforms[cast.jo.id] = failing

    def fail(_request: PostRequest) -> None:
        raise ServerFailureError("The server had a problem (503).")

    failing.before_publish = fail
    window.panes[Pane.PERSONAL].compose.send()
    failures = [words for words, urgent in said if urgent]
    assert failures and "1 account failed" in failures[0]
    assert f"{cast.jo.address}: not published. The server had a problem (503)." in failures[0]


def test_submitted_for_approval_is_said(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.author)
    said = listen(window)
    write(window, Pane.OFFICIAL, "Library closed on Friday", [cast.council.id])
    window.panes[Pane.OFFICIAL].compose.send()
    assert any(words.startswith("Submitted for approval.") and not urgent
               for words, urgent in said)


def test_the_announcement_is_qts_own_event(qtbot: QtBot) -> None:
    """What a screen reader gets: a QAccessibleAnnouncementEvent with the words and how urgent
    they are (built here as ``Announcer.say`` builds it)."""
    label = QLabel("Published everywhere.")
    qtbot.addWidget(label)
    announcer = Announcer()
    said: Said = []
    announcer.said.connect(lambda words, urgent: said.append((words, urgent)))
    announcer.say(label, "  Not sent.\n The draft changed. ", urgent=True)
    assert said == [("Not sent. The draft changed.", True)]
    event = QAccessibleAnnouncementEvent(label, said[0][0])
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    assert event.message() == "Not sent. The draft changed."
    assert event.politeness() is QAccessible.AnnouncementPoliteness.Assertive
    announcer.say(label, "   ")
    assert len(said) == 1  # nothing to say is not said
