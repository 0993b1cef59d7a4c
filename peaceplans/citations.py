"""'Cite this': a clause version pinned to one revision, as plain text, BibTeX, RIS and CSL-JSON.

Each format is served at a stable URL beside the revision permalink (…/rev/<n>/cite.bib); the
unpinned …/cite.bib redirects to the latest revision's. A citation names the revision's
permalink, its date, the access date and the sources behind the text.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from . import selectors
from .models import ClauseVersion, Source

PUBLISHER = "peaceplans"
FORMATS = {
    "txt": "text/plain; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}


@dataclass(frozen=True)
class Citation:
    key: str
    title: str
    draft: str
    plan: str
    label: str
    draft_date: date | None
    revision: int
    revised_at: datetime
    url: str
    accessed: date
    sources: tuple[Source, ...]

    @property
    def source_notes(self) -> list[str]:
        notes = []
        for s in self.sources:
            parts = [
                s.publisher,
                f"“{s.title}”",
                s.published_on.isoformat() if s.published_on else "",
                s.url,
            ]
            notes.append(", ".join(part for part in parts if part))
        return notes


def build(version: ClauseVersion, number: int, url: str) -> Citation:
    revisions = selectors.revisions_of(version)
    if not 1 <= number <= len(revisions):
        raise Http404("No such revision")
    record = revisions[number - 1].record
    draft = version.draft
    heading = record.heading or version.clause.title
    return Citation(
        key=re.sub(
            r"[^A-Za-z0-9:-]+", "-", f"{draft.plan.slug}:{draft.slug}:{record.label}:r{number}"
        ),
        title=f"§{record.label} {heading}",
        draft=draft.title,
        plan=draft.plan.title,
        label=record.label,
        draft_date=draft.date,
        revision=number,
        revised_at=record.history_date,
        url=url,
        accessed=timezone.localdate(),
        sources=_sources_at(revisions, number),
    )


def _sources_at(revisions, number: int) -> tuple[Source, ...]:
    """The sources the version cited at that revision, not those it cites now: every history
    record keeps a snapshot of the links (adding or removing a source writes a revision).

    Sources can only be linked once the version exists, so the record that created it has
    none; its citation takes those linked right after, by the next revisions that changed
    the sources and not the text."""
    ids = list(revisions[number - 1].record.sources.values_list("source_id", flat=True))
    if number == 1 and not ids:
        for later in revisions[1:]:
            if later.differs_from_previous:
                break
            ids = list(later.record.sources.values_list("source_id", flat=True))
            if ids:
                break
    return tuple(Source.objects.filter(pk__in=ids).order_by("reliability", "title"))


# ------------------------------------------------------------------ formats


def plain(c: Citation) -> str:
    dated = f" ({c.draft_date:%-d %B %Y})" if c.draft_date else ""
    text = (
        f"“{c.title}”, {c.draft}{dated}. In: {c.plan}. {PUBLISHER}, revision {c.revision} "
        f"of {c.revised_at:%-d %B %Y}. {c.url} (accessed {c.accessed:%-d %B %Y})."
    )
    if c.sources:
        text += "\nSources: " + "; ".join(c.source_notes) + "."
    return text + "\n"


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    text = " ".join(text.split())
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def _bibtex_url(url: str) -> str:
    # A URL field is read verbatim; only braces and backslashes could break the entry.
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bibtex(c: Citation) -> str:
    fields = [
        ("title", bibtex_escape(c.title)),
        ("booktitle", bibtex_escape(f"{c.draft}. In: {c.plan}")),
        ("organization", PUBLISHER),
        ("version", f"revision {c.revision}"),
        ("date", c.revised_at.date().isoformat()),
        ("year", str(c.revised_at.year)),
        ("url", _bibtex_url(c.url)),
        ("urldate", c.accessed.isoformat()),
    ]
    if c.draft_date:
        fields.append(("origdate", c.draft_date.isoformat()))
    if c.sources:
        fields.append(("note", bibtex_escape("Sources: " + "; ".join(c.source_notes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{c.key},\n{body}\n}}\n"


def _ris_value(text: str) -> str:
    return " ".join(text.split())  # one line per tag


def ris(c: Citation) -> str:
    lines = [
        ("TY", "ELEC"),
        ("TI", c.title),
        ("T2", c.draft),
        ("T3", c.plan),
        ("PB", PUBLISHER),
        ("ET", f"revision {c.revision}"),
        ("DA", f"{c.revised_at:%Y/%m/%d}"),
        ("PY", str(c.revised_at.year)),
        ("Y2", f"{c.accessed:%Y/%m/%d}"),
        ("UR", c.url),
        ("ID", c.key),
    ]
    lines += [("N1", f"Source: {note}") for note in c.source_notes]
    return "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines) + "ER  - \r\n"


def _date_parts(value: date) -> dict:
    return {"date-parts": [[value.year, value.month, value.day]]}


def csl_json(c: Citation) -> str:
    item = {
        "id": c.key,
        "type": "document",
        "title": c.title,
        "container-title": c.draft,
        "collection-title": c.plan,
        "publisher": PUBLISHER,
        "version": f"revision {c.revision}",
        "issued": _date_parts(c.revised_at.date()),
        "accessed": _date_parts(c.accessed),
        "URL": c.url,
    }
    if c.draft_date:
        item["original-date"] = _date_parts(c.draft_date)
    if c.sources:
        item["note"] = "Sources: " + "; ".join(c.source_notes)
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


RENDER = {"txt": plain, "bib": bibtex, "ris": ris, "json": csl_json}


# ------------------------------------------------------------------ views


def _find(request, plan: str, draft: str, label: str) -> tuple[ClauseVersion, dict | None]:
    """The version, and the URL parts it lives at now if it was relabelled or moved."""
    version = selectors.find_clause_version(plan, draft, label, request.user)
    here = {"plan": version.draft.plan.slug, "draft": version.draft.slug, "label": version.label}
    return version, (None if here == {"plan": plan, "draft": draft, "label": label} else here)


def cite_revision(
    request: HttpRequest, plan: str, draft: str, label: str, number: int, fmt: str
) -> HttpResponse:
    version, moved = _find(request, plan, draft, label)
    if moved:  # temporary, as the pages do: labels get reused
        return redirect(reverse("cite_revision", kwargs={**moved, "number": number, "fmt": fmt}))
    page = reverse(
        "clause_revision", kwargs={"plan": plan, "draft": draft, "label": label, "number": number}
    )
    citation = build(version, number, request.build_absolute_uri(page))
    response = HttpResponse(RENDER[fmt](citation), content_type=FORMATS[fmt])
    if fmt != "txt":
        filename = citation.key.replace(":", "-")
        response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def cite_latest(request: HttpRequest, plan: str, draft: str, label: str, fmt: str) -> HttpResponse:
    """The citation of the version as it stands: the latest revision's, at its pinned URL."""
    version, moved = _find(request, plan, draft, label)
    here = moved or {"plan": plan, "draft": draft, "label": label}
    number = len(selectors.revisions_of(version))
    return redirect(reverse("cite_revision", kwargs={**here, "number": number, "fmt": fmt}))
