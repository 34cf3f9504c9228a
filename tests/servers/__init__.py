"""Real servers (PDS, Mastodon, ...) that the tests run locally."""
