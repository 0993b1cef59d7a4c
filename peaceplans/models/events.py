"""Events on a plan's time line that are not drafts."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .common import SLUG_HELP, history
from .parties import Party, Source
from .plans import Draft, Plan


class Event(models.Model):
    """Something on the plan's time line that is not a draft: a round of talks, a meeting, a
    handover, a declaration, a pause."""

    class Kind(models.TextChoices):
        ROUND = "round", "Round of talks"
        MEETING = "meeting", "Meeting"
        HANDOVER = "handover", "Handover of a text"
        DECLARATION = "declaration", "Declaration or statement"
        PAUSE = "pause", "Pause or postponement"
        OTHER = "other", "Other"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="events")
    slug = models.SlugField(help_text=SLUG_HELP)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.MEETING)
    title = models.CharField(max_length=200)
    date = models.DateField(help_text="First day, as best known; say how sure in the date note.")
    end_date = models.DateField(null=True, blank=True, help_text="Last day, if it lasted longer.")
    date_note = models.CharField(
        max_length=200, blank=True, help_text="How sure the date is, e.g. 'about 29 Jan'."
    )
    place = models.CharField(max_length=120, blank=True)
    parties = models.ManyToManyField(Party, blank=True, related_name="events")
    summary = models.TextField(help_text="What was reported, in our own words.")
    drafts = models.ManyToManyField(
        Draft, blank=True, related_name="events", help_text="The drafts it concerns."
    )
    disputed = models.BooleanField(default=False)
    dispute_note = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, related_name="events")

    history = history(m2m_fields=[parties, drafts, sources])

    class Meta:
        ordering = ["date", "slug"]  # the plan page's time line
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="event_slug_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="event_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(disputed=False) | ~Q(dispute_note=""), name="event_dispute_explained"
            ),
            models.CheckConstraint(condition=~Q(summary=""), name="event_has_summary"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan", kwargs={"plan": self.plan.slug}) + f"#event-{self.slug}"
