"""The browser side of the journeys: Debian's Chromium, axe-core audits and screenshots."""

import json
import os
import shutil
from pathlib import Path

from tests.e2e.live_portal import ROOT

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# `make e2e-deps` installs axe-core here (git-ignored): it is a test tool, not shipped code.
AXE = ROOT / "var" / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", ROOT / "var" / "test-artifacts" / "e2e"))
HOW_TO_ENABLE = (
    "browser tests need Chromium, Playwright and axe-core: "
    "apt-get install chromium && make e2e-deps (E2E_CHROMIUM names another Chromium)"
)
# The widths every key screen is checked and photographed at: a phone and a laptop.
WIDTHS = (375, 1280)
HEIGHT = 900
# The screens the search page's journeys are checked on: a laptop and a current phone.
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, headings, one main, …).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}


def missing_requirements() -> str | None:
    """Why the browser tests cannot run here, or None when everything is installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"Playwright is not installed; {HOW_TO_ENABLE}"
    if shutil.which(str(CHROMIUM)) is None:
        return f"no Chromium at {CHROMIUM}; {HOW_TO_ENABLE}"
    if not AXE.is_file():
        return f"axe-core is not installed ({AXE.relative_to(ROOT)}); {HOW_TO_ENABLE}"
    return None


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def describe_violations(url: str, width: int, violations: list[dict]) -> str:
    lines = [f"{url} at {width} px:"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


class Auditor:
    """Runs axe-core on a page the journey shows, in a context of its own.

    The journeys' contexts keep the site's Content-Security-Policy in force; only this one
    bypasses it, so that axe's script can be injected. It carries the journey's cookies, so
    it sees the page as the signed-in person does.
    """

    def __init__(self, browser, base_url: str, report_path: Path):
        self.browser = browser
        self.base_url = base_url
        self.report_path = report_path
        self.audited: list[dict] = []

    def check(self, page, viewports=None, prepare=None) -> None:
        """Zero serious or critical violations at each width, or an error naming them.

        `viewports`: the sizes to audit (default: WIDTHS at HEIGHT); `prepare(page)` puts the
        page in the state to audit (a drawer opened) after each load.
        """
        viewports = viewports or [{"width": width, "height": HEIGHT} for width in WIDTHS]
        context = self.browser.new_context(
            bypass_csp=True,
            storage_state=page.context.storage_state(),
            locale="fr-CA",
            base_url=self.base_url,
        )
        failures = []
        try:
            audit_page = context.new_page()
            for viewport in viewports:
                width = viewport["width"]
                audit_page.set_viewport_size(viewport)
                audit_page.goto(page.url)
                if prepare is not None:
                    prepare(audit_page)
                audit_page.add_script_tag(path=str(AXE))
                result = audit_page.evaluate(
                    """tags => axe.run(document, {
                        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]
                    })""",
                    AXE_TAGS,
                )
                blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
                self.record(page.url, width, result["violations"])
                if blocking:
                    failures.append(describe_violations(page.url, width, blocking))
        finally:
            context.close()
        assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(
            failures
        )

    def record(self, url: str, width: int, violations: list[dict]) -> None:
        """Every audit, kept as an artifact with the lesser violations too."""
        self.audited.append(
            {
                "url": url,
                "width": width,
                "violations": [
                    {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
                    for v in violations
                ],
            }
        )
        self.report_path.parent.mkdir(parents=True, exist_ok=True)
        self.report_path.write_text(json.dumps(self.audited, indent=2, ensure_ascii=False))


class Camera:
    """Saves a journey's key screens at both widths, checking that nothing overflows."""

    def __init__(self, folder: Path):
        self.folder = folder

    def snap(self, page, name: str) -> None:
        """The screen as it is now (a drawer open), at the page's own size."""
        self.folder.mkdir(parents=True, exist_ok=True)
        assert_no_horizontal_scroll(page, page.viewport_size["width"])
        page.screenshot(path=str(self.folder / f"{name}.png"))

    def capture(self, page, name: str, reflow: bool = True, show=None) -> None:
        """`show`: a locator to scroll to, for screens (Wagtail's admin) that scroll inside."""
        original = page.viewport_size
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                if reflow:
                    assert_no_horizontal_scroll(page, width)
                if show is not None:
                    show.scroll_into_view_if_needed()
                page.screenshot(
                    path=str(self.folder / f"{name}-{width}.png"), full_page=show is None
                )
        finally:
            page.set_viewport_size(original)


def assert_no_horizontal_scroll(page, width: int) -> None:
    """WCAG 1.4.10 (reflow): content fits the width, no sideways scrolling."""
    overflow = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll("body *")]
                .filter(el => el.getBoundingClientRect().right > width + 1
                              || el.scrollWidth > el.clientWidth + 1
                                 && getComputedStyle(el).overflowX === "visible")
                .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                     + (el.className && typeof el.className === "string"
                        ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
            return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
        }"""
    )
    assert overflow["scroll"] <= overflow["width"], (
        f"{page.url} scrolls sideways at {width} px: {overflow}"
    )
