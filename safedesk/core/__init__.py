"""The pure core: domain values, rules, digest and audit chain. No Qt, network, database or keyring."""
