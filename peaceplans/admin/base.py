"""What every editors' admin page shares: saves through the services, rules shown as form
errors, deletions that say what blocks them, and no 500 on odd ids."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from .. import services
from ..forms import (
    as_id,
    editor_form_for,
)


class _ValidChoicesOnly:
    """Django's autocomplete widgets look up whatever value a form was given, so `abc` for an
    id raised a 500 while re-displaying the form; show only values that can be ids."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if as_id(str(v)) is not None], attr)


class SafeAutocompleteSelect(_ValidChoicesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidChoicesOnly, AutocompleteSelectMultiple):
    pass


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Many ids at once: anything that cannot be an id is a form error before the database sees
    it (SQLite raises OverflowError on a 40-digit id, which Django's field does not catch)."""

    def _check_values(self, value):
        for pk in value:
            if as_id(str(pk)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class SafeAutocompleteMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdsChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class EditorAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    """Every save goes through the services (history with the editor and reason, under the
    editorial rules); stale forms are refused (see forms.py); deletions say what blocks them."""

    def get_form(self, request, obj=None, **kwargs):
        if self.form is forms.ModelForm:  # Django's default: give it the reason and conflict check
            kwargs.setdefault("form", editor_form_for(self.model))
        return super().get_form(request, obj, **kwargs)

    @staticmethod
    def _reason(form, change: bool) -> str:
        given = (form.cleaned_data.get("change_reason") or "").strip()
        return given or ("Edited in the admin" if change else "Added in the admin")

    def save_model(self, request, obj, form, change):
        services.tracked_save(obj, user=request.user, reason=self._reason(form, change))

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)  # sorts the forms into new, changed and deleted objects
        saved = {id(obj) for obj in formset.new_objects}
        saved |= {id(obj) for obj, _ in formset.changed_objects}
        for inline in formset.forms:
            if id(inline.instance) in saved:
                reason = self._reason(inline, inline.instance.pk is not None)
                self.save_inline_object(request, inline.instance, reason)
        for obj in formset.deleted_objects:
            services.delete(obj, user=request.user, reason="Deleted in the admin")
        formset.save_m2m()

    def save_inline_object(self, request, obj, reason: str) -> None:
        services.tracked_save(obj, user=request.user, reason=reason)

    def get_deleted_objects(self, objs, request):
        deletable, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            protected = [*protected, *services.delete_blockers(obj)]
        return deletable, counts, perms_needed, protected

    def delete_model(self, request, obj):
        services.delete(obj, user=request.user, reason="Deleted in the admin")

    def delete_queryset(self, request, queryset):
        # One by one, so each deletion is in the history with its reason.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def response_action(self, request, queryset, **kwargs):
        # A selection that is not a list of ids is no selection (Django would raise a 500).
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if any(as_id(value) is None for value in selected):
            self.message_user(request, "That selection is not valid.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        if as_id(unquote(object_id)) is None:
            raise Http404("No such record")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past revision, read only. Reverting is switched off (SIMPLE_HISTORY_REVERT_DISABLED):
        restoring an earlier text is a correction made on the change form, under the rules."""
        if as_id(unquote(object_id)) is None or as_id(version_id) is None:
            raise Http404("No such revision")
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)
