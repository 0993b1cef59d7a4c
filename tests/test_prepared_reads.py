"""Reads compiled once per process (selectors.common.PreparedRead) answer exactly what the ORM
answers for every new value, keep readers and editors apart, and refuse what they cannot swap."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix

from peaceplans.models import ClauseVersion, Draft
from peaceplans.selectors.common import PreparedRead, Reverser


def _versions_of(draft: int, ids: list[int], viewer=None):
    return (
        ClauseVersion.objects.visible_to(viewer)
        .filter(draft_id=draft, id__in=ids)
        .order_by("position", "label")
        .values_list("id", "label", "draft__slug")
    )


def test_a_prepared_read_answers_what_the_orm_answers_for_every_new_value(demo):
    read = PreparedRead(_versions_of)
    for draft in Draft.objects.order_by("pk"):
        ids = list(draft.clause_versions.values_list("id", flat=True))
        # Each length of the list compiles once; an empty list asks the database nothing.
        for chosen in (ids, ids[:1], ids[1:3], [], [*ids, -5]):
            expected = list(_versions_of(draft.pk, chosen))
            with CaptureQueriesContext(connection) as queries:
                assert read(draft=draft.pk, ids=chosen) == expected
            assert len(queries) == (1 if chosen else 0)


def test_a_prepared_read_is_built_once_per_shape(demo):
    built = []

    def build(draft: int):
        built.append(draft)
        return ClauseVersion.objects.filter(draft_id=draft).values_list("label")

    read = PreparedRead(build)
    drafts = list(Draft.objects.order_by("pk"))
    answers = [read(draft=draft.pk) for draft in drafts]
    # Built twice in all: once to learn its model (for the router), once to compile.
    assert len(built) == 2
    assert answers == [list(build(draft.pk)) for draft in drafts]


def test_a_prepared_read_keeps_readers_and_editors_apart(demo, make, editor):
    hidden = make.draft(demo, editorial_state=Draft.EditorialState.IN_PREPARATION, sequence=99)
    version = make.version(hidden, make.clause(demo), label="1")
    read = PreparedRead(_versions_of)
    reader, ids = AnonymousUser(), [version.pk]
    assert read(draft=hidden.pk, ids=ids, viewer=reader) == []
    assert read(draft=hidden.pk, ids=ids, viewer=editor) == [(version.pk, "1", hidden.slug)]
    assert read(draft=hidden.pk, ids=ids, viewer=reader) == []  # not the editor's compilation
    assert read(draft=hidden.pk, ids=ids, viewer=None) == []


def test_a_prepared_read_refuses_a_value_it_could_not_swap(demo):
    # `contains` sends "%<value>%": the stand-in is not among the parameters as it was given.
    read = PreparedRead(lambda word: ClauseVersion.objects.filter(text__contains=word))
    with pytest.raises(ValueError, match="not a plain SQL one"):
        read(word="army")


@pytest.mark.parametrize("label", ["1", "12a", "15-20b", "was-4", "v1.2"])
def test_a_reverser_makes_the_url_reverse_makes(label):
    make = Reverser("clause_version")
    kwargs = {"plan": "ukraine-2025", "draft": "28-point", "label": label}
    assert make(**kwargs) == reverse("clause_version", kwargs=kwargs)
    try:  # under a script prefix (an app mounted below the root) too
        set_script_prefix("/record/")
        assert make(**kwargs) == reverse("clause_version", kwargs=kwargs)
        assert make(**kwargs).startswith("/record/plans/")
    finally:
        set_script_prefix("/")


def test_a_prepared_read_goes_where_the_router_sends_reads_of_its_model(demo, monkeypatch):
    # With replicas, a reader's page reads from the request's replica; a writer's from the
    # primary (peaceplans.routers): a prepared read must ask the router like any other read.
    from peaceplans.selectors import common

    asked = []

    class Router:
        def db_for_read(self, model, **hints):
            asked.append(model)
            return "default"

    monkeypatch.setattr(common, "router", Router())
    draft = Draft.objects.get(slug="28-point")
    ids = list(draft.clause_versions.values_list("id", flat=True)[:2])
    assert PreparedRead(_versions_of)(draft=draft.pk, ids=ids) == list(_versions_of(draft.pk, ids))
    assert asked == [ClauseVersion]
