"""A party's stance on a draft or on one clause version, with its sources."""

from django.db import models
from django.db.models import Q

from .clauses import ClauseVersion
from .common import history, sees_unpublished
from .parties import Party, Source
from .plans import Draft


class Stance(models.TextChoices):
    PROPOSED = "proposed", "Proposed it"
    SUPPORTS = "supports", "Supports"
    RESERVATIONS = "reservations", "Has reservations"
    OBJECTS = "objects", "Objects"
    UNKNOWN = "unknown", "Unknown"


class PositionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if sees_unpublished(user):
            return self
        published = Draft.EditorialState.PUBLISHED
        return self.filter(
            Q(draft__editorial_state=published)
            | Q(clause_version__draft__editorial_state=published)
        )


class Position(models.Model):
    """A party's stance on a whole draft or on one clause version of it (exactly one)."""

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="positions")
    draft = models.ForeignKey(
        Draft,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text="Set for a stance on the draft as a whole; leave empty for one clause.",
    )
    clause_version = models.ForeignKey(
        ClauseVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text="Set for a stance on one clause; leave empty for the whole draft.",
    )
    stance = models.CharField(max_length=20, choices=Stance)
    summary = models.TextField(help_text="What the party said, in our own words.")
    stated_on = models.DateField(
        null=True, blank=True, help_text="The first day when it spans days or is approximate."
    )
    date_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="How sure the date is, e.g. '23–24 Dec 2025' or 'about 27 Feb 2026'.",
    )
    speaker = models.CharField(
        max_length=120, blank=True, help_text="Who spoke for the party, e.g. 'Yuri Ushakov'."
    )
    disputed = models.BooleanField(default=False)
    dispute_note = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, related_name="positions")

    history = history(m2m_fields=[sources])
    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["stated_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(draft__isnull=True, clause_version__isnull=False)
                | Q(draft__isnull=False, clause_version__isnull=True),
                name="position_on_draft_xor_clause",
            ),
            models.CheckConstraint(
                condition=Q(disputed=False) | ~Q(dispute_note=""),
                name="position_dispute_explained",
            ),
            models.CheckConstraint(condition=~Q(summary=""), name="position_has_summary"),
        ]

    def __str__(self) -> str:
        target = self.clause_version if self.clause_version_id else self.draft
        return f"{self.party}: {self.get_stance_display()} — {target}"

    @property
    def target_draft(self) -> Draft:
        return self.clause_version.draft if self.clause_version_id else self.draft
