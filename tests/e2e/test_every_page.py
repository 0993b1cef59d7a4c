"""Every reader page in real Chromium, at a phone's width and a desktop's: axe-core finds no
accessibility violation, and nothing but the matrix scrolls sideways on a phone.

axe-core comes from npm into .cache/axe (git-ignored; `.ci/run` installs it the same way).
"""

import os

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import AXE, DESKTOP, PHONE, PLAN, READER_PAGES, shot


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script, which the site's CSP rightly refuses.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture(scope="session")
def axe_script() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run axe: npm install --prefix {AXE.parents[2]} axe-core")
        pytest.skip("axe-core is not installed: npm install --prefix .cache/axe axe-core")
    return str(AXE)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_axe_finds_no_violations_on_any_reader_page(site, page: Page, axe_script, viewport):
    page.set_viewport_size(viewport)
    found = {}
    for name, url in READER_PAGES.items():
        assert page.goto(site + url).status == 200, url
        page.add_script_tag(path=axe_script)
        violations = page.evaluate(
            "axe.run().then(r => r.violations.map(v => v.id + ': ' + v.nodes.length))"
        )
        if violations:
            found[name] = violations
    assert found == {}


def test_no_reader_page_scrolls_sideways_on_a_phone_but_the_matrix_keeps_its_first_column(
    site, page: Page
):
    page.set_viewport_size(PHONE)
    for name, url in READER_PAGES.items():
        page.goto(site + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, name
        for size in page.eval_on_selector_all(
            "select", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
        ):
            assert size >= 16, f"{name}: a select with {size}px text makes iOS zoom"
    page.goto(f"{site}{PLAN}/")
    matrix = page.locator(".matrix-scroll")
    assert matrix.evaluate("e => e.scrollWidth > e.clientWidth")  # it does scroll, inside
    expect(page.get_by_text("The table scrolls sideways")).to_be_visible()
    first = page.locator(".matrix tbody th").first
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
    matrix.evaluate("e => e.scrollBy(600, 0)")
    assert first.bounding_box()["x"] < 40  # still in view after scrolling the table
    shot(page, "matrix-phone-scrolled")
