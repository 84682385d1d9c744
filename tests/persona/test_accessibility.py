"""Accessibility (WCAG 2.1 A and AA, owed by Walloon public bodies): axe-core in
Chromium on the public pages and on each persona's daily pages of the demo site.

The pages are found as the users meet them (see ``walk.daily_pages``): a new
module's dashboards, items and add forms are checked without touching this file.
A persona is a set of functions and roles: the demo's agents of three services
are one persona. A kind of page (view, content type, section, roles) is checked
once, for the first persona who has it. Every violation is reported at once.
"""

from iasolutions.policy.demo import DEMO_PASSWORD
from plone import api
import pytest
import re
import requests
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.ui import WebDriverWait
from tests.persona.walk import Walk
from tests.persona.walk import daily_pages
from tests.persona.walk import fetch
from tests.persona.walk import login
from tests.persona.walk import signature


PUBLIC_PAGES = 12  # the first pages an anonymous visitor reaches from the home page
UID_PREFIX = re.compile(r"^[0-9a-f]{32}_")  # services' groups: <service uid>_<function>


def personas(users):
    """The first user of each persona: same global roles, same functions (a service's
    group counts by its function only)."""
    chosen = {}
    for userid in users:
        user = api.user.get(userid=userid)
        key = (
            tuple(sorted(api.user.get_roles(user=user))),
            tuple(sorted({UID_PREFIX.sub("", group) for group in user.getGroups()})),
        )
        chosen.setdefault(key, userid)
    return list(chosen.values())


class NoLeaks:
    def find(self, document):
        return []


def public_pages(site_url):
    walk = Walk(
        site_url, "anonymous", NoLeaks(), max_pages=PUBLIC_PAGES, max_per_kind=1, seconds=120
    ).run()
    session = requests.Session()
    return [
        (url, document) for url in walk.visited if (document := fetch(session, url)) is not None
    ]


def settle(page):
    """Wait until a dashboard has shown its results (they come after the page)."""
    try:
        WebDriverWait(page.driver, 15).until(
            lambda driver: driver.execute_script(
                "const results = document.getElementById('faceted-results');"
                "return !document.getElementById('faceted-form')"
                " || (results && results.innerText.trim().length > 0);"
            )
        )
    except TimeoutException:
        pass  # an empty dashboard: checked as it is


def report(violations, checked):
    """Every violation, grouped by rule: the page, the persona, the element."""
    pages = ", ".join(f"{url} as {user}" for user, url in checked.values())
    lines = [
        f"{len(violations)} WCAG 2.1 A/AA violation(s) found by axe-core on "
        f"{len(checked)} pages ({pages})"
    ]
    by_rule = {}
    for violation in violations:
        rule = (violation["rule"], violation["impact"], violation["help"])
        by_rule.setdefault(rule, []).append(violation)
    for (rule, impact, help_text), found in by_rule.items():
        lines.append(f"\n{rule} ({impact}): {help_text} — {len(found)} element(s)")
        lines += [f"  {v['page']} as {v['user']}: {v['target']}  {v['html'][:100]}" for v in found]
    return "\n".join(lines)


@pytest.mark.accessibility
def test_public_and_daily_pages_have_no_wcag_violation(demo, demo_portal, browser):
    site_url = demo_portal.absolute_url()
    checked, violations = {}, []

    def check(page, user, pages):
        for url, document in pages:
            kind = signature(document)
            if kind in checked:
                continue
            checked[kind] = (user, url)
            page.open(url[len(site_url) + 1 :])
            settle(page)
            violations.extend(dict(violation, user=user) for violation in page.axe_violations())

    check(browser(demo_portal), "anonymous", public_pages(site_url))
    for user in personas(demo["demo_users"]):
        session = requests.Session()
        pages = daily_pages(session, site_url, login(session, site_url, user, DEMO_PASSWORD))
        check(browser(demo_portal).login(user, DEMO_PASSWORD), user, pages)
    assert len(checked) > PUBLIC_PAGES // 2, checked
    assert violations == [], report(violations, checked)
