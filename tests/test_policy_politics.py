"""Party politics all year: the official pane warns on party-political wording, a politically
restricted officer's personal pane warns on parties, candidates and watched terms, and inside an
election period the election rule's block on the same words is the one finding."""

from __future__ import annotations

from datetime import date

import pytest

from safedesk.core.models import Content, Pane
from safedesk.core.policy import DEFAULT_CONTEXT, Finding, RuleLevel, Severity, check_content
from safedesk.core.policy.parties import PartyName, parse_parties, uk_parties
from safedesk.core.policy.settings import PolicyContext, election_period, settings_of

PERIOD = election_period("County elections 2027", "2027-04-01", "2027-05-06",
                         ["Jane Smith", "Dafydd ap Rhys"])
SETTINGS = settings_of(political_terms=["Save Our Library campaign", "Labour"],
                       periods=[PERIOD])
IN_PERIOD = date(2027, 4, 20)
OUT_OF_PERIOD = date(2027, 6, 1)


def found(text: str, pane: Pane, rule: str, context: PolicyContext = DEFAULT_CONTEXT) -> list[Finding]:
    return [f for f in check_content(Content(text, ()), pane, context) if f.rule == rule]


def spans(text: str, pane: Pane, rule: str, context: PolicyContext = DEFAULT_CONTEXT) -> list[str]:
    return [text[f.start:f.end] for f in found(text, pane, rule, context)]


# -- the official pane, all year -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("damn… vote Labour", "vote Labour"),  # the official incident
    ("Labour's plan for the high street", "Labour"),
    ("Labour market figures show Labour gains", "Labour"),
    ("Welsh Labour and Plaid Cymru agreed", "Welsh Labour"),
    ("Plaid Cymru and Welsh Labour agreed", "Plaid Cymru"),
    ("The Conservative group met", "Conservative"),
    ("Tory councillors", "Tory"),
    ("the tories said", "tories"),
    ("the Liberal Democrats", "Liberal Democrats"),
    ("a Lib Dem motion", "Lib Dem"),
    ("the Green Party of England and Wales", "Green Party of England and Wales"),
    ("Reform UK won", "Reform UK"),
    ("Vote Reform!", "Vote Reform"),
    ("voting Green on Thursday", "voting Green"),
    ("SNP and Alba Party", "SNP"),
    ("Sinn Fein", "Sinn Fein"),
    ("Vote for Jo", "Vote for"),
    ("vote   for change", "vote   for"),
    ("Pleidleisiwch dros Lafur", "Pleidleisiwch dros Lafur"),
    ("pleidleisiwch dros newid", "pleidleisiwch dros"),
    ("Llafur a'r Ceidwadwyr", "Llafur"),
    ("y Democratiaid Rhyddfrydol", "y Democratiaid Rhyddfrydol"),
    ("Y Blaid Werdd", "Y Blaid Werdd"),
    ("the Save Our Library campaign meets", "Save Our Library campaign"),  # a watched term
])
def test_party_political_wording_warns_on_official(text: str, words: str) -> None:
    findings = found(text, Pane.OFFICIAL, "party_politics", PolicyContext(SETTINGS))
    assert words in [text[f.start:f.end] for f in findings]
    assert all(f.severity is Severity.WARN for f in findings)
    assert found(text, Pane.PERSONAL, "party_politics", PolicyContext(SETTINGS)) == []


@pytest.mark.parametrize("text", [
    "labour market figures", "Labour market figures are out", "Labour costs rose",
    "the labour ward at the hospital", "green space in the park", "Green spaces",
    "a conservative estimate", "Conservative estimates put it at 40", "reform of bin collections",
    "Reform of bin collections", "How to vote", "Register to vote by 18 April",
    "Register to vote for the county elections", "Vote for your favourite park",
    "Councillors vote for the budget today", "Your vote counts", "vote", "Sut i bleidleisio",
    "Plaid shirts at the market", "liberal opening hours", "Scunthorpe", "Penistone",
    "a plot to assassinate Caesar", "Llafur caled", "snp", "Alliance of councils",
    "Propel the boat", "Greenway path", "Labourers needed", "Torygate", "local history walk",
    "Factory Road", "the Directory", "MyLabour app", "voteLabour",
])
def test_ordinary_words_are_not_party_politics(text: str) -> None:
    assert found(text, Pane.OFFICIAL, "party_politics") == []


def test_a_name_inside_a_longer_word_is_not_found() -> None:
    # "Tory" stands in the text, so its pattern runs: it must not find "tory" in "history".
    assert spans("a Tory history of Factory Road", Pane.OFFICIAL, "party_politics") == ["Tory"]
    assert spans("SNP and MySNP", Pane.OFFICIAL, "party_politics") == ["SNP"]


def test_the_message_says_what_it_names_and_why() -> None:
    context = PolicyContext(SETTINGS)
    [party] = found("Plaid Cymru says", Pane.OFFICIAL, "party_politics", context)
    assert str(party.message).startswith("“Plaid Cymru” names a political party")
    assert "objective and even-handed" in str(party.message) and not party.overridable
    [phrase] = found("vote Labour", Pane.OFFICIAL, "party_politics", context)
    assert str(phrase.message).startswith("“vote Labour” asks people how to vote")
    [term] = found("Save Our  Library campaign", Pane.OFFICIAL, "party_politics", context)
    assert "watched political terms" in str(term.message)


def test_an_admins_term_that_is_a_party_keeps_the_lists_care() -> None:
    # "Labour" among the political terms does not make "labour market" political.
    context = PolicyContext(SETTINGS)
    assert found("the labour market", Pane.OFFICIAL, "party_politics", context) == []
    assert spans("Labour says", Pane.OFFICIAL, "party_politics", context) == ["Labour"]


def test_vote_outside_the_period_is_fine_and_inside_the_block_wins() -> None:
    out = PolicyContext(SETTINGS, on=OUT_OF_PERIOD)
    assert check_content(Content("Register to vote by 18 April", ()), Pane.OFFICIAL, out) == ()
    text = "Vote Labour, vote for Jane Smith, Plaid Cymru"
    outside = check_content(Content(text, ()), Pane.OFFICIAL, out)
    assert [(f.rule, text[f.start:f.end]) for f in outside] == [
        ("party_politics", "Vote Labour"), ("party_politics", "vote for"),
        ("party_politics", "Plaid Cymru")]
    inside = check_content(Content(text, ()), Pane.OFFICIAL, PolicyContext(SETTINGS, on=IN_PERIOD))
    # "Labour" and "Jane Smith" are watched in the period: blocked, with no second finding on
    # them ("Vote Labour" covered "Labour"); "vote for" and "Plaid Cymru" are not watched terms,
    # so they still warn.
    assert [(f.rule, f.severity, text[f.start:f.end]) for f in inside] == [
        ("election", Severity.BLOCK, "Labour"), ("election", Severity.BLOCK, "Jane Smith"),
        ("party_politics", Severity.WARN, "vote for"),
        ("party_politics", Severity.WARN, "Plaid Cymru")]


def test_with_the_election_rule_off_the_warning_stays() -> None:
    settings = settings_of(political_terms=["Labour"], periods=[PERIOD],
                           levels={"election": RuleLevel.OFF})
    findings = found("vote Labour", Pane.OFFICIAL, "party_politics",
                     PolicyContext(settings, on=IN_PERIOD))
    assert [f.severity for f in findings] == [Severity.WARN]


# -- a politically restricted officer's personal pane ---------------------------------------------

RESTRICTED = PolicyContext(SETTINGS, on=OUT_OF_PERIOD, restricted=True)


@pytest.mark.parametrize(("text", "words", "names"), [
    ("Proud to back Labour", "Labour", "names a political party"),
    ("Great to see Plaid Cymru win", "Plaid Cymru", "names a political party"),
    ("Vote Labour on Thursday!", "Vote Labour", "asks people how to vote"),
    ("Good luck Jane Smith", "Jane Smith", "is watched in the County elections 2027 period"),
    ("dafydd ap rhys", "dafydd ap rhys", "is watched in the County elections 2027 period"),
    ("Join the Save Our Library campaign", "Save Our Library campaign",
     "is one of the organisation's watched political terms"),
])
def test_a_restricted_officers_personal_post_warns(text: str, words: str, names: str) -> None:
    # Out of the period too: the restriction is all year, and a period's candidates count.
    [finding] = found(text, Pane.PERSONAL, "politically_restricted", RESTRICTED)
    assert text[finding.start:finding.end] == words and finding.severity is Severity.WARN
    assert str(finding.message).startswith(f"Your post is politically restricted: “{words}” {names}")
    unrestricted = PolicyContext(SETTINGS, on=OUT_OF_PERIOD)
    assert found(text, Pane.PERSONAL, "politically_restricted", unrestricted) == []
    assert found(text, Pane.OFFICIAL, "politically_restricted", RESTRICTED) == []


@pytest.mark.parametrize("text", [
    "Register to vote by 18 April", "The labour market is tight", "Lovely green space",
    "a conservative estimate", "Jane Austen at the library", "Smith Street is closed",
])
def test_a_restricted_officers_ordinary_post_is_fine(text: str) -> None:
    assert found(text, Pane.PERSONAL, "politically_restricted", RESTRICTED) == []


def test_restricted_reads_the_content_warning_and_thread() -> None:
    content = Content("Fine", (), content_warning="Labour news", thread=("ok", "vote for Jo"))
    findings = [f for f in check_content(content, Pane.PERSONAL, RESTRICTED)
                if f.rule == "politically_restricted"]
    assert {f.field.key for f in findings} == {"content_warning", "thread_part:3"}


# -- the list --------------------------------------------------------------------------------------

def test_the_party_list_reads_its_options() -> None:
    assert parse_parties(["# note", "", "Labour | case | not before: market costs",
                          "Plaid Cymru"]) == (
        PartyName("Labour", True, ("market", "costs")), PartyName("Plaid Cymru"))
    names = {p.name for p in uk_parties()}
    for party in ("Labour", "Llafur", "Conservative", "Ceidwadwyr", "Tory", "Liberal Democrats",
                  "Lib Dem", "Democratiaid Rhyddfrydol", "Green Party", "Plaid Werdd",
                  "Reform UK", "Plaid Cymru", "SNP"):
        assert party in names
