"""Safety checks on what a post says: the policy engine and its rules (see docs/ARCHITECTURE.md,
"Policy"). No Qt, network or database here."""

from safedesk.core.policy.engine import RULES, check_content, check_no_blocks, unlifted_blocks
from safedesk.core.policy.findings import (
    FieldKind,
    FieldRef,
    Finding,
    PolicyBlockedError,
    Severity,
    blocking,
)
from safedesk.core.policy.settings import (
    DEFAULT_CONTEXT,
    DEFAULT_SETTINGS,
    ElectionPeriod,
    PolicyContext,
    PolicySettings,
    RuleLevel,
)

__all__ = ["DEFAULT_CONTEXT", "DEFAULT_SETTINGS", "RULES", "ElectionPeriod", "FieldKind",
           "FieldRef", "Finding", "PolicyBlockedError", "PolicyContext", "PolicySettings",
           "RuleLevel", "Severity", "blocking", "check_content", "check_no_blocks",
           "unlifted_blocks"]
