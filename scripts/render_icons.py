"""Render SafeDesk's icon set from ``resources/icons/safedesk.svg``.

Writes the PNGs the freedesktop hicolor theme wants (``resources/icons/hicolor/NxN/apps/<id>.png``),
a multi-size Windows ``safedesk.ico`` and a macOS ``safedesk.icns``. Run it again after changing
the SVG and commit what it writes:

    .venv/bin/python scripts/render_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from safedesk.identity import APP_ID, ICON_SIZES

ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "safedesk.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows reads up to 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        target = png_path(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(ROOT))
    # Each size drawn from the SVG, not scaled down from the largest, so the small ones stay sharp.
    images = {size: Image.open(png_path(size)).convert("RGBA") for size in ICON_SIZES}
    largest = images[max(ICO_SIZES)]
    largest.save(ICONS / "safedesk.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    print((ICONS / "safedesk.ico").relative_to(ROOT))
    # macOS wants 512 at twice the density too: drawn at 1024 here, never scaled up.
    retina = ICONS / "safedesk-1024.png"
    render(renderer, 1024).save(str(retina), "PNG")
    biggest = Image.open(retina).convert("RGBA")
    retina.unlink()
    biggest.save(ICONS / "safedesk.icns", format="ICNS",
                 append_images=[images[s] for s in ICNS_SIZES])
    print((ICONS / "safedesk.icns").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
