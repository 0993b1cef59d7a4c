"""A labelled evaluation set for the lineage matcher. Pure: reads TOML files, no ORM.

Three kinds of pair, each an earlier draft, a later draft and the true lineage of every later
clause:
- "demo": drafts of the demo record, read by slug from its data file; the truth is the recorded
  lineage (the same `clause` key is the same lineage; `[[derivation]]` rows are splits and
  merges). The later draft offers only clauses whose text is known (what an editor can paste);
  the earlier draft offers every clause, text-unknown ones with empty text.
- "realistic": hand-written pairs in pairs/*.toml, in our own words, in the styles publishers
  use (agency summaries, official articles, a second outlet's paraphrase, a revision). Those
  marked `held_out` were written after the thresholds were last chosen and are only reported.
- "synthetic": generated from synthetic_base.toml by seeded rewrites at several strengths,
  renumbering, splits, merges, dropped and added clauses.
"""

import random
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..demo.validate import join_files
from ..lineage import Candidate, Suggestion, suggest_ancestors

HERE = Path(__file__).parent
PAIRS_DIR = HERE / "pairs"
DEMO_PAIRS_FILE = HERE / "demo_pairs.toml"
SYNTHETIC_FILE = HERE / "synthetic_base.toml"
# The loader's data (a folder of TOML files, one per draft), read with its pure reader: no ORM.
DEMO_FILE = HERE.parent / "demo" / "ukraine"


@dataclass
class Pair:
    name: str
    kind: str  # demo, realistic, synthetic
    old: list[Candidate]
    new: list[tuple[str, ...]]  # (label, text) or (label, text, heading), the later draft's order
    truth: list[frozenset]  # for each new clause, the keys of its true ancestors (empty: new)
    targets: bool = True  # held to precision >= 0.95 and recall >= 0.90
    held_out: bool = False  # written after the thresholds were chosen; never used to choose them


@dataclass
class Result:
    pair: Pair
    correct: int
    suggested: int
    true: int
    spurious_merges: int

    @property
    def precision(self) -> float:
        return self.correct / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.true if self.true else 1.0


Matcher = Callable[[list[Candidate], list[tuple[str, str]]], list[Suggestion]]


def evaluate(pair: Pair, matcher: Matcher = suggest_ancestors) -> Result:
    """Links (new clause, ancestor) suggested against the true ones."""
    suggestions = matcher(pair.old, pair.new)
    correct = suggested = spurious = 0
    for suggestion, truth in zip(suggestions, pair.truth, strict=True):
        parents = [suggestion.parent] if suggestion.parent is not None else []
        for index, parent in enumerate(parents + list(suggestion.also)):
            suggested += 1
            if parent in truth:
                correct += 1
            elif index > 0:
                spurious += 1
    return Result(pair, correct, suggested, sum(len(t) for t in pair.truth), spurious)


def mistakes(pair: Pair, matcher: Matcher = suggest_ancestors) -> list[str]:
    """One line per later clause whose suggested ancestors differ from the true ones."""
    lines = []
    for clause, suggestion, truth in zip(
        pair.new, matcher(pair.old, pair.new), pair.truth, strict=True
    ):
        parents = {suggestion.parent, *suggestion.also} - {None}
        if parents != truth:
            got, true = sorted(map(str, parents)) or "new", sorted(map(str, truth)) or "new"
            lines.append(
                f"{pair.name}: {clause[0]}: suggested {got} "
                f"({suggestion.kind}, {suggestion.score:.2f}), true {true}"
            )
    return lines


def within_reach(pair: Pair, matcher: Matcher = suggest_ancestors) -> tuple[int, int]:
    """(true links, of those how many are suggested or among the suggestion's nearest earlier
    clauses): the links an editor finds in the row's menu of the preview. (A second ancestor
    is ticked there only when suggested; another is added after saving, in the clause
    version's "derived from" links.)"""
    true = reached = 0
    for suggestion, truth in zip(matcher(pair.old, pair.new), pair.truth, strict=True):
        offered = {suggestion.parent, *suggestion.also, *suggestion.nearest}
        true += len(truth)
        reached += len(truth & offered)
    return true, reached


def all_pairs(demo_file: Path = DEMO_FILE) -> list[Pair]:
    return [*demo_pairs(demo_file), *realistic_pairs(), *synthetic_pairs()]


PRECISION_TARGET = 0.95
RECALL_TARGET = 0.90


def misses_targets(result: Result) -> list[str]:
    """What a result falls short of: precision and recall on target pairs, and no spurious
    merge on the demo record."""
    misses = []
    held = result.pair.targets or result.pair.held_out
    if held and result.precision < PRECISION_TARGET:
        misses.append(f"precision {result.precision:.2f} < {PRECISION_TARGET}")
    if held and result.recall < RECALL_TARGET:
        misses.append(f"recall {result.recall:.2f} < {RECALL_TARGET}")
    if result.pair.kind == "demo" and result.spurious_merges:
        misses.append(f"{result.spurious_merges} spurious merges")
    return misses


def table(results: list[Result]) -> str:
    """The results as a Markdown table, one row a pair."""
    lines = [
        "| kind | pair | clauses (old → new) | precision | recall | spurious merges "
        "| links right / suggested / true |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        kind = r.pair.kind
        if r.pair.held_out:
            kind += ", held out"
        elif not r.pair.targets:
            kind += " (no target)"
        lines.append(
            f"| {kind} | {r.pair.name} | {len(r.pair.old)} → {len(r.pair.new)} "
            f"| {r.precision:.2f} | {r.recall:.2f} | {r.spurious_merges} "
            f"| {r.correct} / {r.suggested} / {r.true} |"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------ hand-written pairs


def realistic_pairs() -> list[Pair]:
    """Each file: [[old]] rows (id, label, text) and [[new]] rows (label, text, from = [ids])."""
    pairs = []
    for path in sorted(PAIRS_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        old = [Candidate(row["id"], row["label"], row.get("text", "")) for row in data["old"]]
        ids = {c.key for c in old}
        truth = []
        for row in data["new"]:
            unknown = set(row.get("from", [])) - ids
            if unknown:
                raise ValueError(f"{path.name}: unknown ancestor {sorted(unknown)}")
            truth.append(frozenset(row.get("from", [])))
        new = [(row["label"], row["text"]) for row in data["new"]]
        held_out = data.get("held_out", False)
        name = data.get("name", path.stem)
        # A held-out pair measures how the matcher does on text it was not tuned on: holding
        # it to the targets in the tests would invite tuning on it.
        # A development pair may be shown without a target (`targets = false`, the reason in
        # its header): it is there to measure a direction, not to pass.
        targets = data.get("targets", True) and not held_out
        pairs.append(Pair(name, "realistic", old, new, truth, targets, held_out))
    return pairs


# ------------------------------------------------------------------ the demo record's drafts


def demo_pairs(demo_file: Path = DEMO_FILE) -> list[Pair]:
    """The pairs named in demo_pairs.toml, built from the demo data file as it is now."""
    wanted = tomllib.loads(DEMO_PAIRS_FILE.read_text(encoding="utf-8"))["pair"]
    data = join_files(demo_file)
    drafts = {row["slug"]: row for row in data.get("draft", [])}
    lineage = _lineages(data)
    pairs = []
    for row in wanted:
        if row["old"] not in drafts or row["new"] not in drafts:
            continue  # the record no longer has this draft; the table says so by omission
        old_rows = drafts[row["old"]].get("clause", [])
        old = [
            Candidate(f"{row['old']}:{c['label']}", c["label"], _demo_text(c), _demo_heading(c))
            for c in old_rows
        ]
        new, truth = [], []
        for clause in drafts[row["new"]].get("clause", []):
            if not _demo_text(clause):
                continue
            new.append((clause["label"], _demo_text(clause), _demo_heading(clause)))
            group = lineage.get(clause["clause"], clause["clause"])
            truth.append(
                frozenset(
                    f"{row['old']}:{c['label']}"
                    for c in old_rows
                    if lineage.get(c["clause"], c["clause"]) == group
                )
            )
        name = f"{row['new']} ← {row['old']}"
        pairs.append(Pair(name, "demo", old, new, truth, row.get("targets", True)))
    return pairs


def _demo_text(clause: dict) -> str:
    """What the admin passes the matcher as text: nothing when the text is unknown."""
    if clause.get("basis") == "unknown" or not clause.get("text", "").strip():
        return ""
    return clause["text"].strip()


def _demo_heading(clause: dict) -> str:
    """The record's headings are our editors' titles, not the drafters' words."""
    return clause.get("heading", "").strip() if _demo_text(clause) else ""


def _lineages(data: dict) -> dict[str, str]:
    """Clause slug -> a representative of its lineage; derivations join clause identities."""
    clause_of = {
        f"{draft['slug']}:{c['label']}": c["clause"]
        for draft in data.get("draft", [])
        for c in draft.get("clause", [])
    }
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for row in data.get("derivation", []):
        a, b = clause_of.get(row["child"]), clause_of.get(row["parent"])
        if a and b:
            parent[find(a)] = find(b)
    return {x: find(x) for x in parent}


# ------------------------------------------------------------------ synthetic rewrites


@dataclass(frozen=True)
class Rewrite:
    name: str
    strength: float = 0.0  # share of words replaced by a synonym or dropped
    renumber: bool = False  # labels start elsewhere ("Article 3" for point 1)
    drop: int = 0
    add: int = 0
    splits: int = 0
    merges: int = 0
    moves: int = 0


REWRITES = [
    Rewrite("light rewrite", strength=0.2),
    Rewrite("medium rewrite, renumbered", strength=0.4, renumber=True),
    Rewrite("heavy rewrite", strength=0.6),
    Rewrite("very heavy rewrite", strength=0.8),
    Rewrite("dropped and added, renumbered", strength=0.3, renumber=True, drop=4, add=4),
    Rewrite("splits and merges", strength=0.3, splits=3, merges=3),
    Rewrite("moved clauses", strength=0.3, moves=3),
    Rewrite("everything at once", strength=0.5, renumber=True, drop=3, add=3, splits=2, merges=2),
]


def synthetic_pairs(seed: int = 11) -> list[Pair]:
    data = tomllib.loads(SYNTHETIC_FILE.read_text(encoding="utf-8"))
    base = [row["text"] for row in data["clause"]]
    pool = [row["text"] for row in data["unrelated"]]
    synonyms = {k: v for k, v in data["synonyms"].items()}
    return [
        _synthetic(rewrite, base, pool, synonyms, random.Random(f"{seed}:{rewrite.name}"))
        for rewrite in REWRITES
    ]


def _synthetic(rewrite: Rewrite, base, pool, synonyms, rng: random.Random) -> Pair:
    old = [Candidate(f"s{n}", str(n), text) for n, text in enumerate(base, start=1)]
    # Each entry of `later`: (text, ancestors); built in order, then relabelled.
    later: list[tuple[str, frozenset]] = [(c.text, frozenset([c.key])) for c in old]
    for _ in range(rewrite.drop):
        later.pop(rng.randrange(len(later)))
    for _ in range(rewrite.merges):
        index = rng.randrange(len(later) - 1)
        (a, pa), (b, pb) = later[index], later[index + 1]
        later[index : index + 2] = [(f"{a.rstrip('.')}, and {b[0].lower()}{b[1:]}", pa | pb)]
    for _ in range(rewrite.splits):
        index = _splittable(later, rng)
        if index is not None:
            text, parents = later[index]
            first, second = _halves(text)
            later[index : index + 1] = [(first, parents), (second, parents)]
    for _ in range(rewrite.moves):
        item = later.pop(rng.randrange(len(later)))
        later.insert(rng.randrange(len(later) + 1), item)
    later = [(_reword(text, rewrite.strength, synonyms, rng), p) for text, p in later]
    for text in rng.sample(pool, rewrite.add):
        later.insert(rng.randrange(len(later) + 1), (text, frozenset()))
    start = 3 if rewrite.renumber else 1
    new = [(str(n), text) for n, (text, _) in enumerate(later, start=start)]
    truth = [parents for _, parents in later]
    return Pair(rewrite.name, "synthetic", old, new, truth, targets=False)


def _splittable(later, rng) -> int | None:
    options = [i for i, (text, _) in enumerate(later) if len(_sentences(text)) > 1]
    return rng.choice(options) if options else None


def _sentences(text: str) -> list[str]:
    return [s.strip() + "." for s in text.split(". ") if s.strip()]


def _halves(text: str) -> tuple[str, str]:
    sentences = _sentences(text.rstrip("."))
    middle = len(sentences) // 2
    return " ".join(sentences[:middle]), " ".join(sentences[middle:])


def _reword(text: str, strength: float, synonyms: dict[str, str], rng: random.Random) -> str:
    """Change about `strength` of the words: a synonym where one is listed, else drop the word
    (half as often for words of four letters or more); at high strength also rotate the parts of
    a sentence around its first comma."""
    out = []
    for word in text.split():
        core = word.rstrip(".,;:")
        tail = word[len(core) :]
        replacement = synonyms.get(core.lower())
        if rng.random() < strength:
            if replacement:
                out.append(replacement + tail)
                continue
            if len(core) < 4 or rng.random() < 0.5:
                if tail and out:
                    out[-1] += tail
                continue
        out.append(word)
    result = " ".join(out)
    if strength >= 0.5 and ", " in result and rng.random() < strength:
        head, _, rest = result.partition(", ")
        result = f"{rest.rstrip('.')}, {head[0].lower()}{head[1:]}."
    return result[0].upper() + result[1:] if result else result
