"""Old addresses keep working: a draft or clause slug that was renamed or merged, and a clause
version removed in a correction, lead readers to where the record now keeps them. Temporary
redirects (302), as for renamed labels: an editor may move a slug again.

Only consulted when a page would be a 404, so normal pages pay no query for it."""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from .models import Clause, ClauseVersion, Draft, SlugRedirect


def moved_slug(plan_slug: str, kind: str, old_slug: str) -> str | None:
    return (
        SlugRedirect.objects.filter(plan__slug=plan_slug, kind=kind, old_slug=old_slug)
        .values_list("new_slug", flat=True)
        .first()
    )


def _absorbing_label(plan_slug: str, draft_slug: str, label: str) -> str | None:
    """A version deleted from a draft because its clause was merged into another: the label of
    the version of that other clause in the same draft."""
    draft = Draft.objects.filter(plan__slug=plan_slug, slug=draft_slug).first()
    if draft is None:
        return None
    gone = (
        ClauseVersion.history.filter(draft_id=draft.id, label=label, history_type="-")
        .order_by("-history_date")
        .first()
    )
    if gone is None:
        return None
    old_clause = Clause.history.filter(id=gone.clause_id).order_by("-history_date").first()
    new_slug = old_clause and moved_slug(plan_slug, "clause", old_clause.slug)
    if not new_slug:
        return None
    return (
        ClauseVersion.objects.filter(draft=draft, clause__slug=new_slug)
        .values_list("label", flat=True)
        .first()
    )


def follow_moved(view, *, kind: str, kwarg: str):
    """Wrap a view whose URL names a draft or clause slug: on a 404, follow a recorded move."""

    @wraps(view)
    def wrapper(request, **kwargs):
        try:
            return view(request, **kwargs)
        except Http404:
            name = request.resolver_match.url_name
            new = moved_slug(kwargs["plan"], kind, kwargs[kwarg])
            if new is not None:
                target = {**kwargs, kwarg: new}
            elif "label" in kwargs and (
                label := _absorbing_label(kwargs["plan"], kwargs["draft"], kwargs["label"])
            ):
                # The merged version's revisions live on in its history, not at this label;
                # send the reader to the version that now holds its content.
                name = "clause_version"
                target = {"plan": kwargs["plan"], "draft": kwargs["draft"], "label": label}
            else:
                raise
            url = reverse(name, kwargs=target)
            if request.META.get("QUERY_STRING"):
                url += "?" + request.META["QUERY_STRING"]
            return redirect(url)

    return wrapper
