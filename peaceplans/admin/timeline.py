"""The time line's records: events, point counts as reported, and old addresses."""

from django.contrib import admin

from ..models import Event, ReportedPointCount, SlugRedirect
from .base import EditorAdmin


@admin.register(Event)
class EventAdmin(EditorAdmin):
    list_display = ["title", "kind", "date", "end_date", "place", "disputed"]
    list_filter = ["plan", "kind", "disputed"]
    search_fields = ["title", "summary", "place"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parties", "drafts", "sources"]


@admin.register(ReportedPointCount)
class ReportedPointCountAdmin(EditorAdmin):
    list_display = ["draft", "as_reported", "count", "reported_by", "disputed"]
    list_filter = ["draft__plan", "disputed"]
    search_fields = ["as_reported", "reported_by", "draft__title"]
    autocomplete_fields = ["draft", "sources"]
    list_select_related = ["draft"]


@admin.register(SlugRedirect)
class SlugRedirectAdmin(EditorAdmin):
    list_display = ["old_slug", "new_slug", "kind", "plan", "note"]
    list_filter = ["plan", "kind"]
    search_fields = ["old_slug", "new_slug"]
