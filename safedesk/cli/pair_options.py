"""The command line's side of bilingual pairs (``core.pairs``): ``safedesk post``'s options for
the second language, and what ``queue show`` and ``queue list`` say about a pair."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace

from safedesk.app import SafeDesk
from safedesk.cli.console import print_shown
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import Message, Words, msg, say
from safedesk.core.models import Content, Draft, Translation
from safedesk.core.pair_posts import language_name, plan_for
from safedesk.core.pairs import DEFAULT_PAIR_STYLE, PAIR_LANGUAGES, in_order
from safedesk.core.target_check import check_for


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
    settings = app.policy.current().settings
    for account_id in content.targets:
        account = app.accounts.get(account_id)
        length = check_for(account, translation.text, translation.content_warning,
                           content.cw_on_bluesky, content.media).length
        show(msg("- {address} ({language}): {check}", address=account.address,
                 language=language_name(translation.language), check=length.message()))
        plan = plan_for(content, account, settings.pair_style_for(account_id))
        show(msg("- {address} publishes it as {how}.", address=account.address,
                 how=plan.note()))
