"""``safedesk --self-test``: does this installed copy of SafeDesk work on this machine?

Installers and CI run it straight after installing. Each check is a small function that either
returns what it found or raises :class:`SelfTestError` with what went wrong and what to do; one
failing never stops the others. Everything that writes does so in a throw-away folder made for
the run, with a throw-away person and a throw-away secret, all removed at the end: a person's
own data is only ever looked at, read-only (``data_check``).

Nothing here relies on a source checkout: resources are found the way the app finds them
(``safedesk.resources``), so a wheel or a bundled copy is tested as it was installed. Qt is
only loaded by the checks that need it (``safedesk.gui.self_test``).
"""

from __future__ import annotations

import gettext
import importlib
import importlib.metadata
import os
import pkgutil
import secrets
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from safedesk.app import Settings, build, build_credentials, open_store
from safedesk.core.errors import CredentialsUnavailableError, SafeDeskError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Content, Pane, Role
from safedesk.core.templates import LANGUAGES, PLACEHOLDERS, render
from safedesk.i18n.catalog import catalog_path
from safedesk.i18n.languages import ENGLISH, WELSH
from safedesk.storage.migrations import APPLICATION_ID, LATEST_VERSION
from safedesk.storage.sqlite_store import DATABASE_NAME

# A string every release translates into Welsh (the command line's word for Ctrl+C).
KNOWN_STRING = "stopped."
# The correction templates SafeDesk offers, each needed in every template language.
TEMPLATE_NAMES = ("correction", "apology", "retraction", "note", "correction-personal",
                  "apology-personal", "retraction-personal", "correction-share", "apology-share",
                  "correction-share-personal", "apology-share-personal")
# The libraries the platform adapters and team mode load on first use; a bundle that left one
# out would only fail when an account is first used, so each is imported here.
# SafeDesk uses atproto's client and core packages; the top-level ``atproto`` package would also
# load the firehose and Jetstream readers, which SafeDesk never uses and its bundle leaves out.
SDK_MODULES = ("mastodon", "atproto_client", "atproto_client.request",
               "atproto_client.models.dot_dict", "atproto_client.exceptions",
               "atproto_core.exceptions", "requests", "httpx", "urllib3", "PIL.Image",
               "keyring", "psycopg")


class SelfTestError(Exception):
    """A check found a problem: ``message`` says what it is and what to do about it."""

    def __init__(self, message: str | Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str  # a stable English key, for --json and scripts
    label: Message  # the check's name, for people
    ok: bool
    detail: str | Message  # what was found; when failed, what went wrong and what to do


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    label: Message
    run: Callable[[Path], str | Message]  # given a fresh throw-away folder of its own


# -- translations and templates -------------------------------------------------------------------

def translations_check(scratch: Path) -> Message:
    del scratch  # reads only what is installed
    try:
        with catalog_path(WELSH).open("rb") as file:
            welsh = gettext.GNUTranslations(file)
        catalog_path(ENGLISH).open("rb").close()  # its plural forms are read from it
    except OSError as error:  # a missing resource too (FileNotFoundError)
        raise SelfTestError(msg("the language catalogues are missing or unreadable ({why}). "
                              "Reinstall SafeDesk.", why=str(error))) from None
    if welsh.gettext(KNOWN_STRING) == KNOWN_STRING:
        raise SelfTestError(msg("the Welsh catalogue ({file}) does not translate SafeDesk's "
                              "words. Reinstall SafeDesk.", file=str(catalog_path(WELSH))))
    from safedesk.gui.self_test import window_translation_problem  # noqa: PLC0415 - Qt

    problem = window_translation_problem()
    if problem is not None:
        raise SelfTestError(problem)
    return msg("the Welsh words of the command line and of the window load and translate")


def templates_check(scratch: Path) -> Message:
    app = build(Settings(scratch))
    try:
        count = 0
        for name in TEMPLATE_NAMES:
            for language in LANGUAGES:
                template = app.templates.shipped(name, language)
                if template is None:
                    raise SelfTestError(msg("the built-in template '{name}' in {language} is "
                                          "missing. Reinstall SafeDesk.", name=name,
                                          language=language))
                sample = {p: "SafeDesk" for p in template.placeholders if p in PLACEHOLDERS}
                try:
                    render(template, sample)
                except SafeDeskError as error:
                    raise SelfTestError(msg("the built-in template '{name}' in {language} does "
                                          "not fill in: {why}", name=name, language=language,
                                          why=error.message)) from None
                count += 1
    finally:
        app.close()
    return msg("{count} built-in correction templates load and fill in", count=count)


# -- libraries ------------------------------------------------------------------------------------

def adapter_modules() -> list[str]:
    import safedesk.platforms  # noqa: PLC0415 - it imports no SDK itself

    return sorted(f"safedesk.platforms.{m.name}"
                  for m in pkgutil.iter_modules(safedesk.platforms.__path__))


def sdk_check(scratch: Path) -> Message:
    del scratch
    missing: list[str] = []
    adapters = adapter_modules()
    for module in (*SDK_MODULES, *adapters, "safedesk.team.pg_store"):
        try:
            importlib.import_module(module)
        except Exception as error:  # noqa: BLE001 - a broken library may raise anything
            missing.append(f"{module} ({type(error).__name__}: {error})")
    if not adapters:
        missing.append("safedesk.platforms (no adapters found)")
    if missing:
        raise SelfTestError(msg("these libraries cannot be loaded: {modules}. Reinstall SafeDesk "
                              "(a bundle must include them).", modules="; ".join(missing)))
    import psycopg  # noqa: PLC0415 - loaded just above

    return msg("Mastodon.py {mastodon}, atproto {atproto}, psycopg {psycopg} (libpq {libpq}) "
               "and the {count} platform modules load",
               mastodon=_version("Mastodon.py"), atproto=_version("atproto"),
               psycopg=psycopg.__version__, libpq=psycopg.pq.version(), count=len(adapters))


def _version(distribution: str) -> str:
    """A library's version, or "?" where a bundle kept the code but not its metadata."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "?"


# -- the language of posts ------------------------------------------------------------------------

# A sentence in each of the desk's languages, plain enough that any working model reads it right.
LANGUAGE_SENTENCES = (("cy", "Mae'r llyfrgell ar gau heddiw oherwydd y tywydd."),
                      ("en", "The library is closed today because of the weather."))


def language_check(scratch: Path) -> Message:
    """py3langid's model is read from its own file, which a bundle must carry beside the code:
    without it SafeDesk still starts, and only the first post would find it missing."""
    del scratch
    from safedesk.services.language_reading import LangidReader  # noqa: PLC0415 - loads the model

    reader = LangidReader()
    for expected, sentence in LANGUAGE_SENTENCES:
        reading = reader.read(sentence)
        if reader.problem is not None:
            raise SelfTestError(reader.problem)
        found = reading.language if reading is not None else "nothing"
        if found != expected:
            raise SelfTestError(msg("the sentence \"{sentence}\" read as {found}, not "
                                  "{expected}: the language model is damaged. Reinstall "
                                  "SafeDesk.", sentence=sentence, found=found,
                                  expected=expected))
    return msg("a Welsh and an English sentence read as Welsh and as English")


# -- data -----------------------------------------------------------------------------------------

def store_check(scratch: Path) -> Message:
    settings = Settings(scratch)
    app = build(settings)  # creates the database and runs every migration
    try:
        person = app.people.add("Self-test", Role.ADMIN, secrets.token_urlsafe(18))
        text = f"SafeDesk self-test {secrets.token_hex(4)}"
        draft = app.drafts.create(person, Pane.PERSONAL, Content(text=text, targets=()))
    finally:
        app.close()
    store = open_store(settings)  # read back from the file, not from what is still in memory
    try:
        version = store.schema_version
        if store.get_draft(draft.id).content.text != text:
            raise SelfTestError(msg("a draft written to a new database did not read back the same. "
                                  "Check the disk and the folder {folder}.",
                                  folder=str(scratch)))
        if not any(e.action == "draft.create" for e in store.audit_events_about(draft.id)):
            raise SelfTestError(msg("a new draft left no event in the audit trail."))
        from safedesk.services.audit import AuditService  # noqa: PLC0415

        report = AuditService(store).verify()
    finally:
        store.close()
    if not report.intact:
        raise SelfTestError(msg("the audit trail of a new database does not verify: {problem}",
                              problem=report.problem))
    if version != LATEST_VERSION:
        raise SelfTestError(msg("a new database stopped at schema {version} of {latest}.",
                              version=version, latest=LATEST_VERSION))
    return msg("a new database reaches schema {version}; a draft and its audit event were "
               "written and read back, and the audit chain verifies", version=version)


def user_data_check(data_dir: Path) -> Message:
    """The person's own data folder, only read (its header; SQLite is not even opened, which
    could leave files behind): is it there, readable, writable, and at which schema?"""
    database = data_dir / DATABASE_NAME
    if not database.exists():
        return msg("no data yet in {folder}: SafeDesk makes it when it first starts",
                   folder=str(data_dir))
    try:
        with database.open("rb") as file:
            header = file.read(100)
    except OSError as error:
        raise SelfTestError(msg("{file} cannot be read ({why}). Check its owner and permissions.",
                              file=str(database), why=error.strerror)) from None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00") \
            or int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise SelfTestError(msg("{file} is not a SafeDesk database. Move it away, or choose "
                              "another folder with --data-dir.", file=str(database)))
    version = int.from_bytes(header[60:64], "big")
    if version > LATEST_VERSION:
        raise SelfTestError(msg("{file} was written by a newer SafeDesk (schema {version}; this "
                              "one knows up to {latest}). Install that version again.",
                              file=str(database), version=version, latest=LATEST_VERSION))
    if not os.access(data_dir, os.W_OK) or not os.access(database, os.W_OK):
        raise SelfTestError(msg("{folder} can be read but not written. Check its owner and "
                              "permissions.", folder=str(data_dir)))
    if version < LATEST_VERSION:
        return msg("{file} is readable at schema {version}; SafeDesk brings it to {latest} when "
                   "it next starts", file=str(database), version=version, latest=LATEST_VERSION)
    return msg("{file} is readable and at the current schema ({version})", file=str(database),
               version=version)


# -- keyring --------------------------------------------------------------------------------------

def keyring_check(scratch: Path) -> Message:
    del scratch
    credentials = build_credentials()
    account = f"safedesk-self-test-{secrets.token_hex(8)}"
    secret = secrets.token_urlsafe(24)
    try:
        credentials.put(account, "self-test", secret)
        try:
            read = credentials.get(account, "self-test")
        finally:
            credentials.delete(account, "self-test")
        left = credentials.get(account, "self-test")
    except CredentialsUnavailableError as error:
        raise SelfTestError(msg("{problem}{hint}", problem=error.message,
                              hint=_no_session_bus_hint())) from None
    if read != secret:
        raise SelfTestError(msg("the keyring ({backend}) did not give back the secret it was "
                              "given.", backend=credentials.backend_name))
    if left is not None:
        raise SelfTestError(msg("the keyring ({backend}) did not delete a secret.",
                              backend=credentials.backend_name))
    return msg("a throw-away secret was stored, read back and deleted in {backend}",
               backend=credentials.backend_name)


def _no_session_bus_hint() -> str | Message:
    if sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return msg(" There is no D-Bus session here (DBUS_SESSION_BUS_ADDRESS is not set): run "
                   "SafeDesk inside a desktop session, or start one with dbus-run-session.")
    return ""


# -- the window -----------------------------------------------------------------------------------

def window_check(scratch: Path) -> str | Message:
    from safedesk.gui.self_test import open_and_close_window  # noqa: PLC0415 - Qt

    return open_and_close_window(Settings(scratch))


CHECKS = (
    Check("translations", msg("translations"), translations_check),
    Check("templates", msg("templates"), templates_check),
    Check("libraries", msg("libraries"), sdk_check),
    Check("language", msg("language of posts"), language_check),
    Check("store", msg("store"), store_check),
    Check("keyring", msg("keyring"), keyring_check),
)
# Last: a Qt that cannot start at all ends the process, and every other line is out by then.
WINDOW_CHECK = Check("window", msg("window"), window_check)


def run_checks(data_dir: Path | None = None) -> Iterator[CheckResult]:
    """Each check's result as it finishes, with ``data_dir`` (if given) looked at read-only."""
    # Before Qt first loads: the self-test needs no screen, and must not flash a window on one.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="safedesk-self-test-",
                                     ignore_cleanup_errors=True) as scratch:
        for check in CHECKS:
            yield _run_one(check.name, check.label, check.run, Path(scratch) / check.name)
        if data_dir is not None:
            yield _run_one("data", msg("your data"), user_data_check, data_dir)
        yield _run_one(WINDOW_CHECK.name, WINDOW_CHECK.label, WINDOW_CHECK.run,
                       Path(scratch) / WINDOW_CHECK.name)


def _run_one(name: str, label: Message, run: Callable[[Path], str | Message],
             folder: Path) -> CheckResult:
    try:
        return CheckResult(name, label, ok=True, detail=run(folder))
    except SelfTestError as failure:
        return CheckResult(name, label, ok=False, detail=failure.message)
    except SafeDeskError as error:
        return CheckResult(name, label, ok=False, detail=error.message)
    except Exception as error:  # noqa: BLE001 - one check's surprise must not stop the rest
        return CheckResult(name, label, ok=False, detail=msg(
            "it stopped with an unexpected error ({kind}: {why}). Report this with the output "
            "of `safedesk doctor`.", kind=type(error).__name__, why=str(error)))
