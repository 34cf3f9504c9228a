"""``safedesk audit``: check the hash chain and the tables against it, and export the trail
for an investigation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode, print_json
from safedesk.core.messages import Words, msg
from safedesk.services.audit import EXPORT_FORMATS


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    audit = commands.add_parser("audit", help=msg("verify or export the audit trail"
                                                  ).render(words))
    sub = audit.add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    verify = sub.add_parser("verify", help=msg(
        "check every link and that the tables agree with the trail; exit 0 only if both hold"
    ).render(words))
    verify.add_argument("--json", action="store_true", help=msg(
        "the verdict and every finding as JSON").render(words))
    verify.set_defaults(handler=verify_chain)
    export = sub.add_parser("export", help=msg("write the whole trail as CSV or JSON"
                                               ).render(words))
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    export.add_argument("--output", type=Path, help=msg(
        "file to write (default: standard output)").render(words))
    export.set_defaults(handler=export_chain)


def verify_chain(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    report = app.audit.verify()
    if args.json:
        print_json(report.as_json())
        return ExitCode.OK if report.intact else ExitCode.AUDIT_BROKEN
    if report.intact:
        print(report.text(args.words))
        return ExitCode.OK
    print(report.text(args.words), file=sys.stderr)
    return ExitCode.AUDIT_BROKEN


def export_chain(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if args.output:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            report = app.audit.write_export(args.format, out)
        print(msg("Wrote the audit trail to {file}.", file=str(args.output)).render(args.words))
    else:
        report = app.audit.write_export(args.format, sys.stdout)
    if not report.intact:
        print(msg("Warning: {verdict}", verdict=report.text(args.words)).render(args.words),
              file=sys.stderr)
        return ExitCode.AUDIT_BROKEN
    return ExitCode.OK

