"""Clauses and clause versions: corrections, lineage links, positions inline, history."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404

from .. import services
from ..diffing import diff_texts
from ..forms import (
    ClauseVersionAdminForm,
    DerivationForm,
    as_id,
    editor_form_for,
)
from ..models import Clause, ClauseVersion, Position
from ..revisions import TEXT_FIELDS, paired, text_changed
from .base import EditorAdmin, SafeAutocompleteMixin


@admin.register(Clause)
class ClauseAdmin(EditorAdmin):
    list_display = ["title", "plan", "topic", "slug"]
    list_filter = ["plan", "topic"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["plan"]


class PositionInline(SafeAutocompleteMixin, admin.StackedInline):
    model = Position
    form = editor_form_for(Position)
    fk_name = "clause_version"
    extra = 0
    fields = [
        ("party", "stance", "stated_on", "date_note", "speaker"),
        "summary",
        "disputed",
        "dispute_note",
        "sources",
        "change_reason",
        "seen_revision",
    ]
    autocomplete_fields = ["party", "sources"]


class DerivationInline(SafeAutocompleteMixin, admin.TabularInline):
    model = ClauseVersion.derived_from.through
    form = DerivationForm
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

    def save_model(self, request, obj, form, change):
        services.clause_version_save(
            obj,
            user=request.user,
            reason=form.editor_reason,
            fallback_reason=self._reason(form, change),
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ClauseVersion.derived_from.through and formset.has_changed():
            # The links were saved row by row after the version's own history row: record the
            # version again, so its latest revision lists the links it now has.
            services.derivations_changed(
                form.instance, user=request.user, reason=self._reason(form, change)
            )

    def get_object(self, request, object_id, from_field=None):
        """With ?restore=<revision id>, the form opens holding that revision's text: saving it
        is a correction like any other (reason, conflict check), and history keeps both."""
        version = super().get_object(request, object_id, from_field)
        restore = as_id(request.GET.get("restore", ""))
        if version is not None and request.method == "GET" and restore is not None:
            record = version.history.filter(history_id=restore).first()
            if record is not None:
                for name in TEXT_FIELDS:
                    setattr(version, name, getattr(record, name))
                version.restored_from = record  # read by render_change_form below
        return version

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        record = getattr(obj, "restored_from", None)
        if record is not None:
            form = context["adminform"].form
            form.initial["change_reason"] = (
                f"Restored the text of {record.history_date:%d %b %Y %H:%M} UTC"
            )
            self.message_user(
                request,
                "The form holds the earlier text. Check it, give a reason, and save to restore it.",
                messages.INFO,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request, object_id, extra_context=None):
        """The revision list, plus a word diff between each revision and the one before."""
        if as_id(unquote(object_id)) is None:
            raise Http404("No such record")
        records = ClauseVersion.history.filter(id=object_id).select_related("history_user")
        changes = [
            {"record": record, "previous": previous, "diff": diff_texts(previous.text, record.text)}
            for previous, record in paired(records)
            if previous is not None and text_changed(previous, record)
        ]
        extra = {**(extra_context or {}), "text_changes": list(reversed(changes))}
        return super().history_view(request, object_id, extra_context=extra)
