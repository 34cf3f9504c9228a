"""Every finding's span lies inside its field and covers what it is about, whatever surrounds it:
emoji, ZWJ sequences, right-to-left text, combining marks: the words of the word lists, and the
phrases of party politics, a restricted officer's post, a mislabelled link and the wrong pane."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from safedesk.core.models import Content, Pane
from safedesk.core.policy import PolicyContext, check_content
from safedesk.core.policy.settings import election_period, settings_of
from safedesk.core.policy.words import fold

SURROUNDINGS = st.lists(
    st.sampled_from([
        "a", "Z", " ", "\n", ".", "#", "é", "e\u0301", "👍", "👩\u200d💻", "👨\u200d👩\u200d👧",
        "🏳️\u200d🌈", "\ufe0f", "\u200d", "ש", "ל", "\u05d5", "م", "ر", "\u200f", "\u202e", "\u2066",
        "\x1b", "\u200b", "ŵ", "1", "!", "https://bit.ly/x", "#binday",
    ]), max_size=20).map("".join)
WORDS = st.sampled_from(["fuck", "sh1t", "f.u.c.k", "fuuuck", "Wankers", "cachu", "$h!t"])
# What may touch a word on either side: a space, or an emoji whose ZWJ or variation selector
# sits right against it ("❤️fuck", "fuck‍👨").
BEFORE = st.sampled_from([" ", "\n", "\u2764\ufe0f", "\U0001f469\u200d", " \u200f"])
AFTER = st.sampled_from([" ", "\n", "\u200d\U0001f468", "\ufe0f ", "\u200e "])


@settings(max_examples=300, deadline=None)
@given(before=SURROUNDINGS, left=BEFORE, word=WORDS, right=AFTER, after=SURROUNDINGS,
       pane=st.sampled_from(list(Pane)))
def test_a_words_span_lies_inside_the_text_and_covers_it(before: str, left: str, word: str,
                                                         right: str, after: str,
                                                         pane: Pane) -> None:
    text = f"{before}{left}{word}{right}{after}"
    start = len(before) + len(left)
    end = start + len(word)
    findings = check_content(Content(text, ()), pane)
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    profane = [f for f in findings if f.rule == "profanity"]
    assert any(f.start <= start and end <= f.end for f in profane), (text, profane)
    for finding in profane:
        assert finding.start < finding.end
        # It starts and ends on something seen: not a space, nor the ZWJ or variation selector
        # of an emoji beside the word.
        for edge in (text[finding.start], text[finding.end - 1]):
            assert not edge.isspace() and unicodedata.category(edge) not in {"Cf", "Mn", "Me"}
        assert fold(text[finding.start:finding.end])  # spells something, not only marks


@settings(max_examples=200, deadline=None)
@given(text=SURROUNDINGS, pane=st.sampled_from(list(Pane)))
def test_each_hidden_character_is_covered_by_a_span(text: str, pane: Pane) -> None:
    findings = [f for f in check_content(Content(text, ()), pane) if f.rule == "hidden_text"]
    for index, char in enumerate(text):
        if char in "\u202e\u2066\x1b":
            assert any(f.start <= index < f.end for f in findings), (text, index)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)


# -- the rules that read phrases: party politics, the restricted officer, links, the wrong pane ---

PERIOD = election_period("County elections 2027", "2027-04-01", "2027-05-06", ["Jane Smith"])
PHRASE_SETTINGS = settings_of(names=["Tref Council"], handles=["@tref@social.example"],
                              hashtags=["#TrefNews"], political_terms=["Save Our Library"],
                              periods=[PERIOD])
OFFICIAL = PolicyContext(PHRASE_SETTINGS, date(2027, 6, 1))
RESTRICTED = PolicyContext(PHRASE_SETTINGS, date(2027, 6, 1), restricted=True)
# (rule, pane and context, phrase): each phrase is what its rule must find, whole.
PHRASES = st.sampled_from([
    ("party_politics", Pane.OFFICIAL, OFFICIAL, "vote Labour"),
    ("party_politics", Pane.OFFICIAL, OFFICIAL, "Plaid Cymru"),
    ("party_politics", Pane.OFFICIAL, OFFICIAL, "pleidleisiwch dros Lafur"),
    ("party_politics", Pane.OFFICIAL, OFFICIAL, "Save Our  Library"),
    ("politically_restricted", Pane.PERSONAL, RESTRICTED, "Jane Smith"),
    ("politically_restricted", Pane.PERSONAL, RESTRICTED, "Lib Dems"),
    ("links", Pane.OFFICIAL, OFFICIAL, "tref.gov.uk: https://evil.example/x"),
    ("links", Pane.PERSONAL, RESTRICTED, "tref.gov.uk \u2192 https://evil.example/x"),
    ("wrong_pane", Pane.OFFICIAL, OFFICIAL, "idiot"),
    ("wrong_pane", Pane.OFFICIAL, OFFICIAL, "m0r0ns"),
    ("wrong_pane", Pane.PERSONAL, RESTRICTED, "#TrefNews"),
    ("wrong_pane", Pane.PERSONAL, RESTRICTED, "@tref@social.example"),
    ("wrong_pane", Pane.PERSONAL, RESTRICTED, "Tref Council"),
    ("hack_claim", Pane.OFFICIAL, OFFICIAL, "hacked"),
    ("hack_claim", Pane.PERSONAL, RESTRICTED, "wasn’t us"),  # noqa: RUF001 - the curly apostrophe is the case
])


@settings(max_examples=400, deadline=None)
@given(before=SURROUNDINGS, left=BEFORE, case=PHRASES, right=AFTER, after=SURROUNDINGS)
def test_a_phrases_span_lies_inside_the_text_and_covers_it(
        before: str, left: str, case: tuple[str, Pane, PolicyContext, str], right: str,
        after: str) -> None:
    rule, pane, context, phrase = case
    text = f"{before}{left}{phrase}{right}{after}"
    start = len(before) + len(left)
    end = start + len(phrase)
    findings = check_content(Content(text, ()), pane, context)
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    mine = [f for f in findings if f.rule == rule]
    assert any(f.start == start and end <= f.end for f in mine), (text, mine)
    for finding in mine:
        assert finding.start < finding.end
        assert not text[finding.start].isspace()
        assert unicodedata.category(text[finding.start]) not in {"Cf", "Mn", "Me"}
