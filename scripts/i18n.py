"""Keeping SafeDesk's translations up to date (``resources/i18n/README.md`` is the translator's
guide).

    .venv/bin/python scripts/i18n.py update    # find new and changed words in the code
    .venv/bin/python scripts/i18n.py compile   # build what the app reads (.mo, .qm)
    .venv/bin/python scripts/i18n.py check     # what is left to translate; exit 1 if anything

Two catalogs per language, because two kinds of code say things:
- ``<code>.po`` (gettext): every ``msg()`` and ``msgn()`` in SafeDesk, the window's included,
  so every plural, everywhere, follows CLDR's rule for the language (Welsh has six forms; Qt's
  own plural rule for Welsh has five and puts 3 with 2);
- ``<code>.ts`` (Qt Linguist): the window's ``tr()`` and ``translate()`` texts, found by
  ``pyside6-lupdate``.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TEMPLATE = I18N / "safedesk.pot"
LANGUAGES = ("en_GB", "cy")
QT_LANGUAGES = ("cy",)  # the window's source texts are en-GB already
KEYWORDS = {"msg": None, "msgn": (1, 2)}
FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^}]*)?\}")
BIN = Path(sys.executable).parent


START = datetime(2026, 12, 1, tzinfo=UTC)  # fixed, so the files change only with their words


def new_catalog(locale: str | None = None) -> Catalog:
    return Catalog(locale=locale, project="SafeDesk", version="", fuzzy=False,
                   copyright_holder="SafeDesk developers", msgid_bugs_address="",
                   creation_date=START, revision_date=START,
                   last_translator="SafeDesk developers", language_team="SafeDesk developers",
                   header_comment="# SafeDesk's words. How to translate them: resources/i18n/README.md")


def extract() -> Catalog:
    template = new_catalog()
    found = extract_from_dir(ROOT / "safedesk", method_map=[("**.py", "python")],
                             keywords=KEYWORDS, comment_tags=("Translators:",),
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        template.add(message, locations=[(f"safedesk/{filename}", lineno)],
                     auto_comments=comments, context=context,
                     flags=("python-brace-format",) if FIELD.search(_first(message)) else ())
    return template


def _first(message: str | tuple[str, ...]) -> str:
    return message if isinstance(message, str) else message[0]


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False)
    path.write_bytes(buffer.getvalue())


def update() -> None:
    template = extract()
    write(template, TEMPLATE)
    for code in LANGUAGES:
        path = I18N / f"{code}.po"
        catalog = read(path, code) if path.exists() else new_catalog(code)
        catalog.update(template, update_creation_date=False)
        catalog.obsolete.clear()  # words no longer in the code: git keeps their history
        write(catalog, path)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "safedesk" / "gui").glob("*.py"))
    for code in QT_LANGUAGES:
        subprocess.run([BIN / "pyside6-lupdate", "-no-obsolete", "-locations", "relative",
                        "-source-language", "en_GB", "-target-language", code, *sources,
                        "-ts", str(I18N / f"{code}.ts")], check=True, cwd=ROOT)


def compile_all() -> None:
    for code in LANGUAGES:
        catalog = read(I18N / f"{code}.po", code)
        with (I18N / f"{code}.mo").open("wb") as file:
            write_mo(file, catalog, use_fuzzy=False)
    for code in QT_LANGUAGES:
        subprocess.run([BIN / "pyside6-lrelease", "-silent", str(I18N / f"{code}.ts"),
                        "-qm", str(I18N / f"{code}.qm")], check=True, cwd=ROOT)


def gettext_problems(code: str) -> Iterator[str]:
    """What a person would see in English, or see broken, in ``code``'s gettext catalog."""
    catalog = read(I18N / f"{code}.po", code)
    template = read(TEMPLATE)
    for entry in template:
        if not entry.id:
            continue
        mine = catalog.get(entry.id, context=entry.context)
        if mine is None:
            yield f"{code}.po: missing: {_first(entry.id)!r} (run update)"
        elif code != "en_GB":
            yield from _translation_problems(code, mine, catalog.num_plurals)


def _translation_problems(code: str, entry: Message, plurals: int) -> Iterator[str]:
    source = _first(entry.id)
    forms = [entry.string] if isinstance(entry.string, str) else list(entry.string)
    if entry.fuzzy or not all(forms) or (entry.pluralizable and len(forms) != plurals):
        yield f"{code}.po: not translated: {source!r}"
        return
    wanted = set(FIELD.findall(source))
    for form in forms:
        have = set(FIELD.findall(form))
        # A plural form may leave out {count} where the words say the number ("dau", "un").
        if have - wanted - {"count"} or wanted - have - {"count"}:
            yield f"{code}.po: fields differ in {source!r}: {sorted(have)} for {sorted(wanted)}"


def qt_problems(code: str) -> Iterator[str]:
    ts = (I18N / f"{code}.ts").read_text(encoding="utf-8")
    for source in re.findall(r"<source>([^<]*)</source>\s*(?:<comment>.*?</comment>\s*)?"
                             r"<translation type=\"unfinished\"", ts, re.DOTALL):
        yield f"{code}.ts: not translated: {source!r}"


def check() -> int:
    problems = [*(p for code in LANGUAGES for p in gettext_problems(code)),
                *(p for code in QT_LANGUAGES for p in qt_problems(code))]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("update", "compile", "check"))
    action = parser.parse_args(argv).action
    if action == "update":
        update()
    elif action == "compile":
        compile_all()
    else:
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
