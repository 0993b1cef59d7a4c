"""A plan and its drafts, and the point counts the reporting gives for a draft."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from .common import SLUG_HELP, history, sees_unpublished
from .parties import Party, Source


class Plan(models.Model):
    slug = models.SlugField(unique=True, help_text=SLUG_HELP)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    recorded_up_to = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The last date the reporting behind this record covers. Readers are told that "
            "nothing after it is recorded, so silence is not read as 'nothing happened'."
        ),
    )
    recorded_up_to_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="e.g. 'Searches for April–November 2026 found nothing.'",
    )

    history = history()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan", kwargs={"plan": self.slug})


class DraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        if sees_unpublished(user):
            return self
        return self.filter(editorial_state=Draft.EditorialState.PUBLISHED)

    def with_place(self, user):
        """`place`: the draft's place in its plan's time line among the drafts `user` may see."""
        return self.annotate(place=place_in_time_line(user))


def place_in_time_line(user, plan: str = "plan", sequence: str = "sequence") -> models.Subquery:
    """1 for the first draft of the plan `user` may see, 2 for the next, and so on: what a
    reader is told of a draft's order. `sequence` itself counts the drafts in preparation too,
    so its gaps would tell a reader where one sits. `plan` and `sequence` name the outer
    query's fields (say "draft__plan" from a clause version)."""
    earlier = Draft.objects.visible_to(user).filter(
        plan=models.OuterRef(plan), sequence__lte=models.OuterRef(sequence)
    )
    return models.Subquery(
        earlier.order_by().values("plan").annotate(n=models.Count("pk")).values("n")
    )


class Draft(models.Model):
    class EditorialState(models.TextChoices):
        IN_PREPARATION = "preparation", "In preparation (editors only)"
        PUBLISHED = "published", "Published"

    class Kind(models.TextChoices):
        # What the record holds for it, which decides how readers are shown it.
        DRAFT = "draft", "Draft of the plan"
        MENTIONED = "mentioned", "Mentioned only (known to exist; no text)"
        COMPANION = "companion", "Companion document (bound to the plan, not a revision of it)"

    class Standing(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        LEAKED = "leaked", "Leaked"
        RELEASED = "released", "Released"
        NOT_ADOPTED = "not-adopted", "Proposed, not adopted"
        SUPERSEDED = "superseded", "Superseded"
        AGREED = "agreed", "Agreed"

    class Coverage(models.TextChoices):
        COMPLETE = "complete", "Every clause is recorded"
        PARTIAL = "partial", "Only some clauses were reported"
        UNKNOWN = "unknown", "Its text is not known"

    # No index of its own: the unique (plan, slug) and (plan, sequence) keys lead with plan.
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="drafts", db_index=False)
    slug = models.SlugField(help_text=SLUG_HELP)
    title = models.CharField(max_length=200)
    sequence = models.PositiveIntegerField(
        help_text="Place in the plan's time line (1 = earliest). Unique within the plan."
    )
    date = models.DateField(null=True, blank=True, help_text="Date of the draft, if known.")
    date_note = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'reported 20 Nov 2025; leaked'."
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind,
        default=Kind.DRAFT,
        help_text=(
            "Mentioned: reports say it exists but give none of its text (it gets no column in "
            "the matrix). Companion: its own text, bound to the plan but not a revision of it."
        ),
    )
    authors = models.ManyToManyField(Party, blank=True, related_name="authored_drafts")
    authorship_disputed = models.BooleanField(
        default=False, help_text="Sources disagree on who wrote it; say how in the note."
    )
    authorship_note = models.TextField(blank=True, help_text="Who says what about authorship.")
    disputed = models.BooleanField(
        default=False,
        help_text="Sources disagree on what this item is (not on one clause); cite both.",
    )
    dispute_note = models.TextField(blank=True)
    companion_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="companions",
        help_text="For a companion document: the draft it accompanies.",
    )
    derivation_note = models.TextField(
        blank=True,
        help_text=(
            "How it relates to earlier drafts and what it drew on; say whether a source states "
            "the link or it is our reading."
        ),
    )
    standing = models.CharField(max_length=20, choices=Standing, default=Standing.PROPOSED)
    text_coverage = models.CharField(
        max_length=20,
        choices=Coverage,
        default=Coverage.COMPLETE,
        help_text=(
            "Partial: a clause missing from this draft is 'not reported', not 'dropped'. "
            "Unknown: the draft is known to exist but none of its text was reported."
        ),
    )
    derived_from = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="revisions",
        help_text="The draft(s) this one revises.",
    )
    dropped_clauses = models.ManyToManyField(
        "Clause",
        blank=True,
        related_name="dropped_in",
        help_text="Clauses the reporting says this draft removed (for partly known drafts).",
    )
    summary = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="drafts")
    editorial_state = models.CharField(
        max_length=20,
        choices=EditorialState,
        default=EditorialState.IN_PREPARATION,
        help_text=(
            "Its state in this tool, not in the negotiation. Once published, readers see it and "
            "its clause texts change only through corrections with a reason."
        ),
    )

    history = history(m2m_fields=[authors, derived_from, dropped_clauses, sources])
    objects = DraftQuerySet.as_manager()

    class Meta:
        # Fields of the row itself: ordering through a foreign key adds a join to every query.
        ordering = ["plan_id", "sequence"]
        permissions = [
            ("view_unpublished", "Can see drafts in preparation"),
            ("publish_draft", "Can publish drafts"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="draft_slug_unique_in_plan"),
            models.UniqueConstraint(
                fields=["plan", "sequence"], name="draft_sequence_unique_in_plan"
            ),
            models.CheckConstraint(
                condition=~Q(kind="mentioned") | Q(text_coverage="unknown"),
                name="draft_mentioned_has_no_text",
            ),
            models.CheckConstraint(
                condition=Q(companion_to__isnull=True) | Q(kind="companion"),
                name="draft_only_companions_accompany",
            ),
            models.CheckConstraint(
                condition=Q(authorship_disputed=False) | ~Q(authorship_note=""),
                name="draft_authorship_dispute_explained",
            ),
            models.CheckConstraint(
                condition=Q(disputed=False) | ~Q(dispute_note=""),
                name="draft_dispute_explained",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("draft", kwargs={"plan": self.plan.slug, "draft": self.slug})

    @property
    def is_mentioned(self) -> bool:
        return self.kind == self.Kind.MENTIONED

    @property
    def is_companion(self) -> bool:
        return self.kind == self.Kind.COMPANION

    @property
    def has_columns(self) -> bool:
        """Whether it stands as a column in the matrix and in compare: a draft of the plan."""
        return self.kind == self.Kind.DRAFT

    @property
    def text_is_known(self) -> bool:
        return self.text_coverage != self.Coverage.UNKNOWN

    @property
    def is_published(self) -> bool:
        return self.editorial_state == self.EditorialState.PUBLISHED


class ReportedPointCount(models.Model):
    """How many points a source says a draft has. Conflicting counts are all kept, never one
    chosen; each says who reported it."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="point_counts")
    count = models.PositiveIntegerField(
        null=True, blank=True, help_text="The number, if one was given."
    )
    as_reported = models.CharField(
        max_length=200, help_text="In words, e.g. '20, with agreement on 18' or 'one page'."
    )
    reported_by = models.CharField(max_length=200, blank=True, help_text="e.g. 'FT, Kyslytsya'.")
    position = models.PositiveIntegerField(default=1, help_text="Order on the draft's page.")
    disputed = models.BooleanField(
        default=False, help_text="Other sources give another count; keep them all."
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, related_name="point_counts")

    history = history(m2m_fields=[sources])

    class Meta:
        ordering = ["draft_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "as_reported"], name="point_count_once_per_draft"
            ),
            models.CheckConstraint(
                condition=~Q(as_reported=""), name="point_count_says_what_was_reported"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.draft}: {self.as_reported}"
