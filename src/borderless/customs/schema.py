"""Validation of the CEB messages against the project's XSD (schema/ceb.xsd), with lxml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from borderless.customs.errors import InvalidMessage

NAMESPACE = "http://www.chinaport.gov.cn/ceb"
XSD_PATH = Path(__file__).parent / "schema" / "ceb.xsd"
# No network, no entities: a message is data, never instructions to fetch something.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True)


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_PATH), _PARSER))


def parse(xml: bytes) -> etree._Element:
    try:
        return etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InvalidMessage(f"The message is not well-formed XML: {exc}") from None


def errors_of(xml: bytes) -> list[str]:
    """Every way the message breaks the schema (empty when it is valid)."""
    try:
        document = parse(xml)
    except InvalidMessage as exc:
        return [exc.message]
    validator = schema()
    if validator.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in validator.error_log]


def validate(xml: bytes) -> etree._Element:
    """The parsed message, or InvalidMessage listing what breaks the schema."""
    problems = errors_of(xml)
    if problems:
        raise InvalidMessage(
            "The message does not validate against the CEB schema.", {"errors": problems[:20]}
        )
    return parse(xml)
