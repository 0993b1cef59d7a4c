"""An editor in a real browser: paste a draft, publish it, and a reader sees it."""

from playwright.sync_api import Page, expect

from tests.conftest import editors_group


def test_an_editor_pastes_a_draft_publishes_it_and_readers_see_it(
    fresh_site, page: Page, browser, django_user_model
):
    user = django_user_model.objects.create_user(
        "olena", password="a-long-test-password", is_staff=True
    )
    user.groups.add(editors_group())
    page.goto(f"{fresh_site}/admin/login/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{fresh_site}/admin/peaceplans/draft/")
    page.get_by_role("link", name="Paste a new draft").click()
    page.select_option("#id_plan", label="Plan to end the war in Ukraine (2025–2026)")
    page.select_option("#id_parent", label="US 28-point plan")
    page.fill("#id_title", "January leak")
    page.fill("#id_slug", "january-leak")
    page.fill("#id_date", "2026-01-10")
    page.select_option("#id_text_coverage", "partial")
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
    assert reader.goto(f"{fresh_site}/plans/ukraine-2025/drafts/january-leak/").status == 404

    page.goto(f"{fresh_site}/admin/peaceplans/draft/")
    page.get_by_role("row", name="January leak").get_by_role("checkbox").check()
    page.select_option("select[name=action]", "publish")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("heading", name="Publish these drafts?")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 1 draft")

    assert reader.goto(f"{fresh_site}/plans/ukraine-2025/drafts/january-leak/").status == 200
    reader.goto(f"{fresh_site}/plans/ukraine-2025/compare/28-point...january-leak/")
    expect(reader.locator("ins", has_text="750").first).to_be_visible()
