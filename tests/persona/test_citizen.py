"""An anonymous visitor's daily path in Chromium: from the home page, as a citizen
would, to the published decisions of the demo's closed meeting; each decision
shows the mask where the agent marked a name, nothing internal (the marked names,
the agents, links to the internal item), and speaks French (no raw workflow id
or English workflow title)."""

from lxml import html
from plone import api
from plone.app.textfield.value import RichTextValue
import pytest
import re
from tests.persona.walk import Leaks


MASK = "TEXTE MASQUÉ | RGPD"  # what the public reads instead of a marked name
MARK = "pm-anonymize"  # the class the editor's style "Texte à masquer (RGPD)" writes


def marked_content(portal):
    """[(url, authors, marked texts)] of the site's internal content with text marked
    for pseudonymisation (the public copies hold the mask instead)."""
    found = []
    site_path = "/".join(portal.getPhysicalPath())
    for brain in portal.portal_catalog.unrestrictedSearchResults(path=site_path):
        obj = brain._unrestrictedGetObject()
        obj._p_activate()  # its fields are in its __dict__ once loaded
        texts = []
        for value in list(obj.__dict__.values()):
            if isinstance(value, RichTextValue) and MARK in (value.raw or ""):
                marks = html.fromstring(value.raw).xpath(f'//*[contains(@class, "{MARK}")]')
                texts += [mark.text_content().strip() for mark in marks]
        texts = [text for text in texts if text and text != MASK]
        if texts:
            authors = set(getattr(obj, "creators", ())) | {obj.getOwner().getId()}
            found.append((brain.getURL(), authors, texts))
    return found


def click_link(page, pattern, where="#content"):
    """Click the first link of that part of the page whose text matches, as a visitor
    reading the page would; fail saying what the visitor could not find."""
    for link in page.find_all(f"{where} a[href]"):
        if link.is_displayed() and re.search(pattern, link.text, re.IGNORECASE):
            page.loads(link.click)
            return page
    shown = [link.text for link in page.find_all(f"{where} a[href]") if link.text.strip()]
    pytest.fail(f"No link matching {pattern!r} on {page.driver.current_url}: {shown}")


@pytest.mark.persona
def test_a_visitor_reads_the_published_decisions(demo_portal, browser):
    marked = marked_content(demo_portal)
    assert marked, "the demo has no text marked for pseudonymisation"
    internal_urls = [url for url, _creators, _texts in marked]
    secrets = {text for _url, _creators, texts in marked for text in texts}
    for userid in {creator for _url, creators, _texts in marked for creator in creators}:
        user = api.user.get(userid=userid)
        if user is not None:  # the agent's name, without the function in brackets
            secrets.add(user.getProperty("fullname").split(" (")[0])

    page = browser(demo_portal).open("")
    click_link(page, r"délibérations publiées|décisions|publications", where="body")
    click_link(page, r"séance")
    meeting_url = page.driver.current_url
    hrefs = [link.get_attribute("href") for link in page.find_all("#content a[href]")]
    decisions = [
        href
        for href in hrefs
        if href.startswith(meeting_url + "/")
        and re.fullmatch(r"[^/@?#]+", href[len(meeting_url) + 1 :])
    ]
    assert decisions, f"the published meeting lists no decision: {page.text()}"

    texts, words = {meeting_url: page.text()}, Leaks(demo_portal)
    english = {meeting_url: words.find(html.fromstring(page.driver.page_source))}
    for url in dict.fromkeys(decisions):
        page.driver.get(url)
        page.wait_for("#content")
        texts[url] = page.text()
        english[url] = words.find(html.fromstring(page.driver.page_source))
        hrefs = [link.get_attribute("href") or "" for link in page.find_all("a[href]")]
        assert not [href for href in hrefs if any(href.startswith(u) for u in internal_urls)], (
            f"{url} links to the internal item"
        )
    assert any(MASK in text for text in texts.values()), "no decision shows the mask"
    leaks = [
        (url, secret)
        for url, text in texts.items()
        for secret in secrets
        if secret and secret in text
    ]
    assert leaks == [], f"the public pages show marked names or agents: {leaks}"
    assert page.find_all("#edit-bar, #edit-zone") == [], "a visitor gets an editing toolbar"
    shown = [
        f"{url}: {word!r} ({why}) in “{context}”"
        for url, found in english.items()
        for word, why, context in found
    ]
    assert shown == [], "raw ids or English on the public pages:\n" + "\n".join(shown)
    assert "Se connecter" in page.text()  # still anonymous: nothing was shown by a login
