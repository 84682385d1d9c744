"""The services and agents a mail offers: one term is found without making them all,
and it is the term the whole list holds."""

from iasolutions.core import services
from iasolutions.core.vocabularies import LazyVocabulary
from plone import api
import pytest
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm


def test_one_term_without_the_others():
    made = []

    def terms():
        made.append(True)
        return [SimpleTerm("a", "a", "A"), SimpleTerm("b", "b", "B")]

    vocabulary = LazyVocabulary(terms, lambda v: SimpleTerm(v, v, v.upper()) if v == "a" else None)
    assert vocabulary.getTerm("a").title == "A" and "a" in vocabulary
    assert "b" not in vocabulary and [] not in vocabulary
    with pytest.raises(LookupError):
        vocabulary.getTerm("z")
    assert not made
    assert [term.value for term in vocabulary] == ["a", "b"]  # the list, once asked
    assert "b" in vocabulary and vocabulary.getTerm("b").title == "B" and made == [True]


def same_terms(name, context, values):
    """Each value: the term found alone is the one of the whole list (or both none)."""
    factory = getUtility(IVocabularyFactory, name)
    listed = {term.value: term.title for term in factory(context)}
    for value in values:
        alone = factory(context)
        if value in listed:
            assert value in alone and alone.getTerm(value).title == listed[value]
        else:
            assert value not in alone
            with pytest.raises(LookupError):
                alone.getTerm(value)


def test_services_and_agents_found_alone_as_listed(mail_portal, people):
    mail = api.content.create(
        container=mail_portal["incoming-mail"],
        type="dmsincomingmail",
        title="Demande",
        mail_type="courrier",
        treating_groups=people.a,
        assigned_user="agent_a",
    )
    own = services.get_own_organization()
    api.content.transition(obj=own["enseignement"], transition="deactivate")
    uids = [record.UID for record in services.get_services()] + ["nope"]
    for name in ("iasolutions.mail.treating_groups", "iasolutions.mail.om_treating_groups"):
        same_terms(name, mail, uids)
        same_terms(name, mail_portal, uids)
    users = ["agent_a", "chef_a", "agent_b", "lecteur_a", "nobody"]
    same_terms("iasolutions.mail.assigned_users", mail, users)
    same_terms("iasolutions.mail.assigned_users", mail_portal, users)
