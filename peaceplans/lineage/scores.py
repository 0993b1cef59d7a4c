"""Scores for the lineage matcher: how much a clause of one draft reads like a clause of
another. Pure: no ORM.

TF-IDF cosine over lightly stemmed words; a spelled-out name also counts as its initials, a
people as its country ("Calvetian" as Calvetia), "fifteen" as 15, "60:40" also as 60 and 40,
"30 million" as 30,000,000, "half" as fifty per cent and "a year" as twelve months, and the
frame of a report ("The Committee notes that") is left out; a heading's words count a little
less than the text's. Sparse: a word in nearly every
clause weighs almost nothing and is not searched; candidates come from a clause's most
distinctive words, with a bounded number of postings read.
"""

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import chain, repeat
from operator import itemgetter, mul, truediv

from . import concepts
from .figures import NUMBERS, figure_terms, normalise

TOP_K = 8  # candidates kept per new clause
SEARCH_BUDGET = 200  # postings read per new clause, its most distinctive words first
POOL_ALL = 64  # when no more clauses than this share those words, all are scored exactly
CANDIDATE_POOL = 12  # ... else those sharing most of them
COMMON_SHARE = 0.2  # a word in more than this share of a large draft's clauses is not searched
COMMON_FLOOR = 50  # ... nor used to find candidates unless it is in more clauses than this
# A heading's word counts this much of one in the text, in the scores only (the weak rules read
# the text alone): 0.75 to 1 scored alike on the evaluation set, 0.5 lost December <- 28-point.
HEADING_WEIGHT = 0.75
# Two texts that say one concept in different words (concepts.py: "troops", "armed forces")
# share a term weighing this much of a shared word of the same rarity. It is added beside the
# words, outside their norm: texts that share the words themselves score as before.
CONCEPT_WEIGHT = 1.5

# Words that say how, not what. In a draft of ten clauses the IDF cannot tell "are" or "at"
# from a subject word; only order between anchors may vouch for a link through them alone.
_FUNCTION = (
    "a about after all also an and any are as at be been being both but by can could do does "
    "each either for from had has have if in into is it its may might more most must no nor not "
    "of on once only or other our out over per same shall should so some such than that the "
    "their them then there these they this those through to too under until upon very was we "
    "were what when where whether which while who whom will with within would"
)
FUNCTION_WORDS = frozenset(_FUNCTION.split())
_second = itemgetter(1)
_TOKEN = re.compile(r"\w+(?:[.,:/]\d+)*", re.UNICODE)  # 600,000 and 50:50 are one word
_RATIO = re.compile(r"\b\d+(?:[:/]\d+)+\b")
_PEOPLE = re.compile(r"\b[A-Z][a-z]+ian\b")
_NAME = re.compile(r"[A-Z][a-z]+(?:\s+(?:(?:of|the|for)\s+)*[A-Z][a-z]+)+")


# The frame of a report, not its content: "The Committee was informed that ...", "The Government
# proposes that ...", "the minister said that ...". Only after a reporting subject: "the States
# that border the lake" and "notes that are issued" are content.
_REPORTING = re.compile(
    r"\b(committee|government|governments|minister|ministers|ministry|delegation|delegations"
    r"|parties|president|mediator|spokes\w+|he|she|they)\s+(?:(?:was|were|has been|have been)"
    r"\s+(?:informed|told|assured|advised)|notes?|noted|heard|hears?|propose[sd]?|intend[se]?d?"
    r"|says?|said|stated?|states|believes?|believed|understands?|understood|confirm(?:s|ed)?"
    r"|recommend(?:s|ed)?|announced?|announces)\s+that\b"
)


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    """Light English suffix stripping: plurals, -ed, -ing, -ation and -ate (forces/force,
    capped/cap, restoration/restored, negotiation/negotiate); a lone letter is no word (it
    becomes "")."""
    word = NUMBERS.get(word, word)
    if len(word) <= 3 or word.isdigit():
        return word if len(word) > 1 or word.isdigit() else ""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # capped -> cap
            break
    if word.endswith("ation") and len(word) >= 11:
        return word[:-5]  # restoration/restor(ed), negotiation/negoti(ate); not foundation/found
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]  # force/forc(ed)
    if word.endswith("at") and len(word) >= 8:
        word = word[:-2]  # negotiat(e)/negoti(ation), compensat(e)/compens(ation)
    return word


_FUNCTION_STEMS = frozenset(map(_stem, FUNCTION_WORDS))
_CONCEPT, _CONCEPT_PHRASES = concepts.build(_stem, _FUNCTION_STEMS)
_CONCEPT_NAMES = frozenset(_CONCEPT.values()) | {name for name, _, _ in _CONCEPT_PHRASES}


# An editor's or a commentator's bracketed remark inside a clause is not the drafters' text:
# "[Annotation: the split follows …]", "[CU comment: …]", "[Note: …]".
_REMARK = re.compile(
    r"\[(?:[\w.’' -]{0,30}\s)?(?:annotation|comment|commentary|note|remark)s?\s*:[^\]]{0,3000}\]",
    re.IGNORECASE,
)


def _terms(text: str, heading: str = "") -> Counter:
    if "[" in text:
        text = _REMARK.sub(" ", text)
    lower = text.lower()
    if "that" in lower:
        lower = _REPORTING.sub(r"\1 that", lower)
    lower = normalise(lower)
    stems = list(map(_stem, _TOKEN.findall(lower)))
    terms = Counter(stems)
    terms.update(figure_terms(lower, stems))
    # A ratio or a pair of figures (60:40, 50/50) also counts as its figures.
    if ":" in text or "/" in text:
        for ratio in _RATIO.findall(text):
            terms.update(ratio.replace("/", ":").split(":"))
    if heading:
        for word in map(_stem, _TOKEN.findall(heading.lower())):
            terms[word] += HEADING_WEIGHT
        text = f"{heading} {text}"
    terms.pop("", None)
    # A people is its country: "Calvetian" also counts as Calvetia, "Russian" as Russia.
    if "ian" in text:
        for people in _PEOPLE.findall(text):
            terms[people[:-1].lower()] += 1
    # A spelled-out name also counts as its initials: the International Atomic Energy Agency
    # is the IAEA of a later draft.
    for name in _NAME.findall(text):
        initials = "".join(w[0] for w in name.split() if w[0].isupper() and w != "The")
        if len(initials) > 2:  # two-letter initials (US, UN) collide with words
            terms[initials.lower()] += 1
    return terms


def _concepts(text: str, terms: Counter) -> dict[str, set[str]]:
    """The concepts a text names, each with what named it (its words' stems, or the phrase)."""
    found: dict[str, set[str]] = defaultdict(set)
    for term in terms.keys() & _CONCEPT.keys():
        found[_CONCEPT[term]].add(term)
    lower = None
    for concept, literal, pattern in _CONCEPT_PHRASES:
        if terms.keys().isdisjoint(literal):
            continue
        lower = lower or text.lower()
        for phrase in pattern.findall(lower):
            found[concept].add(f"{concept}:{phrase}")
    return found


def _add_concepts(vectors, norms, named, idf) -> None:
    """Add each text's concepts to its unit word vector, weighed like a word of the same IDF
    but outside the norm, and what named them as zero-weight markers (see _top_scores)."""
    root = math.sqrt(CONCEPT_WEIGHT)
    for vector, norm, found in zip(vectors, norms, named, strict=True):
        for concept, names in found.items():
            vector[concept] = root * idf[concept] / norm
            for name in names:
                vector.setdefault(name, 0.0)


def _vectors(docs: list[Counter], idf: dict[str, float], norms=None) -> list[dict[str, float]]:
    """Unit TF-IDF vectors. Every weight is positive: a word is in at most all `documents`
    texts and the IDF is smoothed with one more, so no word weighs exactly nothing."""
    most = max((max(counts.values(), default=1) for counts in docs), default=1)
    tf = [0.0, 1.0, *(1 + math.log(n) for n in range(2, int(most) + 1))]  # by count in the text
    weight, factor, hypot = idf.__getitem__, tf.__getitem__, math.hypot
    vectors = []
    for counts in docs:  # map() keeps the per-word work in C: this runs for every clause
        try:
            weights = list(map(mul, map(weight, counts), map(factor, counts.values())))
        except TypeError:  # a heading's words count a fraction: no table for those counts
            weights = [weight(t) * (1 + math.log(n) if n > 1 else n) for t, n in counts.items()]
        norm = hypot(*weights) or 1.0
        if norms is not None:
            norms.append(norm)
        vectors.append(dict(zip(counts, map(truediv, weights, repeat(norm)), strict=True)))
    return vectors


def similarity_matrix(
    old: list[str],
    new: list[str],
    *,
    top_k: int = TOP_K,
    old_headings: list[str] | None = None,
    new_headings: list[str] | None = None,
) -> list[dict[int, float]]:
    """For each new text, {old index: cosine similarity} for its best `top_k` old texts.

    A word found in every text weighs nothing; candidates are looked up through the words that
    are not near-universal and scored exactly, so the cost follows shared distinctive words."""
    vectors = _read(old, new, old_headings=old_headings, new_headings=new_headings)
    return _top_scores(*vectors, top_k)


def _read(
    old: list[str],
    new: list[str],
    *,
    old_headings: list[str] | None = None,
    new_headings: list[str] | None = None,
) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Unit TF-IDF vectors of the old and the new texts, the IDF taken over both drafts."""
    seen: dict[tuple[str, str], Counter] = {}  # a clause left unchanged is read once
    seen_concepts: dict[str, dict[str, set[str]]] = {}

    def read(texts: list[str], headings: list[str] | None) -> list[Counter]:
        pairs = zip(texts, headings or repeat(""), strict=False)
        return [seen.get(p) or seen.setdefault(p, _terms(*p)) for p in pairs]

    def name(texts: list[str], terms: list[Counter]) -> list[dict[str, set[str]]]:
        # From the text alone: a heading's words are not the drafters' (see HEADING_WEIGHT).
        return [
            seen_concepts[t] if t in seen_concepts else seen_concepts.setdefault(t, _concepts(t, c))
            for t, c in zip(texts, terms, strict=True)
        ]

    old_terms, new_terms = read(old, old_headings), read(new, new_headings)
    old_named, new_named = name(old, old_terms), name(new, new_terms)
    documents = len(old_terms) + len(new_terms)
    frequency = Counter(chain.from_iterable(chain(old_terms, new_terms)))  # texts per word
    frequency.update(chain.from_iterable(chain(old_named, new_named)))  # texts per concept
    # A word in every text weighs almost nothing; smoothed so that two one-clause drafts match.
    idf = {t: math.log((documents + 1) / n) for t, n in frequency.items()}
    old_norms, new_norms = [], []
    old_vectors = _vectors(old_terms, idf, old_norms)
    new_vectors = _vectors(new_terms, idf, new_norms)
    _add_concepts(old_vectors, old_norms, old_named, idf)
    _add_concepts(new_vectors, new_norms, new_named, idf)
    return old_vectors, new_vectors


def _top_scores(old_vectors, new_vectors, top_k: int) -> list[dict[int, float]]:
    """For each new vector, its best `top_k` old ones by cosine, looked up through the words
    that are not near-universal, with a bounded number of postings read."""
    common = max(COMMON_FLOOR, COMMON_SHARE * len(old_vectors))
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(old_vectors):
        for term in vector:
            postings[term].append(index)
    postings = {t: p for t, p in postings.items() if len(p) <= common}
    scores = []
    for vector in new_vectors:
        # Bound the work: the most distinctive words first, until enough postings are read.
        search, budget = [], SEARCH_BUDGET
        for term in sorted(vector, key=vector.__getitem__, reverse=True):
            found = postings.get(term)
            if found:
                search.append(found)
                budget -= len(found)
                if budget <= 0:
                    break
        shared = Counter(chain.from_iterable(search))
        pool = shared
        if len(shared) > POOL_ALL:  # a stable sort: equal counts keep the order found
            pool = sorted(shared, key=shared.__getitem__, reverse=True)[:CANDIDATE_POOL]
        row = {}
        weight, words = vector.__getitem__, vector.keys()
        for index in pool:
            other = old_vectors[index]
            both = words & other.keys()  # CPython walks the smaller of the two
            score = sum(map(mul, map(weight, both), map(other.__getitem__, both)))
            if not both.isdisjoint(_CONCEPT_NAMES):
                score -= _said_alike(both, weight, other)
            row[index] = score
        best = sorted(row.items(), key=_second, reverse=True)[:top_k]
        scores.append({index: score for index, score in best if score > 0})
    return scores


def _said_alike(both: set[str], weight, other: dict[str, float]) -> float:
    """What the shared concepts added that the two texts already share in the same words or
    phrase: a concept is a bridge between different words, not a second count of the same."""
    alike = {_CONCEPT.get(t) for t in both}
    alike.update(t.split(":", 1)[0] for t in both if t.startswith(concepts.PREFIX) and ":" in t)
    return sum(weight(c) * other[c] for c in alike & both)
