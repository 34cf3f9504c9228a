"""The command line in Welsh, asked for with ``--lang cy`` or SAFEDESK_LANG=cy: its help (argparse's
own words included), listings, checks, refusals and argparse's errors; ``--json`` stays English."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from safedesk.i18n.languages import LANG_VARIABLE
from tests.cli_support import Run, with_admin

Speak = Callable[..., tuple[int, str, str]]


@pytest.fixture(params=["option", "variable"])
def welsh(request: pytest.FixtureRequest, data_dir: Path, capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch) -> Speak:
    """``safedesk`` in Welsh on a desk whose only person is Ada (admin), asked for either way."""
    for variable in (LANG_VARIABLE, "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    run = with_admin(data_dir, capsys, monkeypatch)  # set up in English
    if request.param == "variable":
        monkeypatch.setenv(LANG_VARIABLE, "cy")
        return run
    return lambda *args, stdin="": run("--lang", "cy", *args, stdin=stdin)


def _help(run: Speak, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        run(*args, "--help")
    assert stopped.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # as read, whatever the terminal's width


def test_help_speaks_welsh_with_argparses_own_words(welsh: Speak, data_dir: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _help(welsh, capsys)
    assert shown.startswith("defnydd: safedesk")
    assert "Postio i Mastodon a Bluesky o gyfrifon personol a swyddogol" in shown
    assert "dangos y neges gymorth hon a gadael" in shown  # argparse's -h
    assert "opsiynau:" in shown and "ymresymiadau safle:" in shown
    assert "gwirio neu allforio\u2019r trywydd archwilio" in shown  # `audit`
    assert "usage:" not in shown and "show this help" not in shown
    people = _help(welsh, capsys, "people")
    assert "ychwanegu person (cyfrinymadrodd o SAFEDESK_PASSPHRASE neu anogwr)" in people
    adding = _help(welsh, capsys, "people", "add")
    assert "y gweinyddwr sy\u2019n ychwanegu\u2019r person hwn" in adding  # its --as
    # argparse is English again once the command is over: it belongs to the whole process.
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    english = _help(Run(data_dir, capsys, monkeypatch), capsys)
    assert english.startswith("usage: safedesk") and "show this help message and exit" in english


def test_people_and_queue_listings_speak_welsh_and_json_stays_english(welsh: Speak) -> None:
    code, out, _err = welsh("people", "list")
    assert code == 0
    heading, ada = out.splitlines()
    assert heading.split() == ["ENW", "RÔL", "STATWS", "ID"]
    assert ada.split()[:3] == ["Ada", "gweinyddwr", "gweithredol"]  # the role in Welsh
    code, out, _err = welsh("people", "list", "--json")
    assert code == 0 and json.loads(out)[0]["status"] == "active"
    assert welsh("queue", "list") == (0, "Does dim yn aros am gymeradwyaeth.\n", "")
    assert welsh("queue", "list", "--json") == (0, "[]\n", "")


def test_doctor_speaks_welsh_and_its_json_stays_english(welsh: Speak) -> None:
    _code, out, _err = welsh("doctor")
    assert "mae\u2019r gronfa ddata\u2019n agor ac yn gyfredol" in out
    assert "All un peiriant ddim cadw\u2019r cyfrifon swyddogol rhag ei ddefnyddwyr ei hun" in out
    _code, out, _err = welsh("doctor", "--json")
    checks = json.loads(out)["checks"]
    assert checks["data"]["detail"] == "database opens and is current"
    assert checks["custody"]["detail"].startswith("One machine cannot keep the official accounts")


def test_refusals_and_usage_errors_speak_welsh(welsh: Speak,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = welsh("queue", "approve", "d-1")
    assert (code, out) == (3, "")
    assert err == ("safedesk: Mae cymeradwyo\u2019n gofyn am --as NAME a chyfrinymadrodd y person "
                   "hwnnw.\n")
    code, _out, err = welsh("accounts", "add", "--pane", "personal", "--platform", "bluesky",
                            "--server", "https://bsky.social")
    assert code == 2
    assert err == "safedesk: Ar gyfer Bluesky rhowch --handle a --app-password-stdin.\n"
    with pytest.raises(SystemExit) as stopped:
        welsh("publisher", "run", "--interval", "often")
    assert stopped.value.code == 2
    assert "gwall: ymresymiad --interval: Dyw 'often' ddim yn nifer o eiliadau" in \
        capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        welsh("people", "lst")
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "safedesk people: gwall: ymresymiad COMMAND: dewis annilys: 'lst'" in err
    assert err.startswith("defnydd: safedesk people")


def test_a_commands_own_lang_names_a_posts_language_not_safedesks(
        welsh: Speak, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``templates show … --lang en-GB`` (like ``post --lang``, ``correct --lang``) picks the
    words of a post; SafeDesk still speaks Welsh, and English when asked for English."""
    code, out, _err = welsh("templates", "show", "correction", "--lang", "en-GB")
    assert code == 0
    assert out.startswith("Templed correction (en-GB), fersiwn ")
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    english = Run(data_dir, capsys, monkeypatch)
    code, out, _err = english("--lang", "en_GB", "templates", "show", "correction", "--lang", "cy")
    assert code == 0
    assert out.startswith("Template correction (cy), version ")
