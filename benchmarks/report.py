"""The one table, and ``docs/performance.md`` with the date and the machine it was measured on."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.datasets import Manifest
from benchmarks.figures import TIMES, Figure, Goal

HEADER = ("figure", "goal", "measured", "anchor", "ratio", "at goal")


def amount(value: float, unit: str) -> str:
    if unit == TIMES:
        return f"{value:.2f}{TIMES}"
    if unit == "s":
        return f"{value:,.2f} s"
    digits = 1 if value < 100 else 0
    return f"{value:,.{digits}f} {unit}"


def goal_words(goal: Goal | None, unit: str) -> str:
    if goal is None:
        return "—"
    if goal.on == "ratio":
        return f"ratio ≤ {goal.limit:g}"
    if goal.on == "excess":
        return f"≤ anchor + {amount(goal.limit, unit)}"
    return f"≤ {amount(goal.limit, unit)}"


def row(figure: Figure) -> tuple[str, ...]:
    anchor, ratio, met = figure.anchor, figure.ratio, figure.at_goal
    return (figure.name, goal_words(figure.goal, figure.unit),
            amount(figure.measured, figure.unit),
            "—" if anchor is None else amount(anchor, figure.unit),
            "—" if ratio is None else f"{ratio:.2f}",
            "—" if met is None else "yes" if met else "**no**")


def table(figures: Sequence[Figure]) -> str:
    """A Markdown table: readable as it is printed, and rendered in docs/performance.md."""
    rows = [HEADER, *(row(f) for f in figures)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(HEADER), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *(line(r) for r in rows[1:])])


def notes(figures: Sequence[Figure]) -> str:
    anchors = dict.fromkeys(f.anchor_name for f in figures if f.anchor_name)
    lines = ["Anchors (measured in the same run, interleaved with the figure):"]
    lines += [f"- {name}" for name in anchors]
    detail = [f"- {f.name}: {f.note}" for f in figures if f.note]
    if detail:
        lines += ["", "Details:", *detail]
    return "\n".join(lines)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text("utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    from PySide6 import __version__ as pyside_version  # noqa: PLC0415 - only when reporting
    from PySide6.QtCore import qVersion  # noqa: PLC0415

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{cpu_model()}, {os.cpu_count()} cores, load average {load} at the start; "
            f"{platform.system()} {platform.release()}; Python {platform.python_version()}; "
            f"PySide6 {pyside_version} (Qt {qVersion()})")



def upgrade_note(manifest: Manifest) -> str:
    if manifest.upgraded_from is None:
        return ""
    return (f" (at schema {manifest.upgraded_from}; brought to {manifest.schema} by SafeDesk's "
            "migrations)")

def datasets_words(manifests: Sequence[Manifest]) -> str:
    lines = ["| drafts | publications | audit events | waiting | built in |", "|---|---|---|---|---|"]
    lines += [f"| {m.drafts:,} | {m.publications:,} | {m.events:,} | {m.waiting:,} | "
              f"{m.build_s:,.0f} s{upgrade_note(m)} |" for m in manifests]
    return "\n".join(lines)


def document(figures: Sequence[Figure], manifests: Sequence[Manifest], command: str,
             started: datetime, machine_words: str) -> str:
    return f"""# Performance

Measured by `{command}` on {started.astimezone(UTC):%Y-%m-%d %H:%M} UTC, on {machine_words}.
`benchmarks/README.md` says what each figure measures and how; a figure is the median of its
runs, next to an anchor measured in the same runs. The goals are issue 12's. A ratio is
measured ÷ anchor.

{table(figures)}

{notes(figures)}

The data sets, made through SafeDesk's own services (`benchmarks/datasets.py`):

{datasets_words(manifests)}
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
