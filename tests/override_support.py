"""An election period with watched terms, saved as an admin would save the policy settings."""

from __future__ import annotations

from datetime import date, timedelta

from safedesk.core.models import Person
from safedesk.core.policy.settings import election_period, settings_of
from safedesk.core.ports import Store
from safedesk.core.workflow import PendingEvent

REASON = "A factual notice of where to vote, agreed with the returning officer."


def watch_terms(store: Store, admin: Person, first: date, last: date,
                terms: tuple[str, ...] = ("Labour", "vote for")) -> None:
    """A period ``first``..``last`` (plus a week) in which ``terms`` are watched."""
    settings = settings_of(political_terms=terms, periods=[
        election_period("Local elections", first, last + timedelta(days=7))])
    store.save_policy_settings(settings, 0, PendingEvent(admin.id, "policy.settings", "policy",
                                                         {"version": 1}))
