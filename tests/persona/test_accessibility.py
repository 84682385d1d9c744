"""Accessibility (WCAG 2.1 A and AA, owed by Walloon public bodies): axe-core in
Chromium on the public pages and on each persona's daily pages of the demo site.

The pages are found as the users meet them (see ``walk.daily_pages``): a new
module's dashboards, items and add forms are checked without touching this file.
A persona is a set of functions and roles: the demo's agents of three services
are one persona. A kind of page (view, content type, section, roles) is checked
once, for the first persona who has it, on the demo of every organisation profile;
a kind already checked on a profile before (the same templates, other data) is not
checked again. Every violation is reported at once.
"""

from iasolutions.delib.meetingconfigs import get_configs
from iasolutions.policy.demo import DEMO_PASSWORD
import pytest
import requests
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.ui import WebDriverWait
from tests.persona.walk import Walk
from tests.persona.walk import daily_pages
from tests.persona.walk import fetch
from tests.persona.walk import login
from tests.persona.walk import personas
from tests.persona.walk import signature


PUBLIC_PAGES = 12  # the first pages an anonymous visitor reaches from the home page
# The kinds of page (generic, see ``generic_kind``) checked on the demo of a profile
# tested before: the other profiles' demos check only the kinds they add.
CHECKED_IN_OTHER_PROFILES = set()


def generic_kind(kind):
    """A kind of page without what names a profile's meeting configurations
    (``section-meeting-config-bp`` → ``section-meeting-config``)."""
    names = []
    for cfg in get_configs():
        names += [
            (cfg.getItemTypeName().lower(), "meetingitem"),
            (cfg.getMeetingTypeName().lower(), "meeting"),
            (cfg.getId(), "meeting-config"),
        ]
    generic = []
    for css_class in kind:
        for name, replacement in names:
            css_class = css_class.replace(name, replacement)
        generic.append(css_class)
    return tuple(sorted(set(generic)))


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
def test_public_and_daily_pages_have_no_wcag_violation(demo_profile, browser):
    """On the demo of each profile; a kind of page checked on a profile before is not
    checked again (the templates are the same: only the data differ)."""
    profile, site, info = demo_profile
    site_url = site.absolute_url()
    checked, seen, violations = {}, set(), []

    def check(page, user, pages):
        for url, document in pages:
            kind = signature(document)
            seen.add(generic_kind(kind))
            if kind in checked or generic_kind(kind) in CHECKED_IN_OTHER_PROFILES:
                continue
            checked[kind] = (user, url)
            page.open(url[len(site_url) + 1 :])
            settle(page)
            violations.extend(dict(violation, user=user) for violation in page.axe_violations())

    check(browser(site), "anonymous", public_pages(site_url))
    for user in personas(info["users"]):
        session = requests.Session()
        pages = daily_pages(session, site_url, login(session, site_url, user, DEMO_PASSWORD))
        check(browser(site).login(user, DEMO_PASSWORD), user, pages)
    CHECKED_IN_OTHER_PROFILES.update(seen)
    assert len(seen) > PUBLIC_PAGES // 2, (profile, checked)
    assert violations == [], f"{profile}: " + report(violations, checked)
