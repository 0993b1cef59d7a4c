"""Readers and editors, in a real browser."""

import re

from playwright.sync_api import Page, expect


def test_a_reader_follows_the_army_cap_from_plan_to_compare_to_permalink(site, page: Page):
    page.goto(site)
    page.get_by_role("link", name="Plan to end the war in Ukraine (2025–2026)").click()
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

    page.get_by_role("link", name="Only real changes").click()
    # Wait for the filtered page itself: a count taken mid-navigation reads 0 rows.
    expect(page).to_have_url(re.compile(r"\?show=changes$"))
    expect(page.locator("tr.row-changed").first).to_be_visible()
    assert page.locator("tr.row-unchanged, tr.row-changed").count() <= rows_before

    page.locator("td.redline-cell a[href$='/drafts/december-20-point/clauses/4/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("§4")
    page.get_by_role("button", name="Copy permalink").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    # The citation pins the exact revision, whose text never changes.
    assert re.fullmatch(
        rf"{re.escape(site)}/plans/ukraine-2025/drafts/december-20-point/clauses/4/rev/\d+/",
        copied,
    )
    page.goto(copied)
    expect(page.locator("blockquote.text")).to_contain_text("800")


def test_compare_reads_on_a_phone_without_sideways_scrolling(site, page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/plans/ukraine-2025/compare/28-point...european-counter-edit/?view=side")
    left = page.locator("td.side.left").first
    assert left.evaluate("cell => getComputedStyle(cell).display") == "block"  # stacked
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
