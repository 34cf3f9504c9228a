"""``safedesk audit``: check the hash chain and the tables against it, and export the trail
for an investigation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode, print_json
from safedesk.services.audit import EXPORT_FORMATS


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser("audit", help="verify or export the audit trail")
    sub = audit.add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    verify = sub.add_parser("verify", help="check every link and that the tables agree with the "
                            "trail; exit 0 only if both hold")
    verify.add_argument("--json", action="store_true", help="the verdict and every finding as JSON")
    verify.set_defaults(handler=verify_chain)
    export = sub.add_parser("export", help="write the whole trail as CSV or JSON")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    export.set_defaults(handler=export_chain)


def verify_chain(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    report = app.audit.verify()
    if args.json:
        print_json(report.as_json())
        return ExitCode.OK if report.intact else ExitCode.AUDIT_BROKEN
    if report.intact:
        print(report)
        return ExitCode.OK
    print(report, file=sys.stderr)
    return ExitCode.AUDIT_BROKEN


def export_chain(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if args.output:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            report = app.audit.write_export(args.format, out)
        print(f"Wrote the audit trail to {args.output}.")
    else:
        report = app.audit.write_export(args.format, sys.stdout)
    if not report.intact:
        print(f"Warning: {report}", file=sys.stderr)
        return ExitCode.AUDIT_BROKEN
    return ExitCode.OK
