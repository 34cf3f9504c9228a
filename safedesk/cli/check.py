"""``safedesk check``: what a text would meet on each account, without sending anything: its
length against each platform's limits, the links and mentions Bluesky would mark, the notes that
stop it, and the organisation's policy findings; for a bilingual pair (``--pair-text``), the
second language's length on each account and how the pair would go out there."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from safedesk.app import SafeDesk, post_language
from safedesk.cli.console import (
    ExitCode,
    acting_person,
    print_json,
)
from safedesk.cli.pair_options import (
    PairFit,
    add_language_option,
    add_pair_options,
    note_unread_language,
    pair_as_json,
    pair_fits,
    pair_lines,
    with_translation,
)
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Words, msg, say
from safedesk.core.models import Content, Pane
from safedesk.core.policy import Finding, PolicyContext, blocking, check_content
from safedesk.core.post_language import language_for
from safedesk.services.checking import TargetCheck


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    check = commands.add_parser("check", help=msg(
        "counts, limits, facets and policy findings of a text for each account (no network)"
    ).render(words))
    check.add_argument("--account", action="append", required=True, metavar="ID",
                       help=msg("an account id (repeat for several)").render(words))
    check.add_argument("--text", required=True)
    check.add_argument("--cw", default="", help=msg("content warning").render(words))
    check.add_argument("--image", action="append", default=[], type=Path, metavar="PATH",
                       help=msg("an image to check as it would be attached (repeat for "
                                "several)").render(words))
    check.add_argument("--alt", action="append", default=[], metavar="TEXT",
                       help=msg("alt text, one per --image, in the same order (checked as "
                                "well)").render(words))
    check.add_argument("--json", action="store_true")
    check.add_argument("--as", dest="acting", metavar="PERSON", help=msg(
        "who would write it: a politically restricted officer's personal text is checked as "
        "theirs (passphrase from SAFEDESK_PASSPHRASE or a prompt)").render(words))
    add_language_option(check, words)
    add_pair_options(check, words)
    check.set_defaults(handler=check_text)


def _content(app: SafeDesk, args: argparse.Namespace) -> Content:
    """The text as ``post`` would make it of the same options (without its targets: each
    account is checked on its own)."""
    if len(args.alt) > len(args.image):
        raise InvalidInputError(msg("There are more --alt texts than --image files."))
    alts = args.alt + [""] * (len(args.image) - len(args.alt))
    media = tuple(replace(app.media.inspect(path), alt_text=alt)
                  for path, alt in zip(args.image, alts, strict=True))
    # Only read from the words when something depends on it: a pair's second language is the
    # other of the first's.
    language = args.lang or (language_for(args.text, app.languages,
                                          post_language(app.settings, app.managed))
                             if args.pair_text is not None else "")
    return with_translation(Content(args.text, (), content_warning=args.cw, language=language,
                                    media=media), args)


def check_text(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    content = _content(app, args)
    results = app.checks.check(args.account, content.text, content.content_warning,
                               content.media)
    pairs = {fit.account.id: fit for fit in pair_fits(app, content,
                                                      [r.account for r in results])}
    # The organisation's stored settings, as of today (no --at here); the writer's flag only
    # when they say who they are. The words are read for their language either way: a part
    # tagged Welsh but left in English is what a pair's check is for.
    context = (app.policy.context_for(acting_person(app, args)) if args.acting
               else PolicyContext(app.policy.current().settings, reader=app.languages))
    context = context.for_post(None, app.clock.now())
    # The policy's findings depend on the pane, so each account gets its pane's.
    findings = {pane: check_content(content, pane, context) for pane in Pane}
    second = content.translation.language if content.translation is not None else ""
    if args.json:
        print_json([_as_json(r, findings[r.account.pane], pairs.get(r.account.id), second)
                    for r in results])
    else:
        _print_checks(results, findings, pairs, second, args.words)
    note_unread_language(app, args.words)
    blocked = any(blocking(findings[r.account.pane]) for r in results)
    fits = all(r.length.ok for r in results) and all(p.length.ok for p in pairs.values())
    return ExitCode.OK if fits and not blocked else ExitCode.BAD_INPUT


def _as_json(result: TargetCheck, findings: tuple[Finding, ...], pair: PairFit | None,
             second: str) -> dict[str, object]:
    return {
        "account": result.account.id,
        "address": result.account.address,
        "pane": result.account.pane.value,
        "platform": result.account.platform.value,
        "ok": result.length.ok,
        "message": str(result.length.message()),
        "measures": [{"unit": m.unit.value, "used": m.used, "maximum": m.maximum,
                      "remaining": m.remaining} for m in result.length.measures],
        "facets": [{"kind": f.kind.value, "byte_start": f.byte_start, "byte_end": f.byte_end,
                    "value": f.value} for f in result.facets],
        "notes": [str(note) for note in result.notes],
        "findings": [f.as_json() for f in findings],
        # Only for a pair: its second language on this account.
        **({"pair": pair_as_json(pair, second)} if pair is not None else {}),
    }


def _print_checks(results: list[TargetCheck], findings: dict[Pane, tuple[Finding, ...]],
                  pairs: dict[str, PairFit], second: str, words: Words) -> None:
    for result in results:
        pair = pairs.get(result.account.id)
        fits = result.length.ok and (pair is None or pair.length.ok)
        mark = "ok " if fits else "!! "
        print(f"{mark}{result.account.address} ({say(result.account.pane.label, words)}): "
              f"{say(result.length.message(), words)}")
        for facet in result.facets:
            print("     " + msg("{kind} bytes {start}-{end}: {value}", kind=facet.kind.value,
                                start=facet.byte_start, end=facet.byte_end,
                                value=facet.value).render(words))
        for note in result.notes:
            print("     " + msg("note: {note}", note=note).render(words))
        for finding in findings[result.account.pane]:
            print(f"     {say(finding.line(), words)} [{finding.rule}, {finding.field.key} "
                  f"{finding.start}-{finding.end}]")
        for line in pair_lines(pair, second) if pair is not None else ():
            print("     " + say(line, words))
