"""The editors' tool: the Django admin, every save through peaceplans.services."""

from django.contrib import admin

from . import clauses, drafts, records, timeline  # noqa: F401 - registers the model admins

admin.site.site_header = "peaceplans: editors"
admin.site.site_title = "peaceplans editors"
admin.site.index_title = "The record"
