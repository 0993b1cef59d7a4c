from django import forms

from ..api import visible
from ..models import Basis, Party, Plan, Stance, Topic


def _any(choices) -> list[tuple[str, str]]:
    return [("", "any"), *choices]


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=300, required=False, strip=True)
    plan = forms.ChoiceField(required=False)
    draft = forms.ChoiceField(required=False)
    party = forms.ChoiceField(required=False)
    stance = forms.ChoiceField(choices=_any(Stance.choices), required=False)
    topic = forms.ChoiceField(choices=_any(Topic.choices), required=False)
    basis = forms.ChoiceField(choices=_any(Basis.choices), required=False)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput({"type": "date"})
    )
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput({"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = _any(Plan.objects.values_list("slug", "title"))
        drafts = visible.drafts(user).order_by("plan__title", "sequence").select_related("plan")
        self.fields["draft"].choices = _any(
            {d.slug: f"{d.plan.title}: {d.title}" for d in drafts}.items()
        )
        self.fields["party"].choices = _any(Party.objects.values_list("slug", "name"))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end of the range comes before its start.")
        return data
