"""Letters of outgoing mail from the templates (scenario 10 of mail.md §8, its
letter part): one letter per postal recipient, editable ODT or PDF."""

from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.contacts import relation_to
from iasolutions.core.odt import odt_text
from iasolutions.mail import letters
from plone import api
import pytest
import subprocess
from tests.helpers import as_user
from tests.helpers import rest
from tests.mail.helpers import outgoing_mail


@pytest.fixture
def template(mail_portal):
    return mail_portal["templates"][letters.BASE_LETTER]


def contacts(portal):
    directory = portal["contacts"]
    anne = add_person(
        directory,
        "Martin",
        "Anne",
        person_title="Madame",
        street="Rue Haute",
        number="12",
        zip_code="7180",
        city="Seneffe",
    )
    asbl = api.content.create(
        container=directory,
        type="organization",
        title="ASBL Les Amis",
        street="Place communale",
        number="1",
        zip_code="7180",
        city="Seneffe",
    )
    own = directory["plonegroup-organization"]
    director = add_person(directory, "Lejeune", "Marie")
    signatory = add_held_position(director, own["direction-generale"], "Directrice générale")
    return anne, asbl, signatory


def test_one_letter_per_postal_recipient(people, mail_portal, template):
    anne, asbl, signatory = contacts(mail_portal)
    mail = outgoing_mail(
        people.a,
        anne,
        title="Invitation à la réunion de quartier",
        sender=relation_to(signatory),
        send_modes=["post"],
    )
    mail.recipients = [relation_to(anne), relation_to(asbl)]
    with as_user("redacteur_a"):
        made = letters.generate_letters(mail, template, "odt")
    assert [obj.portal_type for obj in made] == ["dmsommainfile", "dmsommainfile"]
    first, second = (odt_text(obj.file.data) for obj in made)
    assert "Madame Anne Martin" in first and "Rue Haute 12" in first and "7180 Seneffe" in first
    assert "ASBL Les Amis" in second and "Place communale 1" in second
    assert "ASBL Les Amis" not in first
    for text in (first, second):
        assert "Objet : Invitation à la réunion de quartier" in text
        assert mail.internal_reference_no in text
        assert "Directrice générale — Marie Lejeune" in text
        assert "Commune de Démo" in text
    assert made[0].title == "Lettre type - Madame Anne Martin"
    assert made[0].file.filename.endswith(".odt")


def test_an_email_gets_one_document(people, mail_portal, template):
    anne, asbl, signatory = contacts(mail_portal)
    mail = outgoing_mail(people.a, anne, send_modes=["email"])
    mail.recipients = [relation_to(anne), relation_to(asbl)]
    assert len(letters.generate_letters(mail, template, "odt")) == 1


def test_pdf(people, mail_portal, template, tmp_path):
    anne, asbl, signatory = contacts(mail_portal)
    mail = outgoing_mail(people.a, anne, sender=relation_to(signatory))
    (letter,) = letters.generate_letters(mail, template, "pdf")
    assert letter.file.contentType == "application/pdf"
    assert letter.file.data.startswith(b"%PDF")
    path = tmp_path / "lettre.pdf"
    path.write_bytes(letter.file.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Anne Martin" in text
    # the letter makes the mail ready to be signed
    assert "propose_to_be_signed" in [
        t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(mail)
    ]


def test_only_those_who_may_add_files(people, mail_portal, template):
    anne, asbl, signatory = contacts(mail_portal)
    mail = outgoing_mail(people.a, anne)
    with as_user("lecteur_a"), pytest.raises(letters.LetterError):
        letters.generate_letters(mail, template, "odt")


def test_letters_over_rest(mail_functional_portal, functional_people):
    anne, asbl, signatory = contacts(mail_functional_portal)
    mail = outgoing_mail(functional_people.a, anne)
    mail.recipients = [relation_to(anne), relation_to(asbl)]
    template = mail_functional_portal["templates"][letters.BASE_LETTER]
    session = rest(mail_functional_portal, "redacteur_a")
    response = session.post(
        mail.absolute_url() + "/@mail-letters",
        json={"template_uid": template.UID(), "output_format": "odt"},
    )
    assert response.status_code == 201, response.text
    assert len(response.json()["items"]) == 2
    response = session.post(mail.absolute_url() + "/@mail-letters", json={"template_uid": "nope"})
    assert response.status_code == 400
    response = session.post(mail.absolute_url() + "/@mail-letters", data="not json")
    assert response.status_code == 400 and "JSON object" in response.text, response.text
