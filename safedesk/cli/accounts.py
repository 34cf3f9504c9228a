"""``safedesk accounts`` and ``safedesk check``: the accounts in each pane, and the live check."""

from __future__ import annotations

import argparse

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode, print_json, print_table
from safedesk.core.models import Pane
from safedesk.services.checking import TargetCheck


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    accounts = commands.add_parser("accounts", help="list and remove accounts in each pane")
    sub = accounts.add_subparsers(dest="accounts_command", required=True, metavar="COMMAND")
    listing = sub.add_parser("list", help="every account, with its pane")
    listing.add_argument("--pane", choices=[p.value for p in Pane])
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=list_accounts)

    check = commands.add_parser(
        "check", help="counts, limits and facets of a text for each account (no network)")
    check.add_argument("--account", action="append", required=True, metavar="ID",
                       help="an account id (repeat for several)")
    check.add_argument("--text", required=True)
    check.add_argument("--cw", default="", help="content warning")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=check_text)


def list_accounts(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    accounts = app.accounts.list(Pane(args.pane) if args.pane else None)
    if args.json:
        print_json([{"id": a.id, "pane": a.pane.value, "platform": a.platform.value,
                     "address": a.address, "server": a.server, "display_name": a.display_name,
                     "max_characters": a.limits.max_characters} for a in accounts])
        return ExitCode.OK
    if not accounts:
        print("No accounts yet.")
        return ExitCode.OK
    print_table([{"pane": a.pane.label.upper(), "account": a.address,
                  "platform": a.platform.value, "id": a.id} for a in accounts],
                ["pane", "account", "platform", "id"])
    return ExitCode.OK


def _as_json(result: TargetCheck) -> dict[str, object]:
    return {
        "account": result.account.id,
        "address": result.account.address,
        "pane": result.account.pane.value,
        "platform": result.account.platform.value,
        "ok": result.length.ok,
        "message": result.length.message(),
        "measures": [{"unit": m.unit.value, "used": m.used, "maximum": m.maximum,
                      "remaining": m.remaining} for m in result.length.measures],
        "facets": [{"kind": f.kind.value, "byte_start": f.byte_start, "byte_end": f.byte_end,
                    "value": f.value} for f in result.facets],
        "notes": list(result.notes),
    }


def check_text(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    results = app.checks.check(args.account, args.text, args.cw)
    if args.json:
        print_json([_as_json(r) for r in results])
    else:
        for result in results:
            mark = "ok " if result.length.ok else "!! "
            print(f"{mark}{result.account.address} ({result.account.pane.label}): "
                  f"{result.length.message()}")
            for facet in result.facets:
                print(f"     {facet.kind.value} bytes {facet.byte_start}-{facet.byte_end}: "
                      f"{facet.value}")
            for note in result.notes:
                print(f"     note: {note}")
    return ExitCode.OK if all(r.length.ok for r in results) else ExitCode.BAD_INPUT
