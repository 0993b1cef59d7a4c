"""Readers and editors, in a real browser."""

from playwright.sync_api import Page, expect

from tests.conftest import editors_group


def test_a_reader_follows_the_army_cap_from_plan_to_compare_to_permalink(site, page: Page):
    page.goto(site)
    page.get_by_role("link", name="Plan to end the war in Ukraine (2025)").click()
    expect(page.get_by_role("heading", name="Clauses across drafts")).to_be_visible()
    expect(page.get_by_role("row", name="Size of Ukraine's armed forces").first).to_contain_text(
        "RU objects"
    )

    page.select_option("select[name=left]", label="US 28-point plan")
    page.select_option("select[name=right]", label="20-point plan (December 2025)")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(f"{site}/plans/ukraine-2025/compare/28-point...december-20-point/")
    expect(page.locator("ins", has_text="800").first).to_be_visible()
    expect(page.locator("del", has_text="600").first).to_be_visible()
    rows_before = page.locator("tr.row-unchanged, tr.row-changed").count()

    page.get_by_role("link", name="hide unchanged").click()
    assert page.locator("tr.row-changed").count() > 0
    assert page.locator("tr.row-unchanged, tr.row-changed").count() <= rows_before

    page.locator("td.right").get_by_role("link", name="§4", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("§4")
    page.get_by_role("button", name="Copy permalink").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{site}/plans/ukraine-2025/drafts/december-20-point/clauses/4/"


def test_compare_reads_on_a_phone_without_sideways_scrolling(site, page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/plans/ukraine-2025/compare/28-point...european-counter-edit/")
    left = page.locator("td.side.left").first
    assert left.evaluate("cell => getComputedStyle(cell).display") == "block"  # stacked
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


def test_an_editor_pastes_a_draft_publishes_it_and_readers_see_it(
    site, page: Page, browser, django_user_model
):
    user = django_user_model.objects.create_user(
        "olena", password="a-long-test-password", is_staff=True
    )
    user.groups.add(editors_group())
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{site}/admin/peaceplans/draft/")
    page.get_by_role("link", name="Paste a new draft").click()
    page.select_option("#id_plan", label="Plan to end the war in Ukraine (2025)")
    page.select_option("#id_parent", label="US 28-point plan")
    page.fill("#id_title", "January leak")
    page.fill("#id_slug", "january-leak")
    page.fill(
        "#id_text",
        "1. Sovereignty\nUkraine's sovereignty is reaffirmed.\n\n"
        "2. Army size\nUkraine's armed forces are capped at 750,000 in peacetime.\n",
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview")).to_contain_text("750,000")
    expect(page.get_by_label("Ancestor of clause 2")).to_have_value(
        page.locator("#preview select[name=ancestor-1] option", has_text="§6").get_attribute(
            "value"
        )
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Saved “January leak” with 2 clauses")

    reader = browser.new_page()
    assert reader.goto(f"{site}/plans/ukraine-2025/drafts/january-leak/").status == 404

    page.goto(f"{site}/admin/peaceplans/draft/")
    page.get_by_role("row", name="January leak").get_by_role("checkbox").check()
    page.select_option("select[name=action]", "publish")
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 1 draft")

    assert reader.goto(f"{site}/plans/ukraine-2025/drafts/january-leak/").status == 200
    reader.goto(f"{site}/plans/ukraine-2025/compare/28-point...january-leak/")
    expect(reader.locator("ins", has_text="750").first).to_be_visible()
