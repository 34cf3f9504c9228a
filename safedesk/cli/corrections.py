"""``safedesk correct``, ``safedesk templates`` and ``safedesk incidents``: correcting a published
post under the original everywhere it went, the wording it starts from, and the record each
correction leaves."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safedesk.app import SafeDesk
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    add_acting_person,
    print_json,
    print_shown,
    print_table,
    read_passphrase,
    read_text_file,
)
from safedesk.cli.shares import print_undo, undo_plan
from safedesk.core.corrections import CorrectionKind, OriginalAction, Route
from safedesk.core.errors import InvalidInputError, NotAllowedError
from safedesk.core.lifecycle import state_name
from safedesk.core.messages import Message, Words, msg, say
from safedesk.core.models import Pane, Person
from safedesk.core.templates import LANGUAGES, PLACEHOLDERS
from safedesk.core.visible_text import hidden_note
from safedesk.services.correction_plan import CorrectionPlan
from safedesk.services.incidents import EXPORT_FORMATS, IncidentReport, undo_share_part

_LINK_PREFIXES = ("http://", "https://", "at://")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    correct = commands.add_parser("correct", help=msg(
        "publish a correction, apology or retraction as a reply under a post, on every account "
        "it went to").render(words))
    correct.add_argument("target", metavar="PUBLICATION_ID|URL", help=msg(
        "a publication or draft id from `history`, or the link of a post by one of the pane's "
        "accounts (also one made outside SafeDesk)").render(words))
    correct.add_argument("--kind", choices=[k.value for k in CorrectionKind], help=msg(
        "what to publish (required, except with --undo-share, where it is optional)"
    ).render(words))
    correct.add_argument("--undo-share", action="store_true", help=msg(
        "undo a boost/repost or a quote on every account it went to; with --kind, post that "
        "correction or apology too (a boost's as a new post, a quote's as a reply under it), "
        "and undo the share once it is out").render(words))
    correct.add_argument("--template", metavar="NAME",
                         help=msg("default: the kind's own template").render(words))
    correct.add_argument("--lang", default="en-GB", choices=list(LANGUAGES), help=msg(
        "the template's language; a bilingual post is corrected in both, Welsh first"
    ).render(words))
    correct.add_argument("--text", help=msg(
        "your own words instead of a template (on official accounts they always wait for an "
        "approver); for a bilingual post, the Welsh").render(words))
    correct.add_argument("--field", action="append", default=[], metavar="NAME=VALUE", help=msg(
        "fill a placeholder ({placeholders}); original_date, account and, undoing a share, the "
        "shared post's author are filled for you; for a bilingual post, in the Welsh",
        placeholders=", ".join(PLACEHOLDERS)).render(words))
    correct.add_argument("--text-en", metavar="TEXT", help=msg(
        "for a bilingual post: the English in your own words instead of the English template"
    ).render(words))
    correct.add_argument("--field-en", action="append", default=[], metavar="NAME=VALUE",
                         help=msg("for a bilingual post: fill a placeholder of the English "
                                  "template").render(words))
    correct.add_argument("--original", choices=[a.value for a in OriginalAction], help=msg(
        "what happens to the original once the reply is out (default: keep for a correction or "
        "apology, delete for a retraction)").render(words))
    correct.add_argument("--pane", choices=[p.value for p in Pane], help=msg(
        "for a link: the pane whose accounts it must belong to").render(words))
    correct.add_argument("--note", default="", help=msg(
        "internal note for the incident record; never published").render(words))
    correct.add_argument("--dry-run", action="store_true",
                         help=msg("show the plan; publish nothing").render(words))
    correct.add_argument("--json", action="store_true")
    add_acting_person(correct, words)
    correct.set_defaults(handler=correct_post, publishes=True)
    _register_templates(commands, words)
    _register_incidents(commands, words)


def _register_templates(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                        words: Words) -> None:
    templates = commands.add_parser("templates", help=msg(
        "correction templates and pre-approvals").render(words))
    sub = templates.add_subparsers(dest="templates_command", required=True, metavar="COMMAND")
    listing = sub.add_parser("list", help=msg(
        "every template, its version and who pre-approved it").render(words))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=templates_list)
    show = sub.add_parser("show", help=msg(
        "a template's text, placeholders and version").render(words))
    show.add_argument("name")
    show.add_argument("--lang", default="en-GB", choices=list(LANGUAGES))
    show.set_defaults(handler=templates_show)
    edit = sub.add_parser("edit", help=msg("save a new version (admins only)").render(words))
    edit.add_argument("name")
    edit.add_argument("--lang", required=True, choices=list(LANGUAGES))
    edit.add_argument("--file", required=True, metavar="PATH",
                      help=msg("the new text; - for stdin").render(words))
    add_acting_person(edit, words)
    edit.set_defaults(handler=templates_edit)
    preapprove = sub.add_parser("preapprove", help=msg(
        "approve a template version in advance (asks your passphrase): official corrections "
        "using only its placeholders publish at once").render(words))
    preapprove.add_argument("name")
    preapprove.add_argument("--lang", required=True, choices=list(LANGUAGES))
    preapprove.add_argument("--version", default="", help=msg(
        "the version `templates show` printed (refused if it changed since)").render(words))
    add_acting_person(preapprove, words)
    preapprove.set_defaults(handler=templates_preapprove)


def _register_incidents(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                        words: Words) -> None:
    incidents = commands.add_parser("incidents", help=msg(
        "the record of each correction").render(words))
    isub = incidents.add_subparsers(dest="incidents_command", required=True, metavar="COMMAND")
    ilist = isub.add_parser("list", help=msg("newest first, with their state").render(words))
    ilist.add_argument("--pane", choices=[p.value for p in Pane])
    ilist.add_argument("--json", action="store_true")
    add_acting_person(ilist, words)
    ilist.set_defaults(handler=incidents_list)
    export = isub.add_parser("export", help=msg(
        "everything an HR or FOI request needs about one").render(words))
    export.add_argument("incident_id", metavar="ID")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--output", type=Path, metavar="FILE")
    add_acting_person(export, words)
    export.set_defaults(handler=incidents_export)
    retry = isub.add_parser("retry", help=msg(
        "send the correction again where it failed, and repeat a failed action on the original"
    ).render(words))
    retry.add_argument("incident_id", metavar="ID")
    retry.add_argument("--json", action="store_true")
    add_acting_person(retry, words)
    retry.set_defaults(handler=incidents_retry, publishes=True)


# -- correct --------------------------------------------------------------------------------------

def _fields(pairs: list[str], option: str = "--field") -> dict[str, str]:
    fields: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InvalidInputError(msg("{option} takes NAME=VALUE, e.g. correction=\"...\"; "
                                        "got '{pair}'.", option=option, pair=pair))
        fields[name.strip()] = value
    return fields


def _plan_json(plan: CorrectionPlan) -> dict[str, object]:
    return {
        "kind": plan.kind.value, "pane": plan.pane.value, "original_draft_id": plan.original.id,
        "imported": plan.original.imported, "text": plan.text, "language": plan.language,
        "template": {"name": plan.template.name, "version": plan.template.version}
        if plan.template else None,
        "fields": dict(plan.fields), "missing": list(plan.missing), "flags": list(plan.flags),
        "default_action": plan.default_action.value,
        "actions": [a.value for a in plan.actions], "problems": [str(p) for p in plan.problems],
        **_translation_json(plan),
        "targets": [{"account": t.account.address, "platform": t.account.platform.value,
                     "original_url": t.original.url, "sending": t.sending,
                     "can_edit": t.can_edit, "length": str(t.check.length.message()),
                     "notes": list(t.notes)} for t in plan.targets],
    }


def _translation_json(plan: CorrectionPlan) -> dict[str, object]:
    """A pair's English, beside the Welsh ``text``: only for a pair, so other plans keep their
    shape."""
    second = plan.translation
    if second is None:
        return {}
    return {"translation": {
        "language": second.language, "text": second.text,
        "template": {"name": second.template.name, "version": second.template.version}
        if second.template else None,
        "fields": dict(second.fields), "missing": list(second.missing),
        "flags": list(second.flags)}}


def _print_plan(plan: CorrectionPlan, words: Words) -> None:
    source = msg("template {name}", name=plan.template.label) if plan.template else \
        msg("your own words")
    print_shown(msg("{kind} of a {pane} post, from {source}:", kind=plan.kind.label,
                    pane=plan.pane.word, source=source).render(words))
    if plan.translation is not None:
        print_shown(msg("Bilingual: the Welsh, then the English.").render(words))
    print_shown(*filter(None, [say(hidden_note([plan.text]), words), plan.text]))
    if plan.translation is not None:
        english = plan.translation.text
        print_shown("", *filter(None, [say(hidden_note([english]), words), english]))
    for target in plan.targets:
        state = msg("reply here") if target.sending else msg("nothing to reply to")
        print_shown(f"- {target.account.address} ({target.account.platform.value}): "
                    f"{state.render(words)}; {say(target.check.length.message(), words)}"
                    + "".join(f" {say(n, words)}" for n in target.notes))
    if plan.flags:
        print_shown(msg("Flagged for an approver: {flags}", flags=", ".join(plan.flags)
                        ).render(words))
    for problem in plan.problems:
        print_shown(msg("Cannot publish yet: {problem}", problem=problem).render(words))


def report_json(report: IncidentReport) -> dict[str, object]:
    incident = report.incident
    return {
        "incident": incident.id, "kind": incident.kind.value, "pane": incident.pane.value,
        "status": report.status, "route": incident.route.value, "urgent": report.urgent,
        "queue_reason": incident.queue_reason, "flags": list(incident.flags),
        "correction_draft_id": report.correction.id if incident.has_correction else None,
        "original_draft_id": report.original.id, **undo_share_part(report),
        "original_action": incident.original_action.value,
        "targets": [{"account": t.account.address, "platform": t.account.platform.value,
                     "original_url": t.original.url, "original_state": t.original.state.value,
                     "reply_state": t.reply_state, "reply_url": t.reply.url if t.reply else "",
                     "reply_error": t.reply.error if t.reply else "", "action": t.action.value,
                     "action_state": t.action_state.value, "detail": t.detail}
                    for t in report.targets],
    }


def _print_report(report: IncidentReport, words: Words) -> None:
    incident = report.incident
    print_shown(msg("Incident {id}: {kind}, {status}", id=incident.id, kind=incident.kind.value,
                    status=state_name(report.status)).render(words))
    if incident.route is Route.QUEUED and report.status == "waiting for approval":
        print_shown(msg("Waiting for approval as URGENT: {reason}",
                        reason=incident.queue_reason).render(words))
    elif incident.route is Route.PREAPPROVED:
        print_shown(msg("Published at once with a pre-approved template.").render(words))
    for target in report.targets:
        reply: str | Message = target.reply.url if target.reply and target.reply.url \
            else state_name(target.reply_state)
        if target.reply and target.reply.error:
            reply = msg("NOT published: {error}", error=target.reply.error)
        line = msg("- {account}: reply {reply}; original {action}: {state}",
                   account=target.account.address, reply=reply, action=target.action.value,
                   state=state_name(target.action_state))
        print_shown(line.render(words) + (f" ({say(target.detail, words)})" if target.detail
                                          else ""))
    if report.can_retry:
        print_shown(msg("Some of it failed: safedesk incidents retry {id}",
                        id=incident.id).render(words))


def _exit_for(report: IncidentReport) -> ExitCode:
    return ExitCode.FAILED if report.status in {"partial", "rejected"} else ExitCode.OK


def _show_plan(plan: CorrectionPlan, args: argparse.Namespace) -> ExitCode:
    if args.json:
        print_json(_plan_json(plan))
    else:
        _print_plan(plan, args.words)
    return ExitCode.OK if not plan.problems else ExitCode.BAD_INPUT


def correct_post(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    target = args.target.strip()
    if args.undo_share:
        return _undo_share(app, args, person)
    if args.kind is None:
        raise InvalidInputError(msg("Choose what to publish: --kind correction, apology or "
                                    "retraction (or --undo-share to undo a share)."))
    if target.startswith(_LINK_PREFIXES):
        pane = Pane(args.pane) if args.pane else None
        target = app.corrections.import_link(target, person, pane).id
    plan = app.corrections.prepare(target, args.kind, template=args.template,
                                   language=args.lang, fields=_fields(args.field),
                                   text=args.text, person=person,
                                   second_fields=_fields(args.field_en, "--field-en"),
                                   second_text=args.text_en)
    if args.dry_run:
        return _show_plan(plan, args)
    report = app.corrections.publish(plan, person, args.original, args.note)
    if args.json:
        print_json(report_json(report))
    else:
        _print_report(report, args.words)
    return _exit_for(report)


def _undo_share(app: SafeDesk, args: argparse.Namespace, person: Person) -> ExitCode:
    plan = undo_plan(app, args, person, _fields(args.field))
    if args.dry_run and plan is not None:
        return _show_plan(plan, args)
    report = app.corrections.undo_share(args.target.strip(), person, plan=plan, note=args.note)
    if args.json:
        print_json(report_json(report))
    else:
        print_undo(report, args.words)
        if report.incident.has_correction:
            _print_report(report, args.words)
    return _exit_for(report)


# -- templates ------------------------------------------------------------------------------------

def templates_list(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    names = {p.id: p.name for p in app.people.list()}
    infos = app.templates.available()
    if args.json:
        print_json([{
            "name": i.template.name, "language": i.template.language,
            "version": i.template.version, "placeholders": list(i.template.placeholders),
            "source": "shipped" if i.template.shipped else "edited",
            "edited_by": names.get(i.template.editor_id or "", ""),
            "saved_at": i.template.saved_at.isoformat() if i.template.saved_at else None,
            "shipped_version": i.shipped_version,
            "preapproved_by": [{"name": names.get(p.approver_id, p.approver_id),
                                "at": p.approved_at.isoformat()} for p in i.preapprovals],
        } for i in infos])
        return ExitCode.OK
    words: Words = args.words
    print_table([{"name": i.template.name, "lang": i.template.language,
                  "version": i.template.version[:12],
                  "source": msg("edited by {name}", name=names.get(i.template.editor_id or "", "?")
                                ).render(words) if i.edited else msg("shipped").render(words),
                  "pre-approved by": ", ".join(names.get(p.approver_id, p.approver_id)
                                               for p in i.preapprovals) or "-"}
                 for i in infos], ["name", "lang", "version", "source", "pre-approved by"],
                {"name": msg("name"), "lang": msg("lang"), "version": msg("version"),
                 "source": msg("source"), "pre-approved by": msg("pre-approved by")}, words)
    return ExitCode.OK


def templates_show(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    template = app.templates.get(args.name, args.lang)
    words: Words = args.words
    print_shown(msg("Template {name}, version {version}", name=template.label,
                    version=template.version).render(words))
    placeholders = ", ".join("{" + p + "}" for p in template.placeholders)
    print_shown(msg("Placeholders: {placeholders}",
                    placeholders=placeholders or msg("none")).render(words))
    print_shown(template.text)
    return ExitCode.OK


def templates_edit(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    text = read_text_file(args.file, msg("template"))
    template = app.templates.save(args.name, args.lang, text, person)
    print(msg("Saved {name}, version {version}. It needs its own pre-approval before official "
              "corrections can use it without waiting.", name=template.label,
              version=template.version).render(args.words))
    return ExitCode.OK


def templates_preapprove(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if not args.acting:
        raise NotAllowedError(msg("Pre-approving needs --as NAME and that person's passphrase."))
    person = acting_person(app, args)
    seen = app.templates.resolve_version(args.name, args.lang, args.version)
    passphrase = read_passphrase(msg("Passphrase for {name}, to sign this pre-approval: ",
                                     name=person.name), words=args.words)
    preapproval = app.templates.preapprove(args.name, args.lang, person, passphrase, seen)
    print(msg("Pre-approved {name} ({lang}) version {version}: official corrections that use it "
              "with only its placeholders filled, written by someone else, now publish at once.",
              name=args.name, lang=args.lang, version=preapproval.version[:12]
              ).render(args.words))
    return ExitCode.OK


# -- incidents ------------------------------------------------------------------------------------

def incidents_list(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    names = {p.id: p.name for p in app.people.list()}
    reports = app.incidents.recent(Pane(args.pane) if args.pane else None,
                                   acting_person(app, args))
    rows = [{"id": r.incident.id, "opened_at": r.incident.opened_at.isoformat(),
             "pane": r.incident.pane.value, "kind": r.incident.kind.value,
             "status": r.status, "by": names.get(r.incident.opened_by, r.incident.opened_by),
             "route": r.incident.route.value, "urgent": r.urgent,
             "flags": list(r.incident.flags),
             "original": r.original.content.text.strip().splitlines()[0][:60]
             if r.original.content.text.strip() else "", **undo_share_part(r)} for r in reports]
    if args.json:
        print_json(rows)
        return ExitCode.OK
    if not rows:
        print(msg("No corrections yet.").render(args.words))
        return ExitCode.OK
    shown = [{**row, "status": say(state_name(str(row["status"])), args.words)} for row in rows]
    print_table([{k: str(v) for k, v in row.items() if k in {"id", "opened_at", "pane", "kind",
                                                            "status", "by"}} for row in shown],
                ["opened_at", "pane", "kind", "status", "by", "id"],
                {"opened_at": msg("opened_at"), "pane": msg("pane"), "kind": msg("kind"),
                 "status": msg("status"), "by": msg("by"), "id": msg("id")}, args.words)
    return ExitCode.OK


def incidents_export(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    text = app.incidents.export(args.incident_id, args.format, acting_person(app, args))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(msg("Wrote incident {id} to {file}.", id=args.incident_id,
                  file=str(args.output)).render(args.words))
    else:
        sys.stdout.write(text)
    return ExitCode.OK


def incidents_retry(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    report = app.corrections.retry(args.incident_id, person)
    if args.json:
        print_json(report_json(report))
    else:
        _print_report(report, args.words)
    return _exit_for(report)
