"""``safedesk audit``: check the hash chain and export it for an investigation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode
from safedesk.services.audit import EXPORT_FORMATS


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser("audit", help="verify or export the audit trail")
    sub = audit.add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    verify = sub.add_parser("verify", help="check every link; exit 0 only if the chain is intact")
    verify.set_defaults(handler=verify_chain)
    export = sub.add_parser("export", help="write the whole trail as CSV or JSON")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    export.set_defaults(handler=export_chain)


def verify_chain(app: SafeDesk, _args: argparse.Namespace) -> ExitCode:
    report = app.audit.verify()
    if report.intact:
        print(report)
        return ExitCode.OK
    print(report, file=sys.stderr)
    return ExitCode.AUDIT_BROKEN


def export_chain(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    text = app.audit.export(args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote the audit trail to {args.output}.")
    else:
        sys.stdout.write(text)
    report = app.audit.verify()
    if not report.intact:
        print(f"Warning: {report}", file=sys.stderr)
        return ExitCode.AUDIT_BROKEN
    return ExitCode.OK
