"""US states and Chinese provinces, with names in English and Chinese, from pycountry (ISO 3166-2)."""

import gettext
from functools import cache

import pycountry

_STATE_TYPES = {"State", "District"}


def _subdivisions(country: str, types: set[str] | None = None) -> list:
    found = [s for s in pycountry.subdivisions.get(country_code=country) if types is None or s.type in types]
    return sorted(found, key=lambda s: s.name)


@cache
def _zh() -> gettext.NullTranslations:
    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)


US_STATES = {s.code.split("-")[1]: s.name for s in _subdivisions("US", _STATE_TYPES)}
CN_PROVINCES = {s.code.split("-")[1]: s.name for s in _subdivisions("CN") if s.parent_code is None}
US_STATE_CHOICES = sorted(US_STATES.items(), key=lambda kv: kv[1])
CN_PROVINCE_CHOICES = sorted(CN_PROVINCES.items(), key=lambda kv: kv[1])


def state_name(code: str, lang: str = "en") -> str:
    name = US_STATES.get(code, code)
    return _zh().gettext(name) if lang.startswith("zh") else name


def province_name(code: str, lang: str = "en") -> str:
    name = CN_PROVINCES.get(code, code)
    return _zh().gettext(name) if lang.startswith("zh") else name
