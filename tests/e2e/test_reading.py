"""Reading the record in real Chromium: the journeys of issue 9, under the site's own CSP.
Screenshots of each journey go to .cache/screens/ for a person to look at."""

from playwright.sync_api import Page, expect

from tests.e2e.pages import DESKTOP, PHONE, PLAN, shot


def test_compare_on_a_phone_stacks_full_width_cells_that_name_their_drafts(site, page: Page):
    page.set_viewport_size(PHONE)
    page.goto(f"{site}{PLAN}/compare/28-point...european-counter-edit/?show=changes&view=side")
    table = page.locator("table.compare").bounding_box()
    cell = page.locator("td.side.left").first.bounding_box()
    assert cell["width"] >= table["width"] - 2
    expect(page.locator("td.side.left .side-name").first).to_have_text("Before · US 28-point plan")
    expect(page.locator("td.side.right .side-name").first).to_contain_text(
        "After · European (E3) counter-edit"
    )
    shot(page, "compare-phone")


def test_a_reader_finds_what_changed_and_who_objects_to_the_army_size_clause(site, page: Page):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site}{PLAN}/")
    page.select_option("select[name=left]", label="US 28-point plan")
    page.select_option("select[name=right]", label="European (E3) counter-edit of the 28 points")
    page.get_by_label("only real changes").check()
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(
        f"{site}{PLAN}/compare/28-point...european-counter-edit/"
        "?show=added&show=changed&show=merged&show=moved&show=not-in-draft&show=removed&show=split"
    )
    from peaceplans.selectors import compare_page
    from peaceplans.vocabulary import REAL_CHANGES

    expected = compare_page("ukraine-2025", "28-point", "european-counter-edit")
    changes = [k for k in expected.kinds if k.kind in REAL_CHANGES]
    others = [k for k in expected.kinds if k.kind not in REAL_CHANGES]
    n_changes = sum(k.count for k in changes)
    summary = page.locator("#summary")
    shown = ", ".join(f"{k.count} {k.label}" for k in changes)
    expect(summary).to_contain_text(f"Showing {n_changes} of {expected.total} rows: {shown}.")
    hidden = ", ".join(f"{k.count} {k.label}" for k in others)
    expect(summary).to_contain_text(f"Hidden: {hidden}.")
    expect(page.locator("tbody.row-unknown")).to_have_count(0)
    shot(page, "journey1-compare-filtered")

    # The keys walk from change to change, and the hint says which keys.
    expect(page.locator("[data-change-nav]")).to_contain_text("Keys: j or n next change")
    page.keyboard.press("j")
    first = page.locator("[data-change]").first
    assert page.evaluate("location.hash") == "#" + first.get_attribute("id")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate("location.hash") == "#" + first.get_attribute("id")
    expect(page.locator("[data-change-position]")).to_have_text(f"Change 1 of {n_changes}")
    page.get_by_role("button", name="Next change").click()
    expect(page.locator("[data-change-position]")).to_have_text(f"Change 2 of {n_changes}")

    # The change list links to the army-size row; its stances stand beside each side.
    page.locator("nav.changes").get_by_role(
        "link", name="§6 Size of Ukraine's armed forces"
    ).click()
    row = page.locator("#c-army-size")
    before = row.locator("p.stances", has_text="Before:")
    expect(before.locator(".badge", has_text="EU+")).to_contain_text("object")
    after = row.locator("p.stances", has_text="After:")
    expect(after.locator(".badge", has_text="RU")).to_contain_text("objects")
    expect(row.locator(".stance-change")).to_contain_text("New stance: Russia objects")
    expect(page.locator("thead th").nth(1)).to_contain_text("RU objects")
    shot(page, "journey1-army-size-row")
    # The sticky header still names the drafts after scrolling down.
    header = page.locator("table.compare thead th").first
    assert 0 <= header.bounding_box()["y"] <= 5


def test_keys_do_nothing_while_typing_and_can_be_turned_off(site, page: Page):
    page.goto(f"{site}{PLAN}/compare/28-point...european-counter-edit/")
    page.locator("select[name=left]").focus()
    page.keyboard.press("j")
    assert page.evaluate("location.hash") == ""
    page.get_by_role("button", name="Turn keys off").click()
    page.locator("h1").click()
    page.keyboard.press("j")
    assert page.evaluate("location.hash") == ""
    page.get_by_role("button", name="Turn keys on").click()
    page.keyboard.press("j")
    assert page.evaluate("location.hash").startswith("#c-")


def test_a_reader_follows_the_clause_journey_to_a_permalink_and_copies_its_citation(
    site, page: Page
):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site}{PLAN}/clauses/army-size/")
    journey = page.locator("svg.journey-svg")
    expect(journey.locator("desc")).to_contain_text(
        "European (E3) counter-edit of the 28 points: changed"
    )
    shot(page, "journey2-clause-journey")
    journey.locator(f'a[href="{PLAN}/drafts/european-counter-edit/clauses/6/"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("§6")
    expect(page.locator(".redline del", has_text="600").first).to_be_visible()
    page.get_by_role("button", name="Copy citation").click()
    expect(page.locator("#copy-status")).to_have_text("Copied")
    citation = page.evaluate("navigator.clipboard.readText()")
    permalink = page.locator("#permalink").input_value()
    assert permalink in citation and "/rev/" in permalink
    expect(page.get_by_role("button", name="Copy citation")).to_be_visible(timeout=6000)
    expect(page.locator("#copy-status")).to_have_text("", timeout=6000)  # reset for the next copy
    page.goto(permalink)
    expect(page.get_by_role("heading", level=1)).to_contain_text("revision")
    shot(page, "journey2-revision")


def test_a_reader_reads_the_time_line_on_a_phone(site, page: Page):
    page.set_viewport_size(PHONE)
    page.goto(f"{site}{PLAN}/")
    timeline = page.locator("svg.timeline-svg")
    expect(timeline).to_be_visible()
    box = timeline.bounding_box()
    assert box["width"] <= PHONE["width"]
    from peaceplans.models import Draft, Event

    items = Draft.objects.filter(plan__slug="ukraine-2025").count() + Event.objects.count()
    expect(timeline.locator("a")).to_have_count(items)
    timeline.scroll_into_view_if_needed()
    shot(page, "journey3-timeline-phone")
    page.locator("details.picture-data summary", has_text="time line").click()
    expect(page.locator(".timeline-picture table")).to_contain_text("US 28-point plan")
    timeline.locator("a", has_text="US 28-point plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("US 28-point plan")


def test_the_skip_link_takes_the_keyboard_to_the_content(site, page: Page):
    page.goto(f"{site}{PLAN}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


def test_print_shows_the_whole_matrix_and_the_compare_pages_address(site, page: Page):
    page.set_viewport_size({"width": 680, "height": 960})  # about an A4 page's printable width
    page.emulate_media(media="print")
    page.goto(f"{site}{PLAN}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # no column cut off at the right
    table = page.locator("table.matrix").bounding_box()
    assert table["x"] + table["width"] <= 680
    shot(page, "print-matrix")
    page.goto(f"{site}{PLAN}/compare/28-point...european-counter-edit/")
    expect(page.locator(".print-only")).to_contain_text(
        "/compare/28-point...european-counter-edit/"
    )
    expect(page.locator(".print-only")).to_contain_text("retrieved")


def test_the_favicon_loads(site, page: Page):
    response = page.goto(f"{site}/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
