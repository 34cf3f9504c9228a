"""``audit verify`` and the command line's names for roles, states and panes, in Welsh (issue 15):
the verdict, the broken link and every finding are said in Welsh with ``--lang cy``; ``--json``
and the English stay as they were recorded. What is recorded in the tables (a role, a state)
is quoted as the tables hold it inside a Welsh finding; roles, states and panes in the command
line's own sentences are Welsh words."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from safedesk.app import SafeDesk
from safedesk.cli.console import ExitCode
from safedesk.cli.main import main
from safedesk.core.counting import check_bluesky, check_mastodon
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, LinkCard, Pane
from safedesk.i18n.catalog import translator
from safedesk.i18n.languages import WELSH
from safedesk.services.link_cards import card_words
from safedesk.team.outbox import Waiting
from tests import test_audit_witness
from tests.conftest import Cast

Run = Callable[..., tuple[int, str, str]]
sql = test_audit_witness.sql  # a fixture: any statement on the file, as someone holding it


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """``safedesk --data-dir DIR ARGS``: exit code, standard output and error."""
    def command(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return command


def test_an_intact_trail_is_said_in_welsh(desk: SafeDesk, cast: Cast, run: Run) -> None:
    code, out, _ = run("--lang", "cy", "audit", "verify")
    assert code == ExitCode.OK
    checked = json.loads(run("audit", "verify", "--json")[1])["checked"]
    assert out.strip() == (
        f"Mae\u2019r trywydd archwilio\u2019n gyfan: {checked} digwyddiad, pob dolen wedi\u2019i "
        "gwirio. Mae\u2019r tablau\u2019n cytuno â\u2019r trywydd: mae pob cymeradwyaeth, rôl, "
        "cyfrif, drafft a chyhoeddiad yn cytuno ag ef.")
    code, out, _ = run("audit", "verify")
    assert out.strip() == (
        f"Audit trail intact: {checked} events, every link checked. The tables agree with the "
        "trail: every approval, role, account, draft and publication agrees with it.")


def test_findings_are_said_in_welsh_and_recorded_in_english(
        desk: SafeDesk, cast: Cast, run: Run, sql: Callable[..., None]) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content("Casglu biniau ddydd Llun", (cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    sql("INSERT INTO approvals (id, draft_id, approver_id, digest, approved_at) "
        "VALUES ('forged', ?, ?, ?, ?)", draft.id, cast.approver.id,
        content_digest(desk.drafts.get(draft.id).content), datetime.now(UTC).isoformat())
    sql("UPDATE drafts SET state = 'approved' WHERE id = ?", draft.id)

    code, _, err = run("--lang", "cy", "audit", "verify")
    assert code == ExitCode.AUDIT_BROKEN
    assert "Mae dolenni\u2019r trywydd archwilio\u2019n gyfan (" in err
    assert (f"- cymeradwyaeth y drafft {draft.id} gan Sam Approver: does dim digwyddiad "
            "sy\u2019n cyfateb") in err
    assert (f"- cyflwr y drafft {draft.id} yw approved ond submitted oedd y cyflwr a roddodd y "
            "trywydd iddo ddiwethaf") in err
    assert "approval of draft" not in err
    # --json and the English are as recorded.
    problems = [f["problem"] for f in json.loads(run("audit", "verify", "--json")[1])["findings"]]
    assert f"approval of draft {draft.id} by Sam Approver has no matching event" in problems
    assert any(p.startswith(f"draft {draft.id} is approved but the trail last made it submitted")
               for p in problems)


def test_a_broken_link_is_said_in_welsh(desk: SafeDesk, cast: Cast, run: Run,
                                        sql: Callable[..., None]) -> None:
    sql("DROP TRIGGER audit_events_no_update")
    sql("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 2")
    code, _, err = run("--lang", "cy", "audit", "verify")
    assert code == ExitCode.AUDIT_BROKEN
    assert ("Mae\u2019r trywydd archwilio WEDI TORRI yn nigwyddiad #2: cafodd ei gynnwys ei newid "
            "ar ôl ei gofnodi.") in err
    assert json.loads(run("audit", "verify", "--json")[1])["problem"] == \
        "its contents were changed after it was recorded."


def test_roles_states_and_panes_are_welsh_words_in_the_command_lines_sentences(
        desk: SafeDesk, cast: Cast, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEDESK_ADMIN_PASSPHRASE", "admin-passphrase")
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "a long enough passphrase")
    code, out, err = run("--lang", "cy", "people", "add", "Pat", "--role", "approver", "--as",
                         "Ada Admin")
    assert code == ExitCode.OK, err
    assert "Pat fel cymeradwywr" in out and "approver" not in out
    code, out, _ = run("--lang", "cy", "people", "list")
    assert "gweinyddwr" in out and "awdur" in out and " admin " not in out
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content("Casglu biniau", (cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    code, out, _ = run("--lang", "cy", "queue", "show", draft.id)
    assert f"Drafft {draft.id} (wedi\u2019i gyflwyno)" in out, out
    code, out, _ = run("queue", "show", draft.id)
    assert f"Draft {draft.id} (submitted)" in out


def test_counts_cards_and_the_waiting_words_say_themselves_in_welsh(desk: SafeDesk,
                                                                  cast: Cast) -> None:
    welsh = translator(WELSH)
    assert check_bluesky("a" * 297).message().render(welsh) == "3 nod ar ôl ar Bluesky."
    assert str(check_mastodon("a" * 501).message()) == \
        "Too long for Mastodon: 501 of 500 characters. Remove 1."
    assert check_mastodon("a" * 501).message().render(welsh) == \
        "Rhy hir i Mastodon: 501 o 500 nod. Tynnwch 1."
    card = LinkCard(url="https://www.example.gov.uk/bins", title="Biniau", description="",
                    thumbnail=None)
    assert str(card_words(card)) == "Biniau (www.example.gov.uk, no picture)"
    assert card_words(card).render(welsh) == "Biniau (www.example.gov.uk, dim llun)"
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content("Casglu biniau", (cast.council.id,)))
    assert Waiting(draft, submit=True, urgent=False).words.render(welsh) == \
        "heb ei gyflwyno eto: does dim modd cyrraedd gweinydd y tîm"
    refused = Waiting(draft, submit=True, urgent=False, last_error="offline")
    assert str(refused.words) == "not yet submitted: the team server refused it (offline)"
    assert refused.words.render(welsh) == \
        "heb ei gyflwyno eto: gwrthododd gweinydd y tîm ef (offline)"
