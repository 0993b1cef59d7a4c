import hashlib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .alignment import Candidate, suggest_ancestors
from .diffing import diff_texts, texts_equal
from .forms import (
    BulkPositionForm,
    ClauseVersionAdminForm,
    DraftAdminForm,
    DraftImportForm,
    editor_form_for,
)
from .models import Basis, Clause, ClauseVersion, Draft, Party, Plan, Position, Source
from .parsing import parse_draft

admin.site.site_header = "peaceplans: editors"
admin.site.site_title = "peaceplans editors"
admin.site.index_title = "The record"


class EditorAdmin(SimpleHistoryAdmin):
    """Every save records the editor's reason; stale forms are refused (see forms.py)."""

    def get_form(self, request, obj=None, **kwargs):
        if self.form is forms.ModelForm:  # Django's default: give it the reason and conflict check
            kwargs.setdefault("form", editor_form_for(self.model))
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason") or (
            "Edited in the admin" if change else "Added in the admin"
        )
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj._change_reason = "Deleted in the admin"
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One by one, so each deletion is in the history with its reason.
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            reason = getattr(inline_form, "cleaned_data", {}).get("change_reason")
            inline_form.instance._change_reason = reason or "Edited in the admin"
        super().save_formset(request, form, formset, change)


@admin.register(Source)
class SourceAdmin(EditorAdmin):
    list_display = ["title", "publisher", "published_on", "reliability"]
    list_filter = ["reliability", "publisher"]
    search_fields = ["title", "publisher", "url", "quote"]
    date_hierarchy = "published_on"


@admin.register(Party)
class PartyAdmin(EditorAdmin):
    list_display = ["name", "short_name", "kind", "colour"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Plan)
class PlanAdmin(EditorAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}


class ClauseVersionInline(admin.StackedInline):
    model = ClauseVersion
    form = ClauseVersionAdminForm
    extra = 0
    ordering = ["position", "label"]
    fields = [
        ("position", "label", "clause"),
        "heading",
        "text",
        ("basis", "disputed"),
        "dispute_note",
        "sources",
        "change_reason",
        "seen_revision",
    ]
    autocomplete_fields = ["clause", "sources"]
    show_change_link = True


@admin.register(Draft)
class DraftAdmin(EditorAdmin):
    form = DraftAdminForm
    list_display = ["title", "plan", "sequence", "date", "editorial_state", "standing"]
    list_filter = ["plan", "editorial_state", "standing", "text_coverage", "authors"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "derived_from", "dropped_clauses", "sources"]
    inlines = [ClauseVersionInline]
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

    @admin.action(description="Publish the selected drafts", permissions=["change"])
    def publish(self, request, queryset):
        for draft in queryset:
            services.draft_publish(draft, user=request.user)
        self.message_user(request, f"Published {queryset.count()} draft(s).", messages.SUCCESS)

    @admin.action(description="Clone as a new draft", permissions=["add"])
    def clone(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose exactly one draft to clone.", messages.ERROR)
            return None
        copy = services.draft_clone(queryset.get(), user=request.user)
        self.message_user(request, f"Created “{copy.title}”, in preparation.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:peaceplans_draft_change", args=[copy.pk]))

    def delete_view(self, request, object_id, extra_context=None):
        draft = self.get_object(request, object_id)
        if draft is not None and draft.is_published:
            self.message_user(
                request,
                "A published draft cannot be deleted: readers may cite it. Correct it instead, "
                "or record its standing as superseded.",
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:peaceplans_draft_change", args=[draft.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        published = queryset.filter(editorial_state=Draft.EditorialState.PUBLISHED)
        if published.exists():
            self.message_user(request, "Published drafts cannot be deleted.", messages.ERROR)
        super().delete_queryset(request, queryset.exclude(pk__in=published))

    # -------------------------------------------------------------- paste a new draft

    def paste_view(self, request):
        if not self.has_add_permission(request):
            return self._denied(request)
        form = DraftImportForm(request.POST or None)
        preview = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            parsed = parse_draft(data["text"])
            if not parsed.clauses:
                form.add_error("text", "No numbered clauses were found in this text.")
            else:
                old = (
                    list(
                        data["parent"]
                        .clause_versions.exclude(basis=Basis.UNKNOWN)
                        .order_by("position")
                    )
                    if data["parent"]
                    else []
                )
                suggestions = suggest_ancestors(
                    [Candidate(v.pk, v.label, f"{v.heading} {v.text}") for v in old],
                    [(c.label, f"{c.heading} {c.text}") for c in parsed.clauses],
                )
                by_pk = {v.pk: v for v in old}
                chosen = [self._chosen(request, i, s) for i, s in enumerate(suggestions)]
                digest = hashlib.sha256(data["text"].encode()).hexdigest()
                # Save only what was previewed: an edited text gets a fresh preview first.
                confirmed = "confirm" in request.POST and request.POST.get("previewed") == digest
                if confirmed and parsed.duplicate_labels:
                    form.add_error(
                        "text",
                        "Each clause needs its own number before the draft can be saved; used "
                        f"twice: {', '.join(parsed.duplicate_labels)}.",
                    )
                elif confirmed:
                    return self._save_import(request, data, parsed, chosen, by_pk)
                preview = {
                    "digest": digest,
                    "parsed": parsed,
                    "rows": [
                        {
                            "index": i,
                            "clause": clause,
                            "suggestion": suggestion,
                            "chosen": chosen[i],
                            "also": [by_pk[k] for k in suggestion.also],
                        }
                        for i, (clause, suggestion) in enumerate(
                            zip(parsed.clauses, suggestions, strict=True)
                        )
                    ],
                    "old": old,
                }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Paste a new draft",
            "form": form,
            "preview": preview,
        }
        return TemplateResponse(request, "admin/peaceplans/draft/paste.html", context)

    @staticmethod
    def _chosen(request, index, suggestion):
        """The editor's choice from the preview, else the suggestion."""
        key = f"ancestor-{index}"
        if key not in request.POST:
            return suggestion.parent
        value = request.POST[key]
        return int(value) if value.isdigit() else None

    def _save_import(self, request, data, parsed, chosen, by_pk):
        ancestors = [by_pk.get(pk) for pk in chosen]
        merged = [
            [
                by_pk[int(pk)]
                for pk in request.POST.getlist(f"also-{i}")
                if pk.isdigit() and int(pk) in by_pk
            ]
            for i in range(len(parsed.clauses))
        ]
        with transaction.atomic():
            draft = services.draft_import(
                plan=data["plan"],
                title=data["title"],
                slug=data["slug"],
                clauses=parsed.clauses,
                ancestors=ancestors,
                merged=merged,
                parent=data["parent"],
                user=request.user,
                basis=data["basis"],
                date=data["date"],
                standing=data["standing"],
                text_coverage=data["text_coverage"],
            )
            services.tracked_set_related(
                draft,
                "authors",
                data["authors"],
                user=request.user,
                reason="Imported from pasted text",
            )
        self.message_user(
            request,
            f"Saved “{draft.title}” with {len(parsed.clauses)} clauses, in preparation. "
            "Check it, then publish it.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:peaceplans_draft_change", args=[draft.pk]))

    # -------------------------------------------------------------- many positions at once

    def positions_view(self, request, draft_id):
        draft = get_object_or_404(Draft, pk=draft_id)
        if not request.user.has_perm("peaceplans.add_position"):
            return self._denied(request)
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

    def _denied(self, request):
        raise PermissionDenied


@admin.register(Clause)
class ClauseAdmin(EditorAdmin):
    list_display = ["title", "plan", "topic", "slug"]
    list_filter = ["plan", "topic"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["plan"]


class PositionInline(admin.StackedInline):
    model = Position
    form = editor_form_for(Position)
    fk_name = "clause_version"
    extra = 0
    fields = [
        ("party", "stance", "stated_on", "speaker"),
        "summary",
        "disputed",
        "dispute_note",
        "sources",
        "change_reason",
        "seen_revision",
    ]
    autocomplete_fields = ["party", "sources"]


class DerivationInline(admin.TabularInline):
    model = ClauseVersion.derived_from.through
    fk_name = "child"
    extra = 0
    autocomplete_fields = ["parent"]
    verbose_name = "derived from (split or merge)"
    verbose_name_plural = "derived from (splits and merges only)"


@admin.register(ClauseVersion)
class ClauseVersionAdmin(EditorAdmin):
    form = ClauseVersionAdminForm
    list_display = ["__str__", "label", "clause", "draft", "basis", "disputed"]
    list_filter = ["draft__plan", "draft", "basis", "disputed", "clause__topic"]
    search_fields = ["label", "heading", "text", "clause__title", "draft__title"]
    autocomplete_fields = ["draft", "clause", "sources"]
    inlines = [DerivationInline, PositionInline]
    list_select_related = ["draft__plan", "clause"]
    object_history_template = "admin/peaceplans/clauseversion/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        """The revision list, plus a word diff between each revision and the one before."""
        records = list(
            ClauseVersion.history.filter(id=object_id)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        changes = []
        for previous, record in zip(records, records[1:], strict=False):
            if not texts_equal(previous.text, record.text) or previous.heading != record.heading:
                changes.append({"record": record, "diff": diff_texts(previous.text, record.text)})
        extra = {**(extra_context or {}), "text_changes": list(reversed(changes))}
        return super().history_view(request, object_id, extra_context=extra)


@admin.register(Position)
class PositionAdmin(EditorAdmin):
    list_display = ["party", "stance", "target", "stated_on", "disputed"]
    list_filter = ["party", "stance", "disputed", "clause_version__draft__plan"]
    search_fields = ["summary", "speaker", "party__name", "clause_version__clause__title"]
    autocomplete_fields = ["party", "draft", "clause_version", "sources"]
    list_select_related = ["party", "draft", "clause_version__draft", "clause_version__clause"]

    @admin.display(description="on")
    def target(self, position: Position) -> str:
        return str(position.clause_version or position.draft)
