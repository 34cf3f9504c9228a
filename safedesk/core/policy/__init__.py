"""Safety checks on what a post says: the policy engine and its rules (see docs/ARCHITECTURE.md,
"Policy"). No Qt, network or database here."""

from safedesk.core.policy.engine import RULES, check_content, check_no_blocks
from safedesk.core.policy.findings import (
    DEFAULT_SETTINGS,
    FieldKind,
    FieldRef,
    Finding,
    PolicyBlockedError,
    PolicySettings,
    Severity,
    blocking,
)

__all__ = ["DEFAULT_SETTINGS", "RULES", "FieldKind", "FieldRef", "Finding", "PolicyBlockedError",
           "PolicySettings", "Severity", "blocking", "check_content", "check_no_blocks"]
