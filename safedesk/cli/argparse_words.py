"""argparse's own words ("usage:", "options", its errors), in SafeDesk's catalog.

argparse asks gettext for them in its own "argparse" domain, for which no Welsh catalog ships
with Python. The command line's entry point points argparse's ``_`` and ``ngettext`` at the
person's :class:`~safedesk.core.messages.Words` while it runs (``speaking``), and the texts
below, argparse's own (Python 3.11 to 3.13), are listed so that ``scripts/i18n.py`` extracts
them into our catalog. Their ``%(name)s`` fields are argparse's and are kept as they are.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from safedesk.core.messages import Message, Words, msg, msgn

# Translators: argparse's own words; keep every %(name)s, %s and %r exactly as it is.
ARGPARSE_WORDS: tuple[Message, ...] = (
    msg("usage: "),
    msg("positional arguments"),
    msg("options"),
    msg("show this help message and exit"),
    msg("show program's version number and exit"),
    msg("%(prog)s: error: %(message)s\n"),
    msg("argument %(argument_name)s: %(message)s"),
    msg("unrecognized arguments: %s"),
    msg("the following arguments are required: %s"),
    msg("one of the arguments %s is required"),
    msg("not allowed with argument %s"),
    msg("ignored explicit argument %r"),
    msg("expected one argument"),
    msg("expected at most one argument"),
    msg("expected at least one argument"),
    msgn("expected %s argument", "expected %s arguments", 1),
    msg("ambiguous option: %(option)s could match %(matches)s"),
    msg("invalid %(type)s value: %(value)r"),
    msg("invalid choice: %(value)r (choose from %(choices)s)"),
    msg("can't open '%(filename)s': %(error)s"),
)


@contextmanager
def speaking(words: Words) -> Iterator[None]:
    """argparse in the language of ``words`` until the block ends (argparse reads ``_`` and
    ``ngettext`` from its module at each call, so this is process-wide: the entry point only)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = words.gettext  # type: ignore[attr-defined]
    argparse.ngettext = words.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
