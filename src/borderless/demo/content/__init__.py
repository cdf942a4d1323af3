"""What the demo catalogue sells, one module per category."""

from borderless.demo.content import (
    american_ginseng,
    books,
    handbags,
    honey,
    infant_formula,
    maple_syrup,
    nuts_dried_fruit,
    outdoor_gear,
    skin_care,
    supplements,
    toys,
    wine,
)
from borderless.demo.content.base import CategoryContent

CONTENT: dict[str, CategoryContent] = {
    module.CONTENT.slug: module.CONTENT
    for module in (
        american_ginseng,
        maple_syrup,
        honey,
        nuts_dried_fruit,
        wine,
        supplements,
        skin_care,
        infant_formula,
        handbags,
        outdoor_gear,
        toys,
        books,
    )
}
