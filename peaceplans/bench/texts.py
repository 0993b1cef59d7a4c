"""Plausible treaty prose for synthetic records: deterministic for a given random.Random."""

import random

SUBJECTS = [
    "The Parties",
    "Ukraine",
    "The Russian Federation",
    "The United States",
    "The European Union",
    "The Joint Commission",
    "The monitoring mission",
    "Each guarantor state",
    "The Peace Council",
    "The signatories",
]
VERBS = [
    "shall ensure",
    "undertake to guarantee",
    "agree to establish",
    "will negotiate",
    "shall refrain from",
    "commit to restoring",
    "recognise the need for",
    "shall review",
    "may request",
    "will jointly fund",
]
OBJECTS = [
    "a demilitarised zone along the line of contact",
    "the return of prisoners of war and detained civilians",
    "security guarantees comparable to collective defence",
    "the reconstruction of energy infrastructure",
    "the phased lifting of sanctions",
    "elections within one hundred days of signature",
    "the protection of national minorities and their languages",
    "the operation of the Zaporizhzhia nuclear power plant",
    "the unfreezing of sovereign assets held abroad",
    "a ceiling on the size of the armed forces",
    "humanitarian corridors for civilians",
    "an amnesty for acts committed during the conflict",
]
QUALIFIERS = [
    "within thirty days of the ceasefire",
    "under international supervision",
    "subject to ratification by parliament",
    "in accordance with the UN Charter",
    "without prejudice to the final settlement",
    "as verified by the monitoring mission",
    "on a reciprocal basis",
    "for a period of ten years",
    "unless the Joint Commission decides otherwise",
]
FILLER = ["shall", "and", "further", "also", "in particular", "where appropriate", "promptly"]


SYLLABLES = ["kha", "ri", "vo", "len", "dar", "mi", "sko", "ta", "bor", "uz", "ne", "pol"]


def place(rng: random.Random) -> str:
    """A made-up proper name: real clauses name places, bodies and numbers of their own."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def sentence(rng: random.Random) -> str:
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.7:
        parts.append(f"in the {place(rng)} region")
    if rng.random() < 0.4:
        parts.append(f"by {rng.randint(1, 1000)} units")
    if rng.random() < 0.6:
        parts.append(rng.choice(QUALIFIERS))
    return " ".join(parts) + "."


def clause_text(rng: random.Random, words: int) -> str:
    """About `words` words of sentences (the issue asks for 20 to 2,000)."""
    out, count = [], 0
    while count < words:
        s = sentence(rng)
        out.append(s)
        count += len(s.split())
    return " ".join(out)


def clause_length(rng: random.Random) -> int:
    # Most clauses are a sentence or three; a few run to pages, as annexes do.
    r = rng.random()
    if r < 0.80:
        return rng.randint(20, 120)
    if r < 0.97:
        return rng.randint(120, 600)
    return rng.randint(600, 2000)


def edit(rng: random.Random, text: str) -> str:
    """A realistic amendment: a word swapped, a qualifier added, a sentence replaced or cut."""
    sentences = [s for s in text.split(". ") if s]
    kind = rng.random()
    i = rng.randrange(len(sentences))
    if kind < 0.35:
        words = sentences[i].split()
        j = rng.randrange(len(words))
        words[j] = rng.choice(FILLER)
        sentences[i] = " ".join(words)
    elif kind < 0.6:
        sentences[i] = sentences[i].rstrip(".") + " " + rng.choice(QUALIFIERS)
    elif kind < 0.85:
        sentences[i] = sentence(rng).rstrip(".")
    elif len(sentences) > 1:
        del sentences[i]
    else:
        sentences.append(sentence(rng).rstrip("."))
    result = ". ".join(s.rstrip(".") for s in sentences)
    return result if result.endswith(".") else result + "."


def heading(rng: random.Random, n: int) -> str:
    topic = rng.choice(OBJECTS).split(" ")
    return " ".join(topic[1:5]).capitalize() + f" ({n})"
