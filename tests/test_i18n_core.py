"""Core speaks Welsh (issue 15): every error core raises is a translatable message, every message
core writes has a Welsh rendering, and the command line shows core's refusals in Welsh."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from safedesk.app import SafeDesk, Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core.errors import NotAllowedError
from safedesk.core.models import Pane, Person, Platform, Role
from safedesk.core.rules import check_may_manage_accounts
from safedesk.i18n.catalog import translator
from safedesk.i18n.languages import WELSH
from tests.cli_support import Run, as_person, team
from tests.test_i18n import i18n_script

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "safedesk" / "core"

def _is_plain_text(node: ast.expr) -> bool:
    """A message written as English text in the code, so no catalog can translate it: a string
    literal, an f-string, or one built from them by ``+``, ``%`` or ``.format()``."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_plain_text(node.left) or _is_plain_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _is_plain_text(node.func.value)
    return False


def plain_text_raises(source: str, filename: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            arguments = [*node.exc.args, *(k.value for k in node.exc.keywords)]
            if any(_is_plain_text(argument) for argument in arguments):
                yield f"{filename}:{node.lineno}: {ast.unparse(node.exc)[:80]}"


def test_core_raises_no_error_with_english_written_into_the_code() -> None:
    found = [problem for path in sorted(CORE.rglob("*.py"))
             for problem in plain_text_raises(path.read_text(encoding="utf-8"),
                                              str(path.relative_to(ROOT)))]
    assert found == [], "raise these with msg(...) or msgn(...):\n" + "\n".join(found)


def test_the_raise_check_sees_each_way_english_is_written_in() -> None:
    caught = list(plain_text_raises(
        'raise E("a")\nraise E(f"{x}")\nraise E("a" + x)\nraise E("{x}".format(x=1))\n'
        'raise E(message="a")\nraise E(msg("a"))\nraise E(NAMED)\nraise E\n', "sample.py"))
    assert [line.split(":")[1] for line in caught] == ["1", "2", "3", "4", "5"]


# Sentences core writes outside msg() on purpose, by file: not shown to people in their
# language. The approval's flag and a correction's note on an uneditable original are recorded
# and shown as written (ARCHITECTURE "Languages"); the window names the colour visions through
# gui/theme's own translated words, not Vision.label; the top-level domains are data.
NOT_FOR_TRANSLATION = {
    "appointments.py": ("approved by {}, whose appointment rests on {} alone",
                        "approved by {}, whom {} alone appointed"),
    "corrections.py": ("Bluesky posts cannot be edited: the original stays",),
    "contrast.py": ("typical colour vision",),
    "tld_list.py": ("aaa aarp abb",),
}
# Three words or more: a sentence, or a piece of one (a name like "pane_colour" is not).
SENTENCE = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+")
# Calls whose text is not a message for people: log lines, patterns, SQL.
NOT_MESSAGES = {"msg", "msgn", "debug", "info", "warning", "error", "exception", "compile"}


def _written(node: ast.AST) -> str | None:
    """A string literal's or f-string's text (an f-string's fields as ``{}``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}"
                       for part in node.values)
    return None


def sentences_outside_messages(source: str, filename: str) -> Iterator[str]:
    """English sentences written into the code other than as msg()/msgn() text: a return, a
    field, an argument a person will read untranslated. Docstrings and log lines aside."""
    tree = ast.parse(source, filename)
    inside: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            inside.add(id(body[0].value))  # a docstring
        called = node.func if isinstance(node, ast.Call) else None
        name = called.id if isinstance(called, ast.Name) else \
            called.attr if isinstance(called, ast.Attribute) else ""
        if name in NOT_MESSAGES or isinstance(node, ast.JoinedStr):
            inside |= {id(part) for part in ast.walk(node) if part is not node}
        if isinstance(node, ast.Dict):  # keys: names the code looks things up by
            inside |= {id(key) for key in node.keys if key is not None}
    allowed = NOT_FOR_TRANSLATION.get(Path(filename).name, ())
    for node in ast.walk(tree):
        text = _written(node) if id(node) not in inside else None
        if text and SENTENCE.search(text) and not any(text.startswith(a) for a in allowed):
            yield f"{filename}:{getattr(node, 'lineno', 0)}: {text[:80]!r}"


def test_core_writes_no_sentence_outside_a_message() -> None:
    found = [problem for path in sorted(CORE.rglob("*.py"))
             for problem in sentences_outside_messages(path.read_text(encoding="utf-8"),
                                                       str(path.relative_to(ROOT)))]
    assert found == [], "say these with msg(...) or msgn(...):\n" + "\n".join(found)


def test_the_sentence_check_sees_english_where_a_person_reads_it() -> None:
    caught = list(sentences_outside_messages(
        'def f() -> str:\n    """A docstring says what it does."""\n'
        '    log.debug("a log line is not shown")\n'
        '    x = msg("a message is {x}", x=1)\n'
        '    return f"is dated {when} but its event says"\n'
        'Finding("people", "1", "the trail added them")\n'
        'KEY = "pane_colour"\n'
        'ACTIONS = {"sign in again": msg("sign in again")}\n', "sample.py"))
    assert [line.split(":")[1] for line in caught] == ["5", "6"]


def _says_words(text: str) -> bool:
    """Whether a text says anything in English besides its fields, names and symbols
    ("{address}: {reason}" does not)."""
    return bool(re.search(r"[A-Za-z]{2}", re.sub(r"\{[^{}]*\}", "", text)))


def test_every_core_message_has_a_welsh_rendering() -> None:
    script = i18n_script()
    welsh = translator(WELSH)
    core = [entry for entry in script.extract()
            if entry.id and any(where.startswith("safedesk/core/") for where, _ in entry.locations)]
    assert len(core) > 150  # the extractor found core's messages
    untranslated = []
    for entry in core:
        if isinstance(entry.id, str):
            shown = [(entry.id, welsh.gettext(entry.id))]
        else:
            singular, plural = entry.id[0], entry.id[1]
            shown = [(singular, welsh.ngettext(singular, plural, 1))] + \
                [(plural, welsh.ngettext(singular, plural, n)) for n in (0, 2, 3, 6, 11)]
        untranslated += [english for english, rendered in shown
                         if not rendered or (rendered == english and _says_words(english))]
    assert untranslated == []


# -- the command line, in Welsh -------------------------------------------------------------------

@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    return team(data_dir, capsys, monkeypatch)


@pytest.fixture
def accounts(data_dir: Path, run: Run) -> dict[str, str]:
    desk: SafeDesk = build(Settings(data_dir))
    try:
        jo = next(p for p in desk.store.list_people() if p.name == "Jo")
        council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON,
                                         "https://social.example", "council")
        personal = desk.accounts.register(Pane.PERSONAL, Platform.MASTODON,
                                          "https://social.example", "jo", owner=jo)
    finally:
        desk.close()
    return {"official": council.id, "personal": personal.id}


def test_a_policy_block_is_refused_in_welsh_with_its_reason_and_where(
        run: Run, accounts: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "jo-passphrase")
    code, out, err = run("--lang", "cy", "post", "--account", accounts["official"],
                         "--as", "Jo", "--text", "damn… vote Labour")
    assert code == ExitCode.BAD_INPUT and out == ""
    assert ("safedesk: Does dim modd i\u2019r postiad hwn fynd allan fel y mae: Mae “damn” yn rheg "
            "neu\u2019n sarhad: ni all cyfrif swyddogol ei gario (y testun).") in err
    code, _, err = run("post", "--account", accounts["official"], "--as", "Jo",
                       "--text", "damn… vote Labour")
    assert ("safedesk: This post cannot go out as it stands: “damn” is profanity or a slur: an "
            "official account cannot carry it (the text).") in err


def test_core_refuses_names_and_passphrases_in_welsh(run: Run,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEDESK_ADMIN_PASSPHRASE", "ada-passphrase")
    as_person(monkeypatch, "a long enough passphrase")
    code, _, err = run("--lang", "cy", "people", "add", "J\u043e", "--role", "author",
                       "--as", "Ada")
    assert code == ExitCode.BAD_INPUT
    assert "Mae 'J\u043e' yn edrych fel 'Jo', sydd eisoes yn defnyddio SafeDesk" in err
    as_person(monkeypatch, "short")
    code, _, err = run("--lang", "cy", "people", "add", "Pat", "--role", "author", "--as", "Ada")
    assert code == ExitCode.BAD_INPUT
    assert "Mae gan y cyfrinymadrodd hwnnw 5 nod; defnyddiwch o leiaf 12." in err


def test_a_role_and_an_action_in_a_refusal_are_said_in_welsh() -> None:
    sam = Person(id="sam", name="Sam", role=Role.APPROVER, passphrase_hash="",
                 created_at=datetime(2026, 12, 1, tzinfo=UTC))
    with pytest.raises(NotAllowedError) as refused:
        check_may_manage_accounts(sam, Pane.OFFICIAL, "add")
    assert str(refused.value) == (
        "Only an admin can add an official account: whoever does holds the organisation's "
        "sign-in on this machine, and Sam is an approver. Ask an admin to do it.")
    assert refused.value.text(translator(WELSH)) == (
        "Dim ond gweinyddwr sy\u2019n cael ychwanegu cyfrif swyddogol: mae pwy bynnag sy\u2019n gwneud "
        "hynny yn dal mewngofnod y sefydliad ar y peiriant hwn, a rôl Sam yw cymeradwywr. "
        "Gofynnwch i weinyddwr ei wneud.")
