"""Structured diffs and the lineage graph, from the same selectors and TextDiff the HTML pages
render, so the JSON and the page cannot disagree."""

from collections import defaultdict

from ..diffing import TextDiff, texts_equal
from ..models import ClauseDerivation, place_in_time_line
from ..selectors import ComparePage, RevisionPage
from . import visible
from .serialize import Urls


def operations(diff: TextDiff) -> list[dict]:
    """The diff's own `operations()` (equal/delete/insert runs of plain text) as JSON objects."""
    return [{"op": op, "text": text} for op, text in diff.operations()]


def _known_text(versions) -> str:
    return "\n\n".join(v.text for v in versions)


def draft_diff(page: ComparePage, urls: Urls) -> dict:
    plan = page.plan.slug

    def refs(versions, draft):
        return [
            {"draft": draft.slug, "label": v.label, "url": urls.version(plan, draft.slug, v.label)}
            for v in versions
        ]

    rows = []
    for item in page.rows:
        row = item.row
        if item.diff is not None:
            ops = operations(item.diff)
        elif row.status == "unchanged":
            ops = [{"op": "equal", "text": _known_text(item.right)}]
        elif row.status == "added" and all(v.text_is_known for v in item.right):
            ops = [{"op": "insert", "text": _known_text(item.right)}]
        elif row.status == "removed" and all(v.text_is_known for v in item.left):
            ops = [{"op": "delete", "text": _known_text(item.left)}]
        else:  # text not known on a side, or not reported: nothing to compare
            ops = []
        rows.append(
            {
                "status": row.status,
                "clause": item.clause.slug,
                "renumbered": row.renumbered,
                "moved": row.moved,
                "left": refs(item.left, page.left),
                "right": refs(item.right, page.right),
                "operations": [op for op in ops if op["text"]],
                "too_long": bool(item.diff and (item.diff.too_long or item.diff.coarse)),
            }
        )
    return {
        "plan": plan,
        "left": page.left.slug,
        "right": page.right.slug,
        "counts": page.counts,
        "rows": rows,
        "html_url": urls(f"/plans/{plan}/compare/{page.left.slug}...{page.right.slug}/"),
    }


def revision_diff(page: RevisionPage, html_url: str) -> dict:
    return {
        "draft": page.version.draft.slug,
        "label": page.version.label,
        "revision": page.revision.number,
        "against": page.against.number if page.against else "current",
        "operations": operations(page.diff),
        "too_long": page.diff.too_long or page.diff.coarse,
        "html_url": html_url,
    }


def lineage(plan, user, urls: Urls) -> dict:
    """Nodes: the plan's clause versions the user may read. Edges: a clause's consecutive
    versions (same-clause), and split/merge links between readable versions, with their basis."""
    versions = list(
        visible.versions(user)
        .filter(draft__plan=plan)
        .select_related("draft", "clause")
        .annotate(draft_place=place_in_time_line(user, "draft__plan", "draft__sequence"))
        .order_by("draft__sequence", "position", "label")
    )
    node_id = {v.pk: f"{v.draft.slug}/{v.label}" for v in versions}
    nodes = [
        {
            "id": node_id[v.pk],
            "draft": v.draft.slug,
            "label": v.label,
            "clause": v.clause.slug,
            "heading": v.heading or v.clause.title,
            "basis": v.basis,
            "sequence": v.draft_place,
            "url": urls.version(plan.slug, v.draft.slug, v.label),
        }
        for v in versions
    ]
    edges = []
    last_of_clause = {}
    for v in versions:
        before = last_of_clause.get(v.clause_id)
        if before is not None:
            changed = (
                None
                if not (before.text_is_known and v.text_is_known)
                else not texts_equal(before.text, v.text)
            )
            edges.append(
                {
                    "source": node_id[before.pk],
                    "target": node_id[v.pk],
                    "kind": "same-clause",
                    "basis": None,
                    "changed": changed,
                }
            )
        last_of_clause[v.clause_id] = v
    links = [
        link
        for link in ClauseDerivation.objects.filter(child__draft__plan=plan).order_by("pk")
        if link.child_id in node_id and link.parent_id in node_id
    ]
    children, parents = defaultdict(int), defaultdict(int)
    for link in links:
        children[link.parent_id] += 1
        parents[link.child_id] += 1
    for link in links:
        kind = (
            "merge"
            if parents[link.child_id] > 1
            else "split"
            if children[link.parent_id] > 1
            else "derived"
        )
        edges.append(
            {
                "source": node_id[link.parent_id],
                "target": node_id[link.child_id],
                "kind": kind,
                "basis": getattr(link, "basis", None),
                "changed": None,
            }
        )
    return {"plan": plan.slug, "nodes": nodes, "edges": edges}
