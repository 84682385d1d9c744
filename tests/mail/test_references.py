"""Reference numbers (scenario 1 of mail.md §8) and titles."""

from iasolutions.core import counters
from iasolutions.core.validators import InvalidValue
from iasolutions.mail import mails
from iasolutions.mail.content.incoming_mail import IIncomingMail
from iasolutions.mail.content.outgoing_mail import IOutgoingMail
from plone import api
import pytest


def test_next_references_and_titles(mail_portal):
    counters.set_next("incoming_mail", 10)
    first = mails.create(title="Demande de subside")
    second = mails.create(title="Plainte voisinage")
    assert first.internal_reference_no == "E0010"
    assert second.internal_reference_no == "E0011"
    assert first.Title() == "E0010 - Demande de subside"
    assert first.title == "Demande de subside"
    brain = api.content.find(UID=first.UID())[0]
    assert brain.Title == "E0010 - Demande de subside"
    assert api.content.find(internal_reference_no="E0011")[0].getObject() == second
    assert api.content.find(SearchableText="E0011")[0].getObject() == second


def test_outgoing_mails_have_their_own_counter(mail_portal):
    counters.set_next("outgoing_mail", 3)
    mail = mails.create("dmsoutgoingmail", title="Réponse")
    assert mail.internal_reference_no == "S0003"
    assert mail.Title() == "S0003 - Réponse"


def test_reference_entered_by_hand_is_kept(mail_portal):
    mail = mails.create(title="Ancien courrier", internal_reference_no="E9999")
    assert mail.internal_reference_no == "E9999"


def test_duplicate_reference_is_refused(mail_portal):
    first = mails.create(title="Premier")
    field = IIncomingMail["internal_reference_no"]
    other = mails.create(title="Second")
    with pytest.raises(InvalidValue, match="already used"):
        field.bind(other).validate(first.internal_reference_no)
    # in an add form the field is bound to the folder
    with pytest.raises(InvalidValue):
        field.bind(mail_portal["incoming-mail"]).validate(first.internal_reference_no)
    # a mail keeps its own reference
    field.bind(first).validate(first.internal_reference_no)
    # an outgoing mail may reuse an incoming reference format: counters differ
    IOutgoingMail["internal_reference_no"].bind(mail_portal["outgoing-mail"]).validate(
        first.internal_reference_no
    )


def test_a_copy_gets_a_new_reference(mail_portal):
    mail = mails.create(title="Original")
    copy = api.content.copy(source=mail, target=mail.aq_parent, safe_id=True)
    assert copy.internal_reference_no not in (None, mail.internal_reference_no)
