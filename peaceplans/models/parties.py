"""Who takes part, and what the record rests on: parties and sources."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from .common import SLUG_HELP, history


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
