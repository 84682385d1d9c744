"""Advices inherited by an item sent from the College to the Council."""

from AccessControl import Unauthorized
from datetime import date
from iasolutions.delib import advices
from iasolutions.delib.advice_inheritance import InheritanceError
from iasolutions.delib.advice_inheritance import remove_inheritance
from iasolutions.delib.cloning import sent_to
from iasolutions.delib.transitions import TransitionRefused
from plone import api
import pytest
from tests.delib.helpers import can
from tests.delib.helpers import html
from tests.delib.helpers import make_item
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.helpers import as_user
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


COUNCIL = "meeting-config-council"


def add_advice(item, userid, service_uid, advice_type="positive", **fields):
    with as_user(userid):
        return api.content.create(
            container=item,
            type="meetingadvice",
            id=f"avis-{userid}",
            advice_group=service_uid,
            advice_type=advice_type,
            **fields,
        )


def sent_item(college, services):
    """A College item of Travaux (category finances: the Finances' advice is automatic) with
    the Finances' positive advice given and the DG's advice hidden while being written,
    accepted and so sent to the Council; returns (college item, council item)."""
    fin, dg = services["finances"], services["direction-generale"]
    meeting = make_meeting(college)
    item = make_item(
        college,
        "creator_trav",
        services["travaux"],
        title="Taxe sur les mâts",
        category="finances",
        optionalAdvisers=[dg],
        decision=html("<p>Décide.</p>"),
        otherMeetingConfigsClonableTo=[COUNCIL],
    )
    transition(item, "creator_trav", "propose")
    advice = add_advice(item, "adviser_fin", fin, advice_comment=html("<p>Budget prévu.</p>"))
    transition(advice, "adviser_fin", "giveAdvice")
    add_advice(item, "adviser_dg", dg, "negative", advice_hide_during_redaction=True)
    transition(item, "reviewer_trav", "validate")
    transition(item, "manager", "present")
    transition(meeting, "manager", "freeze", "decide")
    transition(item, "manager", "accept")
    with api.env.adopt_roles(["Manager"]):
        copy = api.content.get(UID=sent_to(item, COUNCIL))
    return item, copy


def set_category(item, category):
    item.category = category
    notify(ObjectModifiedEvent(item))


def test_given_advice_inherited_hidden_one_not(college, services, users):
    item, copy = sent_item(college, services)
    fin = services["finances"]
    rows = advices.advice_summary(copy)
    assert [(r["service"], r["type"], r["state"], r["inherited"]) for r in rows] == [
        (fin, "positive", "advice_given", True)
    ]
    row = rows[0]
    assert row["inherited_from"]["UID"] == item.UID()
    assert row["inherited_from"]["@id"] == item.absolute_url()
    assert row["comment"] == "<p>Budget prévu.</p>"
    assert row["given_by"] == "adviser_fin" and row["given_on"].startswith(date.today().isoformat())
    assert not copy.objectIds(["meetingadvice"])  # read on the College item, not copied
    # The College item's delay is kept, not restarted.
    assert advices.limit_date(copy, fin) == advices.limit_date(item, fin)


def test_inherited_mandatory_advice_counts_as_given(college, council, services, users):
    _item, copy = sent_item(college, services)
    fin = services["finances"]
    make_meeting(council)
    # The Council asks the Finances' advice too on category finances: still inherited.
    set_category(copy, "finances")
    assert advices.inherited_from(copy, fin)
    transition(copy, "creator_trav", "propose")
    transition(copy, "reviewer_trav", "validate")
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog.unrestrictedSearchResults(UID=copy.UID(), indexAdvisers=f"{fin}__given")
    assert transition(copy, "manager", "present") == "presented"


def test_adviser_cannot_edit_inherited_advice(college, services, users):
    _item, copy = sent_item(college, services)
    fin = services["finances"]
    set_category(copy, "finances")
    transition(copy, "creator_trav", "propose")
    assert can("adviser_fin", "View", copy)  # the Council asks the Finances' advice
    assert not can("adviser_fin", "iasolutions.delib: Add advice", copy)
    with as_user("adviser_fin"):
        assert advices.addable_advice_groups(copy) == []
        with pytest.raises(Unauthorized):
            api.content.create(
                container=copy,
                type="meetingadvice",
                title="Avis",
                advice_group=fin,
                advice_type="negative",
            )
    # The DG's hidden advice is not inherited, and the Council does not ask the DG.
    assert not can("adviser_dg", "View", copy)


def test_meeting_manager_removes_inheritance(college, council, services, users):
    _item, copy = sent_item(college, services)
    fin = services["finances"]
    make_meeting(council)
    set_category(copy, "finances")
    transition(copy, "creator_trav", "propose")
    transition(copy, "reviewer_trav", "validate")
    for userid in ("creator_trav", "adviser_fin"):
        with as_user(userid), pytest.raises(Unauthorized):
            remove_inheritance(copy, fin)
    with as_user("manager"):
        remove_inheritance(copy, fin)
        with pytest.raises(InheritanceError) as error:
            remove_inheritance(copy, fin)
    assert error.value.message == "advice_not_inherited"
    info = advices.advice_index(copy)[fin]
    assert not info.get("inherited_from")
    assert info["delay"] == 20 and info["delay_started_on"] == date.today()  # asked anew
    assert advices.advice_summary(copy)[0]["state"] == "not_given"
    with pytest.raises(TransitionRefused) as refused:
        transition(copy, "manager", "present")
    assert refused.value.message == "mandatory_advices_missing"
    assert can("adviser_fin", "iasolutions.delib: Add advice", copy)
    advice = add_advice(copy, "adviser_fin", fin, "cautious")
    transition(advice, "adviser_fin", "giveAdvice")
    assert transition(copy, "manager", "present") == "presented"


@pytest.fixture
def site(delib_functional_portal, delib_functional):
    from tests.delib.helpers import create_delib_users

    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    return portal, services, delib_functional["app"]


def test_messages_in_french(delib_portal):
    from iasolutions.delib import _
    from zope.i18n import translate

    assert translate(_("Inherited advice"), target_language="fr") == "Avis hérité"
    assert (
        translate(_("advice_not_inherited"), target_language="fr") == "Cet avis n'est pas hérité."
    )


def test_screen_shows_inherited_advice_and_manager_removes_it(site):
    from tests.delib.test_browser import browser_for
    import transaction

    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    item, copy = sent_item(college, services)
    set_category(copy, "finances")
    transition(copy, "creator_trav", "propose")
    transaction.commit()
    creator = browser_for(app, "creator_trav")
    creator.open(copy.absolute_url())
    page = " ".join(creator.contents.split())
    assert "Inherited advice" in page and "Budget prévu." in page
    assert creator.getLink("Original item").url == item.absolute_url()
    assert "delib-remove-inherited-advice" not in page  # meeting managers only
    transition(copy, "reviewer_trav", "validate")  # meeting managers handle it from now on
    transaction.commit()
    manager = browser_for(app, "manager")
    manager.open(copy.absolute_url())
    manager.getControl("Remove inherited advice").click()
    page = " ".join(manager.contents.split())
    assert "the service is asked again" in page
    assert "Inherited advice" not in page
    adviser = browser_for(app, "adviser_fin")
    adviser.open(copy.absolute_url())
    assert "++add++meetingadvice" in adviser.contents


def test_rest_says_inherited(site):
    from tests.helpers import rest
    import transaction

    portal, services, _app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    item, copy = sent_item(college, services)
    set_category(copy, "finances")
    transition(copy, "creator_trav", "propose")
    transaction.commit()
    response = rest(portal, "creator_trav").get(copy.absolute_url())
    assert response.status_code == 200, response.text
    [row] = response.json()["advices"]
    assert row["service"] == services["finances"] and row["type"] == "positive"
    assert row["inherited"] is True and row["state"] == "advice_given"
    assert row["inherited_from"] == {
        "UID": item.UID(),
        "@id": item.absolute_url(),
        "title": "Taxe sur les mâts",
    }
    assert row["given_by"] == "adviser_fin"
    original = rest(portal, "creator_trav").get(item.absolute_url()).json()["advices"]
    assert {(a["service"], a["inherited"]) for a in original} == {
        (services["finances"], False),
        (services["direction-generale"], False),
    }


def test_rest_remove_inherited_advice(site):
    from tests.helpers import rest
    import transaction

    portal, services, _app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    fin = services["finances"]
    _item, copy = sent_item(college, services)
    set_category(copy, "finances")
    transition(copy, "creator_trav", "propose")
    transition(copy, "reviewer_trav", "validate")
    transaction.commit()
    url = copy.absolute_url() + "/@remove-inherited-advice"
    refused = rest(portal, "adviser_fin").post(url, json={"service": fin})
    assert refused.status_code in (401, 403)
    manager = rest(portal, "manager")
    assert manager.post(url, data="not json").status_code == 400
    assert manager.post(url, json={"service": ["x"]}).status_code == 400
    unknown = manager.post(url, json={"service": "nope"})
    assert unknown.status_code == 400
    assert unknown.json()["error"]["reason"] == "advice_not_inherited"
    done = manager.post(url, json={"service": fin})
    assert done.status_code == 200, done.text
    [row] = done.json()["advices"]
    assert row["inherited"] is False and row["state"] == "not_given"
