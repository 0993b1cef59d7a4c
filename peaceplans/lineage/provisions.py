"""Final provisions: clauses about the instrument itself ("This Accord enters into force on
signature", "Done at Geneva in two copies"), not about its matter. The matcher never joins one
to a topical clause on weak evidence. Pure: no ORM."""

import re
from functools import lru_cache

from . import concepts
from .scores import _stem

# A clause whose subject is the instrument itself ("This Accord enters into force ...", "The
# memorandum lasts 30 days"): a final provision. Later drafts add them at the end, where the
# order alone would tie them to whatever topical clause the earlier draft ended with.
_INSTRUMENT = (
    r"(?:this|the present|the)\s+"
    # "the final agreement", "the whole accord": the instrument with a word on which one it is.
    r"(?:(?:final|peace|interim|comprehensive|whole|entire|overall|draft|new)\s+)?"
    r"(?:framework|agreement|accord|memorandum|plan|protocol"
    r"|declaration|treaty|arrangement|statement|document|resolution|convention|charter|deal"
    r"|settlement)\b"
)
_ABOUT_ITSELF = re.compile(
    # After a heading ("Duration: this Agreement …") or a short lead-in ("As amended, the
    # agreement remains valid …").
    rf"\W*(?:[^:.]{{1,40}}:\s*|[^:.,]{{1,30}},\s*)?{_INSTRUMENT}"
    # The testimonium that closes a treaty: "Done at Geneva in two copies ...".
    r"|\W*done\s+(?:at|in)\s"
    # "Ratification by each parliament is required", and anywhere the instrument as what is to
    # be ratified or approved ("each parliament must approve the deal"). Not ratification alone
    # ("every law and ratification act this requires"), nor the instrument's signature or
    # entry into force: dates that topical clauses count from.
    r"|\W*ratification\b"
    # Entry into force on the exchange of the instruments of ratification; not a topical clause
    # that counts from that exchange ("within 30 days of the exchange …, all forces withdraw").
    r"|.*?\b(?:entry|enter\w*)\s+into\s+force\b.*?\binstruments?\s+of\s+ratification\b"
    rf"|.*?\b(?:ratif\w*|approv\w*)\s+(?:of\s+)?{_INSTRUMENT}"
    # ... or put to a referendum: "a referendum on the deal" (not "on the declaration of
    # independence", "on the plan for the new capital").
    rf"|.*?\breferendum\s+on\s+{_INSTRUMENT}(?!\s+(?:of|for|on)\b)"
    # Its annexes and amendments: "Annexes A to D form an integral part of this Protocol",
    # "Amendments to this Agreement take effect …".
    rf"|.*?\bintegral\s+part\s+of\s+{_INSTRUMENT}"
    rf"|\W*(?:[^:.]{{1,40}}[:.]\s*)?amendments?\s+(?:to|of)\s+{_INSTRUMENT}"
    # Its definitions: "In this Protocol, 'D' means …", "For the purposes of this Memorandum,
    # 'the Estuary' means …".
    rf"|\W*(?:[^:.]{{1,40}}[:.]\s*)?(?:in|for\s+the\s+purposes?\s+of)\s+{_INSTRUMENT}"
    r"\W[^.]{0,120}?\bmeans?\b",
    re.IGNORECASE,
)
# What every final provision says of its instrument, as stems: no sign that two are one.
_INSTRUMENT_WORDS = (
    "framework agreement accord memorandum plan protocol declaration treaty arrangement "
    "statement document resolution convention charter deal settlement enter force effect "
    "sign signature date day parties final peace present"
)
_INSTRUMENT_STEMS = frozenset(map(_stem, _INSTRUMENT_WORDS.split())) | {
    f"{concepts.PREFIX}{name}" for name in ("effect", "signature", "ratify")
}
# "This Framework sets out the arrangements for self-government ...": the instrument names its
# own subject. That is the opening clause on the matter, not a final provision.
_PURPOSE = re.compile(
    rf"\W*(?:[^:.]{{1,40}}:\s*|[^:.,]{{1,30}},\s*)?{_INSTRUMENT}\s+(?:shall\s+|hereby\s+)?"
    r"(?:(?:sets?\s+out|establish\w*|lays?\s+down|laid\s+down|aim(?:s|ed)?|seeks?|sought"
    r"|define[sd]?|govern(?:s|ed)?|concern(?:s|ed)?|deals?\s+with|dealt\s+with"
    # A summary telling what the deal does: "Land: the deal promises a commission …"; an
    # encyclopedia's, in the past: "The accord provided for a 60-seat assembly".
    r"|promise[sd]?|says?|said|offer(?:s|ed)?|gives?|gave|require[sd]?|call(?:s|ed)\s+for"
    r"|commit(?:s|ted)?|oblige[sd]?|allow(?:s|ed)?|envisage[sd]?|foresees?|foresaw"
    # ... and what it does for people or things: "The Treaty preserves the rights of fishers";
    # not for itself ("This Agreement grants no rights to third States" is a final provision).
    r"|(?:preserve[sd]?|protect(?:s|ed)?|guarantee[sd]?|grant(?:s|ed)?|recogni[sz]e[sd]?"
    r"|restore[sd]?)(?!\s+(?:its|no|itself)\b))\b"
    r"|provide[sd]?\s+for\s+(?!its\b)|(?:is|was)\s+intended\s+to\s+(?!remain\b))",
    re.IGNORECASE,
)


@lru_cache(maxsize=65_536)
def _about_itself(text: str) -> bool:
    return _ABOUT_ITSELF.match(text) is not None and not _PURPOSE.match(text)
