"""When a US export needs Electronic Export Information filed in AES (TRADE_RULES US-X1 to US-X3).

- US-X1: EEI when the value of one Schedule B number in one shipment exceeds USD 2,500 (2,500.00 does not;
  2,500.01 does). Lines that share a number add up.
- US-X2: to China, any item with an ECCN (on the Commerce Control List) needs EEI whatever its value; EAR99
  (or no ECCN) does not.
- US-X3: Schedule B is the HS at 6 digits plus 4 US digits. An order line carries the code the seller gave for
  China's import declaration, whose digits past the sixth are China's, not the Schedule B's; so lines are
  grouped by their 6-digit HS heading. Grouping wider can only ask for EEI more often, never less.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

THRESHOLD_USD = Decimal("2500.00")
ECCN_DESTINATIONS = frozenset({"CN"})  # US-X2 as written: China (Hong Kong and Macau are listed apart)
ITN_FORMAT = re.compile(r"X\d{14}")


@dataclass(frozen=True, slots=True)
class ExportLine:
    hs_code: str
    value_usd: Decimal  # unit price × quantity
    eccn: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class EeiDecision:
    required: bool
    reasons: tuple[str, ...] = ()
    value_by_heading: dict[str, Decimal] = field(default_factory=dict)


def schedule_b_heading(hs_code: str) -> str:
    digits = "".join(ch for ch in hs_code if ch.isdigit())
    if len(digits) < 6:
        raise ValueError(f"An HS code needs at least 6 digits, got {hs_code!r}.")
    return digits[:6]


def controlled(eccn: str) -> bool:
    """An ECCN on the Commerce Control List; blank or EAR99 is not."""
    code = (eccn or "").strip().upper()
    return bool(code) and code != "EAR99"


def valid_itn(itn: str) -> bool:
    return bool(ITN_FORMAT.fullmatch((itn or "").strip().upper()))


def decide(lines: Iterable[ExportLine], destination: str) -> EeiDecision:
    totals: dict[str, Decimal] = {}
    reasons: list[str] = []
    for line in lines:
        heading = schedule_b_heading(line.hs_code)
        totals[heading] = totals.get(heading, Decimal("0")) + Decimal(line.value_usd)
        if destination.upper() in ECCN_DESTINATIONS and controlled(line.eccn):
            reasons.append(
                f"{line.description or heading} is classified {line.eccn.upper()}: exports of controlled "
                f"items to {destination.upper()} need EEI whatever their value (15 CFR 758.1(b)(10))."
            )
    for heading, total in sorted(totals.items()):
        if total > THRESHOLD_USD:
            reasons.append(
                f"Schedule B {heading[:4]}.{heading[4:]} totals USD {total:,.2f} in this shipment, over "
                f"USD {THRESHOLD_USD:,.2f} (15 CFR 30.37(a))."
            )
    return EeiDecision(required=bool(reasons), reasons=tuple(reasons), value_by_heading=totals)
