"""The add menu of a configuration's folder opens the add forms (issue 8, point 2)."""

from iasolutions.delib.meetingconfigs import folder_of
from plone import api
import re
import requests
from tests.delib.helpers import create_delib_users
from tests.helpers import PASSWORD
import transaction


def _menu_links(url, user):
    page = requests.get(url, auth=(user, PASSWORD), timeout=60)
    assert page.status_code == 200
    return re.findall(r'href="([^"]*\+\+add\+\+[^"]*)"', page.text)


def test_add_menu_opens_the_item_and_meeting_forms(delib_functional_portal):
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    folder = folder_of(college)
    transaction.commit()
    url = folder.absolute_url()
    assert _menu_links(url, "creator_fin") == [f"{url}/++add++MeetingItemCollege"]
    assert set(_menu_links(url, "manager")) >= {f"{url}/++add++MeetingCollege"}
    for user, link in (("creator_fin", "MeetingItemCollege"), ("manager", "MeetingCollege")):
        form = requests.get(f"{url}/++add++{link}", auth=(user, PASSWORD), timeout=60)
        assert form.status_code == 200, (user, link)
        assert "Subobject type disallowed" not in form.text
        assert 'id="form-buttons-save"' in form.text
    # The item form is the configuration's: a field the College does not use is left out.
    item_form = requests.get(
        f"{url}/++add++MeetingItemCollege", auth=("creator_fin", PASSWORD), timeout=60
    ).text
    assert 'name="form.widgets.proposingGroup' in item_form


def test_add_from_template_creates_an_item_of_the_configuration(delib_functional_portal):
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    folder = folder_of(college)
    transaction.commit()
    session = requests.Session()
    session.auth = ("creator_fin", PASSWORD)
    # The folder's Actions menu leads to it.
    links = re.findall(
        r'href="([^"?]*@@add-item-from-template)[?"]',
        session.get(folder.absolute_url(), timeout=60).text,
    )
    assert links == [f"{folder.absolute_url()}/@@add-item-from-template"]
    page = session.get(links[0], timeout=60)
    assert page.status_code == 200
    template = re.search(r'name="template"\s+value="([^"]+)"', page.text).group(1)
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    done = session.post(
        f"{folder.absolute_url()}/@@add-item-from-template",
        data={"template": template, "_authenticator": token},
        timeout=60,
    )
    assert done.status_code == 200
    assert done.url.endswith("/edit")
    assert "Subobject type disallowed" not in done.text
    transaction.begin()
    item = api.content.get(path=done.url[len(portal.absolute_url()) : -len("/edit")])
    assert item.portal_type == "MeetingItemCollege"
