"""Drafts: the list with publish and clone, the draft page, paste a new draft, many stances."""

import hashlib
import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .. import services
from ..forms import (
    BulkPositionForm,
    DraftAdminForm,
    DraftImportForm,
    add_rule_errors,
)
from ..lineage import Candidate, suggest_ancestors
from ..models import Draft, Topic
from ..parsing import parse_draft
from .base import EditorAdmin
from .paste import paste_preview_rows
from .paste import posted_choices as _posted_choices


@admin.register(Draft)
class DraftAdmin(EditorAdmin):
    form = DraftAdminForm
    list_display = ["title", "plan", "sequence", "date", "editorial_state", "standing"]
    list_filter = ["plan", "editorial_state", "standing", "text_coverage", "authors"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "derived_from", "dropped_clauses", "sources"]
    # Published only through the publish action; clause versions are edited on their own pages
    # (a 500-clause inline would send more fields than a request may carry).
    readonly_fields = ["editorial_state", "clause_list"]
    list_select_related = ["plan"]
    actions = ["publish", "clone"]
    change_list_template = "admin/peaceplans/draft/change_list.html"
    change_form_template = "admin/peaceplans/draft/change_form.html"

    def get_urls(self):
        own = [
            path(
                "paste/", self.admin_site.admin_view(self.paste_view), name="peaceplans_draft_paste"
            ),
            path(
                "<int:draft_id>/positions/",
                self.admin_site.admin_view(self.positions_view),
                name="peaceplans_draft_positions",
            ),
        ]
        return own + super().get_urls()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("plan")

    def save_model(self, request, obj, form, change):
        services.draft_save(obj, user=request.user, reason=self._reason(form, change))

    def get_deleted_objects(self, objs, request):
        # A draft in preparation goes with its clause versions and positions (the service
        # deletes and records each); only the editorial rules can block it.
        deletable, counts, perms_needed, _ = super().get_deleted_objects(objs, request)
        for draft in objs:
            versions = draft.clause_versions.select_related("clause")
            deletable = [*deletable, [str(v) for v in versions]]
        blockers = [reason for draft in objs for reason in services.delete_blockers(draft)]
        return deletable, counts, perms_needed, blockers

    @admin.display(description="Clauses")
    def clause_list(self, draft: Draft):
        if draft.pk is None:
            return "Save the draft first, then add its clauses (or paste the whole draft)."
        versions = draft.clause_versions.select_related("clause").order_by("position", "label")
        rows = format_html_join(
            "",
            "<tr><td><a href='{}'>§{}</a></td><td>{}</td><td>{}</td></tr>",
            (
                (
                    reverse("admin:peaceplans_clauseversion_change", args=[v.pk]),
                    v.label,
                    v.heading or v.clause.title,
                    v.get_basis_display(),
                )
                for v in versions
            ),
        )
        add = reverse("admin:peaceplans_clauseversion_add") + f"?draft={draft.pk}"
        return format_html(
            "<table><thead><tr><th>Label</th><th>Heading</th><th>Basis</th></tr></thead>"
            "<tbody>{}</tbody></table><p><a class='addlink' href='{}'>Add a clause</a></p>",
            rows,
            add,
        )

    def has_publish_permission(self, request) -> bool:
        return services.can_publish(request.user)

    @admin.action(description="Publish the selected drafts", permissions=["publish"])
    def publish(self, request, queryset):
        """Ask first (a published draft is never unpublished), then publish all or none."""
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Publish these drafts?",
                "drafts": [
                    {"draft": d, "dropped": services.would_read_as_dropped(d)}
                    for d in queryset.prefetch_related("derived_from")
                ],
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/peaceplans/draft/publish.html", context)
        published = services.drafts_publish(list(queryset), user=request.user)
        already = queryset.count() - len(published)
        message = f"Published {len(published)} draft(s)."
        if already:
            message += f" {already} already published, left as they were."
        self.message_user(request, message, messages.SUCCESS)
        return None

    @admin.action(description="Clone as a new draft", permissions=["add"])
    def clone(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose exactly one draft to clone.", messages.ERROR)
            return None
        try:
            copy = services.draft_clone(queryset.get(), user=request.user)
        except IntegrityError:
            self.message_user(
                request, "Another draft was saved at the same moment; try again.", messages.ERROR
            )
            return None
        self.message_user(request, f"Created “{copy.title}”, in preparation.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:peaceplans_draft_change", args=[copy.pk]))

    # -------------------------------------------------------------- paste a new draft

    def paste_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DraftImportForm(request.POST or None)
        preview = None
        if request.method == "POST" and form.is_valid():
            preview = self._preview(request, form)
            if preview is not None and preview["confirmed"]:
                saved = self._save_import(request, form, preview)
                if saved is not None:
                    return saved
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Paste a new draft",
            "form": form,
            "preview": preview,
        }
        return TemplateResponse(request, "admin/peaceplans/draft/paste.html", context)

    def _preview(self, request, form) -> dict | None:
        data = form.cleaned_data
        apart = frozenset(int(v) for v in request.POST.getlist("apart") if v.isdigit())
        parsed = parse_draft(data["text"], apart=apart)
        if not parsed.clauses:
            form.add_error("text", "No numbered clauses were found in this text.")
            return None
        parent = data["parent"]
        # Clauses whose text is not known are candidates too: the matcher places them by label
        # and order between confident neighbours, and the editor can pick any by its label.
        old = (
            list(parent.clause_versions.select_related("clause").order_by("position"))
            if parent
            else []
        )
        suggestions = suggest_ancestors(
            [Candidate(v.pk, v.label, v.text, v.heading if v.text else "") for v in old],
            [(c.label, c.text, c.heading) for c in parsed.clauses],
        )
        chosen, also, errors = _posted_choices(request.POST, old, suggestions)
        for message in errors:
            form.add_error(None, message)
        # What the editor saw: the text, the plan, the draft it revises and every link.
        digest = hashlib.sha256(
            json.dumps(
                [
                    data["text"],
                    sorted(apart),
                    data["plan"].pk,
                    parent.pk if parent else None,
                    chosen,
                    also,
                ]
            ).encode()
        ).hexdigest()
        wants_save = "confirm" in request.POST
        confirmed = wants_save and request.POST.get("previewed") == digest and not errors
        notice = ""
        if wants_save and request.POST.get("previewed") != digest:
            notice = (
                "The text, the plan, the draft it revises, the paragraphs kept apart or the "
                "chosen ancestors changed "
                "since the preview. Check this new preview, then save."
            )
        if confirmed and parsed.duplicate_labels:
            form.add_error(
                "text",
                "Each clause needs its own number before the draft can be saved; used "
                f"twice: {', '.join(parsed.duplicate_labels)}.",
            )
            confirmed = False
        rows = paste_preview_rows(request.POST, parsed.clauses, suggestions, old, chosen, also)
        linked = {pk for pk in chosen if pk} | {pk for ids in also for pk in ids}
        return {
            "digest": digest,
            "parsed": parsed,
            "rows": rows,
            "by_pk": {v.pk: v for v in old},
            "unmatched": [v for v in old if v.pk not in linked],
            "chosen": chosen,
            "also": also,
            "notice": notice,
            "confirmed": confirmed,
            "topics": Topic.choices,
        }

    def _save_import(self, request, form, preview):
        data, by_pk = form.cleaned_data, preview["by_pk"]
        try:
            with transaction.atomic():
                draft = services.draft_import(
                    plan=data["plan"],
                    title=data["title"],
                    slug=data["slug"],
                    clauses=preview["parsed"].clauses,
                    ancestors=[by_pk.get(pk) for pk in preview["chosen"]],
                    merged=[[by_pk[pk] for pk in ids] for ids in preview["also"]],
                    titles=[row["title"] for row in preview["rows"]],
                    topics=[row["topic"] for row in preview["rows"]],
                    place_after=data["place_after"],
                    parent=data["parent"],
                    authors=data["authors"],
                    user=request.user,
                    basis=data["basis"],
                    date=data["date"],
                    standing=data["standing"],
                    text_coverage=data["text_coverage"],
                )
        except IntegrityError:
            form.add_error(
                "slug", "Another draft with this slug was saved a moment ago; choose another."
            )
            return None
        except ValidationError as error:
            add_rule_errors(form, error)
            return None
        self.message_user(
            request,
            f"Saved “{draft.title}” with {len(preview['parsed'].clauses)} clauses, in "
            "preparation. Check it, then publish it.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:peaceplans_draft_change", args=[draft.pk]))

    # -------------------------------------------------------------- many positions at once

    def positions_view(self, request, draft_id):
        draft = get_object_or_404(Draft, pk=draft_id)
        if not request.user.has_perm("peaceplans.add_position"):
            raise PermissionDenied
        form = BulkPositionForm(request.POST or None, draft=draft)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            created = services.positions_record(
                versions=data["clause_versions"],
                party=data["party"],
                stance=data["stance"],
                summary=data["summary"],
                sources=data["sources"],
                stated_on=data["stated_on"],
                speaker=data["speaker"],
                user=request.user,
            )
            self.message_user(
                request, f"Recorded {len(created)} positions of {data['party']}.", messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:peaceplans_draft_change", args=[draft.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Record a stance on clauses of {draft.title}",
            "form": form,
            "draft": draft,
        }
        return TemplateResponse(request, "admin/peaceplans/draft/positions.html", context)
