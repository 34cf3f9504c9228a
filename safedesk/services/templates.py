"""Correction templates: the shipped files, admins' edits, and approvers' pre-approvals.

The shipped templates live in ``resources/templates/NAME.LANGUAGE.txt``. An admin's edit is a
new row in the database and takes precedence; every saved version is kept, so an incident can
always show the words it used. An approver pre-approves one version (its SHA-256), after reading
it and re-entering their passphrase, as for any approval.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from safedesk.core.errors import InvalidInputError, NotAllowedError, NotFoundError
from safedesk.core.messages import msg
from safedesk.core.models import Person, Role
from safedesk.core.ports import Clock, Store
from safedesk.core.templates import (
    LANGUAGES,
    NAME_PATTERN,
    Template,
    TemplatePreapproval,
    check_can_preapprove,
    check_language,
    make_template,
    preapproval_comment,
)
from safedesk.core.workflow import PendingEvent
from safedesk.resources import resource_path
from safedesk.services.people import PeopleService

TEMPLATE_FOLDER = "templates"


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """A template as it stands now, with who pre-approved this exact version."""

    template: Template
    preapprovals: tuple[TemplatePreapproval, ...]
    shipped_version: str  # "" for a template SafeDesk does not ship

    @property
    def edited(self) -> bool:
        return not self.template.shipped


def _shipped_folder() -> Path | None:
    try:
        return resource_path(TEMPLATE_FOLDER)
    except FileNotFoundError:
        return None


class TemplateService:
    def __init__(self, store: Store, clock: Clock, people: PeopleService,
                 folder: Path | None = None) -> None:
        self._store = store
        self._clock = clock
        self._people = people
        self._folder = folder if folder is not None else _shipped_folder()

    # -- reading ----------------------------------------------------------------------------

    def shipped(self, name: str, language: str) -> Template | None:
        if self._folder is None or not NAME_PATTERN.fullmatch(name) or language not in LANGUAGES:
            return None
        path = self._folder / f"{name}.{language}.txt"
        if not path.is_file():
            return None
        return make_template(name, language, path.read_text(encoding="utf-8"))

    def get(self, name: str, language: str) -> Template:
        """The current text: the newest saved version, else the shipped file."""
        check_language(language)
        saved = self._store.template_versions(name, language)
        if saved:
            return saved[-1]
        shipped = self.shipped(name, language)
        if shipped is None:
            raise NotFoundError(msg("There is no '{name}' template in {language}.",
                                    name=name, language=language))
        return shipped

    def keys(self) -> list[tuple[str, str]]:
        """Every (name, language) there is, shipped or saved."""
        found: set[tuple[str, str]] = set()
        if self._folder is not None:
            for path in self._folder.glob("*.txt"):
                name, _, language = path.stem.partition(".")
                if NAME_PATTERN.fullmatch(name) and language in LANGUAGES:
                    found.add((name, language))
        found.update((t.name, t.language) for t in self._store.template_versions())
        return sorted(found)

    def available(self) -> list[TemplateInfo]:
        return [self.info(name, language) for name, language in self.keys()]

    def info(self, name: str, language: str) -> TemplateInfo:
        template = self.get(name, language)
        shipped = self.shipped(name, language)
        return TemplateInfo(template, tuple(self.preapprovals_of(template)),
                            shipped.version if shipped else "")

    def versions(self, name: str, language: str) -> list[Template]:
        """Every version there has been, the shipped one first, oldest to newest."""
        shipped = self.shipped(name, language)
        return ([shipped] if shipped else []) + list(self._store.template_versions(name,
                                                                                   language))

    def preapprovals_of(self, template: Template) -> list[TemplatePreapproval]:
        return [p for p in self._store.list_preapprovals(template.name, template.language)
                if p.version == template.version]

    def usable_preapproval(self, template: Template,
                           author: Person) -> TemplatePreapproval | None:
        """A pre-approval of this exact version by someone who may approve the author's
        correction: not the author, not the template's last editor, still an approver."""
        for preapproval in self.preapprovals_of(template):
            if preapproval.approver_id in {author.id, template.editor_id}:
                continue
            if self._store.get_person(preapproval.approver_id).role.may_approve:
                return preapproval
        return None

    def resolve_version(self, name: str, language: str, prefix: str) -> str:
        """The current version, checked against what the person read (a prefix of 8 or more)."""
        current = self.get(name, language).version
        wanted = prefix.strip().lower()
        if not wanted:
            return current
        if len(wanted) < 8:
            raise InvalidInputError(msg("Give at least the first 8 characters of the version."))
        return current if current.startswith(wanted) else wanted

    # -- changing ---------------------------------------------------------------------------

    def save(self, name: str, language: str, text: str, editor: Person) -> Template:
        """An admin's new version. Saving the current text again changes nothing."""
        if editor.role is not Role.ADMIN:
            raise NotAllowedError(msg("Only an admin can change templates; {name} is an "
                                      "{role}.", name=editor.name, role=editor.role.word))
        template = make_template(name, language, text, editor.id, self._clock.now())
        try:
            if self.get(name, language).version == template.version:
                return self.get(name, language)
        except NotFoundError:
            pass  # a new template
        shipped = self.shipped(name, language)
        event = PendingEvent(editor.id, "template.save", f"{name}.{language}",
                             {"version": template.version, "placeholders":
                              list(template.placeholders),
                              "restores_shipped": shipped is not None
                              and shipped.version == template.version})
        self._store.add_template_version(template, event)
        return template

    def preapprove(self, name: str, language: str, approver: Person, passphrase: str,
                   seen_version: str) -> TemplatePreapproval:
        """Sign one version, named by the version the approver read; the passphrase is asked
        again, as for any approval."""
        confirmed = self._people.authenticate(approver.name, passphrase)
        template = self.get(name, language)
        check_can_preapprove(template, confirmed, seen_version)
        for existing in self.preapprovals_of(template):
            if existing.approver_id == confirmed.id:
                return existing
        preapproval = TemplatePreapproval(
            id=str(uuid.uuid4()), name=name, language=language, version=template.version,
            approver_id=confirmed.id, approved_at=self._clock.now())
        preapproval = replace(preapproval, comment=preapproval_comment(preapproval))
        event = PendingEvent(confirmed.id, "template.preapprove", f"{name}.{language}",
                             {"version": template.version, "preapproval": preapproval.id,
                              "editor": template.editor_id or "shipped",
                              # The words signed, with the signature: a team server holds a
                              # pre-approved correction to exactly these.
                              "text": template.text})
        self._store.add_preapproval(preapproval, event)
        return preapproval
