"""Transition rules with reasons (iasolutions.core.guards) and the @workflow answer
built on them, on a tiny fake: a table registered in ZCML for a marker interface."""

from contextlib import contextmanager
from iasolutions.core import contacts
from iasolutions.core import guards
from iasolutions.core.guards import HIDDEN
from iasolutions.core.guards import Rules
from plone import api
import pytest
from tests.helpers import rest
import transaction
from zope.component import getGlobalSiteManager
from zope.configuration import xmlconfig
from zope.i18nmessageid import MessageFactory
from zope.interface import Interface
from zope.interface import alsoProvides
from zope.interface import implementer


_ = MessageFactory("iasolutions.core")
asked = []


class IFake(Interface):
    """What the fake table is registered for."""


@implementer(IFake)
class Fake:
    title = ""


def titled(obj, transition):
    asked.append(("titled", transition))
    return None if obj.title else _("A title first.")


def never(obj, transition):
    asked.append(("never", transition))
    return _("Never.")


def not_used(obj, transition):
    return HIDDEN


FAKE_RULES = Rules(
    {"publish": (titled, never), "retract": (not_used,)},
    every=(lambda obj, transition: None,),
)

ZCML = """
<configure xmlns="http://namespaces.zope.org/zope">
  <include package="zope.component" file="meta.zcml" />
  <adapter
      factory="tests.core.test_guards.FAKE_RULES"
      provides="iasolutions.core.guards.ITransitionRules"
      for="tests.core.test_guards.IFake"
      />
</configure>
"""


@contextmanager
def registered():
    """FAKE_RULES registered as a module registers its tables, removed afterwards."""
    xmlconfig.string(ZCML)
    try:
        yield
    finally:
        getGlobalSiteManager().unregisterAdapter(FAKE_RULES, (IFake,), guards.ITransitionRules)


@pytest.fixture
def fake():
    asked.clear()
    with registered():
        yield Fake()


def test_the_first_objection_is_the_reason(fake):
    assert str(guards.why_not(fake, "publish")) == "A title first."
    assert asked == [("titled", "publish")]  # the rules after the first objection are not asked
    fake.title = "Titled"
    assert str(guards.why_not(fake, "publish")) == "Never."
    assert guards.why_not(fake, "retract") is HIDDEN


def test_every_rule_comes_first():
    def closed(obj, transition):
        return _("Closed.")

    rules = Rules({"publish": (never,)}, every=(closed,))
    asked.clear()
    assert str(rules.why_not(Fake(), "publish")) == "Closed."
    assert str(rules.why_not(Fake(), "anything")) == "Closed."
    assert asked == []


def test_transitions_without_rules_are_allowed(fake):
    assert guards.why_not(fake, "submit") is None


def test_content_without_a_table_has_no_rules():
    assert guards.rules_of(object()) is None
    assert guards.why_not(object(), "publish") is None
    assert guards.rules_of(Fake()) is None  # not registered outside the fixture


def test_the_table_is_found_through_its_registration(fake):
    assert guards.rules_of(fake) is FAKE_RULES


# On a real workflow: the trunk's contacts (active ⇄ deactivated) ---------------------


def person(portal):
    return contacts.add_person(portal["contacts"], "Dupont", "Anne")


@contextmanager
def ruled(obj, rules):
    """``obj`` providing IFake, with ``rules`` registered for IFake."""
    alsoProvides(obj, IFake)
    gsm = getGlobalSiteManager()
    gsm.registerAdapter(rules, (IFake,), guards.ITransitionRules)
    try:
        yield obj
    finally:
        gsm.unregisterAdapter(rules, (IFake,), guards.ITransitionRules)


def test_exits_are_the_transitions_of_the_current_state(portal):
    anne = person(portal)
    assert guards.exits(anne) == ["deactivate"]
    api.content.transition(obj=anne, transition="deactivate")
    assert guards.exits(anne) == ["activate"]
    assert guards.exits(portal.acl_users) == []  # no workflow


@pytest.mark.parametrize(
    "rules, expected",
    [
        ({"deactivate": (never,), "activate": (never,)}, {"deactivate": "Never."}),
        ({"deactivate": (not_used,)}, {}),  # hidden: nobody needs to read it
        ({"activate": (never,)}, {}),  # not a transition of the current state
    ],
)
def test_refusals_of_the_current_state(portal, rules, expected):
    with ruled(person(portal), Rules(rules)) as anne:
        assert {tid: str(reason) for tid, reason in guards.refusals(anne).items()} == expected


def test_refused_transitions_as_the_screens_show_them(portal):
    with ruled(person(portal), Rules({"deactivate": (never,)})) as anne:
        [refused] = guards.refused_transitions(anne)
    assert refused["id"] == "deactivate"
    assert refused["reason"] == "Never."
    assert (
        refused["title"]
        == api.portal.get_tool("portal_workflow")["iasolutions_contact_workflow"]
        .transitions["deactivate"]
        .title
    )


def test_the_rest_answer_says_why_and_writes_nothing(functional_portal):
    rules = Rules({"deactivate": (never,), "activate": (never,)})
    with ruled(person(functional_portal), rules) as anne:
        session = rest(functional_portal, "admin")
        response = session.post(f"{anne.absolute_url()}/@workflow/deactivate", json={})
        assert response.status_code == 400, response.text
        assert response.json()["error"] == {
            "type": "WorkflowException",
            "message": "Never.",
            "reason": "Never.",
            "transition": "deactivate",
        }
        transaction.begin()
        assert api.content.get_state(anne) == "active"
        # not a transition of the current state: plone.restapi's answer, no reason
        response = session.post(f"{anne.absolute_url()}/@workflow/activate", json={})
        assert "reason" not in response.text
        response = session.post(f"{anne.absolute_url()}/@workflow/nonesuch", json={})
        assert response.status_code == 400, response.text
        assert "nonesuch" in response.json()["error"]["message"]
        assert "reason" not in response.json()["error"]
