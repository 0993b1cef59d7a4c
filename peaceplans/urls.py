from django.contrib import admin
from django.urls import path

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", views.home, name="home"),
    path("parties/<slug:party>/", views.party_detail, name="party"),
    path("plans/<slug:plan>/", views.plan_detail, name="plan"),
    path("plans/<slug:plan>/drafts/<slug:draft>/", views.draft_detail, name="draft"),
    path("plans/<slug:plan>/clauses/<slug:clause>/", views.clause_detail, name="clause"),
    path(
        "plans/<slug:plan>/drafts/<slug:draft>/clauses/<str:label>/",
        views.clause_version_detail,
        name="clause_version",
    ),
]
