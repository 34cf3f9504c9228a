"""How each pane looks. Colour is never the only cue: the label, the icon, the border weight and
the band's stripe pattern differ too, and every text colour meets WCAG AA on its background.

The defaults are dark blue (personal) and dark orange (official): a pair that stays distinct for
the common forms of colour blindness, and that carries white text above 4.5:1.
"""

from __future__ import annotations

from dataclasses import dataclass

from safedesk.core.contrast import contrast_ratio, meets_aa
from safedesk.core.models import Pane


@dataclass(frozen=True, slots=True)
class PaneStyle:
    pane: Pane
    title: str
    subtitle: str
    icon: str
    band_colour: str
    band_text_colour: str
    border_width: int
    striped: bool
    empty_text: str

    def problems(self) -> list[str]:
        """Every way this style falls short of WCAG AA; empty when it is fine."""
        ratio = contrast_ratio(self.band_text_colour, self.band_colour)
        if meets_aa(self.band_text_colour, self.band_colour):
            return []
        return [f"{self.title} band text contrast is {ratio:.1f}:1; it needs at least 4.5:1."]


PERSONAL_STYLE = PaneStyle(
    pane=Pane.PERSONAL,
    title="Personal",
    subtitle="Your own accounts. Posts go out when you press Post.",
    icon="personal.svg",
    band_colour="#1d4f91",
    band_text_colour="#ffffff",
    border_width=2,
    striped=False,
    empty_text="No personal accounts yet",
)

OFFICIAL_STYLE = PaneStyle(
    pane=Pane.OFFICIAL,
    title="Official",
    subtitle="Organisation accounts. Every post needs a second person's approval.",
    icon="official.svg",
    band_colour="#8f3f00",
    band_text_colour="#ffffff",
    border_width=6,
    striped=True,
    empty_text="No official accounts yet — official posts need a second person to approve them",
)


def style_for(pane: Pane) -> PaneStyle:
    return PERSONAL_STYLE if pane is Pane.PERSONAL else OFFICIAL_STYLE
