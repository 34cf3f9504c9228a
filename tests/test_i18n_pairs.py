"""Bilingual pairs speak Welsh: a pair's failure names its languages in Welsh, the preview's
account of how a pair goes out, and the command line's refusals of a bad pair style."""

from __future__ import annotations

from pathlib import Path

import pytest

from safedesk.core.pair_posts import PairPlan
from safedesk.core.pairs import LanguagePart, PairLayout
from safedesk.i18n.catalog import translator
from safedesk.i18n.languages import LANG_VARIABLE, WELSH
from safedesk.services.pair_publishing import pair_failure
from tests.cli_support import with_admin

CY = LanguagePart("cy", "Helo", "", ())
EN = LanguagePart("en", "Hello", "", ())


def test_a_pairs_failure_names_its_languages_in_welsh() -> None:
    words = translator(WELSH)
    assert pair_failure((CY, EN), 1, "503").render(words) == \
        "Mae\u2019r postiad Cymraeg allan; methodd y postiad Saesneg: 503"
    assert pair_failure((EN, CY), 0, "503").render(words) == \
        "Methodd y postiad Saesneg, felly ni anfonwyd y postiad Cymraeg chwaith: 503"
    assert str(pair_failure((CY, EN), 1, "503")) == \
        "The Welsh post is out; the English post failed: 503"


def test_how_a_pair_goes_out_is_said_in_welsh() -> None:
    words = translator(WELSH)
    fell_back = PairPlan(PairLayout.TWO_POSTS, (CY, EN), fell_back=True)
    assert fell_back.note().render(words) == \
        "dau bostiad, Cymraeg yn gyntaf: nid yw\u2019r ddwy iaith yn ffitio mewn un postiad yma"
    assert PairPlan(PairLayout.ONE_POST, (EN,)).note().render(words) == \
        "un postiad sy\u2019n dal y ddwy iaith, Saesneg yn gyntaf"


def test_a_bad_pair_style_is_refused_in_welsh(data_dir: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    run = with_admin(data_dir, capsys, monkeypatch)
    monkeypatch.setenv(LANG_VARIABLE, "cy")
    code, _, err = run("policy", "pair-style", "any", "--layout", "sideways", "--first", "cy")
    assert code == 2
    assert err == ("safedesk: Dydy “sideways” ddim yn ffordd o gyhoeddi pâr: dewiswch two_posts "
                   "neu one_post.\n")
    code, _, err = run("policy", "pair-style", "any", "--layout", "one_post", "--first", "fr")
    assert code == 2
    assert err == ("safedesk: Mae pâr yn dechrau gyda\u2019r Gymraeg (cy) neu\u2019r Saesneg (en), "
                   "nid “fr”.\n")
