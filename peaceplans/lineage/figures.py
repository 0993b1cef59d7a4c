"""Figures in a clause, read alike however they are written: "fifteen kilometres" and "15 km",
"30 million euro" and "EUR 30,000,000", "half of" and "fifty per cent of", "three years" and
"thirty-six months", "one hundred and eighty days" and "six months", "48h" and "two days",
"monthly" and "once a month". Pure: no ORM.

The matcher (scores.py) reads a clause's words after `normalise` and adds `figure_terms`
beside them. Every pattern here is linear in the text and bounded in the figures it converts,
so no pasted text can make it slow or raise (a 5,000-digit figure is left as it is).
"""

import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
_TENS = "thirty forty fifty sixty seventy eighty ninety"
# A number word as its figure; the stemmer also reads these, and a few units and currencies.
NUMBERS = {word: str(n) for n, word in enumerate(_UNITS.split())}
NUMBERS |= {word: str(10 * n) for n, word in enumerate(_TENS.split(), start=3)}
NUMBERS |= {"kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km"}
NUMBERS |= {"percent": "cent"}  # as "per cent" reads
NUMBERS |= {"euro": "eur", "euros": "eur", "dollar": "usd", "dollars": "usd"}

# A period in days, whatever its unit: "three years" is "thirty-six months".
DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 360}
_LONGEST = 12  # digits: a longer figure is left as it is written
_HOW_OFTEN = frozenset(["every", "each", "onc", "per"])  # stems: "every two weeks"
_DIGIT = re.compile(r"\d")

_COMPOUND = re.compile(
    rf"\b({'|'.join(['twenty', *_TENS.split()])})[- ]({'|'.join(_UNITS.split()[1:10])})\b"
)
# "one hundred and eighty" is 180 once its words are digits ("1 hundred and 80"); "a hundred".
_HUNDRED = re.compile(r"\b(?:([1-9])|a)\s+hundred\b(?:\s+(?:and\s+)?(\d{1,2})\b(?![.,]\d))?")
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join([*_UNITS.split(), *_TENS.split()])})\b")
# Not from inside another figure: "2,5 million" is not "5 million", "5,5%" not "5%".
_ALONE = r"(?<![\d.,])"
_GROUPED = re.compile(rf"{_ALONE}\d{{1,3}}(?:,\d{{3}}){{1,4}}(?![\d,])")
_SCALE = re.compile(rf"{_ALONE}(\d{{1,9}}(?:\.\d{{1,6}})?)\s+(thousand|million|billion)\b")
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# A share in any of its spellings: "50%", "50 per cent", "fifty percent"; "one half" and "half
# of" are 50 % (not "a year and a half", not "half-way").
_SHARE = re.compile(
    rf"{_ALONE}(\d{{1,3}}(?:\.\d{{1,3}})?)\s*(?:%|per\s*cent\b|percent\b)"
    r"|\b(?:one|1)\s+(half)\b|\b(half)\s+(?:of|the)\b"
)
# "within a year" is one year; not "once a year" (how often) nor "EUR 5 a day" (a rate).
_ONE_PERIOD = re.compile(
    r"(?<!once )(?<!twice )(?<!times )(?<!\d )\b(?:a|an)\s+(day|week|month|year|fortnight)\b"
)
_HOURS = re.compile(r"\b(\d{1,4})[\s-]*(?:h|hrs?|hours?)\b")
# How often, apart from how long.
_EVERY_UNIT = {"daily": "day", "weekly": "week", "fortnightly": "fortnight", "monthly": "month"}
_EVERY_UNIT |= {"yearly": "year", "annually": "year", "annual": "year", "quarterly": "quarter"}
# A quarter is a unit of how often only: "three quarters" of the seats is a share, not a period.
_EVERY_DAYS = DAYS | {"quarter": 90}
_EVERY = re.compile(
    rf"(?<!semi-)(?<!semi)(?<!bi)(?<!twice )(?<!twice-)\b({'|'.join(_EVERY_UNIT)})\b"
    r"|\b(?:every|each|once\s+(?:a|an|every|each|per))\s+(?:(\d{1,4})\s+)?"
    r"(day|week|fortnight|month|quarter|year)s?\b"
)
# "four times a year" is once a quarter; "twice a month" every fifteen days; "twice yearly",
# "semi-annually" and "biannually" every half year.
_TIMES = re.compile(
    r"\b(?:(\d{1,3})\s+times|(twice))\s+(?:a|an|per|each|every)\s+(day|week|month|year)\b"
)
_HALF_YEARLY = re.compile(
    r"\b(?:twice[\s-]+(?:yearly|annually)|semi-?annual(?:ly)?|biannual(?:ly)?)\b"
)


def normalise(lower: str) -> str:
    """The lower-cased text with its figures in one form: number words as digits ("thirty-six"
    is 36), groups of thousands joined ("30,000,000") and scales multiplied out ("30 million")."""
    if not lower.isascii():  # "٤٨" is 48: digits of any script as ASCII ones
        lower = _DIGIT.sub(lambda found: str(unicodedata.digit(found[0])), lower)
    if "ty" in lower:
        lower = _COMPOUND.sub(_compound, lower)
    lower = _NUMBER_WORD.sub(lambda found: NUMBERS[found[0]], lower)
    if "hundred" in lower:
        lower = _HUNDRED.sub(_hundreds, lower)
    if "," in lower:
        lower = _GROUPED.sub(lambda found: found[0].replace(",", ""), lower)
    if "illion" in lower or "thousand" in lower:
        lower = _SCALE.sub(_scaled, lower)
    return lower


def figure_terms(lower: str, stems: list[str]) -> Counter:
    """Terms for the periods, frequencies and shares a normalised text names: "1080days" for
    three years, "every30days" for monthly, "50pct" for half of."""
    terms: Counter = Counter()
    if any(unit in lower for unit in DAYS):
        for before, number, unit in zip(["", *stems], stems, stems[1:], strict=False):
            if before in _HOW_OFTEN:  # "every two weeks" is how often, not how long
                continue
            if unit in DAYS and number.isdecimal() and len(number) <= _LONGEST:
                terms[f"{int(number) * DAYS[unit]}days"] += 1
        for unit in _ONE_PERIOD.findall(lower):
            terms[f"{DAYS[unit]}days"] += 1
    if "h" in lower:  # "48h" and "48 hours" are two days
        for hours in _HOURS.findall(lower):
            if int(hours) % 24 == 0:
                terms[f"{int(hours) // 24}days"] += 1
    if "ly" in lower or "every" in lower or "once" in lower or "each" in lower or "annual" in lower:
        for adverb, count, unit in _EVERY.findall(lower):
            days = _EVERY_DAYS[_EVERY_UNIT.get(adverb, unit)] * (int(count) if count else 1)
            terms[f"every{days}days"] += 1
    if "annual" in lower or "yearly" in lower:
        for _ in _HALF_YEARLY.finditer(lower):
            terms["every180days"] += 1
    if "times" in lower or "twice" in lower:
        for count, twice, unit in _TIMES.findall(lower):
            times = 2 if twice else int(count)
            if times and DAYS[unit] % times == 0:  # "three times a week" is no whole period
                terms[f"every{DAYS[unit] // times}days"] += 1
    if "%" in lower or "cent" in lower or "half" in lower:
        for figure, *_half in _SHARE.findall(lower):
            figure = figure.rstrip("0").rstrip(".") if "." in figure else figure  # 50.0 is 50
            terms[f"{figure or 50}pct"] += 1
    return terms


def _compound(found: re.Match) -> str:
    return str(int(NUMBERS[found[1]]) + int(NUMBERS[found[2]]))


def _hundreds(found: re.Match) -> str:
    return str(100 * int(found[1] or 1) + int(found[2] or 0))


def _scaled(found: re.Match) -> str:
    try:
        value = Decimal(found[1]) * _SCALES[found[2]]
    except InvalidOperation:
        return found[0]
    return str(int(value)) if value == value.to_integral_value() else found[0]


_UNIT_STEMS = frozenset(["day", "week", "fortnight", "month", "year", "hour", "km", "cent", "per"])


def figure_term(term: str) -> bool:
    """Whether a scored term is a figure, a figure's unit or a term made from one ("10",
    "year", "3600days", "every30days", "50pct")."""
    return term[:1].isdigit() or term in _UNIT_STEMS or term.endswith(("days", "pct"))
