"""Correction templates, pure: placeholders, rendering, versions, the hack-claim flag in English
and Welsh, dates in both languages, and the templates SafeDesk ships."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest

from safedesk.core.errors import InvalidInputError, NotAllowedError, SelfApprovalError
from safedesk.core.models import Person, Role
from safedesk.core.templates import (
    LANGUAGES,
    PLACEHOLDERS,
    Template,
    check_can_preapprove,
    format_date,
    hack_claims,
    is_rendering_of,
    make_template,
    parse,
    preview,
    render,
    template_version,
)
from safedesk.resources import resource_path

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def person(role: Role, person_id: str = "p1") -> Person:
    return Person(person_id, f"Name {person_id}", role, "x", NOW)


def test_placeholders_are_listed_in_order_once() -> None:
    assert parse("On {original_date}, {account} said: {correction} ({original_date})") == (
        "original_date", "account", "correction")
    assert parse("No placeholders at all.") == ()
    assert set(PLACEHOLDERS) == {"original_date", "account", "correction", "author"}


@pytest.mark.parametrize(("text", "message"), [
    ("On {date}: {correction}", r"\{date\} is not a placeholder SafeDesk knows"),
    ("A lone { brace", "lone '{'"),
    ("A lone } brace", "lone '}'"),
    ("{{correction}}", "lone '{'"),
    ("{}", r"\{\} is not a placeholder"),
])
def test_unknown_placeholders_and_stray_braces_are_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        make_template("correction", "en-GB", text)


def test_rendering_refuses_any_unfilled_placeholder_by_name() -> None:
    template = make_template("correction", "en-GB",
                             "Our post of {original_date} was wrong: {correction}")
    with pytest.raises(InvalidInputError, match=r"Fill in \{correction\} before publishing"):
        render(template, {"original_date": "1 May 2026"})
    with pytest.raises(InvalidInputError, match=r"Fill in \{original_date\}, \{correction\}"):
        render(template, {"correction": "   "})  # blank counts as unfilled
    with pytest.raises(InvalidInputError, match=r"has no \{account\}"):
        render(template, {"account": "Council", "correction": "x", "original_date": "y"})
    shown = preview(template, {"original_date": "1 May 2026"})
    assert shown.text == "Our post of 1 May 2026 was wrong: {correction}"
    assert shown.missing == ("correction",)
    filled = render(template, {"original_date": "1 May 2026", "correction": " It is {account}. "})
    # Values are put in once and never read as placeholders themselves.
    assert filled == "Our post of 1 May 2026 was wrong: It is {account}."
    assert is_rendering_of(filled + "\n", template,
                           {"original_date": "1 May 2026", "correction": "It is {account}."})
    assert not is_rendering_of(filled + " Sorry!", template,
                               {"original_date": "1 May 2026", "correction": "It is {account}."})


def test_the_version_is_the_sha256_of_the_clean_text() -> None:
    text = "Correction: {correction}"
    template = make_template("correction", "en-GB", f"\r\n{text}\r\n")
    assert template.text == text
    assert template.version == hashlib.sha256(text.encode()).hexdigest()
    assert template_version("Caf\u00e9 {correction}") == template_version("Cafe\u0301 {correction}")
    assert make_template("correction", "en-GB", text + "!").version != template.version


def test_names_and_languages_are_checked() -> None:
    with pytest.raises(InvalidInputError, match="cannot name a template"):
        make_template("../etc", "en-GB", "x")
    with pytest.raises(InvalidInputError, match="not a template language"):
        make_template("correction", "fr", "x")
    with pytest.raises(InvalidInputError, match="needs some text"):
        make_template("correction", "cy", "  \n ")


@pytest.mark.parametrize("text", [
    "We were hacked last night.",
    "Our account was HACKED",
    "Hackers posted this",
    "The account was compromised.",
    "There was unauthorised access to our account",
    "Someone got into our account",
    "That wasn\u2019t us!",
    "It wasn't us",
    "This was not posted by us",
    "Our password was stolen",
    "Cafodd ein cyfrif ei hacio",
    "Haciwyd y cyfrif neithiwr",
    "Roedd mynediad heb awdurdod i'n cyfrif",
    "Nid ni oedd yn gyfrifol am y neges",
    "Mae'r cyfrif wedi'i gyfaddawdu",
])
def test_claims_of_a_hack_are_found_in_english_and_welsh(text: str) -> None:
    assert hack_claims(text)


@pytest.mark.parametrize("text", [
    "Hackney Council bin collections move to Thursday",
    "We reached a compromise with the contractor",
    "Not us versus them: everyone is welcome",
    "Mae'n ddrwg gennym am y camgymeriad",
    "Rydym wedi cyrraedd cyfaddawd gyda'r contractwr",
    "Our hackathon starts on Monday",
])
def test_ordinary_words_are_not_flagged(text: str) -> None:
    assert hack_claims(text) == ()


def test_each_phrase_is_named_once_in_order() -> None:
    assert hack_claims("Hacked! It was not us. We were hacked.") == ("Hacked", "was not us")


def test_dates_are_written_out_in_each_language() -> None:
    assert format_date(date(2026, 11, 1), "en-GB") == "1 November 2026"
    assert format_date(date(2026, 3, 21), "cy") == "21 Mawrth 2026"
    assert format_date(date(2027, 1, 5), "cy") == "5 Ionawr 2027"


def test_preapproval_needs_a_second_person_who_read_this_version() -> None:
    template = Template("correction", "en-GB", "Correction: {correction}", editor_id="admin")
    check_can_preapprove(template, person(Role.APPROVER), template.version)
    with pytest.raises(NotAllowedError, match="only approvers and admins"):
        check_can_preapprove(template, person(Role.AUTHOR), template.version)
    with pytest.raises(SelfApprovalError, match="last edited"):
        check_can_preapprove(template, person(Role.ADMIN, "admin"), template.version)
    with pytest.raises(NotAllowedError, match="changed after you read it"):
        check_can_preapprove(template, person(Role.APPROVER), "0" * 64)


@pytest.mark.parametrize("name", ["correction", "apology", "retraction", "note"])
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_shipped_templates_are_honest_and_well_formed(name: str, language: str) -> None:
    text = resource_path("templates", f"{name}.{language}.txt").read_text(encoding="utf-8")
    template = make_template(name, language, text)  # refuses unknown placeholders and claims
    assert hack_claims(template.text) == ()
    assert set(template.placeholders) <= set(PLACEHOLDERS)
    if name == "correction":
        assert "correction" in template.placeholders
    if name != "note":
        assert "original_date" in template.placeholders
    values = dict.fromkeys(template.placeholders, "x")
    assert "{" not in render(template, values)


def test_placeholders_left_in_own_words_are_found() -> None:
    from safedesk.core.templates import leftover_placeholders

    assert leftover_placeholders("We got it wrong: {correction}. Sorry {correction}") == (
        "correction",)
    assert leftover_placeholders("Budget {sic} and {} are the author's own braces") == ()
