"""Which partner firms may take a case, best first.

Competence (劳动争议调解仲裁法 art. 21): a labour dispute is arbitrated by the commission
of the place where the labour contract is performed or where the employer is located, so a
firm qualifies when it serves one of these cities (or, when it lists no city, their province).
A firm must also handle the case's category, have room under its capacity, and have no
engagement for the opposing party (a conflict of interest). Qualified firms come least
loaded first (open cases over capacity), then by fewer open cases, then by name.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Firm:
    key: object
    name: str
    cities: frozenset = frozenset()
    provinces: frozenset = frozenset()
    categories: frozenset = frozenset()
    open_cases: int = 0
    capacity: int = 0  # 0: no limit
    engaged_parties: frozenset = frozenset()


@dataclass(frozen=True)
class Place:
    city: str = ""
    province: object = None


@dataclass
class Suggestion:
    firm: Firm
    load: float
    reasons: list = field(default_factory=list)


def parse_cities(text):
    """'苏州, 昆山，无锡' -> frozenset({'苏州', '昆山', '无锡'}) (ASCII or full-width commas)."""
    parts = (text or "").replace("，", ",").replace("、", ",").split(",")
    return frozenset(part.strip() for part in parts if part.strip())


def _serves(firm, place):
    if not place.city and place.province is None:
        return False
    if place.city and place.city in firm.cities:
        return True
    return not firm.cities and place.province is not None and place.province in firm.provinces


def suggest(firms, places, category, opposing_party=None):
    """Firms fit for the case, best first.

    :param places: the competent places (contract performance, employer's domicile)
    :param category: the case's category key; None accepts any specialty
    :param opposing_party: key of the other side, to exclude firms engaged for it
    """
    result = []
    for firm in firms:
        if firm.capacity < 0 or firm.open_cases < 0:
            raise ValueError("capacity and open cases cannot be negative")
        if not any(_serves(firm, place) for place in places):
            continue
        if category is not None and category not in firm.categories:
            continue
        if firm.capacity and firm.open_cases >= firm.capacity:
            continue
        if opposing_party is not None and opposing_party in firm.engaged_parties:
            continue
        load = firm.open_cases / firm.capacity if firm.capacity else 0.0
        result.append(Suggestion(firm, load))
    result.sort(key=lambda s: (s.load, s.firm.open_cases, s.firm.name))
    return result
