"""Pytest fixtures for the reference Bluesky PDS. Load with

    pytest_plugins = ["tests.servers.pds_fixture"]

in tests/conftest.py. The installation is cached in ``$SAFEDESK_CACHE/pds`` (or ``<repo>/.cache/pds``);
each fixture starts its servers once per session and only when a test asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers.pds_harness import (
    PdsInstall,
    PdsServer,
    default_pds_cache_dir,
    ensure_pds_installed,
)


@pytest.fixture(scope="session")
def pds_install() -> PdsInstall:
    """Node 22 and @atproto/dev-env, installed on first use (a minute or more), then reused."""
    return ensure_pds_installed(default_pds_cache_dir())


@pytest.fixture(scope="session")
def pds(pds_install: PdsInstall) -> Iterator[PdsServer]:
    """A PLC directory and the reference PDS on 127.0.0.1, without rate limits."""
    with PdsServer(pds_install) as server:
        yield server


@pytest.fixture(scope="session")
def pds_rate_limited(pds_install: PdsInstall) -> Iterator[PdsServer]:
    """A second, separate PDS with the production rate limits on (for 429 responses)."""
    with PdsServer(pds_install, rate_limits=True) as server:
        yield server
