"""One live portal and one Chromium for all the browser journeys of a test session."""

import pytest

from tests.e2e import browser as chromium
from tests.e2e.content import write_manifest
from tests.e2e.live_portal import Command, LivePortal

# Accounts the journeys sign in with, made by the portal's own commands.
PASSWORD = "Passerelle-e2e-2025!"
ANALYST = "analyste"
ORGANISER = "organisatrice"
MEMBER = "agente"
REPORTS = pytest.StashKey[dict]()


def pytest_collection_modifyitems(config, items):
    """Skip the journeys, saying how to enable them, where the browser is not installed."""
    reason = chromium.missing_requirements()
    for item in items:
        if item.get_closest_marker("e2e") is not None and reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def live_portal(tmp_path_factory):
    portal = LivePortal(
        tmp_path_factory.mktemp("portal"), log_path=chromium.ARTIFACTS / "portal.log"
    )
    portal.start()
    try:
        prepare(portal, tmp_path_factory.mktemp("manifest"))
        yield portal
    finally:
        portal.stop()


def prepare(portal: LivePortal, manifest_dir) -> None:
    """Accounts and content, through the commands an administrator runs.

    Neither the analyst (SPVM) nor the organiser (École nationale de police) is an
    administrator: both publish as members of Wagtail's Moderators group; the organiser also
    reviews unmet searches (Rencontre organisers).
    """
    manifest = write_manifest(manifest_dir)
    portal.manage_all(
        [
            Command(("member", "add", ANALYST, "--organisation", "spvm", "--group", "Moderators",
                     "--password-stdin"), stdin=PASSWORD + "\n"),
            Command(("member", "add", ORGANISER, "--organisation", "enpq", "--group",
                     "Moderators", "--group", "Rencontre organisers", "--password-stdin"),
                    stdin=PASSWORD + "\n"),
            Command(("member", "add", MEMBER, "--organisation", "spvq", "--password-stdin"),
                    stdin=PASSWORD + "\n"),
            Command(("import_research", str(manifest), "--wait", "--timeout", "120")),
        ]
    )  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = chromium.launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def new_context(browser, live_portal):
    """A fresh browser profile (no cookies) with the portal as its base URL."""
    contexts = []

    def make(locale="fr-CA", width=1280, height=chromium.HEIGHT):
        context = browser.new_context(
            base_url=live_portal.url,
            locale=locale,
            viewport={"width": width, "height": height},
            accept_downloads=True,
        )
        # The machine is shared: generous waits, never a timing assertion.
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@pytest.fixture
def page(new_context, request):
    """The journey's page; when the test fails, what it showed last is kept as an artifact."""
    page = new_context().new_page()
    yield page
    report = request.node.stash.get(REPORTS, {}).get("call")
    if report is not None and report.failed and not page.is_closed():
        folder = chromium.ARTIFACTS / request.node.name
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "failure.png"), full_page=True)


@pytest.fixture
def axe(browser, live_portal, request):
    return chromium.Auditor(
        browser, live_portal.url, chromium.ARTIFACTS / "axe" / f"{request.node.name}.json"
    )


@pytest.fixture
def camera(request):
    return chromium.Camera(chromium.ARTIFACTS / request.node.name)
