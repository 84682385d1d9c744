"""The contact fields of the mail forms, as the users who fill them: what the
widget's script asks the server (its vocabulary URL, under its base path) finds
the contacts.

The widget's ``basePath`` was relative to the site (``/contacts``) while the
script strips the site's path from it: typing found nothing, and browsing the
reply form's *Expéditeur* and *Signataires* showed an empty folder.
"""

import html
from iasolutions.mail.demo import DEMO_PASSWORD
import json
from plone import api
from plone.app.testing import applyProfile
import pytest
import re
from tests.helpers import RestSession
import transaction


@pytest.fixture
def mail_demo(mail_functional_portal):
    applyProfile(mail_functional_portal, "iasolutions.mail:demo")
    transaction.commit()
    return mail_functional_portal


def widget_options(page, field):
    """The options of the related-items pattern of ``field`` in a form page."""
    for raw in re.findall(r'data-pat-relateditems="([^"]*)"', page):
        options = json.loads(html.unescape(raw))
        if options["vocabularyUrl"].endswith(f"field={field}"):
            return options
    raise AssertionError(f"no related items widget for {field}")


def ask(session, options, term="", browsing=False):
    """What the pattern (mockup's relateditems.js) asks when the user types
    ``term``, or browses its folder: titles of the answer."""
    current_path = options["basePath"][len(options["rootPath"]) :] or "/"
    criteria = []
    if term:
        criteria.append(
            {
                "i": "SearchableText",
                "o": "plone.app.querystring.operation.string.contains",
                "v": f"*{term}*",
            }
        )
    if not browsing:
        criteria.append(
            {
                "i": "portal_type",
                "o": "plone.app.querystring.operation.selection.any",
                "v": options["selectableTypes"],
            }
        )
    criteria.append(
        {
            "i": "path",
            "o": "plone.app.querystring.operation.string.path",
            "v": options["rootPath"] + current_path + ("::1" if browsing else ""),
        }
    )
    response = session.get(
        options["vocabularyUrl"],
        params={
            "query": json.dumps({"criteria": criteria}),
            "attributes": json.dumps(["UID", "Title", "portal_type", "path"]),
            "batch": json.dumps({"page": 1, "size": 10}),
        },
    )
    assert response.status_code == 200, response.text
    return [item["Title"] for item in response.json()["results"]]


def session(portal, userid):
    result = RestSession(portal, userid, DEMO_PASSWORD)
    result.headers["Accept"] = "text/html"
    return result


def test_sender_of_an_incoming_mail_found_by_typing(mail_demo):
    encoder = session(mail_demo, "encodeur")
    page = encoder.get("incoming-mail/++add++dmsincomingmail")
    assert page.status_code == 200
    options = widget_options(page.text, "sender")
    assert options["basePath"] == options["rootPath"] + "/contacts"
    found = ask(encoder, options, "dupont")
    assert "Jean Dupont" in found
    assert ask(encoder, options, "zzzz") == []


def test_reply_sender_and_signers_found_and_browsed(mail_demo):
    mail = api.content.find(portal_type="dmsincomingmail", review_state="closed")[0]
    agent = session(mail_demo, "agent_fin")
    page = agent.get(f"{mail.getURL()}/@@reply")
    assert page.status_code == 200
    for field in ("sender", "signers"):
        options = widget_options(page.text, field)
        assert options["basePath"] == options["rootPath"] + "/contacts"
        assert options["selectableTypes"] == ["held_position"]
        assert options["mode"] == "search"  # typing searches below the first level
        found = ask(agent, options, "lejeune")
        assert len(found) == 1 and found[0].startswith("Marie Lejeune, Directrice générale")
        assert len(ask(agent, options, browsing=True)) > 1  # the directory, not an empty folder
    recipients = widget_options(page.text, "recipients")
    assert "Jean Dupont" in ask(agent, recipients, "dupont")
