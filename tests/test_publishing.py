"""A draft in preparation is for editors only; once published, readers see it everywhere."""

import pytest

from peaceplans.models import ClauseVersion, Draft
from peaceplans.services import tracked_save

PLAN = "/plans/ukraine-2025"


@pytest.fixture
def unpublished(demo, editor):
    draft = Draft.objects.get(slug="december-20-point")
    draft.editorial_state = Draft.EditorialState.IN_PREPARATION
    tracked_save(draft, user=editor, reason="Withdrawn for checking")
    return draft


READER_URLS = [
    f"{PLAN}/drafts/december-20-point/",
    f"{PLAN}/drafts/december-20-point/history/",
    f"{PLAN}/drafts/december-20-point/clauses/4/",
    f"{PLAN}/drafts/december-20-point/clauses/4/rev/1/",
    f"{PLAN}/compare/28-point...december-20-point/",
]


@pytest.mark.parametrize("url", READER_URLS)
def test_readers_cannot_open_a_draft_in_preparation(unpublished, client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", READER_URLS)
def test_editors_can(unpublished, editor_client, url):
    assert editor_client.get(url).status_code == 200


def test_a_draft_in_preparation_is_absent_from_every_reader_list(unpublished, client):
    pages = [
        client.get("/").text,
        client.get(f"{PLAN}/").text,
        client.get(f"{PLAN}/clauses/army-size/").text,
        client.get(f"{PLAN}/drafts/geneva-revision/").text,
        client.get("/parties/ukraine/").text,
        client.get(f"{PLAN}/drafts/28-point/clauses/6/").text,
    ]
    for page in pages:
        assert "20-point plan (December 2025)" not in page
    assert "Zelensky said there is no consensus" not in pages[4]


def test_editors_see_it_in_the_lists(unpublished, editor_client):
    assert "20-point plan (December 2025)" in editor_client.get(f"{PLAN}/").text


def test_new_drafts_start_in_preparation(demo):
    plan = demo
    draft = Draft.objects.create(plan=plan, slug="new", title="New", sequence=99)
    assert not draft.is_published
    assert ClauseVersion.objects.filter(draft=draft).count() == 0
