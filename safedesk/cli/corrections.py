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
from safedesk.core.corrections import CorrectionKind, OriginalAction, Route
from safedesk.core.errors import InvalidInputError, NotAllowedError
from safedesk.core.messages import Words
from safedesk.core.models import Pane
from safedesk.core.templates import LANGUAGES, PLACEHOLDERS
from safedesk.core.visible_text import hidden_note
from safedesk.services.corrections import CorrectionPlan
from safedesk.services.incidents import EXPORT_FORMATS, IncidentReport

_LINK_PREFIXES = ("http://", "https://", "at://")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    correct = commands.add_parser(
        "correct", help="publish a correction, apology or retraction as a reply under a post, "
                        "on every account it went to")
    correct.add_argument("target", metavar="PUBLICATION_ID|URL",
                         help="a publication or draft id from `history`, or the link of a post "
                              "by one of the pane's accounts (also one made outside SafeDesk)")
    correct.add_argument("--kind", required=True, choices=[k.value for k in CorrectionKind])
    correct.add_argument("--template", metavar="NAME", help="default: the kind's own template")
    correct.add_argument("--lang", default="en-GB", choices=list(LANGUAGES))
    correct.add_argument("--text", help="your own words instead of a template (on official "
                                        "accounts they always wait for an approver)")
    correct.add_argument("--field", action="append", default=[], metavar="NAME=VALUE",
                         help=f"fill a placeholder ({', '.join(PLACEHOLDERS)}); "
                              "original_date and account are filled for you")
    correct.add_argument("--original", choices=[a.value for a in OriginalAction],
                         help="what happens to the original once the reply is out (default: "
                              "keep for a correction or apology, delete for a retraction)")
    correct.add_argument("--pane", choices=[p.value for p in Pane],
                         help="for a link: the pane whose accounts it must belong to")
    correct.add_argument("--note", default="", help="internal note for the incident record; "
                                                    "never published")
    correct.add_argument("--dry-run", action="store_true", help="show the plan; publish nothing")
    correct.add_argument("--json", action="store_true")
    add_acting_person(correct)
    correct.set_defaults(handler=correct_post, publishes=True)
    _register_templates(commands)
    _register_incidents(commands)


def _register_templates(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    templates = commands.add_parser("templates", help="correction templates and pre-approvals")
    sub = templates.add_subparsers(dest="templates_command", required=True, metavar="COMMAND")
    listing = sub.add_parser("list", help="every template, its version and who pre-approved it")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=templates_list)
    show = sub.add_parser("show", help="a template's text, placeholders and version")
    show.add_argument("name")
    show.add_argument("--lang", default="en-GB", choices=list(LANGUAGES))
    show.set_defaults(handler=templates_show)
    edit = sub.add_parser("edit", help="save a new version (admins only)")
    edit.add_argument("name")
    edit.add_argument("--lang", required=True, choices=list(LANGUAGES))
    edit.add_argument("--file", required=True, metavar="PATH", help="the new text; - for stdin")
    add_acting_person(edit)
    edit.set_defaults(handler=templates_edit)
    preapprove = sub.add_parser(
        "preapprove", help="approve a template version in advance (asks your passphrase): "
                           "official corrections using only its placeholders publish at once")
    preapprove.add_argument("name")
    preapprove.add_argument("--lang", required=True, choices=list(LANGUAGES))
    preapprove.add_argument("--version", default="", help="the version `templates show` "
                                                          "printed (refused if it changed since)")
    add_acting_person(preapprove)
    preapprove.set_defaults(handler=templates_preapprove)


def _register_incidents(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    incidents = commands.add_parser("incidents", help="the record of each correction")
    isub = incidents.add_subparsers(dest="incidents_command", required=True, metavar="COMMAND")
    ilist = isub.add_parser("list", help="newest first, with their state")
    ilist.add_argument("--pane", choices=[p.value for p in Pane])
    ilist.add_argument("--json", action="store_true")
    add_acting_person(ilist)
    ilist.set_defaults(handler=incidents_list)
    export = isub.add_parser("export", help="everything an HR or FOI request needs about one")
    export.add_argument("incident_id", metavar="ID")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--output", type=Path, metavar="FILE")
    add_acting_person(export)
    export.set_defaults(handler=incidents_export)
    retry = isub.add_parser("retry", help="send the correction again where it failed, and "
                                          "repeat a failed action on the original")
    retry.add_argument("incident_id", metavar="ID")
    retry.add_argument("--json", action="store_true")
    add_acting_person(retry)
    retry.set_defaults(handler=incidents_retry, publishes=True)


# -- correct --------------------------------------------------------------------------------------

def _fields(pairs: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InvalidInputError(f"--field takes NAME=VALUE, e.g. correction=\"...\"; got "
                                    f"{pair!r}.")
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
        "targets": [{"account": t.account.address, "platform": t.account.platform.value,
                     "original_url": t.original.url, "sending": t.sending,
                     "can_edit": t.can_edit, "length": t.check.length.message(),
                     "notes": list(t.notes)} for t in plan.targets],
    }


def _print_plan(plan: CorrectionPlan, words: Words) -> None:
    source = f"template {plan.template.label}" if plan.template else "your own words"
    print_shown(f"{plan.kind.label} of a {plan.pane.value} post, from {source}:")
    print_shown(*filter(None, [hidden_note([plan.text]), plan.text]))
    for target in plan.targets:
        state = "reply here" if target.sending else "nothing to reply to"
        print_shown(f"- {target.account.address} ({target.account.platform.value}): {state}; "
                    f"{target.check.length.message()}" + "".join(f" {n}" for n in target.notes))
    if plan.flags:
        print_shown(f"Flagged for an approver: {', '.join(plan.flags)}")
    for problem in plan.problems:
        print_shown(f"Cannot publish yet: {problem.render(words)}")


def report_json(report: IncidentReport) -> dict[str, object]:
    incident = report.incident
    return {
        "incident": incident.id, "kind": incident.kind.value, "pane": incident.pane.value,
        "status": report.status, "route": incident.route.value, "urgent": report.urgent,
        "queue_reason": incident.queue_reason, "flags": list(incident.flags),
        "correction_draft_id": report.correction.id, "original_draft_id": report.original.id,
        "original_action": incident.original_action.value,
        "targets": [{"account": t.account.address, "platform": t.account.platform.value,
                     "original_url": t.original.url, "original_state": t.original.state.value,
                     "reply_state": t.reply_state, "reply_url": t.reply.url if t.reply else "",
                     "reply_error": t.reply.error if t.reply else "", "action": t.action.value,
                     "action_state": t.action_state.value, "detail": t.detail}
                    for t in report.targets],
    }


def _print_report(report: IncidentReport) -> None:
    incident = report.incident
    print_shown(f"Incident {incident.id}: {incident.kind.value}, {report.status}")
    if incident.route is Route.QUEUED and report.status == "waiting for approval":
        print_shown(f"Waiting for approval as URGENT: {incident.queue_reason}")
    elif incident.route is Route.PREAPPROVED:
        print_shown("Published at once with a pre-approved template.")
    for target in report.targets:
        reply = target.reply.url if target.reply and target.reply.url else target.reply_state
        if target.reply and target.reply.error:
            reply = f"NOT published: {target.reply.error}"
        print_shown(f"- {target.account.address}: reply {reply}; original {target.action.value}: "
                    f"{target.action_state.value}" + (f" ({target.detail})" if target.detail else ""))
    if report.can_retry:
        print_shown(f"Some of it failed: safedesk incidents retry {incident.id}")


def _exit_for(report: IncidentReport) -> ExitCode:
    return ExitCode.FAILED if report.status in {"partial", "rejected"} else ExitCode.OK


def correct_post(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    target = args.target.strip()
    if target.startswith(_LINK_PREFIXES):
        pane = Pane(args.pane) if args.pane else None
        target = app.corrections.import_link(target, person, pane).id
    plan = app.corrections.prepare(target, args.kind, template=args.template,
                                   language=args.lang, fields=_fields(args.field),
                                   text=args.text, person=person)
    if args.dry_run:
        if args.json:
            print_json(_plan_json(plan))
        else:
            _print_plan(plan, args.words)
        return ExitCode.OK if not plan.problems else ExitCode.BAD_INPUT
    report = app.corrections.publish(plan, person, args.original, args.note)
    if args.json:
        print_json(report_json(report))
    else:
        _print_report(report)
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
    print_table([{"name": i.template.name, "lang": i.template.language,
                  "version": i.template.version[:12],
                  "source": f"edited by {names.get(i.template.editor_id or '', '?')}"
                  if i.edited else "shipped",
                  "pre-approved by": ", ".join(names.get(p.approver_id, p.approver_id)
                                               for p in i.preapprovals) or "-"}
                 for i in infos], ["name", "lang", "version", "source", "pre-approved by"])
    return ExitCode.OK


def templates_show(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    template = app.templates.get(args.name, args.lang)
    print_shown(f"Template {template.label}, version {template.version}")
    print_shown(f"Placeholders: {', '.join(f'{{{p}}}' for p in template.placeholders) or 'none'}")
    print_shown(template.text)
    return ExitCode.OK


def templates_edit(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    text = read_text_file(args.file, "template")
    template = app.templates.save(args.name, args.lang, text, person)
    print(f"Saved {template.label}, version {template.version}. It needs its own "
          "pre-approval before official corrections can use it without waiting.")
    return ExitCode.OK


def templates_preapprove(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if not args.acting:
        raise NotAllowedError("Pre-approving needs --as NAME and that person's passphrase.")
    person = acting_person(app, args)
    seen = app.templates.resolve_version(args.name, args.lang, args.version)
    passphrase = read_passphrase(f"Passphrase for {person.name}, to sign this pre-approval: ")
    preapproval = app.templates.preapprove(args.name, args.lang, person, passphrase, seen)
    print(f"Pre-approved {args.name} ({args.lang}) version {preapproval.version[:12]}: "
          "official corrections that use it with only its placeholders filled, written by "
          "someone else, now publish at once.")
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
             if r.original.content.text.strip() else ""} for r in reports]
    if args.json:
        print_json(rows)
        return ExitCode.OK
    if not rows:
        print("No corrections yet.")
        return ExitCode.OK
    print_table([{k: str(v) for k, v in row.items() if k in {"id", "opened_at", "pane", "kind",
                                                            "status", "by"}} for row in rows],
                ["opened_at", "pane", "kind", "status", "by", "id"])
    return ExitCode.OK


def incidents_export(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    text = app.incidents.export(args.incident_id, args.format, acting_person(app, args))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote incident {args.incident_id} to {args.output}.")
    else:
        sys.stdout.write(text)
    return ExitCode.OK


def incidents_retry(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = acting_person(app, args)
    report = app.corrections.retry(args.incident_id, person)
    if args.json:
        print_json(report_json(report))
    else:
        _print_report(report)
    return _exit_for(report)
