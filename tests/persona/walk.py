"""The persona walk: a user logs in over HTTP and follows every link the site shows.

Used by ``test_walk.py`` on the demo layer (``layer.py``); the helpers (``login``,
``links``, ``visible_text``, ``Leaks``) also serve the Chromium tests.

The walk is breadth-first, GET only, on the site only, and bounded (pages per
user, pages per kind of address, time). It skips the links that act (``SKIP``).
Each page is checked: no server error, no refusal behind a link shown to the
user, no dead link, and in the French pages no raw workflow id, English workflow
title or raw message id (``Leaks``).
"""

from collections import deque
from dataclasses import dataclass
from itertools import chain
import lxml.html
from plone import api
import re
import requests
import time
from urllib.parse import urldefrag
from urllib.parse import urljoin
from urllib.parse import urlsplit
from zope.component import getUtilitiesFor
from zope.i18n import translate
from zope.i18n.interfaces import ITranslationDomain


# Links that act rather than show: following them would change the site or leave it.
SKIP = re.compile(
    r"logout|delete|content_status_modify|workflow_action|transition|"
    r"document-generation|generate|export|_authenticator=|"
    r"mark[-_]?(as|read|unread)|mail-label|portal_factory|createObject|"
    r"(^|/)(@@)?manage|object_(cut|copy|paste|rename)|folder_(cut|copy|paste|rename|delete)|"
    r"(^|[/@_-])(un)?lock|undo|agenda-move|present-item|send-to-config|send-email|"
    r"delib-publish|publish_|unpublish|remove-inherited-advice|update-advice-delays|"
    r"-batch-|batch-|@@rename|(^|/)(@@)?(copy|cut|paste)(\?|$)",
    re.IGNORECASE,
)
UID_PREFIX = re.compile(r"^[0-9a-f]{32}_")  # services' groups: <service uid>_<function>
MAX_PAGES = 60  # per user
MAX_PER_KIND = 2  # pages of one kind of address (e.g. mails of a dashboard), per user
MAX_REDIRECTS = 5
HTML = "text/html"


@dataclass(frozen=True)
class Problem:
    user: str
    url: str
    linked_from: str
    what: str
    detail: str = ""


def personas(users):
    """The first user of each persona: same global roles, same functions (a service's
    group counts by its function only). Needs the site set (plone.api)."""
    chosen = {}
    for userid in users:
        user = api.user.get(userid=userid)
        key = (
            tuple(sorted(api.user.get_roles(user=user))),
            tuple(sorted({UID_PREFIX.sub("", group) for group in user.getGroups()})),
        )
        chosen.setdefault(key, userid)
    return list(chosen.values())


def login(session, site_url, userid, password):
    """Log in like a browser: fill the login form of the site and submit it.
    Returns the address the site sends the user to."""
    response = session.get(f"{site_url}/login")
    response.raise_for_status()
    document = lxml.html.fromstring(response.text, base_url=response.url)
    form = document.xpath('//form[.//input[@name="__ac_name"]]')[0]
    data = {
        field.get("name"): field.get("value") or ""
        for field in form.xpath(".//input")
        if field.get("name") and field.get("type") not in ("submit", "checkbox")
    }
    button = form.xpath('.//*[@name="buttons.login"]')
    if button:
        data["buttons.login"] = button[0].get("value") or "Se connecter"
    data.update({"__ac_name": userid, "__ac_password": password})
    response = session.post(
        urljoin(response.url, form.get("action")), data=data, allow_redirects=True
    )
    if "__ac" not in session.cookies:
        raise AssertionError(
            f"{userid} could not log in through the login form "
            f"({response.status_code} {response.url})"
        )
    return response.url


def parse(response):
    """The HTML document of a response; a page without a charset is UTF-8 to the
    browser (requests would decode it as Latin-1)."""
    charset = "charset" in response.headers.get("Content-Type", "") and response.encoding or "utf-8"
    html = response.content.decode(charset, errors="replace").strip() or "<html/>"
    if html.startswith("<?xml"):
        html = html.split("?>", 1)[-1]  # lxml refuses text declaring its encoding
    return lxml.html.fromstring(html, base_url=response.url)


def is_refusal(response):
    if response.status_code in (401, 403):
        return True
    location = response.headers.get("Location", "")
    return (
        response.is_redirect
        and re.search(
            r"insufficient[-_]privileges|require_login|/login|/acl_users/credentials_cookie_auth",
            location,
        )
        is not None
    )


def on_site(url, site_url):
    return url == site_url or url.startswith(site_url + "/") or url.startswith(site_url + "?")


def links(document, site_url, where="//body"):
    """The addresses of the links the page shows (``where``: in which part of it),
    on the site, that do not act."""
    found = []
    for anchor in document.xpath(f"{where}//a[@href]"):
        if anchor.get("data-bs-toggle") == "dropdown":
            continue  # opens a menu in place: its href is never followed
        url = urldefrag(urljoin(document.base_url, anchor.get("href").strip()))[0]
        if not url.startswith("http") or not on_site(url, site_url):
            continue
        if SKIP.search(url[len(site_url) :]):
            continue
        found.append(url)
    return found


def kind(url):
    """What an address is a kind of: its path with ids holding digits wildcarded,
    and whether it has a query (thirty mails of a dashboard, or twenty ways to sort
    a search, are one kind)."""
    parts = urlsplit(url)
    segments = tuple(
        "#" if re.search(r"\d", s) and not s.startswith(("@@", "++")) else s
        for s in parts.path.split("/")
    )
    return segments, bool(parts.query)


INVISIBLE = ("script", "style", "noscript", "template", "textarea", "head")
SPOKEN_ATTRIBUTES = ("aria-label", "alt", "placeholder")


def visible_text(document):
    """(text, spoken): the text a user reads on the page (text nodes, without scripts,
    form values and addresses), and the labels read aloud (aria-label, alt, placeholder)."""
    body = document.find("body")
    if body is None:
        return "", ""
    body = lxml.html.fromstring(lxml.html.tostring(body))  # a copy we can prune
    for element in body.xpath("|".join(f"//{tag}" for tag in INVISIBLE)):
        element.drop_tree()
    spoken = " ".join(
        value for attribute in SPOKEN_ATTRIBUTES for value in body.xpath(f"//@{attribute}")
    )
    return tuple(
        re.sub(r"\s+", " ", re.sub(r"\S+://\S+|\S*[@+]{2}\S+", " ", text))
        for text in (body.text_content(), spoken)
    )


def _looks_like_id(item_id, title):
    """camelCase, with an underscore or a digit, or its title's words run together
    ('itemcreated' for 'Item created'): an id, not an English word."""
    words = (title or "").lower().split()
    return (
        "_" in item_id
        or re.search(r"[a-z][A-Z]|\d", item_id) is not None
        or (len(words) > 1 and item_id.lower() == "".join(words))
    )


class Leaks:
    """What a French page must not show: raw workflow ids, English workflow titles
    (those with a French translation), and message ids shown untranslated."""

    MESSAGE_ID = re.compile(r"(?<![\w.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.-])")

    def __init__(self, portal):
        self.words = {}
        for workflow in portal.portal_workflow.objectValues():
            items = chain(workflow.states.objectValues(), workflow.transitions.objectValues())
            for item in items:
                titles = {item.title, getattr(item, "actbox_name", "")} - {"", None}
                if _looks_like_id(item.getId(), item.title):
                    self.words.setdefault(item.getId(), f"raw workflow id of {workflow.getId()}")
                for title in titles:
                    if translate(title, domain="plone", target_language="fr") != title:
                        self.words.setdefault(title, f"English title from {workflow.getId()}")
        longest_first = sorted(self.words, key=len, reverse=True)
        alternatives = "|".join(re.escape(word) for word in longest_first)
        self.pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")
        self.domains = [name for name, _domain in getUtilitiesFor(ITranslationDomain)]
        self.message_ids = {}

    def is_message_id(self, token):
        if token not in self.message_ids:
            self.message_ids[token] = any(
                translate(token, domain=domain, target_language="fr") != token
                for domain in self.domains
            )
        return self.message_ids[token]

    def find(self, document):
        """[(word, why, context)] for each leak in the page (each word once): workflow
        words in its text, message ids in its text and in its labels read aloud."""
        text, spoken = visible_text(document)
        found = {}
        for match in self.pattern.finditer(text):
            found.setdefault(match.group(1), (self.words[match.group(1)], match))
        for match in self.MESSAGE_ID.finditer(text + " | " + spoken):
            if match.group(0) not in found and self.is_message_id(match.group(0)):
                found[match.group(0)] = ("untranslated message id", match)
        return [
            (word, why, match.string[max(match.start() - 40, 0) : match.end() + 40].strip())
            for word, (why, match) in found.items()
        ]


class Walk:
    """One user's walk from the site's home page (see the module's docstring)."""

    def __init__(
        self,
        site_url,
        user,
        leaks,
        session=None,
        max_pages=MAX_PAGES,
        max_per_kind=MAX_PER_KIND,
        seconds=30.0,
        start=None,
    ):
        self.site_url = site_url
        self.user = user
        self.leaks = leaks
        self.session = session or requests.Session()
        self.max_pages = max_pages
        self.max_per_kind = max_per_kind
        self.deadline = time.monotonic() + seconds
        self.problems = []
        self.visited = []
        self.start = [site_url] + ([start] if start and start != site_url else [])

    def problem(self, url, linked_from, what, detail=""):
        self.problems.append(Problem(self.user, url, linked_from, what, detail))

    def run(self):
        # Every other page comes from the links of the start pages (the user's menus),
        # the others in turn from the lists of links of the pages seen: a bounded walk
        # then sees the menus' pages and what they lead to (a dashboard's items).
        menus, lists = deque((url, "(start)") for url in self.start), deque()
        seen, kinds = set(self.start), {}
        while (
            (menus or lists)
            and len(self.visited) < self.max_pages
            and time.monotonic() < self.deadline
        ):
            if menus and (not lists or len(self.visited) % 2 == 0):
                url, linked_from = menus.popleft()
            else:
                shown = lists.popleft()
                url, linked_from = shown.popleft()
                if shown:
                    lists.append(shown)
            self.visited.append(url)
            new = deque()
            for link in self.visit(url, linked_from):
                link_kind = kind(link)
                if link in seen or kinds.get(link_kind, 0) >= self.max_per_kind:
                    continue
                seen.add(link)
                kinds[link_kind] = kinds.get(link_kind, 0) + 1
                new.append((link, url))
            if linked_from == "(start)":
                menus.extend(new)
            elif new:
                lists.append(new)
        return self

    def get(self, url, linked_from):
        """GET, following the site's redirects; None (and a problem) when refused or broken."""
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                response = self.session.get(url, allow_redirects=False, timeout=60)
            except requests.RequestException as error:
                self.problem(url, linked_from, f"no answer: {error}")
                return None
            if response.status_code >= 500:
                self.problem(url, linked_from, f"server error {response.status_code}")
                return None
            if is_refusal(response):
                location = response.headers.get("Location", "")
                self.problem(
                    url,
                    linked_from,
                    f"refused: {response.status_code} "
                    + urlsplit(location).path.rsplit("/", 1)[-1],
                    location,
                )
                return None
            if not response.is_redirect:
                break
            url = urljoin(url, response.headers["Location"])
            if not on_site(url, self.site_url):
                return None
        else:
            self.problem(url, linked_from, "too many redirects")
            return None
        if response.status_code >= 400:
            self.problem(url, linked_from, f"broken link: {response.status_code}")
            return None
        return response

    def visit(self, url, linked_from):
        """Check the page; return the links it shows (a dashboard's results included)."""
        document = self.check(url, linked_from)
        if document is None:
            return []
        shown = links(document, self.site_url)
        for form in document.xpath('//*[@id="faceted-form"][@data-baseurl]'):
            # a dashboard loads its results from @@faceted_query, as the browser does
            query_url = form.get("data-baseurl").rstrip("/") + "/@@faceted_query"
            results = self.check(query_url, document.base_url)
            if results is not None:
                shown += links(results, self.site_url)
        return shown

    def check(self, url, linked_from):
        """The page as a parsed document when it is HTML; problems recorded."""
        response = self.get(url, linked_from)
        if response is None or HTML not in response.headers.get("Content-Type", ""):
            return None
        document = parse(response)
        found = {}
        for word, why, context in self.leaks.find(document):
            found.setdefault(why, []).append((word, context))
        for why, words in found.items():
            self.problem(
                response.url,
                linked_from,
                f"{why}: {', '.join(repr(word) for word, _context in words)}",
                f"“{words[0][1]}”",
            )
        return document


def report(problems, walked):
    """The problems grouped per user, each problem with a few of the pages showing it."""
    lines = [
        f"Persona walk: {len(problems)} problem(s). Pages walked: "
        + ", ".join(f"{user} {pages}" for user, pages in walked.items())
    ]
    by_user = {}
    for problem in problems:
        by_user.setdefault(problem.user, {}).setdefault(problem.what, []).append(problem)
    for user, _pages in walked.items():
        if user not in by_user:
            continue
        lines.append(f"\n== {user} ==")
        for what, found in by_user[user].items():
            lines.append(f"- {what}")
            for problem in found[:3]:
                lines.append(
                    f"    {problem.url}  (linked from {problem.linked_from})"
                    + (f"  {problem.detail}" if problem.detail else "")
                )
            if len(found) > 3:
                lines.append(f"    … and {len(found) - 3} more page(s)")
    return "\n".join(lines)


def fetch(session, url):
    """The HTML page at ``url`` as a parsed document, or None (refused, broken, not HTML)."""
    response = session.get(url, timeout=60)
    if response.status_code != 200 or HTML not in response.headers.get("Content-Type", ""):
        return None
    if is_refusal(response) or any(is_refusal(hop) for hop in response.history):
        return None
    return parse(response)


def signature(document):
    """What makes a page a kind of page for its templates: the view, the content type,
    the section and the user's roles, from the classes Plone gives its body."""
    body = document.find("body")
    classes = (body.get("class") or "").split() if body is not None else []
    prefixes = ("template-", "portaltype-", "section-", "userrole-")
    return tuple(sorted(name for name in classes if name.startswith(prefixes)))


def daily_pages(session, site_url, landing, dashboards=2, max_fetch=15):
    """[(url, document)] of a user's daily pages as the site shows them: their home
    (where the login sends them), the first dashboards of their menus that list
    something (one a section of the site), the first item each lists, and an add form
    offered on these pages. Reads at most ``max_fetch`` candidate pages."""
    home = fetch(session, landing)
    if home is None:
        return []
    pages, seen, sections = [(landing, home)], {landing}, set()
    candidates = links(home, site_url, '//*[@id="content"]') + links(home, site_url)
    for url in candidates:
        section = url[len(site_url) :].strip("/").split("/")[0]
        if len(sections) >= dashboards or max_fetch <= 0:
            break
        if url in seen or section in sections:
            continue
        seen.add(url)
        max_fetch -= 1
        document = fetch(session, url)
        if document is None:
            continue
        forms = document.xpath('//*[@id="faceted-form"][@data-baseurl]')
        if not forms:
            continue
        results = fetch(session, forms[0].get("data-baseurl").rstrip("/") + "/@@faceted_query")
        items = [
            link
            for link in (links(results, site_url) if results is not None else [])
            if "@@" not in link and "?" not in link and link not in seen
        ]
        item = fetch(session, items[0]) if items else None
        if item is None:
            continue  # a dashboard listing nothing for this user
        sections.add(section)
        pages += [(url, document), (items[0], item)]
    add_forms = [
        link
        for _url, document in pages[1:] + pages[:1]
        for link in links(document, site_url)
        if "++add++" in link
    ]
    form = fetch(session, add_forms[0]) if add_forms else None
    return pages + ([(add_forms[0], form)] if form is not None else [])
