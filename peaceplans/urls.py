from django.contrib import admin
from django.urls import include, path, register_converter

from . import citations, exports, feeds, views
from .api.conditional import with_validators
from .models import LABEL_PATTERN
from .redirects import follow_moved
from .search.views import search_page


class LabelConverter:
    """A clause label as the database allows it; anything else is not a page (404)."""

    regex = LABEL_PATTERN.removeprefix("^").removesuffix("$")

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class CiteFormatConverter:
    regex = "|".join(citations.FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LabelConverter, "label")
register_converter(CiteFormatConverter, "citefmt")

handler500 = "peaceplans.observability.server_error"  # the 503 page when the database is down

urlpatterns = [
    path("admin/", admin.site.urls),
    path("parties.css", views.party_styles, name="party_styles"),
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico whatever the page says; send them to the static file.
    path("favicon.ico", views.favicon),
    path("parties/", views.party_index, name="parties"),
    path("search/", search_page, name="search"),
    path("api/v1/", include(("peaceplans.api.urls", "api"), namespace="api")),
    path("feeds/", with_validators(feeds.record_feed), name="feed_site"),
    path("plans/<slug:plan>/feed/", with_validators(feeds.record_feed), name="feed_plan"),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/feed/",
        with_validators(feeds.record_feed),
        name="feed_clause",
    ),
    path("plans/<slug:plan>/matrix.csv", exports.matrix_csv, name="export_matrix_csv"),
    path("plans/<slug:plan>/dataset.json", exports.plan_json, name="export_plan_json"),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/export.csv",
        exports.draft_csv,
        name="export_draft_csv",
    ),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/export.json",
        exports.draft_json,
        name="export_draft_json",
    ),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/clauses/<label:label>/cite.<citefmt:fmt>",
        with_validators(citations.cite_latest),
        name="cite_latest",
    ),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/clauses/<label:label>/rev/<int:number>/"
        "cite.<citefmt:fmt>",
        with_validators(citations.cite_revision),
        name="cite_revision",
    ),
    path("parties/<slug:party>/", views.party_detail, name="party"),
    path("plans/<slug:plan>/", views.plan_detail, name="plan"),
    path("plans/<slug:plan>/compare/", views.compare_picker, name="compare_picker"),
    path("plans/<slug:plan>/compare/<str:spec>/", views.compare, name="compare"),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/",
        follow_moved(views.clause_detail, kind="clause", kwarg="clause"),
        name="clause",
    ),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/",
        follow_moved(views.draft_detail, kind="draft", kwarg="draft"),
        name="draft",
    ),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/history/",
        follow_moved(views.draft_history, kind="draft", kwarg="draft"),
        name="draft_history",
    ),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/clauses/<label:label>/",
        follow_moved(views.clause_version_detail, kind="draft", kwarg="draft"),
        name="clause_version",
    ),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/clauses/<label:label>/rev/<int:number>/",
        follow_moved(views.clause_revision, kind="draft", kwarg="draft"),
        name="clause_revision",
    ),
]
