"""Moving the whole record, with its full history, between databases (exportrecord/importrecord),
and a digest of it (recorddigest) that proves a move or a restore lost nothing.

`dumpdata` + `loaddata` alone fail: loading a many-to-many field fires django-simple-history's
m2m signal, which writes fresh history rows that collide with the dumped ones. The import runs
with history switched off, so the history it loads is exactly the history that was exported.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.test import RequestFactory
from django.urls import reverse

# Editors' accounts travel with the record: every historical row names its author.
RECORD_LABELS = ["auth.group", "auth.user", "peaceplans", "admin.logentry"]
# Not the record: the cache's version counters (peaceplans/caching/), which the target's own
# writes (the import) set afresh.
NOT_RECORD = ["peaceplans.RecordVersion"]


def record_models() -> list:
    models = [apps.get_model("auth", "Group"), apps.get_model("auth", "User")]
    models += [
        model
        for model in apps.get_app_config("peaceplans").get_models(include_auto_created=True)
        if model._meta.label not in NOT_RECORD
    ]
    models.append(apps.get_model("admin", "LogEntry"))
    return models


# Rows that exportrecord moves by name, not by id (importrecord gives them the target's ids):
# compare them, and every reference to them, by that name.
_BY_NAME = {"auth.User": "username", "auth.Group": "name", "contenttypes.ContentType": "model"}


def _columns(model) -> tuple[list[str], list[str]]:
    """The columns to compare and the order to compare rows in."""
    columns, order = [], ["pk"]
    for field in model._meta.concrete_fields:
        related = field.related_model._meta.label if field.is_relation else None
        if related in _BY_NAME:
            columns.append(f"{field.name}__{_BY_NAME[related]}")
        elif (
            related == "contenttypes.ContentType"
            or field.primary_key
            and (model._meta.label in _BY_NAME or model._meta.auto_created)
        ):
            continue  # an id the target database assigns afresh
        else:
            columns.append(field.attname)
    if model._meta.label in _BY_NAME:
        order = [_BY_NAME[model._meta.label]]
    elif model._meta.auto_created:  # a many-to-many link: compare the links themselves
        order = columns
    return columns, order


class _DigestEncoder(DjangoJSONEncoder):
    """Times to the millisecond, always written the same way: Django's serializers (and so
    exportrecord) keep milliseconds, and DjangoJSONEncoder writes 12:00:00.000412 as
    "12:00:00.000" but 12:00:00 as "12:00:00", which would tell equal records apart."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.astimezone(datetime.UTC).isoformat(timespec="milliseconds")
        return super().default(o)


def table_digests(using: str = "default") -> dict[str, str]:
    """Per table: row count and a SHA-256 over every row's every column, in key order; what
    importrecord renumbers (users, groups, link rows) is compared by name."""
    digests = {}
    for model in record_models():
        columns, order = _columns(model)
        rows = model._base_manager.using(using).order_by(*order).values_list(*columns)
        payload = json.dumps(list(rows), cls=_DigestEncoder, ensure_ascii=False)
        digest = hashlib.sha256(payload.encode()).hexdigest()
        digests[model._meta.db_table] = f"{len(rows)} {digest}"
    return digests


def revision_permalinks(using: str = "default") -> Iterator[tuple[str, dict]]:
    version_model = apps.get_model("peaceplans", "ClauseVersion")
    versions = version_model.objects.using(using).select_related("draft__plan").order_by("pk")
    for version in versions:
        kwargs = {"plan": version.draft.plan.slug, "draft": version.draft.slug}
        kwargs["label"] = version.label
        for number in range(1, version.history.using(using).count() + 1):
            yield reverse("clause_revision", kwargs={**kwargs, "number": number}), kwargs


def page_digests(permalinks: Iterable[tuple[str, dict]] | None = None) -> dict[str, str]:
    """SHA-256 of every revision permalink page (or of those given, as `revision_permalinks`
    yields them) as an anonymous reader gets it (pages read the database the routers choose,
    normally "default")."""
    from peaceplans import views

    factory = RequestFactory()
    digests = {}
    for url, kwargs in revision_permalinks() if permalinks is None else permalinks:
        request = factory.get(url)
        request.user = AnonymousUser()
        number = int(url.rstrip("/").rsplit("/", 1)[-1])
        response = views.clause_revision(request, number=number, **kwargs)
        digests[url] = f"{response.status_code} {hashlib.sha256(response.content).hexdigest()}"
    return digests
