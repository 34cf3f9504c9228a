"""Team mode: the organisation's state on a shared PostgreSQL that enforces the rules, and
the publisher that alone holds the official credentials."""
