"""What the browser tests share: where things are, the two screen sizes, every kind of reader
page, and screenshots for a person to look at (.cache/screens/)."""

from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENS = ROOT / ".cache" / "screens"
PLAN = "/plans/ukraine-2025"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

READER_PAGES = {
    "home": "/",
    "plan": f"{PLAN}/",
    "plan filtered": f"{PLAN}/?party=russia&stance=objects",
    "compare": f"{PLAN}/compare/28-point...european-counter-edit/",
    "compare changes only": f"{PLAN}/compare/28-point...december-20-point/?show=changes",
    "compare redline": f"{PLAN}/compare/28-point...european-counter-edit/?view=redline",
    "draft": f"{PLAN}/drafts/28-point/",
    "draft, text unknown": f"{PLAN}/drafts/october-framework/",
    "draft history": f"{PLAN}/drafts/28-point/history/",
    "clause": f"{PLAN}/clauses/army-size/",
    "clause version": f"{PLAN}/drafts/european-counter-edit/clauses/6/",
    "revision": f"{PLAN}/drafts/european-counter-edit/clauses/6/rev/1/",
    "clause with long source titles": f"{PLAN}/clauses/znpp/",
    "draft, companion": f"{PLAN}/drafts/paris-declaration-jan-2026/",
    "parties": "/parties/",
    "party": "/parties/russia/",
    "party, few positions": "/parties/iaea/",
    "search": "/search/?q=ceasefire",
    "search, nothing found": "/search/?q=zzzqqq",
    "search, no words": "/search/",
}


def shot(page: Page, name: str, *, full_page: bool = False) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=full_page)
