"""Names of the things a report breaks its figures down by, in the reader's language."""

from __future__ import annotations

from borderless.accounts.models import BusinessType, EmployeeBand
from borderless.accounts.regions import CN_PROVINCES, province_name, state_name
from borderless.catalog.categories import CATEGORIES

_CATEGORY = {c.slug: (c.name_en, c.name_zh) for c in CATEGORIES}
# Orders keep the province as the buyer wrote it on the address (in Chinese): find its code by name.
_PROVINCE_CODE = {province_name(code, "zh-hans"): code for code in CN_PROVINCES}
_PROVINCE_CODE.update({name: code for code, name in CN_PROVINCES.items()})


def _zh(lang: str) -> bool:
    return lang.startswith("zh")


def category(slug: str, lang: str) -> str:
    en, zh = _CATEGORY.get(slug, (slug, slug))
    return zh if _zh(lang) else en


def state(code: str, lang: str) -> str:
    return state_name(code, lang)


def province(text: str, lang: str) -> str:
    code = _PROVINCE_CODE.get(text) or _PROVINCE_CODE.get(text.rstrip("省市"))
    return province_name(code, lang) if code else text


def business_type(value: str, lang: str) -> str:
    return str(BusinessType(value).label) if value in BusinessType.values else value


def employee_band(value: str, lang: str) -> str:
    return str(EmployeeBand(value).label) if value in EmployeeBand.values else value


def country(code: str, lang: str) -> str:
    import pycountry
    from babel import Locale

    locale = Locale.parse("zh_Hans" if _zh(lang) else "en")
    return locale.territories.get(code) or getattr(pycountry.countries.get(alpha_2=code), "name", code)


def identity(value: str, lang: str) -> str:
    return value


FOR_DIMENSION = {
    "state": state,
    "category": category,
    "business_type": business_type,
    "employee_band": employee_band,
    "destination": country,
    "province": province,
    "month": identity,
}
