"""The policy engine's rules, each as a table of what it must find and what it must leave alone."""

from __future__ import annotations

import pytest

from safedesk.core.models import Content, LinkCard, MediaItem, Pane
from safedesk.core.policy import FieldKind, Finding, Severity, check_content
from safedesk.core.policy.settings import PolicyContext, PolicySettings, RuleLevel, settings_of
from safedesk.core.policy.words import _read_list, fold, profanity_list


def found(text: str, pane: Pane = Pane.OFFICIAL, rule: str | None = None,
          **content: object) -> list[Finding]:
    findings = check_content(Content(text, (), **content), pane)  # type: ignore[arg-type]
    return [f for f in findings if rule is None or f.rule == rule]


def spans(text: str, pane: Pane = Pane.OFFICIAL, rule: str | None = None) -> list[str]:
    return [text[f.start:f.end] for f in found(text, pane, rule)]


# -- profanity -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "word"), [
    ("The dumb fuck", "fuck"),
    ("What the FUCK", "FUCK"),
    ("this is sh1t", "sh1t"),
    ("f.u.c.k that", "f.u.c.k"),
    ("fuuuuck", "fuuuuck"),
    ("what a sh.it show", "sh.it"),
    ("fu-ck-ing hell", "fu-ck-ing"),
    ("absolute shiiite", "shiiite"),
    ("f u c k off", "f u c k"),
    ("$h!t happens", "$h!t"),
    ("bloody wankers.", "wankers"),
    ("fucking hell", "fucking"),
    ("damn… vote Labour", "damn"),
    ("f\u200buck", "f\u200buck"),  # a zero-width space inside
    ("f\u200b\u200bu c k", "f\u200b\u200bu c k"),  # spaced out, partly with invisible gaps
    ("s\u2060h\u2060i\u2060t", "s\u2060h\u2060i\u2060t"),  # word joiners between letters
    ("#FuckTheBins", "Fuck"),
    ("Mae hyn yn gachu llwyr, cachu", "cachu"),  # Welsh
    ("ffycin biniau", "ffycin"),
    ("Basdad!", "Basdad"),
])
def test_profanity_is_found_however_it_is_spelt(text: str, word: str) -> None:
    assert word in spans(text, rule="profanity")


@pytest.mark.parametrize("text", [
    "Scunthorpe United won", "Penistone market is open", "a plot to assassinate Caesar",
    "Please assess the class", "We passed the bass", "Cockermouth floods", "Dickens walk",
    "Offa's Dyke path", "blue tits in the park", "Gay Pride in the park", "a niggle",
    "Hell Fire Corner", "cont. in next post", "Shitterton is in Dorset", "Mae'r cyngor yn cwrdd",
    "Sussex, Essex and Middlesex", "as", "class", "grass", "Hancock", "cocktail",
])
def test_ordinary_words_are_not_profanity(text: str) -> None:
    assert found(text, rule="profanity") == []


def test_a_listed_token_is_found_only_where_it_stands_whole() -> None:
    text = "Bookshit and shit"  # "shit" is spelt, whole, only at the end
    assert [(f.start, f.end) for f in found(text, rule="profanity")] == [(13, 17)]


def test_profanity_blocks_official_and_warns_personal() -> None:
    assert [f.severity for f in found("The dumb fuck", Pane.OFFICIAL, "profanity")] == \
        [Severity.BLOCK]
    assert [f.severity for f in found("The dumb fuck", Pane.PERSONAL)] == [Severity.WARN]
    message = str(found("The dumb fuck", Pane.OFFICIAL)[0].message)
    assert "“fuck”" in message and "official" in message


def test_profanity_is_found_in_every_field_read_out() -> None:
    media = (MediaItem("ab" * 32, "image/png", "A fucking mess on the road", "road.png"),)
    findings = found("Roads", rule="profanity", content_warning="shit news", media=media,
                     thread=("fine", "crap part"))
    assert {(f.field.kind, f.field.number) for f in findings} == {
        (FieldKind.CONTENT_WARNING, 0), (FieldKind.ALT_TEXT, 1), (FieldKind.THREAD_PART, 3)}


# -- hidden text -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "hidden"), [
    ("abc \u202eevil", "\u202e"), ("x\u2066y\u2069", "\u2066"), ("\u202a", "\u202a"),
    ("red \x1b[31m text", "\x1b"), ("bell\x07", "\x07"), ("c1\x85", "\x85"), ("del\x7f", "\x7f"),
    ("\u200b\u200b\u200b", "\u200b\u200b\u200b"), ("\u2060\ufeff", "\u2060\ufeff"),
])
def test_hidden_text_is_found(text: str, hidden: str) -> None:
    assert hidden in spans(text, rule="hidden_text")


@pytest.mark.parametrize("text", [
    "two\nlines\tand a tab", "שלום עולם, hello", "مرحبا", "👩‍❤️‍👨 family", "Caf\u00e9 e\u0301",
    "   ", "",
])
def test_ordinary_text_is_not_hidden_text(text: str) -> None:
    assert found(text, rule="hidden_text") == []


def test_hidden_text_blocks_official_without_override_and_warns_personal() -> None:
    official = found("Bins \u202eyadnom", Pane.OFFICIAL, "hidden_text")
    assert [(f.severity, f.overridable) for f in official] == [(Severity.BLOCK, False)]
    assert "U+202E" in str(official[0].message) and "\u202e" not in str(official[0].message)
    assert [f.severity for f in found("\u200b", Pane.PERSONAL, "hidden_text")] == [Severity.WARN]


# -- alt text --------------------------------------------------------------------------------------

def image(alt: str, name: str = "IMG_0042.png") -> MediaItem:
    return MediaItem("ab" * 32, "image/png", alt, name)


@pytest.mark.parametrize("alt", [
    "", ".", "IMG_0042.png", "IMG_0042", "image", "Photo", "picture", "x", "!!", "...",
    "\u200b", "DSC01234.JPG", "Bins go out on Monday", "bins go out on monday!", "llun",
])
def test_trivial_alt_text_is_found(alt: str) -> None:
    findings = found("Bins go out on Monday", rule="alt_text", media=(image(alt),))
    assert [(f.severity, f.field.number) for f in findings] == [(Severity.BLOCK, 1)]
    personal = found("Bins go out on Monday", Pane.PERSONAL, "alt_text", media=(image(alt),))
    assert [f.severity for f in personal] == [Severity.WARN]


@pytest.mark.parametrize("alt", [
    "A bin lorry on Stryd Fawr", "Map of the new route", "Ok", "Photo of the mayor at the fair",
])
def test_real_alt_text_passes(alt: str) -> None:
    assert found("Bins go out on Monday", rule="alt_text", media=(image(alt),)) == []


# -- hashtags --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "flagged"), [
    ("#One #Two #Three", "#Three"),
    ("It is #binday", "#binday"),
    ("#RECYCLINGWEEK now", "#RECYCLINGWEEK"),
    ("#roadsafety matters", "#roadsafety"),
])
def test_hashtags_that_warn(text: str, flagged: str) -> None:
    findings = found(text, rule="hashtags")
    assert findings and all(f.severity is Severity.WARN for f in findings)
    assert any(flagged in text[f.start:f.end] for f in findings)


@pytest.mark.parametrize("text", [
    "#BinDay and #bins", "#NHS", "#Saturday", "#Caerdydd #Cymru", "#council", "C# and F#",
    "issue#3", "#RecyclingWeek", "#bin_day",
])
def test_hashtags_that_pass(text: str) -> None:
    assert found(text, rule="hashtags") == []


# -- links -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "link"), [
    ("See http://example.gov.uk/bins.", "http://example.gov.uk/bins"),
    ("See https://bit.ly/3abc", "https://bit.ly/3abc"),
    ("tinyurl.com? https://TinyURL.com/x", "https://TinyURL.com/x"),
    ("https://t.co/xyz", "https://t.co/xyz"),
    ("www.ow.ly/abc", "www.ow.ly/abc"),
])
def test_links_that_warn(text: str, link: str) -> None:
    assert link in spans(text, rule="links")


@pytest.mark.parametrize("text", [
    "https://example.gov.uk/bins", "https://cardiff.gov.uk", "https://t.com/x", "bit.ly alone",
    "https://notbit.ly/x", "Awww.bit.ly is not a link", "xhttp://example.gov.uk",
])
def test_links_that_pass(text: str) -> None:
    assert found(text, rule="links") == []


@pytest.mark.parametrize(("text", "label"), [
    ("Visit tref.gov.uk: https://evil.example/x", "tref.gov.uk"),
    ("tref.gov.uk (https://tref-gov.example/bins)", "tref.gov.uk"),
    ("www.tref.gov.uk: https://evil.example", "www.tref.gov.uk"),
    ("Pay at tref.gov.uk → https://pay.evil.example/tref.gov.uk", "tref.gov.uk"),
    ("Go to tref.gov.uk.\nhttp://other.gov.uk", "tref.gov.uk"),
    ("See Tref.gov.uk - https://tref.gov.uk.evil.example/", "Tref.gov.uk"),
])
def test_a_domain_labelling_a_link_to_another_site_warns(text: str, label: str) -> None:
    findings = [f for f in found(text, rule="links") if "but the link goes to" in str(f.message)]
    assert [f.severity for f in findings] == [Severity.WARN]
    start = text.index(label)
    assert (findings[0].start, text[findings[0].start:findings[0].end].startswith(label)) == \
        (start, True)
    assert f"“{label}”" in str(findings[0].message)


@pytest.mark.parametrize("text", [
    "Visit tref.gov.uk: https://www.tref.gov.uk/bins",
    "tref.gov.uk https://bins.tref.gov.uk/x",
    "Email bins@tref.gov.uk https://evil.example",
    "The report.pdf: https://tref.gov.uk/report",
    "tref.gov.uk and also https://evil.example",
    "https://a.example https://b.example",
    "e.g. https://evil.example",
    "Read it at https://evil.example",
])
def test_a_link_labelled_by_its_own_domain_or_not_at_all_passes(text: str) -> None:
    assert [f for f in found(text, rule="links") if "but the link goes to" in str(f.message)] == []


def test_a_link_card_title_naming_another_site_warns() -> None:
    def card_findings(url: str, title: str) -> list[Finding]:
        return found("Read this", rule="links", link_card=LinkCard(url, title))

    [finding] = card_findings("https://evil.example/bins", "tref.gov.uk | Bin days")
    assert finding.field.kind is FieldKind.LINK_CARD
    assert "“tref.gov.uk”" in str(finding.message) and "evil.example" in str(finding.message)
    assert card_findings("https://www.tref.gov.uk/bins", "tref.gov.uk | Bin days") == []
    assert card_findings("https://evil.example/bins", "Bin days in Tref") == []
    assert card_findings("https://evil.example/bins", "St.David's Hall, report.pdf") == []


def test_a_link_cards_address_is_checked() -> None:
    card = LinkCard("http://bit.ly/x", "A page")
    findings = found("Read this", rule="links", link_card=card)
    assert {f.field.kind for f in findings} == {FieldKind.LINK_CARD}


# -- the wrong pane --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The council will collect bins on Monday", "We at Tref Town Council are proud",
    "On behalf of the council, thank you", "Mae'r cyngor yn cau'r ffordd",
])
def test_personal_text_speaking_as_the_organisation_warns(text: str) -> None:
    findings = found(text, Pane.PERSONAL, "wrong_pane")
    assert findings and str(findings[0].message).startswith("This reads like an official post")
    assert found(text, Pane.OFFICIAL, "wrong_pane") == []


def test_configured_organisation_names_count_too() -> None:
    settings = PolicySettings(organisation_names=("Tref Council",))
    findings = check_content(Content("Tref Council bins are late", ()), Pane.PERSONAL,
                             PolicyContext(settings))
    assert [f.rule for f in findings] == ["wrong_pane"]


def test_configured_handles_and_hashtags_count_too() -> None:
    settings = settings_of(names=["Tref Council"], handles=["@tref@social.example",
                                                              "tref.bsky.social"],
                           hashtags=["#TrefNews"])
    for text, words in [("Read #TrefNews today", "#TrefNews"), ("#trefnews", "#trefnews"),
                        ("ask @tref@social.example", "@tref@social.example"),
                        ("follow tref.bsky.social", "tref.bsky.social"),
                        ("via @tref.bsky.social.", "@tref.bsky.social")]:
        findings = [f for f in check_content(Content(text, ()), Pane.PERSONAL,
                                             PolicyContext(settings)) if f.rule == "wrong_pane"]
        assert [text[f.start:f.end] for f in findings] == [words]
        assert str(findings[0].message).startswith(f"This reads like an official post (“{words}”")
    for text in ["#TrefNewsletter", "@tref@social.example.org", "mytref.bsky.social",
                 "no#TrefNews", "@other@social.example", "a@tref@social.example"]:
        assert check_content(Content(text, ()), Pane.PERSONAL, PolicyContext(settings)) == ()


@pytest.mark.parametrize(("text", "insult"), [
    ("Residents who fly-tip are idiots", "idiots"), ("What a MORON", "MORON"),
    ("a stup1d idea", "stup1d"), ("even dumber", "dumber"), ("utterly pathetic", "pathetic"),
    ("Scum!", "Scum"), ("Am twpsyn!", "twpsyn"), ("Mae hyn yn dwp", "dwp"),
    ("i.d.i.o.t drivers", "i.d.i.o.t"),
])
def test_official_insults_warn_as_a_wrong_pane_hint(text: str, insult: str) -> None:
    findings = found(text, Pane.OFFICIAL, "wrong_pane")
    assert [text[f.start:f.end] for f in findings] == [insult]
    assert findings[0].severity is Severity.WARN
    assert "an official post speaks for the organisation" in str(findings[0].message)
    assert found(text, Pane.PERSONAL) == []


@pytest.mark.parametrize("text", [
    "Scunthorpe United won", "Penistone market", "a plot to assassinate Caesar",
    "No stupidity here", "dumbbells at the leisure centre", "Idioms of Wales",
    "The Muppet Christmas Carol at the library", "April Fool", "Pratt Street", "Twitter",
])
def test_ordinary_words_are_not_insults(text: str) -> None:
    assert found(text, Pane.OFFICIAL, "wrong_pane") == []


def test_no_insult_is_also_profanity() -> None:
    for word in _read_list("insults-en.txt") + _read_list("insults-cy.txt"):
        assert profanity_list().match(fold(word)) is None, word


@pytest.mark.parametrize("text", [
    "I think the bins are late", "In my view this is right", "My view: yes", "IMO yes",
])
def test_official_first_person_opinion_warns(text: str) -> None:
    assert [f.severity for f in found(text, Pane.OFFICIAL, "wrong_pane")] == [Severity.WARN]
    assert found(text, Pane.PERSONAL, "wrong_pane") == []


@pytest.mark.parametrize("text", [
    "Bins are collected on Monday", "Councillors meet on Tuesday", "Think before you bin it",
    "the council's website",
])
def test_neutral_text_is_in_either_pane(text: str) -> None:
    for pane in Pane:
        assert found(text, pane, "wrong_pane") == []


# -- the engine ------------------------------------------------------------------------------------

def test_blocks_come_first_and_a_disabled_rule_says_nothing() -> None:
    text = "I think this is shit #binday"
    findings = found(text)
    assert findings[0].severity is Severity.BLOCK
    assert [f.severity for f in findings[1:]] == [Severity.WARN, Severity.WARN]
    quiet = check_content(Content(text, ()), Pane.OFFICIAL,
                          PolicyContext(PolicySettings(rule_levels={"hashtags": RuleLevel.OFF})))
    assert "hashtags" not in {f.rule for f in quiet}
    assert findings[0].as_json() == {"rule": "profanity", "severity": "block",
                                     "message": str(findings[0].message), "field": "text",
                                     "span": [16, 20], "overridable": False}


# -- the cover story -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "claim"), [
    ("Sorry everyone, we were hacked last night.", "hacked"),
    ("That post wasn't us.", "wasn't us"),
    ("That post wasn\u2019t us.", "wasn\u2019t us"),
    ("This was not posted by us", "was not posted by us"),
    ("Those words were not written by us", "not written by us"),
    ("Our account was compromised", "compromised"),
    ("Someone got into our account overnight", "Someone got into"),
    ("Cafodd y cyfrif ei hacio neithiwr", "hacio"),
    ("Nid ni oedd hynny", "Nid ni oedd"),
])
@pytest.mark.parametrize("pane", list(Pane))
def test_a_claim_of_a_hack_warns_in_either_pane(text: str, claim: str, pane: Pane) -> None:
    [finding] = found(text, pane, "hack_claim")
    assert finding.severity is Severity.WARN and text[finding.start:finding.end] == claim
    assert "only if it is true" in str(finding.message) and "History" in str(finding.message)


@pytest.mark.parametrize("text", [
    "Contact us today about your bin collection",
    "Not all of us can make the meeting",
    "The hackathon for young coders starts on Monday",
    "Hackney Road is closed for resurfacing",
    "Our compromise on parking was agreed last night",
])
def test_ordinary_words_are_no_claim_of_a_hack(text: str) -> None:
    assert found(text, Pane.OFFICIAL, "hack_claim") == []
