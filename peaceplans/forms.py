"""Editors' forms: every admin form records a reason and refuses to overwrite a newer save."""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from . import services
from .diffing import diff_texts
from .models import Basis, ClauseDerivation, ClauseVersion, Draft, Party, Plan, Source, Stance

STALE_FORM = (
    "This form does not say which revision of the record you started from (an old page, or a "
    "request not sent by the form), so saving it could overwrite a newer change. Nothing was "
    "saved and your input is still below: reload the record in another tab, compare, then save."
)


def as_id(value: str) -> int | None:
    """A primary key from user input: ASCII digits only (`str.isdigit` accepts '²')."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def add_rule_errors(form: forms.Form, error: ValidationError) -> None:
    """Show an editorial rule's errors beside the fields they name, or above the form."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class EditorFormMixin(forms.Form):
    change_reason = forms.CharField(
        required=False,
        max_length=300,
        label="Reason for this change",
        help_text="Kept in the history. Required to correct a clause of a published draft.",
    )
    seen_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_revision"].initial = services.latest_revision_id(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.has_changed():
            try:
                services.assert_unchanged_since(self.instance, cleaned.get("seen_revision"))
            except services.UnknownRevisionError:
                raise ValidationError(STALE_FORM) from None
            except services.ConflictError as conflict:
                self._refresh_seen_revision(conflict.latest.history_id)
                raise ValidationError(self._conflict_message(conflict.latest)) from None
        return cleaned

    def _refresh_seen_revision(self, history_id: int) -> None:
        # Saving again after reading the conflict overwrites deliberately.
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_revision")] = history_id

    @property
    def editor_reason(self) -> str:
        return (getattr(self, "cleaned_data", {}).get("change_reason") or "").strip()

    def _conflict_message(self, latest):
        who = latest.history_user.get_username() if latest.history_user else "someone"
        when = latest.history_date.strftime("%d %b %Y %H:%M")
        theirs = getattr(latest, "text", None)
        mine = self.cleaned_data.get("text") if theirs is not None else None
        if theirs is None or mine is None:
            return format_html(
                "{} saved this record at {} UTC after you opened it. Your changes are still in "
                "the form: compare them with the current record (open it in a new tab), then "
                "save again to replace it.",
                who,
                when,
            )
        diff = diff_texts(theirs, mine)
        return format_html(
            "{} saved this clause at {} UTC after you opened it. Nothing has been lost: your "
            "text is still in the form. Their text: <div class='text'>{}</div>Your text, "
            "compared with theirs: <div class='text'>{}</div>Save again to replace their "
            "text with yours, or copy what you need first.",
            who,
            when,
            theirs,
            diff.new_html,
        )


class ClauseVersionAdminForm(EditorFormMixin, forms.ModelForm):
    class Meta:
        model = ClauseVersion
        fields = "__all__"  # noqa: DJ007 - the admin chooses which fields to show

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        if self.errors or not (self.has_changed() or not self.instance.pk):
            return
        original = ClauseVersion.objects.filter(pk=self.instance.pk).first()
        try:
            services.check_clause_version(
                self.instance, original=original, reason=self.editor_reason
            )
        except ValidationError as error:
            add_rule_errors(self, error)


class DraftAdminForm(EditorFormMixin, forms.ModelForm):
    class Meta:
        model = Draft
        fields = "__all__"  # noqa: DJ007 - the admin chooses which fields to show

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        original = Draft.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        try:
            services.check_draft(self.instance, original=original)
            if "derived_from" in self.cleaned_data:
                services.check_draft_parents(self.instance, self.cleaned_data["derived_from"])
        except ValidationError as error:
            add_rule_errors(self, error)


class DerivationForm(forms.ModelForm):
    """One split/merge link in the clause version's inline, checked by the lineage rule."""

    class Meta:
        model = ClauseDerivation
        fields = "__all__"  # noqa: DJ007 - the admin chooses which fields to show

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        if parent is not None and self.instance.child_id is not None:
            try:
                services.check_derivation(self.instance.child, parent)
            except ValidationError as error:
                add_rule_errors(self, error)
        return cleaned


@functools.cache
def editor_form_for(model):
    return type(
        f"{model.__name__}AdminForm",
        (EditorFormMixin, forms.ModelForm),
        {"Meta": type("Meta", (), {"model": model, "fields": "__all__"})},  # the admin picks
    )


class DraftImportForm(forms.Form):
    plan = forms.ModelChoiceField(Plan.objects.all())
    parent = forms.ModelChoiceField(
        Draft.objects.select_related("plan").order_by("plan", "sequence"),
        required=False,
        label="Revises",
        help_text="The earlier draft this one revises: its clauses are suggested as ancestors.",
    )
    title = forms.CharField(max_length=200)
    slug = forms.SlugField(
        max_length=Draft._meta.get_field("slug").max_length,
        help_text="Used in links; never change it once published.",
    )
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    standing = forms.ChoiceField(choices=Draft.Standing.choices, initial=Draft.Standing.LEAKED)
    text_coverage = forms.ChoiceField(
        choices=[("", "— choose —"), *Draft.Coverage.choices],
        label="How much of it is known",
        help_text=(
            "Every clause recorded: an earlier clause missing from this text will read as "
            "dropped once published. Only some clauses: missing ones read as not reported."
        ),
    )
    basis = forms.ChoiceField(
        choices=[c for c in Basis.choices if c[0] != Basis.UNKNOWN],
        initial=Basis.REPORTED,
        help_text="How we know the pasted text.",
    )
    authors = forms.ModelMultipleChoiceField(Party.objects.all(), required=False)
    place_after = forms.ModelChoiceField(
        Draft.objects.select_related("plan").order_by("plan", "sequence"),
        required=False,
        label="Comes after (if the date is not known)",
        help_text="Drafts are placed in the time line by date; without one, say where it goes.",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        help_text="Paste the draft. Clauses start at numbers: 1. 1) 12a. Point 7: Article 3 IV.",
    )

    def clean(self):
        cleaned = super().clean()
        plan, slug, parent = cleaned.get("plan"), cleaned.get("slug"), cleaned.get("parent")
        if plan and slug and plan.drafts.filter(slug=slug).exists():
            self.add_error("slug", "This plan already has a draft with that slug.")
        if plan and parent and parent.plan_id != plan.pk:
            self.add_error("parent", "The earlier draft must belong to the same plan.")
        after = cleaned.get("place_after")
        if plan and after and after.plan_id != plan.pk:
            self.add_error("place_after", "Choose a draft of the same plan.")
        if plan and not cleaned.get("date") and not after and plan.drafts.exists():
            self.add_error("date", "Give the draft's date, or choose which draft it comes after.")
        return cleaned


class BulkPositionForm(forms.Form):
    party = forms.ModelChoiceField(Party.objects.all())
    stance = forms.ChoiceField(choices=Stance.choices)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    stated_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    speaker = forms.CharField(required=False, max_length=120)
    sources = forms.ModelMultipleChoiceField(Source.objects.all())
    clause_versions = forms.ModelMultipleChoiceField(
        ClauseVersion.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, draft: Draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause_versions"].queryset = draft.clause_versions.select_related(
            "clause"
        ).order_by("position")
