"""A real browser for the key screens: Debian's Chromium driven by Selenium.

``make`` installs ``chromium`` and ``chromium-driver``. Use it with the
functional layer of the module::

    def test_agenda_screen(functional_portal, browser):
        page = browser(functional_portal)
        page.login("manager1")
        page.open("meetings/…")
        assert "Ordre du jour" in page.text()
        assert page.axe_violations() == []

``page.axe_violations()`` runs axe-core (installed from the npm registry by
``make install`` into node_modules/) on the page for WCAG 2.1 A and AA.
"""

from pathlib import Path
import pytest
from selenium import webdriver
from selenium.common.exceptions import ElementClickInterceptedException
from selenium.common.exceptions import StaleElementReferenceException
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
import shutil
from tests.helpers import PASSWORD
import time
import transaction


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")  # WCAG 2.1 A and AA
AXE_RUN = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(result => done(result.violations.flatMap(rule => rule.nodes.map(node => ({
      rule: rule.id, impact: node.impact || rule.impact, help: rule.help,
      target: node.target.join(' '), html: node.html.slice(0, 200)})))),
        error => done([{rule: 'axe-error', impact: 'critical', help: String(error),
                        target: '', html: ''}]));
"""
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1400,1000",
    "--lang=fr-BE",
)


@pytest.fixture(scope="session")
def chromium_driver():
    binary, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.fail(
            "Chromium is not installed: run make (it installs chromium and chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


class Page:
    """One user's browser on the test site."""

    def __init__(self, driver, portal):
        self.driver = driver
        self.base = portal.absolute_url()
        transaction.commit()  # what the test set up must be visible to the server
        self.open("")  # cookies belong to the site's host
        driver.delete_all_cookies()

    def open(self, path):
        self.driver.get(f"{self.base}/{path}".rstrip("/"))
        return self

    def login(self, userid, password=PASSWORD):
        self.open("login")
        self.driver.find_element(By.NAME, "__ac_name").send_keys(userid)
        self.driver.find_element(By.NAME, "__ac_password").send_keys(password)
        self.driver.find_element(By.NAME, "buttons.login").click()
        WebDriverWait(self.driver, 20).until(
            lambda driver: "login" not in driver.current_url.rsplit("/", 1)[-1]
        )
        return self

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait_for(self, css, timeout=20):
        return WebDriverWait(self.driver, timeout).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
        )

    def wait_for_text(self, text, timeout=20):
        # the body may be replaced while we read it (a page still loading)
        WebDriverWait(
            self.driver, timeout, ignored_exceptions=(StaleElementReferenceException,)
        ).until(lambda driver: text in self.text())
        return self

    def loads(self, action, timeout=20):
        """Run ``action`` (a click, a submit) and wait until it has replaced the page:
        waiting for an element that the old page also had would race with the load."""
        self.driver.execute_script("window.iasolutionsOldPage = true;")
        action()
        # a new document has no such variable; while it loads, scripts may fail to run
        WebDriverWait(self.driver, timeout, ignored_exceptions=(WebDriverException,)).until(
            lambda driver: driver.execute_script(
                "return window.iasolutionsOldPage === undefined"
                " && document.readyState === 'complete';"
            )
        )
        return self

    def press(self, css, timeout=20):
        """Click the element (a button, a link) as a user does, once nothing covers it
        (a page still settling moves its forms), and wait for the page it loads."""
        element = self.find(css)

        def click():
            deadline = time.monotonic() + timeout
            while True:
                self.driver.execute_script(
                    "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
                    element,
                )
                try:
                    return element.click()
                except ElementClickInterceptedException:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)

        return self.loads(click, timeout)

    def screenshot(self, path):
        self.driver.save_screenshot(str(path))

    def axe_violations(self):
        """The WCAG 2.1 A/AA violations axe-core finds on the page, one per rule and
        element: dicts with ``rule``, ``impact``, ``help``, ``target``, ``html``, ``page``."""
        if not AXE.exists():
            pytest.fail(f"axe-core is not installed ({AXE}): run make install")
        self.driver.set_script_timeout(120)
        if not self.driver.execute_script("return typeof window.axe === 'object';"):
            self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        violations = self.driver.execute_async_script(AXE_RUN, list(AXE_TAGS))
        return [dict(violation, page=self.driver.current_url) for violation in violations]


@pytest.fixture
def browser(chromium_driver):
    """``browser(portal)`` → a Page on that site, logged out."""
    return lambda portal: Page(chromium_driver, portal)
