"""The anonymous sweep: every vocabulary, search, navigation and listing endpoint,
read without login on the demo site, shows no person's name (users' full names,
contact persons, held positions) and no internal list (groups, services) that the
public pages do not show; the private vocabularies are the agents'."""

from html import unescape
from iasolutions.core.services import get_services
from plone import api
import re
import requests
from tests.rest.helpers import as_demo


ALL_TYPES = {"i": "portal_type", "o": "plone.app.querystring.operation.selection.any"}


def private_strings():
    """Names of people and of internal lists: users, contacts, groups, services."""
    names = {user.getProperty("fullname") for user in api.user.get_users()}
    for brain in api.content.find(portal_type=["person", "held_position"]):
        names.add(brain.Title)
    names.update(group.getProperty("title") for group in api.group.get_groups())
    names.update(
        f"{brain.Title} ({brain.acronym})" if brain.acronym else brain.Title
        for brain in get_services()
    )
    return {name for name in names if name and len(name) > 3}


def public_text(portal, limit=80):
    """The text of the public pages, as an anonymous visitor follows their links."""
    root = portal.absolute_url()
    seen, queue, texts = set(), [root], []
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = requests.get(url, allow_redirects=False)
        if response.status_code != 200 or "html" not in response.headers.get("Content-Type", ""):
            continue
        texts.append(unescape(re.sub(r"<[^>]+>", " ", response.text)))
        for link in re.findall(r'href="([^"#?]+)"', response.text):
            if link.startswith(root) and not re.search(
                r"/(@@|\+\+|login|logout|mail_password|register|sitemap|contact-info|"
                r"accessibility-info|search)|\.(css|js|png|svg|ico|pdf|odt)$",
                link,
            ):
                queue.append(link.rstrip("/"))
    return " ".join(" ".join(texts).split())


def anonymous_answers(portal):
    """(what, text) of every anonymous REST read of the sweep."""
    anonymous = as_demo(portal)
    yield "@vocabularies", anonymous.get("@vocabularies")
    for vocabulary in anonymous.get("@vocabularies").json():
        name = vocabulary["title"]
        yield name, anonymous.get(f"@vocabularies/{name}", params={"b_size": 5000})
    for params in (
        {"b_size": 500, "fullobjects": 1},
        {"b_size": 500, "metadata_fields": "_all"},
        {"SearchableText": "Finances"},
        {"portal_type": "person"},
    ):
        yield f"@search {params}", anonymous.get("@search", params=params)
    types = list(api.portal.get_tool("portal_types").objectIds())
    listing = anonymous.post(
        "@querystring-search",
        json={"query": [dict(ALL_TYPES, v=types)], "b_size": 500, "fullobjects": True},
    )
    yield "@querystring-search", listing
    urls = [portal.absolute_url()] + [
        item["@id"]
        for item in anonymous.get("@search", params={"b_size": 40}).json().get("items", [])
    ]
    for url in urls:
        for endpoint in ("@navigation", "@breadcrumbs", "@contextnavigation", ""):
            yield f"{url}/{endpoint}", anonymous.get(f"{url}/{endpoint}".rstrip("/"))
    for endpoint in (
        "@users",
        "@groups",
        "@principals?search=a",
        "@services",
        "@functions",
        "@config",
        "@counters",
        "@types",
        "@querystring",
    ):
        yield endpoint, anonymous.get(endpoint)


def test_nothing_private_reaches_an_anonymous_visitor(demo_portal):
    private = private_strings()
    assert {"Anne Finet (agente, Finances)", "Jean Dupont", "Finances (FIN)"} <= private
    public = public_text(demo_portal)
    assert "Délibérations publiées" in public or "publi" in public.lower()
    hidden = {name for name in private if name not in public}
    leaks = []
    answers = list(anonymous_answers(demo_portal))
    assert len(answers) > 120
    for what, response in answers:
        assert response.status_code < 500, (what, response.text[:300])
        if response.status_code != 200:
            assert response.status_code in (401, 404), (what, response.status_code)
            continue
        text = unescape(response.content.decode("utf-8", "replace"))
        text = response.text if "\\u" not in text else str(response.json())
        leaks.extend((what, name) for name in hidden if name in text)
    assert not leaks, leaks


PRIVATE_VOCABULARIES = [
    ("iasolutions.delib.held_positions", "dir-gen"),
    ("iasolutions.delib.service_groups", "dir-gen"),
    ("iasolutions.core.services", "agent-fin"),
    ("iasolutions.mail.assigned_users", "dirgen"),
    ("iasolutions.mail.treating_groups", "encodeur"),
    ("plone.app.vocabularies.Groups", "siteadmin"),
]


def test_private_vocabularies_are_the_agents(demo_portal):
    """Anonymous: 401; the users who fill these fields still get them."""
    for name, user in PRIVATE_VOCABULARIES:
        assert as_demo(demo_portal).get(f"@vocabularies/{name}").status_code == 401, name
        response = as_demo(demo_portal, user).get(f"@vocabularies/{name}", params={"b_size": 500})
        assert response.status_code == 200, (name, user, response.text[:200])
        assert response.json()["items"], (name, user)
    chef = as_demo(demo_portal, "chef_fin")
    mail = chef.get("@search", params={"portal_type": "dmsincomingmail"}).json()["items"][0]
    agents = chef.get(f"{mail['@id']}/@vocabularies/iasolutions.mail.assigned_users")
    assert agents.status_code == 200, agents.text[:200]
    assert agents.json()["items"]
