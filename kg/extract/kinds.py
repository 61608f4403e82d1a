"""The kinds of named things, as an enum: a misspelt kind fails when its module loads.

Every kind is the local name of an ontology class (``kg.records.KINDS``, which
the model maps to classes); ``Kind`` members are those strings (``StrEnum``),
so they compare, hash, sort and print as the strings do. ``PLACES`` is the one
set of kinds that are places: the administrative divisions and regions.
"""

from __future__ import annotations

from enum import StrEnum

from kg.records import DIVISION_KINDS, KINDS


class Kind(StrEnum):
    """The class of a mention or entity."""

    PROVINCE = "Province"
    PREFECTURE = "Prefecture"
    COUNTY = "County"
    TOWN = "Town"
    SUBDISTRICT = "Subdistrict"
    VILLAGE = "Village"
    REGION = "Region"
    PARK = "Park"
    COMPANY = "Company"
    GOVERNMENT_BODY = "GovernmentBody"
    ORGANIZATION = "Organization"
    PROJECT = "Project"
    ROAD = "Road"
    PROGRAMME = "Programme"
    EVENT = "Event"
    PERSON = "Person"
    NATURAL_FEATURE = "NaturalFeature"
    RIVER = "River"
    RESERVOIR = "Reservoir"
    LAKE = "Lake"
    MOUNTAIN = "Mountain"
    PLACE = "Place"
    SCENIC_AREA = "ScenicArea"
    HERITAGE_SITE = "HeritageSite"
    STATION = "Station"
    PORT = "Port"
    VENUE = "Venue"
    DESIGNATION = "Designation"
    REPORT = "Report"
    PRODUCT = "Product"


if tuple(Kind) != KINDS:  # the enum and the model's list must be one list
    raise ImportError(f"kg.extract.kinds.Kind {tuple(Kind)} differs from kg.records.KINDS {KINDS}")

# the kinds that are places: divisions and regions (one set for every rule)
PLACES = frozenset(DIVISION_KINDS) | {Kind.REGION}
# named sites that are neither parks nor divisions (DESIGN.md section 3): a 片区, a station
SITES = frozenset(
    {Kind.PLACE, Kind.SCENIC_AREA, Kind.HERITAGE_SITE, Kind.STATION, Kind.PORT, Kind.VENUE}
)
