"""The paste preview's rows: for each parsed clause, the few earlier clauses worth offering as
its ancestor, a diff against the chosen one, a confidence in plain words, and the title and topic
a new clause will get. Reads nothing from the database: it works on the rows it is given."""

from ..diffing import diff_texts
from ..forms import as_id
from ..models import Topic
from ..services.drafts import clause_title

# Offer these at most per row, plus a box for any other earlier label: a 500-clause draft must
# not print every earlier clause in every row.
MAX_OFFERED = 6


def posted_choices(post, old, suggestions) -> tuple[list, list, list[str]]:
    """The ancestor and merges of each row as the editor left them, else as suggested."""
    by_pk = {v.pk: v for v in old}
    by_label = {v.label.casefold(): v.pk for v in old}
    from_preview = "previewed" in post
    chosen, also, errors = [], [], []
    for i, suggestion in enumerate(suggestions):
        if not (from_preview and f"ancestor-{i}" in post):
            chosen.append(suggestion.parent)
            also.append(sorted(suggestion.also))
            continue
        typed = post.get(f"ancestor-label-{i}", "").strip().lstrip("§").casefold()
        if typed and typed not in by_label:
            errors.append(f"There is no §{typed} in the earlier draft (row {i + 1}).")
        pk = by_label.get(typed) if typed else as_id(post[f"ancestor-{i}"])
        chosen.append(pk if pk in by_pk else None)
        ids = (as_id(v) for v in post.getlist(f"also-{i}"))
        also.append(sorted({pk for pk in ids if pk in by_pk}))
    return chosen, also, errors


def confidence(suggestion) -> str:
    if suggestion.parent is None:
        return "no earlier clause is close: a new clause"
    if suggestion.kind == "split":
        return "a second clause drawn from the same earlier one: a split"
    if suggestion.kind == "meaning":
        return "same meaning in other words, hardly a word shared: check it"
    if suggestion.score >= 0.6:
        return "strong match"
    if suggestion.score >= 0.4:
        return "likely match"
    return "weak match: check it"


def _offered(old, index_of, suggestion, chosen_pk, previous_pk, label) -> list:
    # The suggestion and the editor's choice, then the clauses it reads most like (where the
    # suggestion misses, the right one is nearly always among them), then the same label and
    # the clauses after the previous row's ancestor, in order.
    wanted = [suggestion.parent, chosen_pk, *suggestion.also, *suggestion.nearest]
    wanted += [v.pk for v in old if v.label == label]
    if previous_pk in index_of:
        following = index_of[previous_pk] + 1
        wanted += [v.pk for v in old[following : following + 2]]
    seen, offered = set(), []
    for pk in wanted:
        if pk in index_of and pk not in seen:
            seen.add(pk)
            offered.append(old[index_of[pk]])
    return offered[:MAX_OFFERED]


def paste_preview_rows(post, clauses, suggestions, old, chosen, also) -> list[dict]:
    index_of = {v.pk: i for i, v in enumerate(old)}
    rows, used, previous = [], set(), None
    for i, (clause, suggestion) in enumerate(zip(clauses, suggestions, strict=True)):
        ancestor = old[index_of[chosen[i]]] if chosen[i] in index_of else None
        new_identity = ancestor is None or ancestor.clause_id in used
        if ancestor is not None:
            used.add(ancestor.clause_id)
        default_topic = ancestor.clause.topic if ancestor else Topic.IMPLEMENTATION
        rows.append(
            {
                "index": i,
                "clause": clause,
                "suggestion": suggestion,
                "confidence": confidence(suggestion),
                "chosen": chosen[i],
                "ancestor": ancestor,
                "diff": diff_texts(ancestor.text, clause.text)
                if ancestor and ancestor.text
                else None,
                "offered": _offered(old, index_of, suggestion, chosen[i], previous, clause.label),
                "also_offered": [
                    old[index_of[k]] for k in sorted(set(suggestion.also) | set(also[i]))
                ],
                "also_chosen": also[i],
                "new_identity": new_identity,
                "title": post.get(f"title-{i}", "").strip()[:200] or clause_title(clause),
                "topic": post.get(f"topic-{i}")
                if post.get(f"topic-{i}") in Topic.values
                else default_topic,
            }
        )
        previous = chosen[i]
    return rows
