from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Clause, ClauseVersion, Draft, Party, Plan, Position, Source

admin.site.site_header = "peaceplans: editors"
admin.site.site_title = "peaceplans editors"
admin.site.index_title = "The record"


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "published_on", "reliability"]
    list_filter = ["reliability", "publisher"]
    search_fields = ["title", "publisher", "url", "quote"]
    date_hierarchy = "published_on"


@admin.register(Party)
class PartyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "colour"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}


class ClauseVersionInline(admin.StackedInline):
    model = ClauseVersion
    extra = 0
    ordering = ["position", "label"]
    fields = [
        ("position", "label", "clause"),
        "heading",
        "text",
        ("basis", "disputed"),
        "dispute_note",
        "sources",
    ]
    autocomplete_fields = ["clause", "sources"]
    show_change_link = True


@admin.register(Draft)
class DraftAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "sequence", "date", "standing", "text_coverage"]
    list_filter = ["plan", "standing", "text_coverage", "authors"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "derived_from", "dropped_clauses", "sources"]
    inlines = [ClauseVersionInline]
    list_select_related = ["plan"]


@admin.register(Clause)
class ClauseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "topic", "slug"]
    list_filter = ["plan", "topic"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["plan"]


class PositionInline(admin.StackedInline):
    model = Position
    fk_name = "clause_version"
    extra = 0
    fields = [
        ("party", "stance", "stated_on", "speaker"),
        "summary",
        "disputed",
        "dispute_note",
        "sources",
    ]
    autocomplete_fields = ["party", "sources"]


class DerivationInline(admin.TabularInline):
    model = ClauseVersion.derived_from.through
    fk_name = "child"
    extra = 0
    autocomplete_fields = ["parent"]
    verbose_name = "derived from (split or merge)"
    verbose_name_plural = "derived from (splits and merges only)"


@admin.register(ClauseVersion)
class ClauseVersionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "label", "clause", "draft", "basis", "disputed"]
    list_filter = ["draft__plan", "draft", "basis", "disputed", "clause__topic"]
    search_fields = ["label", "heading", "text", "clause__title", "draft__title"]
    autocomplete_fields = ["draft", "clause", "sources"]
    inlines = [DerivationInline, PositionInline]
    list_select_related = ["draft__plan", "clause"]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["party", "stance", "target", "stated_on", "disputed"]
    list_filter = ["party", "stance", "disputed", "clause_version__draft__plan"]
    search_fields = ["summary", "speaker", "party__name", "clause_version__clause__title"]
    autocomplete_fields = ["party", "draft", "clause_version", "sources"]
    list_select_related = ["party", "draft", "clause_version__draft", "clause_version__clause"]

    @admin.display(description="on")
    def target(self, position: Position) -> str:
        return str(position.clause_version or position.draft)
