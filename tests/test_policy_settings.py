"""An admin's changes to the policy settings (``services.policy.PolicyService``): admins only,
saved whole from the version the admin read, each one audit event saying what changed."""

from __future__ import annotations

from datetime import date

import pytest

from safedesk.app import SafeDesk
from safedesk.core.errors import ConcurrentChangeError, InvalidInputError, NotAllowedError
from safedesk.core.policy import RuleLevel
from safedesk.core.policy.settings import PolicySettings, election_period, settings_of
from safedesk.services.policy import CHANGED_ACTION, TermList
from tests.conftest import Cast


def _policy_events(desk: SafeDesk) -> list[dict[str, object]]:
    return [dict(e.details) for e in desk.store.audit_events_about("policy")
            if e.action == CHANGED_ACTION]


def test_an_admin_saves_and_one_event_carries_the_settings_and_what_changed(
        desk: SafeDesk, cast: Cast) -> None:
    assert desk.policy.current().version == 0
    wanted = settings_of(names=["Tref Council"], political_terms=["Labour", "vote for"],
                         periods=[election_period("County 2027", "2027-04-01", "2027-05-06",
                                                  ["Jo Bloggs"])],
                         levels={"hashtags": RuleLevel.OFF})
    saved = desk.policy.save(cast.admin, wanted, 0)
    assert saved.stored.version == 1 and saved.stored.updated_by == cast.admin.id
    assert desk.policy.current().settings == wanted
    assert saved.changes == (
        "added organisation name “Tref Council”", "added political term “Labour”",
        "added political term “vote for”",
        "added election period “County 2027” (2027-04-01 to 2027-05-06, watching Jo Bloggs)",
        "rule hashtags: off (was default)")
    [event] = _policy_events(desk)
    assert PolicySettings.from_json(event["settings"]) == wanted  # type: ignore[arg-type]
    assert event["changes"] == list(saved.changes)
    events = list(desk.store.audit_events_about("policy"))
    assert events[-1].actor == cast.admin.id
    assert desk.audit.verify().intact


@pytest.mark.parametrize("who", ["author", "approver"])
def test_only_an_admin_may_change_them(desk: SafeDesk, cast: Cast, who: str) -> None:
    person = getattr(cast, who)
    with pytest.raises(NotAllowedError, match="Only an admin can change the policy settings"):
        desk.policy.add_terms(person, TermList.TERMS, ["Labour"])
    with pytest.raises(NotAllowedError):
        desk.policy.save(person, settings_of(political_terms=["Labour"]), 0)
    assert desk.policy.current().version == 0 and not _policy_events(desk)
    assert not desk.policy.may_change(person) and desk.policy.may_change(cast.admin)


def test_a_disabled_admin_may_not(desk: SafeDesk, cast: Cast) -> None:
    second = desk.people.add("Bo Admin", cast.admin.role, "bo-long-passphrase",
                             added_by=cast.admin)
    desk.people.disable("Bo Admin", cast.admin)
    with pytest.raises(NotAllowedError):
        desk.policy.add_terms(second, TermList.TERMS, ["Labour"])


def test_a_save_from_a_version_that_moved_is_refused_and_changes_nothing(
        desk: SafeDesk, cast: Cast) -> None:
    read = desk.policy.current()
    desk.policy.add_terms(cast.admin, TermList.TERMS, ["Labour"])  # another admin, meanwhile
    with pytest.raises(ConcurrentChangeError, match="Someone else changed"):
        desk.policy.save(cast.admin, settings_of(political_terms=["Plaid"]), read.version)
    assert desk.policy.current().settings.political_terms == ("Labour",)
    assert len(_policy_events(desk)) == 1


def test_the_small_changes_each_save_once(desk: SafeDesk, cast: Cast) -> None:
    policy, admin = desk.policy, cast.admin
    policy.add_terms(admin, TermList.HASHTAGS, ["#TrefNews", "trefnews", "Bins"])
    assert policy.current().settings.organisation_hashtags == ("TrefNews", "Bins")
    removed = policy.remove_terms(admin, TermList.HASHTAGS, ["#trefnews"])
    assert removed.changes == ("removed organisation hashtag “TrefNews”",)
    policy.add_terms(admin, TermList.HANDLES, ["@tref@social.example"])
    policy.add_terms(admin, TermList.NAMES, ["Tref Council"])
    added = policy.add_period(admin, "County 2027", "2027-04-01", "2027-05-06", ["Jo Bloggs"])
    assert added.stored.settings.election_periods[0].starts == date(2027, 4, 1)
    assert policy.remove_period(admin, "county 2027").changes == (
        "removed election period “County 2027”",)
    assert policy.set_rule_level(admin, "election", RuleLevel.WARN).changes == (
        "rule election: warn (was default)",)
    assert policy.set_rule_level(admin, "election", RuleLevel.DEFAULT).changes == (
        "rule election: default (was warn)",)
    assert policy.current().settings.rule_levels == {}
    assert len(_policy_events(desk)) == 8
    # Adding what is there already saves nothing and records nothing.
    again = policy.add_terms(admin, TermList.NAMES, ["tref council"])
    assert again.changes == () and again.stored.version == 8
    assert len(_policy_events(desk)) == 8


def test_bad_input_is_refused_with_words_and_saves_nothing(desk: SafeDesk, cast: Cast) -> None:
    policy, admin = desk.policy, cast.admin
    with pytest.raises(InvalidInputError, match="is not a date"):
        policy.add_period(admin, "County", "2027-13-01", "2027-05-06")
    with pytest.raises(InvalidInputError, match=r"ends .* before it starts"):
        policy.add_period(admin, "County", "2027-05-06", "2027-04-01")
    with pytest.raises(InvalidInputError, match="not one of the political terms"):
        policy.remove_terms(admin, TermList.TERMS, ["Labour"])
    with pytest.raises(InvalidInputError, match="no election period called"):
        policy.remove_period(admin, "County")
    with pytest.raises(InvalidInputError, match="hidden_text rule cannot be changed"):
        policy.set_rule_level(admin, "hidden_text", RuleLevel.OFF)
    with pytest.raises(InvalidInputError, match="not a rule"):
        policy.save(admin, settings_of(levels={"swearing": RuleLevel.OFF}), 0)
    policy.add_period(admin, "County", "2027-04-01", "2027-05-06")
    with pytest.raises(InvalidInputError, match="Two election periods"):
        policy.add_period(admin, "county", "2028-04-01", "2028-05-06")
    assert policy.current().version == 1


def test_checks_read_the_stored_settings(desk: SafeDesk, cast: Cast) -> None:
    desk.policy.add_terms(cast.admin, TermList.TERMS, ["Labour"])
    context = desk.policy.context_for(cast.author)
    assert context.settings.political_terms == ("Labour",) and not context.restricted
