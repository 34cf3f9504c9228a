"""Takahē measures a status as ``len(status)``: code points of the text alone, links and mentions
in full, though its instance document says 23 characters a link, as Mastodon's does. Known by the
version it announces, an account there is measured that way, so a post that would be refused is
said to be too long before it is sent, and a thread is split into parts the server accepts,
never half sent. The Mastodon test server acts as Takahē (``length_in_code_points``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from safedesk.core.counting import check_mastodon
from safedesk.core.models import LengthRule, ServerLimits
from safedesk.platforms.mastodon_common import limits_from_instance
from safedesk.storage import codec
from tests.cli_support import Run, needs_secret_service, with_admin
from tests.servers.mastodon_quirks import ServerQuirks
from tests.servers.mastodon_server import MastodonTestServer

LINK = "https://www.example.gov.uk/bins/collections/" + "spring-changes-2027/" * 4
FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467"  # one grapheme, five code points


@pytest.mark.parametrize(("version", "rule"), [
    ("takahe/0.11.0", LengthRule.CODE_POINTS),
    ("4.2.0 (compatible; Takahe 0.11.0)", LengthRule.CODE_POINTS),
    ("4.4.3", LengthRule.MASTODON),
    ("2.7.2 (compatible; Pleroma 2.6.0)", LengthRule.MASTODON),
])
def test_the_rule_comes_from_the_version_the_server_announces(version: str,
                                                              rule: LengthRule) -> None:
    doc = {"version": version, "configuration": {"statuses": {
        "max_characters": 500, "characters_reserved_per_url": 23}}}
    assert limits_from_instance(doc).length_rule is rule


def test_code_points_count_links_and_emoji_in_full_and_no_content_warning() -> None:
    text = f"Bins {LINK} {FAMILY} @jo@example.social"
    takahe = check_mastodon(text, "Bins", rule=LengthRule.CODE_POINTS)
    mastodon = check_mastodon(text, "Bins")
    assert takahe.headline.used == len(text)
    assert mastodon.headline.used == len("Bins ") + 23 + len(" x @jo") + len("Bins")
    assert takahe.headline.used > mastodon.headline.used


def test_the_rule_is_kept_with_the_account_and_older_rows_read_as_mastodons() -> None:
    limits = ServerLimits(max_characters=500, length_rule=LengthRule.CODE_POINTS)
    assert codec.limits_from(codec.limits_json(limits)) == limits
    assert json.loads(codec.limits_json(ServerLimits())) == {
        "max_characters": 500, "url_weight": 23, "max_images": 4}  # as rows have always been
    assert codec.limits_from('{"max_characters": 500, "url_weight": 23, "max_images": 4}') \
        == ServerLimits()


@pytest.fixture
def takahe() -> Iterator[MastodonTestServer]:
    quirks = ServerQuirks(length_in_code_points=True, url_style="takahe")
    with MastodonTestServer(version="takahe/0.11.0", quirks=quirks) as server:
        yield server


@needs_secret_service
def test_check_says_too_long_and_a_thread_goes_out_whole(
        takahe: MastodonTestServer, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run: Run = with_admin(data_dir, capsys, monkeypatch)
    code, _, err = run("accounts", "add", "--pane", "personal", "--platform", "mastodon",
                       "--server", takahe.url, "--token-stdin",
                       stdin=takahe.create_user("ada") + "\n")
    assert code == 0, err
    [account] = json.loads(run("accounts", "list", "--json")[1])
    # Fits as Mastodon counts it (23 for the link), not as Takahē does.
    text = "Bin day moves. " * 27 + LINK
    assert len(text) > 500 and check_mastodon(text).ok
    code, out, _ = run("check", "--account", account["id"], "--json", "--text", text)
    assert code == 2
    [checked] = json.loads(out)
    assert checked["ok"] is False
    assert checked["measures"][0]["used"] == len(text)

    code, _, err = run("post", "--account", account["id"], "--text", text, "--thread")
    assert code == 0, err
    parts = [s["text"] for s in takahe.statuses_for("ada")]
    assert len(parts) == 2 and all(len(part) <= 500 for part in parts)
    assert LINK in parts[1]
    assert not any(r.status == 400 for r in takahe.requests)
