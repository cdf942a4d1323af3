"""What the demo knows about a seller: its business profile, its owner and what it sells."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SellerSpec:
    code: str  # prefix of the seller's SKU codes
    legal_name: str
    display_name: str
    display_name_zh: str
    state: str
    city: str
    business_type: str
    employee_band: str
    revenue_band: str
    year_founded: int
    owner: str
    domain: str
    about_en: str
    about_zh: str
    # category slug → kinds of lines made in it (empty: every line of the category)
    sells: dict[str, tuple[str, ...]] = field(default_factory=dict)
    products: int = 10
    verified: bool = True
    # Lists in English only, as a seller who writes no Chinese: the platform's translator fills the Chinese.
    english_only: bool = False

    @property
    def owner_email(self) -> str:
        return f"{self.owner.split()[0].lower()}@{self.domain}.example"
