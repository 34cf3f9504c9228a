"""Render the README's screenshots from the real app on a real X server (Xvfb).

Run through scripts/screenshot.sh, which starts Xvfb. Each scene builds a fresh data folder,
signs accounts in against the Mastodon test server (so publishing really happens), shows the
real main window, and grabs the whole X screen.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from safedesk.app import SafeDesk, Settings, build, load_managed
from safedesk.core.models import Content, Pane, Platform, Role, ShareKind
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.language import WindowLanguage
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.queue_panel import QueuePanel
from safedesk.gui.tasks import ThreadPoolRunner
from safedesk.i18n.languages import ENGLISH, LANG_VARIABLE
from safedesk.platforms.mastodon_signin import sign_in_with_token
from safedesk.services.signin import mastodon_account
from tests.link_pages import PageServer
from tests.servers.fake_credentials import MemoryCredentials
from tests.servers.mastodon_server import MastodonTestServer

OUT = ROOT / "docs" / "screenshots"
# Names of the screenshots to make (e.g. `... screenshots.py override`); none: every one.
ONLY = frozenset(sys.argv[1:])
WIDTH, HEIGHT = 1280, 860


def settle(seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


# Council laptops, in logical pixels (what Qt lays out): the desk must fit each (issue 13).
SCREEN_SIZES = {
    "size-1024x600": (1024, 600),
    "size-1280x720": (1280, 720),
    "size-1366x768-at-125": (1093, 614),
    "size-1366x768-at-150": (911, 512),
    "size-half-of-1920x1080-at-125": (768, 814),
}


def shoot(window: MainWindow, name: str, size: tuple[int, int] = (WIDTH, HEIGHT),
          shown: Callable[[MainWindow], None] | None = None) -> None:
    width, height = size
    window.setGeometry(0, 0, width, height)
    window.show()
    window.raise_()
    window.activateWindow()  # no window manager on Xvfb: keys reach the window only when asked
    settle()
    if shown is not None:  # what must happen in the active window (a popup closes otherwise)
        shown(window)
        settle(1.5)
    screen = QApplication.primaryScreen()
    path = OUT / f"{name}.png"
    screen.grabWindow(0).copy(0, 0, width, height).save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def scene(server: MastodonTestServer, name: str,
          setup: Callable[[SafeDesk, MastodonTestServer], None],
          act: Callable[[MainWindow, SafeDesk], None] | None = None,
          size: tuple[int, int] = (WIDTH, HEIGHT),
          shown: Callable[[MainWindow], None] | None = None, lang: str = "en_GB",
          managed: str = "") -> None:
    if ONLY and name not in ONLY:
        return
    os.environ[LANG_VARIABLE] = lang
    try:
        _scene(server, name, setup, act, size, shown, managed)
    finally:
        WindowLanguage().install(ENGLISH)


def _scene(server: MastodonTestServer, name: str,
           setup: Callable[[SafeDesk, MastodonTestServer], None],
           act: Callable[[MainWindow, SafeDesk], None] | None,
           size: tuple[int, int], shown: Callable[[MainWindow], None] | None,
           managed: str = "") -> None:
    with tempfile.TemporaryDirectory() as folder:
        # IT's managed file, as /etc/safedesk/managed.toml would give it (docs/DEPLOY.md).
        it_file = Path(folder) / "managed.toml"
        it_file.write_text(managed, encoding="utf-8")
        app = build(Settings(Path(folder) / "data"), credentials=MemoryCredentials(),
                    managed=load_managed([it_file] if managed else []))
        person = app.people.add("Jo Bloggs", Role.ADMIN, "demo passphrase")
        app.people.add("Sam Okafor", Role.APPROVER, "demo passphrase", added_by=person)
        setup(app, server)
        runner = ThreadPoolRunner()
        window = open_main_window(app, person, runner)
        if act is not None:
            act(window, app)
        settle(1.5)
        runner.wait()
        settle()
        shoot(window, name, size, shown)
        window.close()
        app.close()


def signed_in(app: SafeDesk, server: MastodonTestServer, pane: Pane, user: str) -> str:
    token = server.create_user(user)
    identity = sign_in_with_token(server.url, token)
    person = app.people.list()[0]
    return app.signin.add(pane, mastodon_account(identity), person).id


def two_per_pane(app: SafeDesk, server: MastodonTestServer) -> None:
    signed_in(app, server, Pane.PERSONAL, "jo")
    app.accounts.register(Pane.PERSONAL, Platform.BLUESKY, "https://bsky.social",
                          "jo-bloggs.bsky.social", "Jo", owner=app.people.list()[0])
    signed_in(app, server, Pane.OFFICIAL, "rivertoncouncil")
    app.accounts.register(Pane.OFFICIAL, Platform.BLUESKY, "https://bsky.social",
                          "riverton.gov.uk", "Riverton Council")


def nothing(_app: SafeDesk, _server: MastodonTestServer) -> None:
    return


def over_limit(window: MainWindow, app: SafeDesk) -> None:
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([a.id for a in app.accounts.list(Pane.OFFICIAL)])
    compose.text.setPlainText(
        "Riverton Council: bin collections this week. " * 8
        + "Full details and the new calendar: https://www.riverton.gov.uk/bins/calendar-2027")
    compose.text.setFocus()


def welsh_post(window: MainWindow, app: SafeDesk) -> None:
    """A Welsh-speaking officer's notice in the official box, to every official account."""
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([a.id for a in app.accounts.list(Pane.OFFICIAL)])
    compose.language.setCurrentIndex(max(compose.language.findData("cy"), 0))
    compose.text.setPlainText(
        "Bydd Heol y Frenhines ar gau rhwng 9yb a 5yh ddydd Gwener ar gyfer gwaith ar y "
        "ffordd. Mae\u2019r gwasanaeth bws 12 yn mynd ar hyd Stryd y Bont. Diolch am eich "
        "amynedd. https://www.riverton.gov.uk/ffyrdd")
    compose.text.setFocus()


def pair_post(window: MainWindow, app: SafeDesk) -> None:
    """A bilingual notice in the official box: Welsh first, its English below, to every official
    account; each language counted against each account."""
    welsh_post(window, app)
    compose = window.panes[Pane.OFFICIAL].compose
    compose.pair.toggle.setChecked(True)
    compose.pair.text.setPlainText(
        "Queen Street will be closed between 9am and 5pm on Friday for roadworks. The number 12 "
        "bus will run along Bridge Street. Thank you for your patience. "
        "https://www.riverton.gov.uk/roads")
    compose.pair.text.setFocus()


def pair_in_view(window: MainWindow) -> None:
    """The official page scrolled to the second language, the first still in sight above it."""
    compose = window.panes[Pane.OFFICIAL].compose
    in_view(compose.counts)
    in_view(compose.text, margin=4)


def partial_failure(window: MainWindow, app: SafeDesk) -> None:
    server = SERVERS[0]
    server.fail_next("POST", "/api/v1/statuses", 503)
    compose = window.panes[Pane.PERSONAL].compose
    mastodon_ids = [a.id for a in app.accounts.list(Pane.PERSONAL)
                    if a.platform is Platform.MASTODON]
    compose.set_targets(mastodon_ids)
    compose.text.setPlainText("Lovely evening at the Riverton library reading group \U0001f4da")
    compose.text.setFocus()
    compose.send()


def unknown_outcome(window: MainWindow, app: SafeDesk) -> None:
    """The server's answer is lost and the post is not there yet: SafeDesk will not send it
    again blind, and says what can be done."""
    server = SERVERS[0]
    server.malformed_next("POST", "/api/v1/statuses", commit=False)
    compose = window.panes[Pane.PERSONAL].compose
    compose.set_targets([a.id for a in app.accounts.list(Pane.PERSONAL)
                         if a.platform is Platform.MASTODON][:1])
    compose.text.setPlainText("Road closed on Mill Lane until Friday, diversion via Church St.")
    compose.send()


def everyday_tools(window: MainWindow, app: SafeDesk) -> None:
    """A misspelling underlined and a link's card (personal); a long post split into a numbered
    thread, each part shown per platform (official)."""
    personal = window.panes[Pane.PERSONAL].compose
    personal.set_targets([a.id for a in app.accounts.list(Pane.PERSONAL)])
    link = PAGES[0].add_card_page("/events/reading-group", "Riverton library reading group",
                                  "Every Thursday at 7pm: this month, The Mill on the Floss.",
                                  picture=PAGES[0].picture((240, 126)))
    personal.text.setPlainText(f"Lovley evening at the Riverton libary reading group. {link}")
    official = window.panes[Pane.OFFICIAL].compose
    official.set_targets([a.id for a in app.accounts.list(Pane.OFFICIAL)])
    official.text.setPlainText(
        "Bin collections move this week because of the bank holiday. Monday's collections "
        "will be on Tuesday, Tuesday's on Wednesday, and so on to Saturday. Garden waste "
        "collections are not affected. Please put your bins out by 7am on your new day, with "
        "the lids closed. Recycling centres open as usual. Full details and the calendar: "
        "https://www.riverton.gov.uk/bins")
    settle(0.5)
    official.thread_editor.split()
    official.render_preview()
    personal.text.setFocus()


def personal_schedule(window: MainWindow, app: SafeDesk) -> None:
    """A personal post with a time: its button says when; one more waits under Scheduled; the
    official box has a mention begun (see ``offer_mentions``)."""
    from datetime import timedelta  # noqa: PLC0415 - this scene only

    person = app.people.list()[0]
    jo = [a.id for a in app.accounts.list(Pane.PERSONAL) if a.platform is Platform.MASTODON]
    later = app.clock.now().replace(hour=18, minute=0, second=0, microsecond=0) + \
        timedelta(days=1)
    waiting = app.drafts.create(person, Pane.PERSONAL, Content(
        "Off to the coast for the weekend \U0001f30a", tuple(jo), schedule_at=later))
    app.drafts.schedule(waiting.id, person)
    personal = window.panes[Pane.PERSONAL].compose
    personal.set_targets(jo)
    personal.text.setPlainText("Reading group tonight at 7: bring a friend!")
    personal.schedule.set_value(later - timedelta(hours=2))
    official = window.panes[Pane.OFFICIAL].compose
    official.set_targets([a.id for a in app.accounts.list(Pane.OFFICIAL)
                          if a.platform is Platform.MASTODON])
    official.text.setPlainText("Thank you to the volunteers of @riv")


def offer_mentions(window: MainWindow) -> None:
    """The official box asks its server who "@riv" may be, as typing pauses."""
    text = window.panes[Pane.OFFICIAL].compose.text
    text.setFocus()
    cursor = text.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    text.setTextCursor(cursor)
    window.panes[Pane.OFFICIAL].compose.completion.ask()


def with_policy(app: SafeDesk, server: MastodonTestServer) -> None:
    """Two accounts a pane, and the council's policy as an admin sets it: its names, handles
    and hashtags, the parties and phrases it watches, a local election period (today is in it)
    with its candidates, and the hashtag rule raised to a block."""
    from datetime import timedelta  # noqa: PLC0415 - the policy scenes only

    from safedesk.core.policy.settings import RuleLevel, election_period, settings_of  # noqa: PLC0415

    two_per_pane(app, server)
    today = app.clock.now().astimezone().date()
    admin = app.people.list()[0]
    app.policy.save(admin, settings_of(
        names=["Riverton Council", "Cyngor Riverton"], handles=["@rivertoncouncil"],
        hashtags=["#Riverton", "#RivertonBins"],
        political_terms=["Labour", "Conservative", "Liberal Democrats", "Green Party",
                         "vote for"],
        periods=[election_period("Riverton local elections", today - timedelta(days=20),
                                 today + timedelta(days=16), ["Alex Morgan", "Priya Shah"])],
        levels={"hashtags": RuleLevel.BLOCK}), app.policy.current().version)


def queue_tab(window: MainWindow, _app: SafeDesk) -> None:
    """The official pane's Queue tab in front."""
    pane = window.panes[Pane.OFFICIAL]
    if pane.queue is None:
        raise SystemExit("the queue is not shown to the admin")
    pane.tabs.setCurrentWidget(pane.queue)


def until(done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the event loop run until ``done`` (a read off the GUI thread has arrived)."""
    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            raise SystemExit("the window did not show what the scene waits for")
        settle(0.1)


def placed(dialog: QDialog, width: int, height: int | None = None) -> None:
    """No window manager on Xvfb: the dialog is sized (``height`` None: as tall as its
    contents ask) and put where the screen shot sees all of it, over the window."""
    hint = dialog.sizeHint()
    width = max(width, hint.width())
    layout = dialog.layout()
    # Wrapped labels take fewer lines when wider: the height the contents need at this width.
    needed = layout.totalHeightForWidth(width) if layout is not None and \
        layout.hasHeightForWidth() else hint.height()
    dialog.resize(width, min(HEIGHT - 8, height or needed))
    dialog.move(max(0, (WIDTH - dialog.width()) // 2), max(0, (HEIGHT - dialog.height()) // 2))
    dialog.raise_()
    dialog.activateWindow()


def in_view(widget: QWidget, margin: int = 60) -> None:
    """Scroll the page that holds ``widget`` until it is in sight."""
    holder = widget.parentWidget()
    while holder is not None and not isinstance(holder, QScrollArea):
        holder = holder.parentWidget()
    if holder is not None:
        holder.ensureWidgetVisible(widget, 0, margin)


def open_policy_settings(window: MainWindow) -> None:
    """Settings, Policy as the admin sees it (Jo is the admin): editable."""
    dialog = window.open_settings()
    dialog.sections.setCurrentWidget(dialog.policy_page)
    until(lambda: dialog.policy_page.base is not None)
    placed(dialog, 1000, HEIGHT)
    in_view(dialog.policy_page.levels["hashtags"])  # the level set, with the lists above it


# What a council's IT department might lock (docs/DEPLOY.md's example, shortened).
IT_LOCKS = """
[locked]
colours.official = "#9b1b30"
language.posts = "cy"
policy.political_terms = ["Plaid Tref", "Tref Labour", "Vote for"]
policy.rule_levels = { links = "block" }
"""


def open_locked_colours(window: MainWindow) -> None:
    """Settings, Pane colours on a desk where IT locked the official pane's colour."""
    dialog = window.open_settings()
    dialog.sections.setCurrentWidget(dialog.colours_page)
    placed(dialog, 900, 620)


def open_about(window: MainWindow) -> None:
    """Help, About SafeDesk: the version, licence, data folder and what it runs on."""
    placed(window.open_about(), 620, 590)


WATCHED_POST = ("Polling stations are open 7am to 10pm on Thursday. Alex Morgan (Labour) and "
                "Priya Shah (Green Party) are standing in Mill ward: see the full list of "
                "candidates at https://www.riverton.gov.uk/elections")


def official_finding_post(app: SafeDesk, server: MastodonTestServer) -> None:
    """Sam wrote an official post naming candidates in the election period and submitted it:
    only an approver's written reason lets it through."""
    with_policy(app, server)
    sam = next(p for p in app.people.list() if p.name == "Sam Okafor")
    targets = tuple(a.id for a in app.accounts.list(Pane.OFFICIAL))
    draft = app.drafts.create(sam, Pane.OFFICIAL, Content(WATCHED_POST, targets))
    app.drafts.submit(draft.id, sam)


def approving_first(window: MainWindow,
                    ready: Callable[[QueuePanel], bool] = lambda _panel: True) -> DecideDialog:
    """Jo (an admin, so an approver) opens the first waiting post, once ``ready``, and its
    approve dialog, with the passphrase typed."""
    panel = window.panes[Pane.OFFICIAL].queue
    if panel is None:
        raise SystemExit("the queue is not shown to the admin")
    until(lambda: panel.list.count() > 0)
    panel.list.setCurrentRow(0)
    until(lambda: panel.shown is not None and panel.can_decide and ready(panel))
    dialog = panel.approve()
    if dialog is None:
        raise SystemExit("the approve dialog did not open")
    dialog.passphrase.setText("demo passphrase")
    return dialog


def open_override(window: MainWindow) -> None:
    """Jo opens the post and its approve dialog, and writes why."""
    dialog = approving_first(window)
    dialog.override_reason.setPlainText(
        "A factual notice of the candidates in Mill ward, as published by the returning "
        "officer; agreed with the elections team.")
    placed(dialog, 820)


def compose_findings(window: MainWindow, app: SafeDesk) -> None:
    """The official box with findings underlined and listed: a party and a candidate in the
    election period (an approver must override), an unclear hashtag, a plain http link."""
    official = window.panes[Pane.OFFICIAL].compose
    official.set_targets([a.id for a in app.accounts.list(Pane.OFFICIAL)])
    official.text.setPlainText(
        "Damn, what a night! Vote for Priya Shah and the Green Party on Thursday #binday "
        "http://bit.ly/riverton-polls")
    personal = window.panes[Pane.PERSONAL].compose
    personal.set_targets([a.id for a in app.accounts.list(Pane.PERSONAL)])
    personal.text.setPlainText("The council will close Mill Lane on Friday, I think.")
    official.text.setFocus()


def findings_in_view(window: MainWindow) -> None:
    """The official page scrolled to its findings list (under the counts), with the text and
    its underlined findings still in sight above it."""
    compose = window.panes[Pane.OFFICIAL].compose
    in_view(compose.findings)
    in_view(compose.text, margin=4)


def two_personal_mastodon(app: SafeDesk, server: MastodonTestServer) -> None:
    signed_in(app, server, Pane.PERSONAL, "jo")
    signed_in(app, server, Pane.PERSONAL, "jo_books")
    signed_in(app, server, Pane.OFFICIAL, "rivertoncouncil")


SERVERS: list[MastodonTestServer] = []
PAGES: list[PageServer] = []


def team_approver() -> None:
    """Sam's desk on a team server (a real PostgreSQL), with two posts Jo submitted from hers."""
    from datetime import UTC, datetime  # noqa: PLC0415 - this scene only

    from safedesk.core.models import Account, Content  # noqa: PLC0415
    from safedesk.core.ports import SystemClock  # noqa: PLC0415
    from safedesk.core.workflow import PendingEvent  # noqa: PLC0415
    from safedesk.gui.team_feed import team_person  # noqa: PLC0415
    from safedesk.services.drafts import DraftService  # noqa: PLC0415
    from safedesk.team import join  # noqa: PLC0415
    from tests.pg_fixtures import PgDatabase  # noqa: PLC0415
    from tests.pg_server import PostgresServer  # noqa: PLC0415
    from tests.team_support import make_team  # noqa: PLC0415

    with PostgresServer() as pg, tempfile.TemporaryDirectory() as folder:
        pg.create_database("council")
        team = make_team(PgDatabase(pg, "council"))
        account = Account(id="council-mastodon", pane=Pane.OFFICIAL, platform=Platform.MASTODON,
                          server="https://social.example.gov.uk", handle="council",
                          display_name="Example Council", created_at=datetime.now(UTC))
        team.store("Pub").add_account(account, PendingEvent("", "account.add", account.id, {}))
        jo_store = team.store("Jo")
        jo = jo_store.get_person(jo_store.whoami().person_id)
        drafts = DraftService(jo_store, SystemClock())
        for text in ("The recycling centre on Mill Lane is closed on Saturday for repairs.",
                     "Bin collections move to Tuesday this week because of the bank holiday."):
            drafts.submit(drafts.create(jo, Pane.OFFICIAL, Content(text, (account.id,))).id, jo)
        credentials = MemoryCredentials()
        config, _ = join.parse_url(team.url("Sam"))
        join.save(Path(folder), config, team.passwords["Sam"], credentials)
        app = build(Settings(Path(folder)), credentials=credentials)
        person = team_person(app)
        if person is None:
            raise SystemExit("the team desk did not open as Sam")
        runner = ThreadPoolRunner()
        window = open_main_window(app, person, runner)
        settle(2.0)
        runner.wait()
        settle()
        shoot(window, "team-approver")
        window.close()
        runner.wait()
        app.close()
        team.close()


FLOOD_URL = "https://fire.example/@riverton_fire/113456789012345678"
FLOOD_WARNING = ("Flood warning for the Riverton valley tonight: the river is expected to peak "
                 "around 2am. Move valuables upstairs and do not drive through flood water. "
                 "\U0001f30a")


def share_post(window: MainWindow, _app: SafeDesk) -> None:
    """The fire service's flood warning, another server's post, looked up in the official
    pane's "Share a post" box through the council's own server, to quote in the council's words."""
    flood_post_on_server()
    box = window.panes[Pane.OFFICIAL].share_box
    box.toggle.click()
    box.reader.setCurrentIndex(box.reader.findText("@rivertoncouncil", Qt.MatchFlag.MatchStartsWith))
    box.link.setText(FLOOD_URL)
    box.look_up()


def flood_map() -> bytes:
    """A map-like picture: fields, the river, and the flood zone shaded along it."""
    picture = Image.new("RGB", (640, 400), (196, 222, 170))
    draw = ImageDraw.Draw(picture)
    river = [(0, 250), (120, 220), (260, 260), (400, 200), (520, 230), (640, 190)]
    draw.line(river, fill=(230, 120, 120), width=70)  # the flood zone
    draw.line(river, fill=(60, 110, 200), width=18)  # the river
    for x, y in ((80, 90), (300, 110), (480, 80), (200, 340), (560, 330)):
        draw.rectangle((x, y, x + 36, y + 24), fill=(120, 110, 100))  # houses
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def flood_post_on_server() -> None:
    SERVERS[0].add_remote_status(
        FLOOD_URL, "riverton_fire@fire.example", FLOOD_WARNING,
        uri="https://fire.example/users/riverton_fire/statuses/113456789012345678",
        media=[("https://fire.example/m/valley.png",
                "Map of the Riverton valley with the flood zone shaded along the river")])
    SERVERS[0].set_remote_media_bytes("https://fire.example/m/valley.png", flood_map())


def flood_quote_submitted(app: SafeDesk, server: MastodonTestServer) -> None:
    """Sam quoted the fire service's flood warning from the council's Mastodon account: it waits
    for an approver."""
    two_per_pane(app, server)
    flood_post_on_server()
    sam = next(p for p in app.people.list() if p.name == "Sam Okafor")
    council = next(a for a in app.accounts.list(Pane.OFFICIAL) if a.platform is Platform.MASTODON)
    post = app.sharing.read(FLOOD_URL, council.id, sam)
    app.sharing.share(post, ShareKind.QUOTE, [council.id], sam, Pane.OFFICIAL,
                      quote="Please read the fire service's warning if you live near the river.")


def open_share_decision(window: MainWindow) -> None:
    """Jo opens the quote and its approve dialog once the shared post's picture has arrived:
    it is in both, above its alt text."""
    approving_first(window, lambda panel: "fetching it to show it" not in
                    panel.detail.toPlainText())


def share_in_view(window: MainWindow) -> None:
    box = window.panes[Pane.OFFICIAL].share_box
    until(lambda: box.post is not None)
    until(lambda: bool(box.pictures.labels) and not box.pictures.labels[0].pixmap().isNull())
    box.quote.click()
    box.quote_text.setPlainText("Please read and share the fire service's warning if you live "
                                "near the river tonight.")
    pane = window.panes[Pane.OFFICIAL]
    settle()
    pane.compose_scroll.ensureWidgetVisible(box.share_button, 0, 20)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    qt = QApplication(sys.argv)
    qt.setApplicationName("SafeDesk")
    OUT.mkdir(parents=True, exist_ok=True)
    with MastodonTestServer() as server, tempfile.TemporaryDirectory() as folder, \
            PageServer(Path(folder)) as pages:
        SERVERS.append(server)
        PAGES.append(pages)
        for name in ("riverton_volunteers", "riverside_friends", "rivertonlibrary"):
            server.create_user(name)
        scene(server, "desk-empty", nothing)
        scene(server, "desk-accounts", two_per_pane)
        scene(server, "compose-over-limit", two_per_pane, over_limit)
        scene(server, "partial-failure", two_personal_mastodon, partial_failure)
        scene(server, "unknown-outcome", two_personal_mastodon, unknown_outcome)
        scene(server, "everyday-tools", two_per_pane, everyday_tools)
        scene(server, "personal-schedule", two_per_pane, personal_schedule,
              shown=offer_mentions)
        scene(server, "policy-settings", with_policy, shown=open_policy_settings)
        scene(server, "override", official_finding_post, queue_tab, shown=open_override)
        scene(server, "compose-findings", with_policy, compose_findings,
              shown=findings_in_view)
        scene(server, "desk-welsh", two_per_pane, welsh_post, lang="cy")
        scene(server, "pair-compose", two_per_pane, pair_post, shown=pair_in_view)
        scene(server, "override-welsh", official_finding_post, queue_tab, shown=open_override,
              lang="cy")
        scene(server, "share", two_per_pane, share_post, shown=share_in_view)
        scene(server, "share-approve", flood_quote_submitted, queue_tab,
              shown=open_share_decision)
        scene(server, "about", nothing, shown=open_about)
        scene(server, "managed-settings", nothing, shown=open_locked_colours, managed=IT_LOCKS)
        for name, size in SCREEN_SIZES.items():
            scene(server, name, two_per_pane, over_limit, size)
    if not ONLY or "team-approver" in ONLY:
        team_approver()
    qt.quit()


if __name__ == "__main__":
    main()
