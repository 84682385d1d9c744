"""Publication of deliberations: only public items and publishable annexes, pseudonymised
text, and the original text never reaching an anonymous visitor (delib.md §7 12)."""

from iasolutions.delib.publication import MASK
from iasolutions.delib.publication import PublicationRefused
from iasolutions.delib.publication import pseudonymise
from iasolutions.delib.publication import publish
from plone import api
from plone.namedfile.file import NamedBlobFile
import pytest
import requests
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import html
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import as_user
from tests.helpers import is_refused
from tests.helpers import rest
import transaction


SECRET_NAME = "Jean-Michel Dubois-Secret"
SECRET_ADDRESS = "rue des Cachettes 13"


def test_pseudonymise():
    text = (
        f'<p>Attribuée à <span class="pm-anonymize">{SECRET_NAME}</span>, domicilié '
        f'<span class="other pm-anonymize"><strong>{SECRET_ADDRESS}</strong></span>.</p>'
    )
    result = pseudonymise(text)
    assert SECRET_NAME not in result and SECRET_ADDRESS not in result
    assert result.count(MASK) == 2
    assert "Attribuée à" in result
    assert pseudonymise("") == ""


@pytest.fixture
def published(delib_functional_portal):
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    meeting = make_meeting(college)
    decision = (
        f'<p>Octroie une prime à <span class="pm-anonymize">{SECRET_NAME}</span>, '
        f'<span class="pm-anonymize">{SECRET_ADDRESS}</span>.</p>'
    )
    public_item = validated_item(
        college,
        services,
        title=f"Prime à la rénovation — {SECRET_NAME}",
        publicTitle="Prime à la rénovation",
        decision=html(decision),
        motivation=html(
            f'<p>Vu la demande de <span class="pm-anonymize">{SECRET_NAME}</span>.</p>'
        ),
    )
    secret_item = validated_item(
        college, services, title="Dossier disciplinaire secret", privacy="secret"
    )
    with api.env.adopt_roles(["Manager"]):
        for title, publishable in (("Plan publiable", True), ("Note interne", False)):
            api.content.create(
                container=public_item,
                type="annex",
                title=title,
                publishable=publishable,
                file=NamedBlobFile(b"%PDF-1.4 " + title.encode(), filename=f"{title}.pdf"),
            )
    for item in (public_item, secret_item):
        transition(item, "manager", "present")
    transition(meeting, "manager", "freeze")
    transaction.commit()
    return portal, meeting, public_item, secret_item


def test_private_then_in_project_then_decision(published):
    portal, meeting, item, secret = published
    with as_user("creator_fin"), pytest.raises(PublicationRefused):
        publish(meeting, "in_project")
    with as_user("manager"):
        public = publish(meeting, "in_project")
        with pytest.raises(PublicationRefused):
            publish(meeting, "decision")  # not decided yet
    assert api.content.get_state(public) == "in_project"
    titles = sorted(obj.title for obj in public.objectValues())
    assert titles == [
        "Approbation du procès-verbal de la séance précédente",
        "Prime à la rénovation",
    ]  # the secret item is not published
    public_item = [obj for obj in public.objectValues() if obj.title.startswith("Prime")][0]
    assert [a.title for a in public_item.objectValues()] == ["Plan publiable"]
    assert SECRET_NAME not in public_item.decision.raw
    assert MASK in public_item.decision.raw
    with as_user("manager"):
        publish(meeting, "private")
    assert api.content.get_state(public) == "private"


def _all_public_responses(portal, public):
    anonymous = requests.Session()
    urls = [portal.absolute_url() + "/publications", public.absolute_url()]
    for obj in public.objectValues():
        urls.append(obj.absolute_url())
        urls.extend(annex.absolute_url() + "/@@download/file" for annex in obj.objectValues())
    responses = [anonymous.get(url) for url in urls]
    api_session = rest(portal)
    responses += [
        api_session.get(url) for url in urls[:2] + [o.absolute_url() for o in public.objectValues()]
    ]
    responses.append(
        api_session.get(f"{portal.absolute_url()}/@search?portal_type=PublicItem&fullobjects=1")
    )
    responses.append(
        api_session.get(f"{portal.absolute_url()}/@search?SearchableText=Prime&fullobjects=1")
    )
    return responses


def test_anonymous_never_receives_the_original_text(published):
    portal, meeting, item, secret = published
    transition(meeting, "manager", "decide")
    with as_user("manager"):
        public = publish(meeting, "decision")
    transaction.commit()
    responses = _all_public_responses(portal, public)
    assert all(r.status_code == 200 for r in responses), [(r.url, r.status_code) for r in responses]
    bodies = "".join(r.text for r in responses)
    assert SECRET_NAME not in bodies and SECRET_ADDRESS not in bodies
    assert MASK in bodies
    assert "Prime à la rénovation" in bodies
    assert "Dossier disciplinaire secret" not in bodies
    assert "Note interne" not in bodies
    # The internal item itself stays out of reach.
    anonymous = requests.Session()
    assert is_refused(anonymous.get(item.absolute_url(), allow_redirects=False))
    internal = rest(portal).get(item.absolute_url())
    assert internal.status_code == 401 and SECRET_NAME not in internal.text


def test_a_private_meeting_is_not_visible_anonymously(published):
    portal, meeting, item, secret = published
    with as_user("manager"):
        public = publish(meeting, "in_project")
        publish(meeting, "private")
    transaction.commit()
    anonymous = requests.Session()
    assert is_refused(anonymous.get(public.absolute_url(), allow_redirects=False))
    assert rest(portal).get(public.absolute_url()).status_code == 401
    listing = anonymous.get(portal.absolute_url() + "/publications")
    assert listing.status_code == 200 and "Prime" not in listing.text


def test_publication_over_rest(published):
    portal, meeting, item, secret = published
    refused = rest(portal, "creator_fin").post(
        meeting.absolute_url() + "/@publication", json={"stage": "in_project"}
    )
    assert refused.status_code in (400, 401, 403)
    done = rest(portal, "manager").post(
        meeting.absolute_url() + "/@publication", json={"stage": "in_project"}
    )
    assert done.status_code == 200, done.text
    assert done.json()["stage"] == "in_project"
    page = requests.get(done.json()["@id"])
    assert page.status_code == 200 and "Prime à la rénovation" in page.text


def test_agents_mark_text_with_a_tinymce_style(delib_functional_portal):
    import json

    formats = json.loads(api.portal.get_registry_record("plone.formats"))
    assert formats["pmanonymize"] == {"inline": "span", "classes": "pm-anonymize"}
    assert "Texte à masquer (RGPD)|pmanonymize|eye-slash" in api.portal.get_registry_record(
        "plone.inline_styles"
    )
    # The mark survives Plone's HTML filtering, so the item's own screen keeps it.
    from tests.delib.helpers import html as rich

    value = rich(f'<p>À <span class="pm-anonymize">{SECRET_NAME}</span>.</p>')
    assert 'class="pm-anonymize"' in value.output


def test_the_title_for_the_public_replaces_the_title_in_public_documents(published):
    from iasolutions.core import documents
    from iasolutions.core.odt import odt_text

    portal, meeting, item, secret = published
    college = portal["meeting-configs"]["meeting-config-college"]
    with as_user("manager"):
        public = odt_text(documents.generate(college["deliberation-publique"], item, "odt").data)
        internal = odt_text(documents.generate(college["deliberation"], item, "odt").data)
    assert "Prime à la rénovation" in public and SECRET_NAME not in public
    assert f"Prime à la rénovation — {SECRET_NAME}" in internal
