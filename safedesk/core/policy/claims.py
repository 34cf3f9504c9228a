"""The cover story: a post that says the account was hacked or misused.

"We were hacked" is the lie the incidents SafeDesk exists for ended with. It is sometimes true,
so it warns rather than blocks, in both panes, and says where the honest fix is. (An official
correction making the claim always goes to an approver: ``core.rules``.)
"""

from __future__ import annotations

from collections.abc import Iterator

from safedesk.core.messages import msg
from safedesk.core.policy.findings import FieldRef, Finding, Severity
from safedesk.core.templates import hack_claim_matches

HACK_CLAIM = "hack_claim"


def hack_claim(text: str, where: FieldRef) -> Iterator[Finding]:
    for match in hack_claim_matches(text):
        yield Finding(HACK_CLAIM, Severity.WARN,
                      msg("“{words}” says the account was hacked or misused: write it only "
                          "if it is true. If a post was a mistake, say so: a correction or "
                          "apology is one click away from History", words=match.group()),
                      where, match.start(), match.end(),
                      matched=match.group())
