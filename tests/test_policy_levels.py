"""An admin's rule levels: a rule turned off says nothing; on official a rule takes the level
set (info, warn or block); on personal no rule goes above a warning; hidden text on official
blocks whatever is set."""

from __future__ import annotations

import pytest

from safedesk.core.models import Content, Pane
from safedesk.core.policy import RULES, Finding, RuleLevel, Severity, check_content
from safedesk.core.policy.settings import PolicyContext, settings_of

# Text that sets off most rules at once, on either pane.
TEXT = ("I think this is shit #binday http://bit.ly/x, you idiot. The council will vote Labour "
        "\u202e Jane Smith")
TERMS = ["Jane Smith"]


def findings(pane: Pane, levels: dict[str, RuleLevel]) -> list[Finding]:
    settings = settings_of(political_terms=TERMS, levels=levels)
    return list(check_content(Content(TEXT, ()), pane, PolicyContext(settings, restricted=True)))


def severities(pane: Pane, rule: str, level: RuleLevel) -> set[Severity]:
    return {f.severity for f in findings(pane, {rule: level}) if f.rule == rule}


RULES_FOUND = ["profanity", "hashtags", "links", "wrong_pane", "party_politics"]


def test_every_rule_in_the_text_is_found_by_default() -> None:
    official = {f.rule for f in findings(Pane.OFFICIAL, {})}
    personal = {f.rule for f in findings(Pane.PERSONAL, {})}
    assert {*RULES_FOUND, "hidden_text"} <= official
    assert {"profanity", "hidden_text", "wrong_pane", "politically_restricted"} <= personal
    assert official | personal <= set(RULES)


@pytest.mark.parametrize("rule", [*RULES_FOUND, "politically_restricted"])
def test_a_rule_turned_off_says_nothing(rule: str) -> None:
    for pane in Pane:
        assert severities(pane, rule, RuleLevel.OFF) == set()


@pytest.mark.parametrize("rule", RULES_FOUND)
@pytest.mark.parametrize("level", [RuleLevel.INFO, RuleLevel.WARN, RuleLevel.BLOCK])
def test_on_official_a_rule_takes_the_level_set(rule: str, level: RuleLevel) -> None:
    assert severities(Pane.OFFICIAL, rule, level) == {Severity(level.value)}
    # The others keep their own.
    others = {f.rule: f.severity for f in findings(Pane.OFFICIAL, {rule: level})
              if f.rule != rule}
    assert others == {f.rule: f.severity for f in findings(Pane.OFFICIAL, {})
                      if f.rule != rule}


@pytest.mark.parametrize("rule", ["profanity", "wrong_pane", "politically_restricted"])
def test_on_personal_no_rule_goes_above_a_warning(rule: str) -> None:
    assert severities(Pane.PERSONAL, rule, RuleLevel.BLOCK) == {Severity.WARN}
    assert severities(Pane.PERSONAL, rule, RuleLevel.INFO) == {Severity.INFO}


@pytest.mark.parametrize("level", list(RuleLevel))
def test_hidden_text_blocks_official_whatever_is_set(level: RuleLevel) -> None:
    assert severities(Pane.OFFICIAL, "hidden_text", level) == {Severity.BLOCK}
    assert severities(Pane.PERSONAL, "hidden_text", level) == {Severity.WARN}


def test_the_blocks_still_come_first_after_levels() -> None:
    found = findings(Pane.OFFICIAL, {"hashtags": RuleLevel.BLOCK, "profanity": RuleLevel.INFO})
    ranks = [{"block": 0, "warn": 1, "info": 2}[f.severity.value] for f in found]
    assert ranks == sorted(ranks)
    assert {f.rule for f in found if f.severity is Severity.BLOCK} == {"hashtags", "hidden_text"}
