"""Unnumbered paragraphs between clauses that are not the draft's text: an editor's or
publisher's note, a journalist's report of what was said, and commentary on the text. Each is
kept apart from the clause above it, so it never pollutes a clause's text or its lineage.

A paragraph that is none of these stays in its clause (a clause may have several paragraphs),
with a warning that names its line; the editor can keep it apart by starting it with "Note:"
or putting it in brackets.
"""

import re

from .labels import sub_point

_NOTE_WORDS = (
    "note:",
    "note.",
    "editor's note",
    "editor’s note",
    "nb:",
    "n.b.",
    "source:",
    "sources:",
    "update:",
    "read more",
    "see also",
    "примітка",
)
# A paragraph that reports speech is a journalist's, not the draft's ("…, the spokesman said.").
# "said" alone is not enough: treaties write "the said territories".
REPORTING_WORDS = frozenset(
    ["told", "reportedly", "according", "spokesman", "spokeswoman", "spokesperson"]
)
_REPORTING_PHRASES = (" said that ", " says that ", " said on ", " said.", " says.", " said,")


# "Point 3 of the US plan, on a buffer zone, is deleted.": a remark on another text's point.
_DELETION = re.compile(
    r"(?:point|article|paragraph|clause|item|section|§)\s*\d{1,3}\b[^.;]{0,200}?\b"
    r"(?:is|was|has been|have been|are|were)\s+"
    r"(?:deleted|dropped|removed|struck(?:\s+out)?|omitted)\b",
    re.IGNORECASE,
)


def deletion_note(text: str) -> bool:
    """A publisher's note that another draft's point is gone, not treaty text."""
    return len(text) <= 400 and _DELETION.match(text.strip("([ ")) is not None


def note_like(text: str) -> bool:
    """An editor's or publisher's remark, not treaty text: "(Point 3 … is deleted.)"."""
    if deletion_note(text):
        return True
    core = text.rstrip(". ")
    if text[:1] in "([" and core[-1:] in ")]" and not sub_point(text):
        return True
    if len(text) > 2 and text[0] in "*_" and text[-1] == text[0] and text[1] != text[0]:
        return True  # a paragraph in markdown italics
    if text[:16].lower().startswith(_NOTE_WORDS):
        return True
    if len(text) > 2_000:
        return False
    lowered = f" {text.lower()} "
    return any(phrase in lowered for phrase in _REPORTING_PHRASES) or any(
        word.strip(",.;:!?\"'”’)") in REPORTING_WORDS for word in lowered.split()
    )


# Commentary speaks about the text from outside it: it names the plan, the draft or a point in
# the third person and says what it does ("The plan would cap …", "Point 12 drops …"), or opens
# the way reporters and analysts do ("According to …", "In the original version …"). A
# treaty's own second paragraph speaks in the draft's voice ("The Parties shall …") and names
# no "plan" or "point N" while reporting on it.
_COMMENTARY_OPENERS = (
    "according to",
    "in the original",
    "in the earlier",
    "in an earlier",
    "in the previous",
    "in the first draft",
    "compared with",
    "compared to",
    "unlike the",
    "critics ",
    "analysts ",
    "observers ",
    "experts say",
    "it is unclear",
    "it remains unclear",
    "it is not clear",
    "earlier drafts",
    "an earlier draft",
    "the earlier draft",
    "the previous draft",
    "the original",
    "this repeats",
    "this echoes",
    "this mirrors",
    "this point",
    "this clause",
    "this paragraph",
    "this provision",
    "this wording",
    "the wording",
)
_SELF_MENTION = re.compile(
    r"\b(?:the|this|that|its|an|a)\s+(?:[\w-]+\s+)?(?:plan|draft|document|proposal|version"
    r"|framework|memorandum|paper|original|text)\b"
    r"|\b(?:points?|clauses?|paragraphs?|articles?|items?)\s+\d",
    re.IGNORECASE,
)
# What commentary says the text does. "said" only when it is not "the said …".
COMMENTARY_VERBS = frozenset(
    [
        "says",
        "states",
        "stated",
        "stipulates",
        "envisages",
        "envisaged",
        "proposes",
        "mentions",
        "mentioned",
        "omits",
        "omitted",
        "drops",
        "dropped",
        "adds",
        "added",
        "removes",
        "removed",
        "replaces",
        "replaced",
        "repeats",
        "echoes",
        "mirrors",
        "would",
        "deleted",
        "shortened",
        "rewritten",
        "reworded",
        "softened",
        "toughened",
        "calls",
        "called",
        "reportedly",
    ]
)
_WORD = re.compile(r"[a-z]+")


def commentary_like(text: str) -> bool:
    """A remark about the draft rather than the draft's own text."""
    head = text[:40].lower().lstrip("\"'“‘ ")
    if head.startswith(_COMMENTARY_OPENERS):
        return True
    if len(text) > 2_000 or not _SELF_MENTION.search(text):
        return False
    words = _WORD.findall(text.lower())
    if "shall" in words:
        return False  # the draft's own voice
    return any(
        w in COMMENTARY_VERBS or (w == "said" and (i == 0 or words[i - 1] != "the"))
        for i, w in enumerate(words)
    )
