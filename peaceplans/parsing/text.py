"""Lines -> text: hard-wrapped lines joined, headings told apart from wrapped sentences.

Plain string operations only (no regex on whole lines), so the cost is linear in the text.
"""

import re

from .labels import sub_point


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A line ending in one of these is a sentence cut by a hard wrap, never a heading.
FUNCTION_WORDS = _words(
    """a an the and or but nor of in on at to for with by from into onto upon over under
    between among within without about after before against during through than that which
    who whom whose its their his her our your this these those will shall would should can
    could may might must is are was were be been being has have had not as if such both per
    via including following follows namely also further each every
    i й та в у на з із до від для що як або не по про за и с к от или о из"""
)
# A heading names a subject; a line with one of these is a sentence (cut by a wrap).
_SENTENCE_WORDS = _words(
    """that which who whom will shall would should can could may might must is are was were be
    been has have had not does do did"""
)
# "The parties agree:" introduces a list; "Territories:" heads one.
_DETERMINERS = _words("the a an this these those each both")
_SENTENCE_END = ".!?;:…"
_CLOSERS = "\"'”’»)]*"
_HEADING_MAX = 60
_INLINE_SUB_POINT = re.compile(r"(?:^|\s)\(?[a-zа-я]\)")
_TRIM = ".,;:!?()[]{}\"'“”‘’«»*"


def ends_sentence(line: str) -> bool:
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_END


def last_word(line: str) -> str:
    tail = line[-40:].split()
    return tail[-1].strip(_TRIM).lower() if tail else ""


def first_word(line: str) -> str:
    head = line[:40].split()
    return head[0] if head else ""


def starts_anew(text: str) -> bool:
    """A line that begins a sentence, a number, an amount or a sub-point, not one that carries
    on a sentence (lower case, or punctuation that ends something)."""
    first = text[:1]
    return first != "" and not first.islower() and first not in ",.;:!?)]}-–—…"


def unfinished(line: str) -> bool:
    """A line cut by a wrap: ends in a comma, a hyphen or a function word."""
    core = line.rstrip()
    return bool(core) and (core[-1] in ",-‐" or last_word(core) in FUNCTION_WORDS)


def _outside_brackets(text: str) -> str:
    """ "Elections (number not verified)" -> "Elections ": an aside in a heading is not a verb."""
    if "(" not in text:
        return text
    out, depth = [], 0
    for char in text:
        depth += char == "("
        if not depth:
            out.append(char)
        depth -= char == ")" and depth > 0
    return "".join(out)


def heading_like(text: str) -> bool:
    """Short, no sentence end, not cut mid-sentence: "Army size", "Territories", "Elections
    (number not verified)"."""
    if not 0 < len(text) <= 2 * _HEADING_MAX:
        return False
    core = _outside_brackets(text)
    return (
        0 < len(core) <= _HEADING_MAX
        and len(core.split()) <= 8
        and not text[:1].islower()
        and any(char.isalpha() for char in text)
        and text[-1] not in ".;:!?,-‐–—"
        and last_word(text) not in FUNCTION_WORDS
        and not any(word.lower() in _SENTENCE_WORDS for word in core.split())
        and not _INLINE_SUB_POINT.search(text)
    )


def wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped paste was wrapped at, if it was: the longest of the lines that
    are surely cut mid-sentence (the next line starts in lower case, or this one ends in a
    comma or a function word). None when there are fewer than three such lines."""
    widths = []
    for line, following in zip(lines, lines[1:], strict=False):
        if not line or not following:
            continue
        nxt = following.lstrip()
        if (nxt[:1].islower() or unfinished(line)) and not ends_sentence(line):
            widths.append(len(line))
    return max(widths) if len(widths) >= 3 else None


def is_wrap(raw_line: str, following: str, width: int | None) -> bool:
    """Would the next line's first word have fitted on this line? If not, the line ended
    because the paste was wrapped there, not because it is a heading."""
    if width is None:
        return False
    return len(raw_line) + 1 + len(first_word(following)) > width


def colon_heading_like(text: str) -> bool:
    words = text.split()
    return (
        heading_like(text)
        and len(words) <= 6
        and not (len(words) >= 3 and words[0].lower() in _DETERMINERS)
    )


def split_heading(first: str, following: str, raw_line: str, width: int | None):
    """(heading, text of the first line) for a clause whose label line says `first`."""
    # A line that ends where the paste wraps is a heading only if it is a few words long: a
    # wrapped sentence fills the line with many.
    words = len(_outside_brackets(first[:200]).split())
    wrapped = is_wrap(raw_line, following, width) and words > 4
    # "European fighter jets stationed in eastern" over "Poland.": a sentence's last word or two
    # wrapped onto the next line, not a heading over a one-word clause. A heading is short or in
    # title case ("Security Guarantees For Ukraine").
    lower = sum(word[:1].islower() for word in first.split()[1:])
    tail = len(following.split()) <= 2 and ends_sentence(following)
    wrapped = wrapped or (words >= 5 and lower >= 2 and tail)
    if following and (starts_anew(following) or sub_point(following)) and not wrapped:
        if first.endswith(":"):
            if colon_heading_like(first[:-1].rstrip()):
                return first[:-1].rstrip(), ""
        elif heading_like(first):
            return first, ""
    heading, sep, body = first.partition(": ")
    if (
        sep
        and body
        and len(heading) <= 40
        and not any(char in heading for char in ".;,")
        and colon_heading_like(heading)
        and (starts_anew(body) or sub_point(body))
    ):
        return heading, body.strip()
    return "", first


# A prefix before a word of its own may make another word when joined: "re-sign" and
# "resign", "re-cover" and "recover", "co-op" and "coop", "un-ionised" and "unionised".
_AMBIGUOUS_PREFIXES = frozenset(["re", "co", "pre", "un"])


class Words:
    """Whether a hyphen a line end cut is the word's own. The paste's own spellings first, read
    once when a hyphen at a line end needs them: the word spelled elsewhere with the hyphen keeps
    it, spelled elsewhere without it loses it. Otherwise the hyphen goes when the joined word is
    a common English word and the line goes on in lower case (`recon-` / `struction`), and stays
    on a compound (`power-` / `sharing`, `non-` / `aggression`, `de-` / `escalation`)."""

    def __init__(self, lines: list[str]):
        self._lines = lines
        self._words: set[str] | None = None

    def drop_hyphen(self, previous: str, line: str) -> bool:
        if self._words is None:
            self._words = {
                word.strip(_TRIM).lower() for text in self._lines for word in text.split()
            }
        left = previous[-40:].split()[-1].strip(_TRIM).lower().rstrip("-‐")
        right = first_word(line).strip(_TRIM).lower()
        if f"{left}-{right}" in self._words:
            return False
        if f"{left}{right}" in self._words:
            return True
        if not line[:1].islower():
            return False
        # The GloVe vocabulary (lineage/meaning.py), loaded only when a paste needs it. Only the
        # part after a hyphen of the word's own: `self-determi-` / `nation`.
        from ..lineage.meaning import is_common_word

        left = re.split("[-‐]", left)[-1]
        if left in _AMBIGUOUS_PREFIXES and is_common_word(right):
            return False  # "re-sign" is not "resign": left as the paste has it
        return is_common_word(left + right)


def join_paragraph(lines: list[str], words: Words) -> str:
    """Wrapped lines joined by spaces; a hyphen a wrap cut joins as `Words` says (`recon-` /
    `struction` -> `reconstruction`, `non-` / `aggression` -> `non-aggression`), and a soft
    hyphen (left by `draft.clean` only where its line goes on with the word) without one."""
    out: list[str] = []
    for line in lines:
        if out:
            previous = out[-1]
            if previous.endswith("\u00ad"):
                out[-1] = previous[:-1]
            elif (
                len(previous) > 1
                and previous[-1] in "-‐"
                and previous[-2].isalpha()
                and line[:1].isalpha()
            ):
                if words.drop_hyphen(previous, line):
                    out[-1] = previous[:-1]
            else:
                out.append(" ")
        out.append(line)
    return "".join(out)
