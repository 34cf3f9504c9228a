"""``safedesk --self-test [--json]``: one line per check, then the exit code installers read.

A line starts with a mark and a word (``✓ passed`` / ``✗ FAILED``), never colour alone, so it
reads the same in a log file, on a terminal without colour and to a screen reader.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from safedesk.cli.console import ExitCode, print_json
from safedesk.core.messages import Message, Words, msg, msgn, say
from safedesk.self_test import CheckResult, run_checks

# A failure with a cause of its own gets that cause's exit code; several causes give FAILED.
EXIT_CODES = {"store": ExitCode.DATA_PROBLEM, "data": ExitCode.DATA_PROBLEM,
              "keyring": ExitCode.NO_KEYRING}


def exit_code(results: Iterable[CheckResult]) -> ExitCode:
    codes = {EXIT_CODES.get(r.name, ExitCode.FAILED) for r in results if not r.ok}
    if not codes:
        return ExitCode.OK
    return codes.pop() if len(codes) == 1 else ExitCode.FAILED


def _marks() -> tuple[str, str]:
    """✓ and ✗, or plain ASCII where the output cannot carry them (a Windows log file)."""
    try:
        "✓✗".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "+", "x"
    return "✓", "✗"


def line(result: CheckResult, words: Words) -> str:
    passed, failed = _marks()
    mark = f"{passed} {msg('passed').render(words)}" if result.ok \
        else f"{failed} {msg('FAILED').render(words)}"
    return f"{mark}  {result.label.render(words)}: {say(result.detail, words)}"


def run_self_test(results: Iterable[CheckResult], *, as_json: bool, words: Words) -> ExitCode:
    """Print each result as it comes (a slow check shows which one is running), then the end."""
    seen: list[CheckResult] = []
    for result in results:
        seen.append(result)
        if not as_json:
            print(line(result, words), flush=True)
    code = exit_code(seen)
    if as_json:  # scripts read the English, as ever
        print_json({"ok": code is ExitCode.OK, "exit_code": int(code),
                    "checks": [{"name": r.name, "ok": r.ok, "detail": say(r.detail)}
                               for r in seen]})
        return code
    failed = [r for r in seen if not r.ok]
    summary: Message = msg("SafeDesk works on this machine.") if not failed else msgn(
        "{count} check failed: SafeDesk is not ready to use here. What to do is on its line "
        "above.", "{count} checks failed: SafeDesk is not ready to use here. What to do is on "
        "their lines above.", len(failed))
    print(summary.render(words), flush=True)
    return code


def self_test(data_dir: Path, *, as_json: bool, words: Words) -> ExitCode:
    """Every check, and a read-only look at the person's own ``data_dir``."""
    return run_self_test(run_checks(data_dir), as_json=as_json, words=words)
