"""The pure colour rules behind the pane colours: which text goes on a band, when a colour is
refused for contrast, and when two pane colours are too alike (also for colour-blind people)."""

from __future__ import annotations

import pytest

from safedesk.core.contrast import (
    MIN_PANE_DIFFERENCE,
    NEAR_BLACK,
    WHITE,
    Vision,
    best_text_colour,
    best_text_contrast,
    closest_difference,
    contrast_ratio,
    delta_e76,
    most_contrasting,
    normalise_hex,
    to_lab,
)

PERSONAL_DEFAULT, OFFICIAL_DEFAULT = "#1d4f91", "#8f3f00"


def test_white_text_goes_on_the_default_dark_bands() -> None:
    for band in (PERSONAL_DEFAULT, OFFICIAL_DEFAULT):
        assert best_text_colour(band) == WHITE
        assert best_text_contrast(band) > 7


def test_near_black_text_goes_on_light_bands() -> None:
    # Pale yellow is no contrast problem: near-black text on it reads at about 16:1.
    assert best_text_colour("#ffff66") == NEAR_BLACK
    assert best_text_contrast("#ffff66") == pytest.approx(16.4, abs=0.1)


@pytest.mark.parametrize("colour", ["#808080", "#e0457b", "#2e8b57"])
def test_mid_tones_carry_neither_text_colour_at_aa(colour: str) -> None:
    assert contrast_ratio(WHITE, colour) < 4.5
    assert contrast_ratio(NEAR_BLACK, colour) < 4.5
    assert best_text_contrast(colour) < 4.5


def test_the_best_text_colour_is_never_worse_than_the_other() -> None:
    for value in range(0, 256, 5):
        colour = f"#{value:02x}{255 - value:02x}{(value * 7) % 256:02x}"
        best = best_text_contrast(colour)
        assert best >= contrast_ratio(WHITE, colour)
        assert best >= contrast_ratio(NEAR_BLACK, colour)


def test_most_contrasting_prefers_the_first_on_a_tie_and_needs_a_candidate() -> None:
    assert most_contrasting("#000000", ("#ffffff", "#ffffff")) == "#ffffff"
    with pytest.raises(ValueError, match="no candidate"):
        most_contrasting("#000000", ())


def test_hex_is_normalised_to_lower_case_six_digits() -> None:
    assert normalise_hex("#ABC") == "#aabbcc"
    assert normalise_hex(" 1D4F91 ") == "#1d4f91"
    with pytest.raises(ValueError, match="#rrggbb"):
        normalise_hex("blue")


def test_lab_of_white_and_black() -> None:
    assert to_lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.05)
    assert to_lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=0.05)
    assert delta_e76("#ffffff", "#000000") == pytest.approx(100.0, abs=0.05)


@pytest.mark.parametrize("vision", list(Vision))
def test_simulated_vision_leaves_greys_alone(vision: Vision) -> None:
    for grey in ("#000000", "#808080", "#ffffff"):
        assert to_lab(grey, vision) == pytest.approx(to_lab(grey), abs=0.5)


def test_the_default_pair_is_distinct_for_every_vision() -> None:
    vision, difference = closest_difference(PERSONAL_DEFAULT, OFFICIAL_DEFAULT)
    assert difference > 3 * MIN_PANE_DIFFERENCE
    assert vision in set(Vision)


def test_a_pair_only_colour_blind_people_confuse_is_not_distinct() -> None:
    # Purple next to the personal blue: clearly different with typical vision, nearly the same
    # colour for someone with deuteranopia.
    assert delta_e76("#5b2c83", PERSONAL_DEFAULT) > MIN_PANE_DIFFERENCE
    vision, difference = closest_difference("#5b2c83", PERSONAL_DEFAULT)
    assert vision is Vision.DEUTERANOPIA
    assert difference < MIN_PANE_DIFFERENCE


def test_pure_red_next_to_the_official_brown_is_too_close_for_protanopes() -> None:
    vision, difference = closest_difference("#d00000", OFFICIAL_DEFAULT)
    assert vision is Vision.PROTANOPIA
    assert difference < 2


def test_a_near_copy_is_not_distinct() -> None:
    assert delta_e76("#2a5a9a", PERSONAL_DEFAULT) < MIN_PANE_DIFFERENCE
    assert closest_difference("#2a5a9a", PERSONAL_DEFAULT)[1] < MIN_PANE_DIFFERENCE
