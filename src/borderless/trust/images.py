"""Perceptual hashes of images (64-bit pHash): near-identical pictures differ in a few bits only."""

import imagehash
from PIL import Image


def perceptual_hash(image: Image.Image) -> int:
    return int(str(imagehash.phash(image)), 16)


def perceptual_hash_of_file(file) -> int:
    file.seek(0)
    with Image.open(file) as image:
        image.load()
        value = perceptual_hash(image)
    file.seek(0)
    return value


def to_hex(value: int) -> str:
    return f"{value:016x}"


def from_hex(text: str) -> int:
    return int(text, 16)
