"""A reader sees how sure the date of a stance is: a statement over two days, or one dated only
approximately, reads as the editor noted it, not as a single exact day."""

import datetime

API = "/api/v1"


def build_module_record(make):
    """Built once for the module; each test gets it as `record` (see conftest)."""
    plan = make.plan(slug="peace")
    draft = make.draft(plan, slug="december")
    version = make.version(draft, make.clause(plan, slug="territory"), label="14")
    ukraine = make.party(slug="ukraine", name="Ukraine", short_name="UA")
    russia = make.party(slug="russia", name="Russia", short_name="RU")
    make.position(
        ukraine,
        clause_version=version,
        stance="reservations",
        summary="Wants a referendum first.",
        stated_on=datetime.date(2025, 12, 23),
        date_note="23–24 Dec 2025",
    ).sources.add(make.source())
    make.position(
        russia,
        clause_version=version,
        stance="objects",
        summary="Rejects the line.",
        stated_on=datetime.date(2025, 12, 26),
    ).sources.add(make.source())
    return version


def test_the_clause_page_gives_the_noted_days_and_an_exact_date_as_it_is(client, record):
    page = client.get(record.get_absolute_url()).content.decode()
    assert '<time datetime="2025-12-23">23–24 Dec 2025</time>' in page
    assert '<time datetime="2025-12-26">26 Dec 2025</time>' in page


def test_the_api_gives_the_date_and_how_sure_it_is(client, record):
    positions = client.get(f"{API}/positions?plan=peace").json()["results"]
    by_party = {p["party"]: p for p in positions}
    assert by_party["ukraine"]["stated_on"] == "2025-12-23"
    assert by_party["ukraine"]["date_note"] == "23–24 Dec 2025"
    assert by_party["russia"]["date_note"] == ""


def test_the_demo_record_notes_the_statements_that_span_days(demo):
    from peaceplans.models import Position

    noted = Position.objects.filter(speaker="Volodymyr Zelensky").exclude(date_note="")
    assert {(p.stated_on, p.date_note) for p in noted} >= {
        (datetime.date(2025, 12, 23), "23–24 Dec 2025"),
        (datetime.date(2026, 3, 4), "4–5 Mar 2026"),
    }
