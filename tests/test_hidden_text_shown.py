"""Text cannot hide from the person who reviews it on the command line: ``queue show``, ``queue
list`` and the incident export print ESC sequences, right-to-left overrides and zero-width
characters as ``⟨U+XXXX⟩``, never raw; ``--json`` keeps the exact stored text, escaped."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, Pane
from tests.cli_support import Run
from tests.conftest import Cast

# The posts here got past submission, as they did before the policy blocked hidden text on
# official posts: what a reviewer sees must not depend on the policy having caught them.
pytestmark = pytest.mark.usefixtures("hidden_text_not_blocked")


# Conceal ("\x1b[8m") hides "vote Labour" on a terminal; erase line ("\x1b[2K") wipes what came
# before; U+202E shows "Tuesday" backwards and reorders what follows; the zero-width spaces
# and the word joiner are there and not seen.
HIDING = ("Bins go out \x1b[8mvote Labour\x1b[0m on \u202eyadseuT\u202c\n"
          "Sorry\x1b[2K all clear\u200b\u200b\u2060 \x9b31m")
RAW = ["\x1b", "\x9b", "\u202e", "\u202c", "\u200b", "\u2060"]


def _submit(desk: SafeDesk, cast: Cast, text: str, *, thread: tuple[str, ...] = (),
            warning: str = "") -> str:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        text=text, targets=(cast.council.id,), thread=thread, content_warning=warning))
    return desk.drafts.submit(draft.id, cast.author).id


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return Run(data_dir, capsys, monkeypatch)


def test_queue_show_prints_hidden_characters_visibly(desk: SafeDesk, cast: Cast, run: Run) -> None:
    draft_id = _submit(desk, cast, HIDING, thread=("part two\u2067 reversed",),
                       warning="cw\x1b]0;title\x07")
    code, out, err = run("queue", "show", draft_id)
    assert code == 0, err
    assert [c for c in [*RAW, "\u2067", "\x07"] if c in out + err] == []
    assert ("Bins go out ⟨U+001B⟩[8mvote Labour⟨U+001B⟩[0m on ⟨U+202E⟩yadseuT⟨U+202C⟩\n"
            "Sorry⟨U+001B⟩[2K all clear⟨U+200B⟩⟨U+200B⟩⟨U+2060⟩ ⟨U+009B⟩31m\n") in out
    assert "part two⟨U+2067⟩ reversed" in out
    assert "Content warning: cw⟨U+001B⟩]0;title⟨U+0007⟩" in out
    # One line above the text says how many there are: a typed "⟨U+202E⟩" is not one of them.
    assert ("This text holds 12 invisible or control characters (U+0007, U+001B, U+009B, "
            "U+200B, U+202C, …), shown as ⟨U+…⟩.") in out


def test_queue_show_says_nothing_of_ordinary_text(desk: SafeDesk, cast: Cast, run: Run) -> None:
    text = "Croeso 🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f 👨‍👩‍👧 السلام علیکم"
    code, out, err = run("queue", "show", _submit(desk, cast, text))
    assert code == 0, err
    assert f"Text:\n{text}\n" in out
    assert "invisible or control" not in out


def test_queue_list_prints_the_first_line_visibly(desk: SafeDesk, cast: Cast, run: Run) -> None:
    draft_id = _submit(desk, cast, HIDING)
    code, out, err = run("queue", "list")
    assert code == 0, err
    assert [c for c in RAW if c in out] == []
    line = next(line for line in out.splitlines() if draft_id in line)
    assert line.endswith(": Bins go out ⟨U+001B⟩[8mvote Labour⟨U+001B⟩[0m on "
                         "⟨U+202E⟩yadseuT⟨U+202C⟩")


def test_queue_list_json_keeps_the_exact_text_escaped(desk: SafeDesk, cast: Cast,
                                                      run: Run) -> None:
    draft_id = _submit(desk, cast, HIDING)
    code, out, err = run("queue", "list", "--json")
    assert code == 0, err
    # The value is the stored first line exactly; the bytes on the terminal are escapes.
    assert [c for c in RAW if c in out] == []
    assert "\\u202e" in out and "\\u001b" in out
    row = next(r for r in json.loads(out) if r["id"] == draft_id)
    assert row["text"] == HIDING.splitlines()[0]


def _incident(desk: SafeDesk, cast: Cast) -> str:
    """An official post with hidden characters, published, then corrected in own words that hold
    some too (which wait for an approver)."""
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, Content(
        text=HIDING, targets=(cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    decision = desk.queue.approve(draft.id, cast.approver, "sam-passphrase",
                                  content_digest(desk.drafts.get(draft.id).content))
    assert decision.report is not None and decision.report.complete
    plan = desk.corrections.prepare(draft.id, "correction",
                                    text="Correction: \u2066bins\u2069 on\u200b Thursday")
    return desk.corrections.publish(plan, cast.author, note="From\x1b[8m a resident").incident.id


@pytest.mark.parametrize("output", [False, True])
def test_the_incident_export_shows_hidden_characters_visibly(
        desk: SafeDesk, cast: Cast, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        output: bool) -> None:
    incident_id = _incident(desk, cast)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    target = tmp_path / "incident.md"
    code, out, err = run("incidents", "export", incident_id, "--format", "md", "--as",
                         "Jo Author", *(["--output", str(target)] if output else []))
    assert code == 0, err
    markdown = target.read_text(encoding="utf-8") if output else out
    assert [c for c in [*RAW, "\u2066", "\u2069"] if c in markdown + out] == []
    assert ("> Bins go out ⟨U+001B⟩[8mvote Labour⟨U+001B⟩[0m on ⟨U+202E⟩yadseuT⟨U+202C⟩\n"
            "> Sorry⟨U+001B⟩[2K all clear⟨U+200B⟩⟨U+200B⟩⟨U+2060⟩ ⟨U+009B⟩31m") in markdown
    assert "> Correction: ⟨U+2066⟩bins⟨U+2069⟩ on⟨U+200B⟩ Thursday" in markdown
    assert "- Internal note: From⟨U+001B⟩[8m a resident" in markdown
    assert "This text holds 9 invisible or control characters" in markdown
    assert "This text holds 3 invisible or control characters" in markdown


def test_the_incident_json_keeps_each_text_exactly(desk: SafeDesk, cast: Cast, run: Run,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    incident_id = _incident(desk, cast)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    code, out, err = run("incidents", "export", incident_id, "--format", "json", "--as",
                         "Jo Author")
    assert code == 0, err
    assert [c for c in [*RAW, "\u2066", "\u2069"] if c in out] == []
    document = json.loads(out)
    assert document["original"]["text"] == HIDING
    assert document["correction"]["text"].startswith("Correction: \u2066bins\u2069 on\u200b")
    assert document["note"] == "From\x1b[8m a resident"


def test_scheduled_list_prints_the_first_line_visibly(desk: SafeDesk, cast: Cast, run: Run,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    draft = desk.drafts.create(cast.author, Pane.PERSONAL, Content(
        text=HIDING, targets=(cast.jo.id,), schedule_at=datetime(2030, 1, 1, 9, tzinfo=UTC)))
    desk.drafts.schedule(draft.id, cast.author)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    code, out, err = run("scheduled", "list", "--as", "Jo Author")
    assert code == 0, err
    assert [c for c in RAW if c in out] == []
    assert "Bins go out ⟨U+001B⟩[8mvote Labour⟨U+001B⟩[0m on ⟨U+202E⟩yadseuT⟨U+202C⟩" in out
