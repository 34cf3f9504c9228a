"""``safedesk desktop-install``: SafeDesk in the Linux desktop's menu, with its icon and its
software-centre page, for one person or (``--system``) everyone on the computer
(``safedesk.desktop_install``)."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from safedesk.app import Settings
from safedesk.cli.console import ExitCode, print_shown
from safedesk.core.messages import Words, msg, msgn, say
from safedesk.desktop_install import SYSTEM_PREFIX, install, uninstall, user_data_root


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    parser = commands.add_parser("desktop-install", help=msg(
        "put SafeDesk in this Linux desktop's menu, with its icon").render(words))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--system", action="store_true", help=msg(
        "for everyone on this computer, under {prefix} (run as an administrator)",
        prefix=str(SYSTEM_PREFIX)).render(words))
    where.add_argument("--prefix", metavar="DIR", help=msg(
        "install under DIR/share (for packagers and bundles)").render(words))
    parser.add_argument("--destdir", metavar="DIR", help=msg(
        "a staging folder the files are written under, as if it were / (for packagers)"
    ).render(words))
    parser.add_argument("--exec", dest="exec_command", metavar="COMMAND", help=msg(
        "the command the menu entry runs (default: this SafeDesk, by its full path)"
    ).render(words))
    parser.add_argument("--uninstall", action="store_true", help=msg(
        "take SafeDesk out of the menu again").render(words))
    parser.set_defaults(settings_handler=run)


def data_root(args: argparse.Namespace) -> Path:
    if args.system:
        return SYSTEM_PREFIX / "share"
    if args.prefix:
        return Path(args.prefix).expanduser().absolute() / "share"
    return user_data_root()


def run(_settings: Settings, args: argparse.Namespace) -> int:
    words: Words = args.words
    root = data_root(args)
    destdir = Path(args.destdir).expanduser().absolute() if args.destdir else None
    if args.uninstall:
        removed = uninstall(root, destdir=destdir)
        if not removed:
            print_shown(say(msg("SafeDesk was not in the menu there: nothing to remove."), words))
            return ExitCode.OK
        print_shown(say(msgn("SafeDesk is out of the desktop's menu. Removed {count} file:",
                             "SafeDesk is out of the desktop's menu. Removed {count} files:",
                             len(removed), count=len(removed)), words),
                    *(str(path) for path in removed))
        return ExitCode.OK
    command = shlex.split(args.exec_command) if args.exec_command else None
    files = install(root, command, destdir=destdir)
    print_shown(say(msg("SafeDesk is in the desktop's menu. Installed:"), words),
                *(str(path) for path in files.all()))
    return ExitCode.OK

