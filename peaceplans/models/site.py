"""Keeping links and caches right: old slugs that redirect, and the record's version counters."""

from django.db import models
from django.db.models import F, Q

from .common import history
from .plans import Plan


class SlugRedirect(models.Model):
    """An old draft or clause slug (renamed, or merged into another) and where it lives now,
    so links readers kept still work."""

    class Kind(models.TextChoices):
        DRAFT = "draft", "Draft"
        CLAUSE = "clause", "Clause"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="redirects")
    kind = models.CharField(max_length=10, choices=Kind)
    old_slug = models.SlugField()
    new_slug = models.SlugField()
    note = models.CharField(max_length=200, blank=True, help_text="Why it moved.")

    history = history()

    class Meta:
        ordering = ["kind", "old_slug"]
        constraints = [
            # The reader views look an unknown slug up here.
            models.UniqueConstraint(
                fields=["plan", "kind", "old_slug"], name="redirect_once_per_old_slug"
            ),
            models.CheckConstraint(
                condition=~Q(old_slug=F("new_slug")), name="redirect_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.old_slug} → {self.new_slug}"


class RecordVersion(models.Model):
    """How many times a part of the record has changed, and when last: the cache keys.

    Not history (not tracked): a counter the caching signals bump on every write, so a page's
    ETag and server-side cache entry change exactly when something it shows changes."""

    scope = models.CharField(max_length=80, primary_key=True)  # "all", "shared", "plan:<slug>"
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["scope"]

    def __str__(self) -> str:
        return f"{self.scope} #{self.number}"
