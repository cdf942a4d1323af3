"""Packshot-style product pictures drawn with Pillow: a soft backdrop, the product's shape, the brand name.

Nothing is downloaded; the same seed draws the same pictures.
"""

import colorsys
import io
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

SIZE = 800
CENTRE = SIZE // 2
FLOOR = 600


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's bundled scalable font: the same on every machine, no system fonts needed.
    return ImageFont.load_default(size=size)


def _colour(rng: random.Random, saturation=(0.25, 0.5), lightness=(0.35, 0.55)) -> tuple[int, int, int]:
    hue = rng.random()
    red, green, blue = colorsys.hls_to_rgb(hue, rng.uniform(*lightness), rng.uniform(*saturation))
    return int(red * 255), int(green * 255), int(blue * 255)


def _shade(colour, factor: float) -> tuple[int, int, int]:
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def _label(draw: ImageDraw.ImageDraw, box, text: str, fill=(250, 247, 240), ink=(40, 40, 40)) -> None:
    draw.rounded_rectangle(box, radius=8, fill=fill)
    left, top, right, bottom = box
    words = text.split()
    lines = [" ".join(words[: (len(words) + 1) // 2]), " ".join(words[(len(words) + 1) // 2 :])]
    lines = [line for line in lines if line]
    by_width = (right - left) / max(len(max(lines, key=len)), 1) * 1.7
    by_height = (bottom - top) / (1.35 * len(lines))
    size = int(max(12, min(34, by_width, by_height)))
    font = _font(size)
    height = size * 1.25 * len(lines)
    y = (top + bottom) / 2 - height / 2
    for line in lines:
        draw.text(((left + right) / 2, y), line, font=font, fill=ink, anchor="ma")
        y += size * 1.25


def _bottle(draw, body, brand, rng, width=180, height=330, neck=46, neck_height=110, cap=None):
    left, right = CENTRE - width // 2, CENTRE + width // 2
    top = FLOOR - height
    draw.rounded_rectangle((left, top, right, FLOOR), radius=width // 4, fill=body)
    draw.rectangle((CENTRE - neck // 2, top - neck_height, CENTRE + neck // 2, top + 20), fill=body)
    draw.rounded_rectangle(
        (CENTRE - neck // 2 - 4, top - neck_height - 40, CENTRE + neck // 2 + 4, top - neck_height + 5),
        radius=6,
        fill=cap or _shade(body, 0.5),
    )
    _label(draw, (left + 18, top + height * 0.3, right - 18, top + height * 0.75), brand)


def _wine(draw, body, brand, rng):
    glass = rng.choice([(38, 60, 40), (60, 30, 40), (30, 40, 30), (200, 190, 150)])
    _bottle(draw, glass, brand, rng, width=150, height=360, neck=44, neck_height=150, cap=body)


def _jug(draw, body, brand, rng):
    draw.ellipse((CENTRE + 40, FLOOR - 420, CENTRE + 150, FLOOR - 260), outline=body, width=26)
    _bottle(draw, body, brand, rng, width=260, height=330, neck=70, neck_height=60)


def _jar(draw, body, brand, rng, width=280, height=260):
    left, right, top = CENTRE - width // 2, CENTRE + width // 2, FLOOR - height
    draw.rounded_rectangle((left, top, right, FLOOR), radius=40, fill=body)
    draw.rounded_rectangle((left + 10, top - 60, right - 10, top + 10), radius=12, fill=_shade(body, 0.55))
    _label(draw, (left + 20, top + 50, right - 20, FLOOR - 40), brand)


def _tin(draw, body, brand, rng):
    left, right = CENTRE - 190, CENTRE + 190
    draw.rectangle((left, FLOOR - 140, right, FLOOR - 40), fill=_shade(body, 0.8))
    draw.ellipse((left, FLOOR - 100, right, FLOOR + 10), fill=_shade(body, 0.8))
    draw.ellipse((left, FLOOR - 200, right, FLOOR - 80), fill=body)
    _label(draw, (CENTRE - 130, FLOOR - 175, CENTRE + 130, FLOOR - 105), brand)


def _can(draw, body, brand, rng):
    left, right, top = CENTRE - 150, CENTRE + 150, FLOOR - 340
    draw.rectangle((left, top, right, FLOOR - 20), fill=body)
    draw.ellipse((left, FLOOR - 50, right, FLOOR + 10), fill=body)
    draw.ellipse((left, top - 30, right, top + 30), fill=(215, 215, 220))
    _label(draw, (left + 20, top + 80, right - 20, top + 230), brand)


def _pills(draw, body, brand, rng):
    _jar(draw, (245, 245, 245), brand, rng, width=220, height=280)
    draw.rectangle((CENTRE - 110, FLOOR - 60, CENTRE + 110, FLOOR - 40), fill=body)


def _dropper(draw, body, brand, rng):
    _bottle(draw, body, brand, rng, width=150, height=220, neck=40, neck_height=40, cap=(30, 30, 30))
    draw.ellipse((CENTRE - 28, FLOOR - 380, CENTRE + 28, FLOOR - 300), fill=(30, 30, 30))


def _tube(draw, body, brand, rng):
    draw.rounded_rectangle((CENTRE - 55, FLOOR - 400, CENTRE + 55, FLOOR), radius=14, fill=body)
    draw.rounded_rectangle(
        (CENTRE - 58, FLOOR - 470, CENTRE + 58, FLOOR - 380), radius=14, fill=(240, 240, 240)
    )
    _label(draw, (CENTRE - 45, FLOOR - 330, CENTRE + 45, FLOOR - 60), brand.split()[0])


def _soap(draw, body, brand, rng):
    draw.rounded_rectangle((CENTRE - 200, FLOOR - 150, CENTRE + 200, FLOOR), radius=40, fill=body)
    draw.rectangle((CENTRE - 70, FLOOR - 152, CENTRE + 70, FLOOR + 2), fill=(236, 226, 206))
    _label(draw, (CENTRE - 65, FLOOR - 130, CENTRE + 65, FLOOR - 20), brand, fill=(236, 226, 206))


def _box(draw, body, brand, rng, width=340, height=280, depth=50):
    left, right, top = CENTRE - width // 2, CENTRE + width // 2, FLOOR - height
    draw.polygon(
        [(left, top), (left + depth, top - depth), (right + depth, top - depth), (right, top)],
        fill=_shade(body, 1.25),
    )
    draw.polygon(
        [(right, top), (right + depth, top - depth), (right + depth, FLOOR - depth), (right, FLOOR)],
        fill=_shade(body, 0.7),
    )
    draw.rectangle((left, top, right, FLOOR), fill=body)
    _label(draw, (left + 30, top + height * 0.25, right - 30, top + height * 0.7), brand)


def _game(draw, body, brand, rng):
    _box(draw, body, brand, rng, width=420, height=130, depth=120)


def _pouch(draw, body, brand, rng):
    points = [
        (CENTRE - 150, FLOOR - 400),
        (CENTRE + 150, FLOOR - 400),
        (CENTRE + 175, FLOOR),
        (CENTRE - 175, FLOOR),
    ]
    draw.polygon(points, fill=body)
    draw.line((CENTRE - 148, FLOOR - 360, CENTRE + 148, FLOOR - 360), fill=_shade(body, 0.6), width=5)
    draw.ellipse((CENTRE - 60, FLOOR - 300, CENTRE + 60, FLOOR - 180), fill=_shade(body, 1.3))
    _label(draw, (CENTRE - 130, FLOOR - 160, CENTRE + 130, FLOOR - 60), brand)


def _bag(draw, body, brand, rng):
    draw.arc(
        (CENTRE - 120, FLOOR - 480, CENTRE + 120, FLOOR - 200), 180, 360, fill=_shade(body, 0.6), width=22
    )
    draw.polygon(
        [
            (CENTRE - 170, FLOOR - 320),
            (CENTRE + 170, FLOOR - 320),
            (CENTRE + 220, FLOOR),
            (CENTRE - 220, FLOOR),
        ],
        fill=body,
    )
    draw.rectangle((CENTRE - 25, FLOOR - 300, CENTRE + 25, FLOOR - 270), fill=(200, 170, 80))
    _label(draw, (CENTRE - 120, FLOOR - 110, CENTRE + 120, FLOOR - 40), brand, fill=_shade(body, 1.35))


def _wallet(draw, body, brand, rng):
    draw.rounded_rectangle((CENTRE - 210, FLOOR - 260, CENTRE + 210, FLOOR), radius=24, fill=body)
    draw.line((CENTRE - 200, FLOOR - 130, CENTRE + 200, FLOOR - 130), fill=_shade(body, 0.6), width=4)
    _label(draw, (CENTRE - 140, FLOOR - 110, CENTRE + 140, FLOOR - 30), brand, fill=_shade(body, 1.35))


def _tent(draw, body, brand, rng):
    draw.polygon([(CENTRE - 300, FLOOR), (CENTRE, FLOOR - 380), (CENTRE + 300, FLOOR)], fill=body)
    draw.polygon([(CENTRE - 90, FLOOR), (CENTRE, FLOOR - 250), (CENTRE + 90, FLOOR)], fill=_shade(body, 0.45))
    draw.line((CENTRE, FLOOR - 380, CENTRE, FLOOR - 420), fill=(60, 60, 60), width=6)


def _sleeping_bag(draw, body, brand, rng):
    draw.rounded_rectangle((CENTRE - 240, FLOOR - 220, CENTRE + 240, FLOOR), radius=100, fill=body)
    for x in (CENTRE - 120, CENTRE + 120):
        draw.rectangle((x - 12, FLOOR - 222, x + 12, FLOOR + 2), fill=_shade(body, 0.5))
    _label(draw, (CENTRE - 90, FLOOR - 150, CENTRE + 90, FLOOR - 70), brand)


def _blocks(draw, body, brand, rng):
    size = 110
    for row, count in enumerate((3, 2, 1)):
        for column in range(count):
            x = CENTRE - count * size // 2 + column * size
            y = FLOOR - (row + 1) * size
            draw.rectangle(
                (x + 4, y + 4, x + size - 4, y + size - 4), fill=_colour(rng, lightness=(0.5, 0.65))
            )


def _plush(draw, body, brand, rng):
    draw.ellipse((CENTRE - 160, FLOOR - 260, CENTRE + 160, FLOOR), fill=body)
    draw.ellipse((CENTRE - 120, FLOOR - 450, CENTRE + 120, FLOOR - 220), fill=body)
    for dx in (-95, 95):
        draw.ellipse((CENTRE + dx - 45, FLOOR - 480, CENTRE + dx + 45, FLOOR - 390), fill=_shade(body, 0.8))
    for dx in (-45, 45):
        draw.ellipse((CENTRE + dx - 12, FLOOR - 360, CENTRE + dx + 12, FLOOR - 336), fill=(30, 30, 30))


def _book(draw, body, brand, rng):
    left, right, top = CENTRE - 170, CENTRE + 170, FLOOR - 440
    draw.rectangle((left + 14, top + 10, right + 14, FLOOR + 6), fill=(245, 242, 232))
    draw.rectangle((left, top, right, FLOOR), fill=body)
    draw.rectangle((left, top, left + 26, FLOOR), fill=_shade(body, 0.7))
    _label(draw, (left + 50, top + 60, right - 24, top + 180), brand)
    draw.ellipse((CENTRE - 60, top + 230, CENTRE + 80, top + 370), fill=_colour(rng, lightness=(0.6, 0.75)))


SHAPES: dict[str, Callable] = {
    "bottle": _bottle,
    "wine": _wine,
    "jug": _jug,
    "jar": _jar,
    "tin": _tin,
    "can": _can,
    "pills": _pills,
    "dropper": _dropper,
    "tube": _tube,
    "soap": _soap,
    "box": _box,
    "game": _game,
    "pouch": _pouch,
    "bag": _bag,
    "wallet": _wallet,
    "tent": _tent,
    "sleeping-bag": _sleeping_bag,
    "blocks": _blocks,
    "plush": _plush,
    "book": _book,
}


def packshot(shape: str, brand: str, caption: str, background, rng: random.Random) -> bytes:
    """An 800×800 JPEG of the product on a soft backdrop, with the brand and a short caption below it."""
    tint = tuple(max(0, min(255, c + rng.randint(-10, 10))) for c in background)
    image = Image.new("RGB", (SIZE, SIZE), tint)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, FLOOR, SIZE, SIZE), fill=_shade(tint, 0.94))
    draw.ellipse((CENTRE - 260, FLOOR - 18, CENTRE + 260, FLOOR + 30), fill=_shade(tint, 0.82))
    SHAPES[shape](draw, _colour(rng), brand, rng)
    draw.text((CENTRE, 660), brand, font=_font(40), fill=(50, 50, 50), anchor="ma")
    draw.text((CENTRE, 718), caption[:48], font=_font(24), fill=(110, 110, 110), anchor="ma")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()
