"""The organisation's policy settings as the services read them, and the context a check runs
in for one person (``core/policy/settings.py``)."""

from __future__ import annotations

from safedesk.core.models import Person
from safedesk.core.policy.settings import PolicyContext
from safedesk.core.ports import Store


def policy_context(store: Store, person: Person) -> PolicyContext:
    """The stored settings, and whether ``person`` (who writes or sends the post) holds a
    politically restricted post. The day is the post's own, set where it is checked."""
    return PolicyContext(store.policy_settings().settings,
                         restricted=person.politically_restricted)
