"""Which lines start a clause, and with which label.

Every regex here runs on a bounded prefix of one line (`PREFIX` characters), so recognising a
label costs the same on a 5 MB line as on a short one.
"""

import re
import unicodedata
from dataclasses import dataclass

PREFIX = 48

_WORDS = (
    r"Point|Paragraph|Para\.|Item|Article|Art\.|Clause|Section|No\.?|Nr\.?|N\.?°\.?"
    r"|Punkt|Punto|Ponto|Artículo|Artigo|Пункт|Стаття|Статья|п\."
)
_NUMBER = r"[0-9]{1,3}(?:-[0-9]{1,3})?[a-z]?"  # 12, 12a, and the range 15-20a
_LABEL = re.compile(
    r"(?:"
    rf"(?P<word>(?i:{_WORDS})|§)[ \t]{{0,3}}(?P<worded>{_NUMBER})"
    r"(?P<wpunct>[.:)]|[ \t]{0,3}[-–—](?=[ \t]|$))?"
    rf"|\((?P<bracketed>{_NUMBER})\)"
    r"|(?P<ordinal>[0-9]{1,3})\.?°\.?"
    rf"|(?P<plain>{_NUMBER})"
    r"(?P<ppunct>[.)](?:[-–—](?=[ \t]))?|[ \t]{1,3}[-–—](?=[ \t])|(?=[ \t]{1,3}\[))"
    r"|(?P<roman>(?=[IVXLCDM])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3}))[.)]"
    r")"
)
# Lettered, bulleted and Roman sub-points stay inside their clause, each on its own line.
_SUB_POINT = re.compile(
    r"\(?[a-zа-яA-Z]\)|[a-zа-яA-Z]\.[ \t]|\(?(?:[ivx]{1,6}|[IVX]{1,6})\)|[IVX]{2,6}\.[ \t]"
    r"|[-•*·▪–—][ \t]|\([0-9]{1,3}\)"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


@dataclass(frozen=True)
class Candidate:
    """A line that may start a clause; the parser decides from the lines around it."""

    label: str
    value: int
    roman: bool
    high: int  # the last number a range label covers (20 for 15-20a), else value
    weak: bool  # no punctuation after the number (`1 – …`, `10 [There …`): trusted in sequence
    indent: int
    body: str  # the rest of the line after the label
    heading: str | None  # a heading the markup makes explicit: `**1. Army size**`, `### 3. Title`


def normalise_prefix(text: str) -> tuple[str, list[int] | None]:
    """NFKC and ASCII digits on the first PREFIX characters, with each output character's
    offset in `text` (full-width `１．`, Arabic-Indic `١`, `№`, `N.º` read as their ASCII forms);
    None for the offsets when nothing changed."""
    head = text[:PREFIX]
    if head.isascii():
        return head, None
    out, where = [], []
    for i, char in enumerate(head):
        # `1.º`, `N.º`: the ordinal sign, which NFKC would make a letter o (`12o` is a label).
        for norm in "°" if char == "º" else unicodedata.normalize("NFKC", char):
            if norm.isdecimal() and not norm.isascii():
                norm = str(unicodedata.decimal(norm))
            out.append(norm)
            where.append(i)
    return "".join(out), where


def roman_value(numeral: str) -> int:
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN[char]
        following = _ROMAN[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _strip_markup(line: str) -> tuple[str, bool, bool]:
    """`**1.** …` and `### 3. …`: the markup around a label, not part of it."""
    if line.startswith(("**", "__")):
        return line[2:].lstrip(), True, False
    if line.startswith("#"):
        return line.lstrip("#").lstrip(), False, True
    return line, False, False


# The characters a label can start with (ASCII; anything else goes through NFKC first).
_STARTS = frozenset("0123456789(*_#§PpIiAaNnCcSsVXLDM")


def recognise(line: str) -> Candidate | None:
    """The label a line starts with, if it starts with one."""
    stripped = line.lstrip()
    first = stripped[:1]
    if first.isascii() and first not in _STARTS:
        return None
    indent = len(line) - len(stripped)
    text, bold, markdown = _strip_markup(stripped)
    prefix, where = normalise_prefix(text)
    match = _LABEL.match(prefix)
    if not match:
        return None
    end = match.end()
    following = prefix[end : end + 1]
    weak = bool(match.group("plain")) and match.group("ppunct")[:1] not in (".", ")")
    if following and not following.isspace():
        punct = prefix[end - 1]
        if following == "*" and bold:
            pass
        elif punct in ".)" and (
            (following.isalpha() and not following.islower()) or following in "([«“\"'"
        ):
            weak = True  # `1.Ukraine …`, `１．主権 …`: no space after the label
        else:
            return None
    if end == len(prefix) and len(text) > len(prefix):
        return None
    body = text[(where[end - 1] + 1 if where else end) :].strip()
    wpunct = (match.group("wpunct") or "").strip()
    if match.group("worded") and wpunct[:1] not in (".", ":", ")") and body[:1].islower():
        return None  # "Point 3 of the US plan, which …", "Point 3 – the most contested –" is prose
    heading = None
    if bold and body.startswith(("**", "__")):
        body, bold = (
            body[2:].lstrip(),
            False,
        )  # `**1.**`: the label's bold ends; a heading may follow
    if (bold and "**" in body) or (body.startswith("**") and "**" in body[2:]):
        inner, _, body = body.removeprefix("**").partition("**")
        heading, body = inner.strip().rstrip(":.").strip(), body.strip()
    if markdown and body:
        heading, body = body, ""
    if heading is not None and (not heading or len(heading) > 120):
        body = f"{heading} {body}".strip()
        heading = None
    if match.group("roman"):
        label = match.group("roman")
        value = roman_value(label)
        return Candidate(label, value, True, value, False, indent, body, heading)
    raw = (
        match.group("worded")
        or match.group("bracketed")
        or match.group("ordinal")
        or match.group("plain")
    )
    low, _, high = raw.rstrip("abcdefghijklmnopqrstuvwxyz").partition("-")
    value = int(low)
    return Candidate(raw, value, False, max(value, int(high or low)), weak, indent, body, heading)


def sub_point(text: str) -> bool:
    """`(a)`, `b)`, `c.`, `C.`, `(iv)`, `- …`, `• …`: a sub-point of the clause it is in."""
    return bool(_SUB_POINT.match(text[:12]))
