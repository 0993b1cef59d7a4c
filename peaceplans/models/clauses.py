"""Clauses, their versions in each draft, and the links between versions (splits, merges)."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .common import LABEL_PATTERN, SLUG_HELP, history, sees_unpublished
from .parties import Source
from .plans import Draft, Plan


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


class ClauseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A clause is public once one of its versions is in a published draft."""
        if sees_unpublished(user):
            return self
        # EXISTS per clause, through the clause's own versions (index on clause_id): an IN over
        # every published version scanned the whole table (the clause page, 26 ms at 100x).
        published = ClauseVersion.objects.visible_to(user).filter(clause=models.OuterRef("pk"))
        return self.filter(models.Exists(published))


class Clause(models.Model):
    # No index of its own: the unique (plan, slug) key leads with plan.
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="clauses", db_index=False)
    slug = models.SlugField(help_text=SLUG_HELP)
    title = models.CharField(max_length=200, help_text="What the provision is about.")
    topic = models.CharField(max_length=20, choices=Topic)
    description = models.TextField(blank=True)

    history = history()
    objects = ClauseQuerySet.as_manager()

    class Meta:
        ordering = ["plan_id", "title"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="clause_slug_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("clause", kwargs={"plan": self.plan.slug, "clause": self.slug})


class Basis(models.TextChoices):
    # How we know the text and how we render it, kept apart for the reader: a paraphrase of an
    # official publication is still our wording, never the official one.
    OFFICIAL = "official", "Verbatim official text"
    OFFICIAL_PARAPHRASE = "official-paraphrase", "Our paraphrase of an officially published text"
    LEAKED = "leaked", "Verbatim leaked text"
    REPORTED = "reported", "Reported paraphrase"
    UNKNOWN = "unknown", "Text not known"


class LinkBasis(models.TextChoices):
    STATED = "stated", "Stated by a source"
    EDITORIAL = "editorial", "Our editorial alignment by subject"


class ClauseDerivation(models.Model):
    """One lineage link: `child` (later draft) came from `parent` (earlier draft).

    Readers must see whether a source states the link or it is our alignment by subject, so
    every link carries its basis. Changes are kept in the child version's history."""

    # No index of its own: the unique (child, parent) key leads with child.
    child = models.ForeignKey(
        "ClauseVersion", on_delete=models.CASCADE, related_name="parent_links", db_index=False
    )
    parent = models.ForeignKey(
        "ClauseVersion", on_delete=models.PROTECT, related_name="child_links"
    )
    basis = models.CharField(
        max_length=20,
        choices=LinkBasis,
        default=LinkBasis.EDITORIAL,
        help_text="Stated: a source says this clause came from that one. Editorial: our reading.",
    )
    note = models.CharField(max_length=300, blank=True, help_text="e.g. which source states it.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "parent"], name="derivation_unique"),
            models.CheckConstraint(condition=~Q(child=F("parent")), name="derivation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.child} ← {self.parent}"


class ClauseVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if sees_unpublished(user):
            return self
        return self.filter(draft__editorial_state=Draft.EditorialState.PUBLISHED)


class ClauseVersion(models.Model):
    # No index of its own: the unique (draft, label) and (draft, clause) keys lead with draft.
    draft = models.ForeignKey(
        Draft, on_delete=models.PROTECT, related_name="clause_versions", db_index=False
    )
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
        help_text=(
            "The earlier version(s) this one came from, each link with its basis (stated by a "
            "source or our editorial alignment); splits and merges have several."
        ),
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="clause_versions")

    history = history(m2m_fields=[derived_from, sources])
    objects = ClauseVersionQuerySet.as_manager()

    class Meta:
        ordering = ["draft_id", "position", "label"]
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
