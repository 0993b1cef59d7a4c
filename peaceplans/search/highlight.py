"""Highlighted snippets of user text: escaped first, then marked.

Both backends produce a plain-text snippet whose matches sit between START and STOP (control
characters we choose); `render` escapes every piece and wraps the matches in <mark> with
format_html, so no text from the record can ever become markup. PostgreSQL's ts_headline copies
the text verbatim (tags included), which is why its output is never trusted as HTML.
"""

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

START, STOP, GAP = "\x02", "\x03", "\x04"
ELLIPSIS = " … "
SNIPPET_CHARS = 240


def render(marked: str) -> SafeString:
    """'a \\x02b\\x03 c' -> 'a <mark>b</mark> c', every piece escaped."""
    pieces = []
    for index, piece in enumerate(re.split(f"[{START}{STOP}]", marked)):
        piece = piece.replace(GAP, ELLIPSIS)
        if not piece:
            continue
        # Even pieces lie outside a START...STOP pair, odd ones inside.
        template = "<mark>{}</mark>" if index % 2 else "{}"
        pieces.append((template, piece))
    return format_html_join("", "{}", ((format_html(t, p),) for t, p in pieces))


def mark_terms(text: str, terms: list[str], *, snippet: bool = True) -> str:
    """The fallback's marking: each case-insensitive occurrence of a term, around the first one.

    Used on SQLite; the text keeps its own characters (a START/STOP inside it only misplaces a
    highlight, since `render` escapes everything)."""
    text = text.replace(START, "").replace(STOP, "").replace(GAP, "")
    spans = []
    lowered = text.lower()
    if len(lowered) != len(text):  # rare letters whose lower case is longer: match as written
        lowered = text
    for term in terms:
        needle = term.lower() if lowered is not text else term
        if not needle:
            continue
        start = lowered.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = lowered.find(needle, start + len(needle))
    spans = _merge(sorted(spans))
    begin, end = 0, len(text)
    if snippet and len(text) > SNIPPET_CHARS:
        first = spans[0][0] if spans else 0
        begin = max(0, first - SNIPPET_CHARS // 3)
        end = min(len(text), begin + SNIPPET_CHARS)
    out, cursor = [], begin
    for a, b in spans:
        if b <= begin or a >= end:
            continue
        a, b = max(a, begin), min(b, end)
        out.append(text[cursor:a] + START + text[a:b] + STOP)
        cursor = b
    out.append(text[cursor:end])
    marked = "".join(out)
    return (GAP if begin > 0 else "") + marked + (GAP if end < len(text) else "")


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
