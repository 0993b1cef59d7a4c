"""The bench's generator grows a record an editor could have made: through the services, every
row with its history, drafts published in order, lineage forward in time; and it says how far
it has got."""

import io

from django.db import connection

from peaceplans.bench import generate
from peaceplans.models import ClauseDerivation, Draft, Plan, Position
from tests.history_check import assert_history_matches_records


def test_the_generated_record_has_history_for_every_row_and_link(db):
    before = generate.history_rows()
    figures = generate.generate(clauses=12, drafts=3, history=400, progress=False)
    assert figures["history rows"] - before >= 400
    big = Plan.objects.get(slug=generate.BIG_PLAN)
    drafts = list(big.drafts.order_by("sequence"))
    assert [d.sequence for d in drafts] == [1, 2, 3]
    assert all(d.editorial_state == Draft.EditorialState.PUBLISHED for d in drafts)
    assert [list(d.derived_from.all()) for d in drafts[1:]] == [[drafts[0]], [drafts[1]]]
    assert Plan.objects.filter(slug__startswith="bench-filler-").exists()
    # Splits and merges link forward in time, within the plan.
    links = ClauseDerivation.objects.select_related("child__draft", "parent__draft")
    assert links.exists()
    for link in links:
        assert link.child.draft.plan_id == link.parent.draft.plan_id
        assert link.parent.draft.sequence < link.child.draft.sequence
    assert Position.objects.filter(clause_version__draft__plan=big, sources__isnull=False).exists()
    assert_history_matches_records()


def test_the_generator_is_deterministic_for_a_seed(db):
    generate.generate(clauses=10, drafts=2, history=0, progress=False, seed=5)
    big = Plan.objects.get(slug=generate.BIG_PLAN)
    texts = list(
        big.drafts.get(sequence=2).clause_versions.order_by("position").values_list("text")
    )
    assert len(texts) >= 9
    Plan.objects.filter(slug=generate.BIG_PLAN).update(slug="bench-first-run")
    generate.generate(clauses=10, drafts=2, history=0, progress=False, seed=5)
    again = Plan.objects.get(slug=generate.BIG_PLAN).drafts.get(sequence=2)
    assert list(again.clause_versions.order_by("position").values_list("text")) == texts


def test_progress_shows_the_share_done_the_rate_and_the_time_left():
    out = io.StringIO()
    bar = generate.Progress(1000, stream=out)
    bar.update(250, "bench-big: draft 5/20")
    bar.close()
    line = out.getvalue()
    assert " 25% 250 rows, " in line and "/s," in line and "s left" in line
    assert "bench-big: draft 5/20" in line


def test_analyze_gives_sqlite_its_planner_statistics(db):
    generate.generate(clauses=10, drafts=2, history=0, progress=False)
    generate.analyze()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl LIKE 'peaceplans_%'")
            assert cursor.fetchone()[0] > 0


def test_the_home_plans_make_home_list_as_many_plans_and_drafts_as_the_grown_record(db, client):
    from peaceplans.selectors.plans import HOME_DRAFTS, HOME_PLANS_PER_PAGE

    generate.home_plans(HOME_PLANS_PER_PAGE, drafts=HOME_DRAFTS + 1)
    page = client.get("/").context["page"]
    assert len(page.plans) == HOME_PLANS_PER_PAGE
    assert all(len(entry.drafts) == HOME_DRAFTS and entry.more == 1 for entry in page.plans)
    assert_history_matches_records()
