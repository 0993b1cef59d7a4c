"""Sources, parties, plans and positions."""

from django.contrib import admin

from ..models import Party, Plan, Position, Source
from .base import EditorAdmin


@admin.register(Source)
class SourceAdmin(EditorAdmin):
    list_display = ["title", "publisher", "published_on", "reliability"]
    list_filter = ["reliability", "publisher"]
    search_fields = ["title", "publisher", "url", "quote"]
    date_hierarchy = "published_on"


@admin.register(Party)
class PartyAdmin(EditorAdmin):
    list_display = ["name", "short_name", "kind", "colour"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Plan)
class PlanAdmin(EditorAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Position)
class PositionAdmin(EditorAdmin):
    list_display = ["party", "stance", "target", "stated_on", "disputed"]
    list_filter = ["party", "stance", "disputed", "clause_version__draft__plan"]
    search_fields = ["summary", "speaker", "party__name", "clause_version__clause__title"]
    autocomplete_fields = ["party", "draft", "clause_version", "sources"]
    list_select_related = ["party", "draft", "clause_version__draft", "clause_version__clause"]

    @admin.display(description="on")
    def target(self, position: Position) -> str:
        return str(position.clause_version or position.draft)
