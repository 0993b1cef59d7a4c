"""What every model shares: slug and label rules, history options, the visibility rule."""

from django.db import models
from simple_history.models import HistoricalRecords

SLUG_HELP = "Used in links; lowercase letters, digits and hyphens. Never change a published slug."
LABEL_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$"


def history(**kwargs) -> HistoricalRecords:
    # One place for the history options every tracked model shares.
    return HistoricalRecords(history_change_reason_field=models.TextField(null=True), **kwargs)


VIEW_UNPUBLISHED = "peaceplans.view_unpublished"


def sees_unpublished(user) -> bool:
    """The one visibility rule: drafts in preparation are for those with the editors' permission.

    Every reader-facing read goes through a `visible_to(user)` queryset method built on this."""
    return user is not None and user.has_perm(VIEW_UNPUBLISHED)
