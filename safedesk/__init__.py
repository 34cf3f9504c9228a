"""SafeDesk: post to Mastodon and Bluesky from personal and official accounts, kept apart."""

__version__ = "0.1.0"
