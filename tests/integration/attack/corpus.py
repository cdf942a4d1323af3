"""The bad-input corpus of tests/data/attack/bad_inputs.json, made into values and request bodies."""

import json
import math
import re
from pathlib import Path

CORPUS = json.loads((Path(__file__).parents[2] / "data" / "attack" / "bad_inputs.json").read_text())
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def value(item):
    """A corpus value; {"make": …} ones are built here."""
    if not isinstance(item, dict) or "make" not in item:
        return item
    make = item["make"]
    if make == "string":
        return item.get("char", "x") * item["size"]
    if make == "nan":
        return math.nan
    if make == "infinity":
        return math.inf
    if make == "integer":
        return int("9" * item["digits"])
    raise ValueError(make)


def category(valid) -> str | None:
    """Which list of the corpus replaces a field whose valid value is `valid`."""
    if isinstance(valid, bool):
        return "boolean"
    if isinstance(valid, int):
        return "integer"
    if isinstance(valid, str):
        if DECIMAL.match(valid):
            return "amount"
        if UUID.match(valid):
            return "uuid"
        return "text"
    return None


def field_cases(body: dict):
    """(label, body) with one top-level field replaced by each bad value of its kind."""
    for name, valid in body.items():
        kind = category(valid)
        for item in CORPUS.get(kind, []) if kind else []:
            bad = value(item)
            label = f"{name}={kind}:{json.dumps(item, allow_nan=True)[:40]}"
            yield label, {**body, name: bad}


def raw_bodies(valid: dict):
    """(label, raw bytes, content type) that replace the whole request."""
    for item in CORPUS["bodies"]:
        make = item["make"]
        if make == "deep":
            depth = item["depth"]
            yield "deep JSON", ("[" * depth + "]" * depth).encode(), "application/json"
        elif make == "invalid_utf8":
            text = json.dumps(valid).encode()
            yield "invalid UTF-8", text[:-1] + b' "\xff\xfe\xc3\x28"}', "application/json"
        elif make == "content_type":
            yield f"content type {item['value']}", json.dumps(valid).encode(), item["value"]
        elif make == "raw":
            yield f"raw {item['value'][:20]!r}", item["value"].encode(), "application/json"
        elif make == "huge":
            yield "huge body", json.dumps({**valid, "pad": "x" * item["size"]}).encode(), "application/json"


def encoded(body) -> bytes:
    return json.dumps(body, allow_nan=True).encode()
