"""The record: plans, their drafts, the clauses that live on across drafts, and who said what.

A Clause is the identity of a provision across drafts ("Ukraine's army size"); a ClauseVersion is
that clause as it stands in one draft. Ordinary lineage is the shared Clause. Where a clause was
split or merged, ClauseVersion.derived_from links a version to the version(s) it came from in an
earlier draft (a split: two new versions derived from one old; a merge: one from two).
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

SLUG_HELP = "Used in links; lowercase letters, digits and hyphens. Never change a published slug."
LABEL_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$"


def history(**kwargs) -> HistoricalRecords:
    # One place for the history options every tracked model shares.
    return HistoricalRecords(history_change_reason_field=models.TextField(null=True), **kwargs)


class Reliability(models.TextChoices):
    PRIMARY = "primary", "Primary (official statement or document)"
    AGENCY = "agency", "Agency or major outlet"
    SECONDARY = "secondary", "Secondary report (cites others)"
    LOW = "low", "Low-reliability mirror or aggregator"


class Source(models.Model):
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(
        null=True, blank=True, help_text="Publication date, if the source states one."
    )
    date_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="How sure the date is, e.g. '~20–21 Nov 2025 (not stamped)'.",
    )
    url = models.URLField(
        max_length=600, blank=True, help_text="Leave empty for print or broadcast."
    )
    quote = models.TextField(blank=True, help_text="A short quotation, if useful.")
    reliability = models.CharField(
        max_length=20, choices=Reliability, default=Reliability.SECONDARY
    )
    reliability_note = models.CharField(max_length=300, blank=True)

    history = history()

    class Meta:
        ordering = ["published_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="source_url_unique_when_given"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}" if self.publisher else self.title

    @property
    def is_low_reliability(self) -> bool:
        return self.reliability == Reliability.LOW


class Party(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", "State"
        BLOC = "bloc", "Bloc or coalition"
        MEDIATOR = "mediator", "Mediator"
        ORGANISATION = "organisation", "International organisation"

    slug = models.SlugField(unique=True, help_text=SLUG_HELP)
    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=20, help_text="Shown on badges, e.g. 'US'.")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.STATE)
    colour = models.CharField(max_length=7, default="#555555", help_text="Badge colour as #rrggbb.")
    description = models.TextField(blank=True)

    history = history()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="party_colour_is_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("party", kwargs={"party": self.slug})


class Plan(models.Model):
    slug = models.SlugField(unique=True, help_text=SLUG_HELP)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)

    history = history()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan", kwargs={"plan": self.slug})


class DraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Drafts in preparation are for editors' eyes only."""
        if user is not None and user.is_staff:
            return self
        return self.filter(editorial_state=Draft.EditorialState.PUBLISHED)


class Draft(models.Model):
    class EditorialState(models.TextChoices):
        IN_PREPARATION = "preparation", "In preparation (editors only)"
        PUBLISHED = "published", "Published"

    class Standing(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        LEAKED = "leaked", "Leaked"
        RELEASED = "released", "Released"
        SUPERSEDED = "superseded", "Superseded"
        AGREED = "agreed", "Agreed"

    class Coverage(models.TextChoices):
        COMPLETE = "complete", "Every clause is recorded"
        PARTIAL = "partial", "Only some clauses were reported"
        UNKNOWN = "unknown", "Its text is not known"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="drafts")
    slug = models.SlugField(help_text=SLUG_HELP)
    title = models.CharField(max_length=200)
    sequence = models.PositiveIntegerField(
        help_text="Place in the plan's time line (1 = earliest). Unique within the plan."
    )
    date = models.DateField(null=True, blank=True, help_text="Date of the draft, if known.")
    date_note = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'reported 20 Nov 2025; leaked'."
    )
    authors = models.ManyToManyField(Party, blank=True, related_name="authored_drafts")
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
        ordering = ["plan", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="draft_slug_unique_in_plan"),
            models.UniqueConstraint(
                fields=["plan", "sequence"], name="draft_sequence_unique_in_plan"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("draft", kwargs={"plan": self.plan.slug, "draft": self.slug})

    @property
    def text_is_known(self) -> bool:
        return self.text_coverage != self.Coverage.UNKNOWN

    @property
    def is_published(self) -> bool:
        return self.editorial_state == self.EditorialState.PUBLISHED


class Topic(models.TextChoices):
    SOVEREIGNTY = "sovereignty", "Sovereignty"
    SECURITY = "security", "Security guarantees"
    MILITARY = "military", "Armed forces"
    ALLIANCES = "alliances", "Alliances (NATO, EU)"
    TERRITORY = "territory", "Territory"
    ECONOMY = "economy", "Economy and reconstruction"
    SANCTIONS = "sanctions", "Sanctions and assets"
    NUCLEAR = "nuclear", "Nuclear"
    HUMANITARIAN = "humanitarian", "Humanitarian"
    GOVERNANCE = "governance", "Governance and elections"
    IMPLEMENTATION = "implementation", "Implementation"


class Clause(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="clauses")
    slug = models.SlugField(help_text=SLUG_HELP)
    title = models.CharField(max_length=200, help_text="What the provision is about.")
    topic = models.CharField(max_length=20, choices=Topic)
    description = models.TextField(blank=True)

    history = history()

    class Meta:
        ordering = ["plan", "title"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="clause_slug_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("clause", kwargs={"plan": self.plan.slug, "clause": self.slug})


class Basis(models.TextChoices):
    OFFICIAL = "official", "Verbatim official text"
    LEAKED = "leaked", "Verbatim leaked text"
    REPORTED = "reported", "Reported paraphrase"
    UNKNOWN = "unknown", "Text not known"


class ClauseDerivation(models.Model):
    """One split/merge link: `child` (later draft) came from `parent` (earlier draft)."""

    child = models.ForeignKey(
        "ClauseVersion", on_delete=models.CASCADE, related_name="parent_links"
    )
    parent = models.ForeignKey(
        "ClauseVersion", on_delete=models.PROTECT, related_name="child_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "parent"], name="derivation_unique"),
            models.CheckConstraint(condition=~Q(child=F("parent")), name="derivation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.child} ← {self.parent}"


class ClauseVersion(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="clause_versions")
    clause = models.ForeignKey(Clause, on_delete=models.PROTECT, related_name="versions")
    label = models.CharField(
        max_length=20,
        help_text="Its number in this draft: '7', '12a', '15-20b'. Letters, digits, '.', '-'.",
    )
    position = models.PositiveIntegerField(help_text="Order within the draft.")
    heading = models.CharField(max_length=200, blank=True)
    text = models.TextField(
        blank=True, help_text="Plain text. Leave empty only when the basis is 'text not known'."
    )
    basis = models.CharField(max_length=20, choices=Basis, default=Basis.REPORTED)
    disputed = models.BooleanField(
        default=False, help_text="Sources conflict on this text; cite both."
    )
    dispute_note = models.TextField(blank=True, help_text="What the sources disagree on.")
    derived_from = models.ManyToManyField(
        "self",
        through=ClauseDerivation,
        symmetrical=False,
        blank=True,
        related_name="successors",
        help_text="Only for splits and merges: the earlier version(s) this one came from.",
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="clause_versions")

    history = history(m2m_fields=[derived_from, sources])

    class Meta:
        ordering = ["draft", "position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "label"], name="clause_label_unique_in_draft"),
            models.UniqueConstraint(fields=["draft", "clause"], name="clause_once_per_draft"),
            models.CheckConstraint(
                condition=Q(label__regex=LABEL_PATTERN), name="clause_label_is_url_safe"
            ),
            models.CheckConstraint(
                condition=(Q(basis=Basis.UNKNOWN) & Q(text=""))
                | (~Q(basis=Basis.UNKNOWN) & ~Q(text="")),
                name="clause_text_present_unless_unknown",
            ),
            models.CheckConstraint(
                condition=Q(disputed=False) | ~Q(dispute_note=""),
                name="clause_dispute_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.draft} §{self.label}: {self.clause}"

    def get_absolute_url(self) -> str:
        return reverse(
            "clause_version",
            kwargs={"plan": self.draft.plan.slug, "draft": self.draft.slug, "label": self.label},
        )

    @property
    def text_is_known(self) -> bool:
        return self.basis != Basis.UNKNOWN


class Stance(models.TextChoices):
    PROPOSED = "proposed", "Proposed it"
    SUPPORTS = "supports", "Supports"
    RESERVATIONS = "reservations", "Has reservations"
    OBJECTS = "objects", "Objects"
    UNKNOWN = "unknown", "Unknown"


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
    stated_on = models.DateField(null=True, blank=True)
    speaker = models.CharField(
        max_length=120, blank=True, help_text="Who spoke for the party, e.g. 'Yuri Ushakov'."
    )
    disputed = models.BooleanField(default=False)
    dispute_note = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, related_name="positions")

    history = history(m2m_fields=[sources])

    class Meta:
        ordering = ["stated_on", "party__name", "pk"]
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
