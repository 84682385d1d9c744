"""The commune demo site's deliberations: users of each function, items in several states,
a decided meeting."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from iasolutions.delib.demo import USERS
from iasolutions.delib.meetingconfigs import folder_of
from plone import api
from plone.app.testing import applyProfile
from tests.helpers import as_user


def test_demo_data(delib_portal, college):
    applyProfile(delib_portal, "iasolutions.delib:demo")
    applyProfile(delib_portal, "iasolutions.delib:demo")  # again: nothing twice
    for userid, _fullname, _memberships in USERS:
        assert api.user.get(userid=userid) is not None
    folder = folder_of(college)
    meeting = folder["demo-decided-meeting"]
    assert api.content.get_state(meeting) == "closed"
    # its decisions are published, for anyone, the public items only, names masked
    manager = getSecurityManager()
    noSecurityManager()  # anonymous
    try:
        public = [brain.getObject() for brain in api.content.find(portal_type="PublicItem")]
    finally:
        setSecurityManager(manager)
    assert sorted(item.title for item in public) == [
        "Achat de mobilier scolaire",
        "Approbation du procès-verbal de la séance précédente",
        "Désignation d'un auteur de projet",
        "Prime à la rénovation",
        "Subside à l'ASBL Les Amis du Parc",
    ]
    prime = [item for item in public if item.title.startswith("Prime")][0]
    assert "TEXTE MASQUÉ | RGPD" in prime.decision.raw and "Dupont" not in prime.decision.raw
    states = sorted(
        api.content.get_state(obj)
        for obj in folder.objectValues()
        if obj.portal_type == "MeetingItemCollege"
    )
    for wanted in ("itemcreated", "proposed", "validated", "accepted", "refused", "delayed"):
        assert wanted in states, states
    meetings = [obj for obj in folder.objectValues() if obj.portal_type == "MeetingCollege"]
    assert len(meetings) == 2
    with as_user("agent-fin"):
        mine = [
            b.Title for b in api.content.find(portal_type="MeetingItemCollege", Creator="agent-fin")
        ]
    assert "Modification budgétaire n°1" in mine
    with as_user("chef-trav"):
        assert [
            b.Title
            for b in api.content.find(portal_type="MeetingItemCollege", review_state="proposed")
        ] == ["Réfection de la rue de l'Église"]
