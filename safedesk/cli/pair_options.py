"""The command line's side of bilingual pairs (``core.pairs``): ``safedesk post``'s and
``safedesk check``'s options for the second language, and what ``check``, ``queue show`` and
``queue list`` say about a pair."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from safedesk.app import SafeDesk
from safedesk.cli.console import print_shown
from safedesk.core.counting import LengthCheck
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Message, Words, msg, say
from safedesk.core.models import Account, Content, Draft, Translation
from safedesk.core.pair_posts import PairPlan, language_name, plan_for
from safedesk.core.pairs import DEFAULT_PAIR_STYLE, PAIR_LANGUAGES, in_order
from safedesk.core.target_check import check_for


def add_language_option(post: argparse.ArgumentParser, words: Words) -> None:
    post.add_argument("--lang", default="", help=msg(
        "language code, e.g. en or cy (without it: the language the text reads as, when that "
        "is clear, else the desk's default)").render(words))


def note_unread_language(app: SafeDesk, words: Words) -> None:
    """On stderr (JSON output stays whole): the language of the words could not be read at all,
    so none was suggested and no mismatch could be warned of."""
    problem = app.languages.problem
    if problem is not None:
        print(msg("note: {problem}", problem=problem).render(words), file=sys.stderr)


def add_pair_options(post: argparse.ArgumentParser, words: Words) -> None:
    post.add_argument("--pair-text", metavar="TEXT", help=msg(
        "make a bilingual post: the same post in its second language, approved and published "
        "with it").render(words))
    post.add_argument("--pair-lang", metavar="LANG", help=msg(
        "the second language, cy or en (the other of --lang unless given)").render(words))
    post.add_argument("--pair-cw", default="", metavar="TEXT", help=msg(
        "the content warning in the second language").render(words))
    post.add_argument("--pair-alt", action="append", default=[], metavar="TEXT", help=msg(
        "the alt text in the second language, one per --image, in the same order"
    ).render(words))


def with_translation(content: Content, args: argparse.Namespace) -> Content:
    """``content`` with the second language the options give, checked; as it is without
    ``--pair-text``."""
    if args.pair_text is None:
        if args.pair_lang or args.pair_cw or args.pair_alt:
            raise InvalidInputError(msg("--pair-lang, --pair-cw and --pair-alt go with "
                                        "--pair-text, the text in the second language."))
        return content
    language = args.pair_lang or _other_language(content.language)
    alts = list(args.pair_alt)
    if len(alts) > len(content.media):
        raise InvalidInputError(msg("There are more --pair-alt texts than --image files."))
    alts += [""] * (len(content.media) - len(alts))
    return replace(content, translation=Translation(language, args.pair_text, args.pair_cw,
                                                    tuple(alts)))


def _other_language(language: str) -> str:
    others = PAIR_LANGUAGES - {language}
    if len(others) != 1:
        raise InvalidInputError(msg("A bilingual post is in Welsh and English: give --lang cy "
                                    "or --lang en, and --pair-lang for the other."))
    return next(iter(others))


def first_lines(draft: Draft, first_line_of: Callable[[str], str]) -> str:
    """A listing's line for ``draft``: both languages of a pair, Welsh first."""
    translation = draft.content.translation
    if translation is None:
        return first_line_of(draft.content.text)
    return " | ".join(f"[{part.language}] {first_line_of(part.text)}"
                      for part in in_order(draft.content, DEFAULT_PAIR_STYLE))


@dataclass(frozen=True, slots=True)
class PairFit:
    """A pair's second language on one account: its length there, and how the pair goes out."""

    account: Account
    length: LengthCheck
    plan: PairPlan


def pair_fits(app: SafeDesk, content: Content, accounts: Sequence[Account]) -> list[PairFit]:
    """The second language of the pair ``content`` checked on each of ``accounts`` (none when
    ``content`` is no pair), under the organisation's pair style for each."""
    translation = content.translation
    if translation is None:
        return []
    settings = app.policy.current().settings
    return [PairFit(account,
                    check_for(account, translation.text, translation.content_warning,
                              content.cw_on_bluesky, content.media).length,
                    plan_for(content, account, settings.pair_style_for(account.id)))
            for account in accounts]


def pair_lines(fit: PairFit, language: str) -> list[Message]:
    """What the command line says of ``fit``: the second language's length, then the layout."""
    address = fit.account.address
    return [msg("- {address} ({language}): {check}", address=address,
                language=language_name(language), check=fit.length.message()),
            msg("- {address} publishes it as {how}.", address=address, how=fit.plan.note())]


def pair_as_json(fit: PairFit, language: str) -> dict[str, object]:
    return {"language": language, "ok": fit.length.ok, "message": str(fit.length.message()),
            "measures": [{"unit": m.unit.value, "used": m.used, "maximum": m.maximum,
                          "remaining": m.remaining} for m in fit.length.measures],
            "publishes_as": str(fit.plan.note())}


def show_pair(app: SafeDesk, draft: Draft, words: Words) -> None:
    """``queue show``'s account of a pair: the second language whole, each account's length
    check in that language, and how the pair goes out on each account."""
    content = draft.content
    translation = content.translation
    if translation is None:
        return

    def show(message: Message | str) -> None:
        print_shown(say(message, words))

    show(msg("Bilingual post. Second language ({language}):",
             language=language_name(translation.language)))
    if translation.content_warning:
        show(msg("Content warning: {warning}", warning=translation.content_warning))
    for media, alt in zip(content.media, translation.alt_texts, strict=True):
        show(msg("Image {image}: alt text: '{alt}'", image=media.filename or media.sha256[:12],
                 alt=alt))
    print_shown(translation.text)
    for fit in pair_fits(app, content, [app.accounts.get(a) for a in content.targets]):
        for line in pair_lines(fit, translation.language):
            show(line)
