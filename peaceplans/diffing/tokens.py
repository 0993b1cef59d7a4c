"""Tokens and sentences of a clause text. Pure; every split keeps every character."""

import re

# A word keeps its inner hyphens and apostrophes (de-escalation, Ukraine's), a number its
# thousands separators and decimals (600,000; 1.5); then runs of whitespace; then single marks.
# "600 000" (thousands set apart by a space, as French, Ukrainian and Russian texts write them)
# is one number, as "600,000" is.
_SPACED = r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\w)"
_WORD = rf"{_SPACED}|\w+(?:(?:[-\u2010\u2011'\u2019]|(?<=\d)[.,](?=\d))\w+)*"
_TOKEN = re.compile(rf"{_WORD}|\s+|[^\w\s]")
_WORDS = re.compile(_WORD)
_MARKS = re.compile(rf"{_WORD}|[^\w\s]")  # the tokens that are not whitespace
_SENTENCE_END = frozenset(".!?;:")
_CLOSERS = frozenset(")]\"'\u201d\u2019\u00bb")
# Words after which a full stop marks an abbreviation, not the end of a sentence ("St.
# Petersburg", "No. 4"). Single letters count too: "U.S.", "e.g.", list letters "a.".
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "st", "no", "nos", "nr", "art", "arts", "para", "paras", "cf",
        "vs", "approx", "gen", "sen", "rep", "gov", "prof", "capt", "col", "lt", "maj", "sgt",
        "jr", "sr", "co", "corp", "inc", "ltd", "fig", "vol", "pp", "sec", "ch", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
# Short common words (English, Ukrainian, Russian): kept on their own inside a rewritten
# passage they are confetti, not meaning.
COMMON_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "nor", "if", "of", "to", "in", "on", "at", "by",
        "for", "from", "with", "as", "into", "onto", "than", "then", "so", "is", "are", "be",
        "been", "was", "were", "will", "shall", "would", "should", "may", "can", "it", "its",
        "this", "that", "these", "those", "which", "who", "whom", "whose", "what", "when",
        "where", "all", "any", "each", "their", "there", "they", "them", "he", "she", "we",
        "our", "not", "also", "such", "both",
        "і", "й", "та", "в", "у", "на", "з", "із", "до", "що", "не", "як", "а", "и", "с", "со",
        "по", "к", "о", "об", "от", "для",
    }
)  # fmt: skip


# Characters a web page carries that show as nothing: zero-width space, non-joiner and joiner,
# word joiner, byte order mark, soft hyphen. Text is the same with or without them.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
JOINERS = "\u200c\u200d"
# ... but for the joiners beside a letter of another script: Persian and Indic spelling and
# emoji sequences need them ("می‌خواهم").
_LOOSE_JOINER = re.compile(
    r"(?<![^\x00-\x7f\u200c\u200d])[\u200c\u200d]+(?![^\x00-\x7f\u200c\u200d])"
)


def drop_invisible(text: str, *, keep: str = "") -> str:
    """`text` without the INVISIBLE characters but those in `keep` (never a joiner) and the
    JOINERS beside a character outside ASCII; a text with none (nearly all) is not copied."""
    for char in INVISIBLE:
        if char not in keep and char not in JOINERS and char in text:
            text = text.replace(char, "")
    if "\u200c" in text or "\u200d" in text:
        text = _LOOSE_JOINER.sub("", text)
    return text


def tokenize(text: str) -> list[str]:
    """Words, numbers, whitespace runs and single marks; joined they give back the text."""
    return _TOKEN.findall(text)


def sentences(text: str) -> list[str]:
    """Split at sentence ends and line breaks, keeping every character: joined, the text."""
    tokens = tokenize(text)
    return ["".join(tokens[start:end]) for start, end in sentence_spans(tokens)]


def is_space(token: str) -> bool:
    return token[:1].isspace()


def is_word(token: str) -> bool:
    return token[:1].isalnum() or token[:1] == "_"


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def words(text: str) -> list[str]:
    return _WORDS.findall(text)


def marks(text: str) -> list[str]:
    """The tokens of text that are not whitespace, in order."""
    return _MARKS.findall(text)


def sentence_spans(tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) token ranges of the sentences; a sentence keeps its trailing whitespace."""
    spans, start = [], 0
    for index, token in enumerate(tokens):
        if token[0].isspace() and _ends_sentence(tokens, index):
            spans.append((start, index + 1))
            start = index + 1
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


def _ends_sentence(tokens: list[str], space: int) -> bool:
    """Whether the whitespace token at `space` closes a sentence."""
    if "\n" in tokens[space]:
        return True  # a line break: sub-points and paragraphs stand apart
    end = space - 1
    while end > 0 and tokens[end] in _CLOSERS:
        end -= 1
    if end < 0 or tokens[end] not in _SENTENCE_END:
        return False
    if tokens[end] != ".":
        return True
    following = tokens[space + 1] if space + 1 < len(tokens) else ""
    after_following = tokens[space + 2] if space + 2 < len(tokens) else ""
    list_letter = len(following) == 1 and after_following in {".", ")"}
    if following[:1].islower() and not list_letter:
        return False  # "a.m. on", "etc. and"; but "frozen. b. Kherson" ends a sentence
    before = tokens[end - 1] if end > 0 else ""
    if is_word(before) and (len(before) == 1 or before.lower() in _ABBREVIATIONS):
        return False  # "U.S. forces", "St. Petersburg", "a. Crimea", "No. 4"
    # A list label ("3.") opening the text or a line is not a sentence of its own.
    return not (before.isdigit() and (end == 1 or "\n" in tokens[end - 2]))
