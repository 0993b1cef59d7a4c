from django.contrib import admin
from django.urls import path, register_converter

from . import views
from .models import LABEL_PATTERN


class LabelConverter:
    """A clause label as the database allows it; anything else is not a page (404)."""

    regex = LABEL_PATTERN.removeprefix("^").removesuffix("$")

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LabelConverter, "label")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", views.home, name="home"),
    path("parties/<slug:party>/", views.party_detail, name="party"),
    path("plans/<slug:plan>/", views.plan_detail, name="plan"),
    path("plans/<slug:plan>/compare/", views.compare_picker, name="compare_picker"),
    path("plans/<slug:plan>/compare/<str:spec>/", views.compare, name="compare"),
    path("plans/<slug:plan>/clauses/<slug:clause>/", views.clause_detail, name="clause"),
    path("plans/<slug:plan>/drafts/<slug:draft>/", views.draft_detail, name="draft"),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/history/",
        views.draft_history,
        name="draft_history",
    ),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/clauses/<label:label>/",
        views.clause_version_detail,
        name="clause_version",
    ),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/clauses/<label:label>/rev/<int:number>/",
        views.clause_revision,
        name="clause_revision",
    ),
]
