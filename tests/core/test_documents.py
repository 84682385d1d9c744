"""Documents from ODT templates: rendering, PDF, who may change templates, REST."""

import base64
from iasolutions.core import documents
from iasolutions.core.odt import Expr
from iasolutions.core.odt import OdtBuilder
from iasolutions.core.odt import odt_text
from plone import api
from plone.namedfile.file import NamedBlobFile
import pytest
import subprocess
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest


def agenda_template():
    template = OdtBuilder()
    template.title("Ordre du jour")
    template.heading("Séance : ", Expr("context.title"))
    template.paragraph("Le ", Expr("helper.display_date(context.created())"))
    template.paragraph("- ", Expr("line"), statement="do text for line in lines")
    template.paragraph("", statement="do text from xhtml(context.text.output)")
    return template.to_bytes()


def pdf_text(data, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


@pytest.fixture
def template(portal):
    return api.content.create(
        container=portal,
        type="pod_template",
        id="agenda",
        title="Ordre du jour",
        odt_file=NamedBlobFile(agenda_template(), filename="agenda.odt"),
        pod_portal_types=["Document"],
        output_formats=["odt", "pdf"],
    )


@pytest.fixture
def meeting_page(portal):
    from plone.app.textfield.value import RichTextValue

    return api.content.create(
        container=portal,
        type="Document",
        id="seance",
        title="Collège du 1er décembre",
        text=RichTextValue("<p>Décision <strong>prise</strong></p>", "text/html", "text/html"),
    )


def test_builder_and_renderer_without_plone():
    data = documents.render(
        agenda_template(),
        {
            "context": type(
                "C",
                (),
                {
                    "title": "Conseil",
                    "created": lambda self: None,
                    "text": type("T", (), {"output": "<p>Texte</p>"})(),
                },
            )(),
            "helper": documents.DocumentHelper(None, None),
            "lines": ["Point 1", "Point 2 & co"],
        },
    )
    text = odt_text(data)
    assert "Séance : Conseil" in text
    assert "- Point 2 & co" in text
    assert "Texte" in text


def test_generate_odt_and_pdf(portal, template, meeting_page, tmp_path):
    document = documents.generate(template, meeting_page, "odt", lines=["Approbation du PV"])
    assert document.filename.endswith(".odt")
    assert document.content_type == "application/vnd.oasis.opendocument.text"
    text = odt_text(document.data)
    assert "Séance : Collège du 1er décembre" in text
    assert "- Approbation du PV" in text
    assert "Décision prise" in text

    pdf = documents.generate(template, meeting_page, "pdf", lines=["Approbation du PV"])
    assert pdf.data.startswith(b"%PDF")
    assert "Collège du 1er décembre" in pdf_text(pdf.data, tmp_path)


def test_bad_requests(portal, template, meeting_page):
    with pytest.raises(documents.DocumentError, match="Unknown output format"):
        documents.generate(template, meeting_page, "docx")
    template.output_formats = ["odt"]
    with pytest.raises(documents.DocumentError, match="does not produce pdf"):
        documents.generate(template, meeting_page, "pdf")
    folder = api.content.create(container=portal, type="Folder", id="f", title="F")
    with pytest.raises(documents.DocumentError, match="does not apply to Folder"):
        documents.generate(template, folder, "odt")


def test_a_broken_template_gives_a_clear_error(portal, meeting_page):
    broken = OdtBuilder().paragraph(Expr("context.no_such_attribute")).to_bytes()
    template = api.content.create(
        container=portal,
        type="pod_template",
        id="broken",
        title="Cassé",
        pod_portal_types=["Document"],
        odt_file=NamedBlobFile(broken, filename="broken.odt"),
    )
    with pytest.raises(documents.DocumentError, match="could not be rendered"):
        documents.generate(template, meeting_page, "odt", lines=[])


def test_templates_for(portal, template, meeting_page):
    assert documents.templates_for(meeting_page) == [template]
    template.enabled = False
    assert documents.templates_for(meeting_page) == []


def test_only_administrators_change_templates(portal, template):
    create_user("agent")
    create_user("admin-local", roles=["Member", "Site Administrator"])
    with as_user("agent"):
        assert not api.user.has_permission("Modify portal content", obj=template)
        assert not api.user.has_permission("iasolutions.core: Add pod_template", obj=portal)
    with as_user("admin-local"):
        assert api.user.has_permission("Modify portal content", obj=template)
        assert api.user.has_permission("iasolutions.core: Add pod_template", obj=portal)


def test_viewlet_offers_the_documents(portal, template, meeting_page, http_request):
    from iasolutions.core.browser.documents import DocumentsViewlet

    viewlet = DocumentsViewlet(meeting_page, http_request, None)
    viewlet.update()
    links = list(viewlet.links())
    assert [link["format"] for link in links] == ["odt", "pdf"]
    assert links[0]["url"].endswith(f"template_uid={template.UID()}&output_format=odt")


# REST ---------------------------------------------------------------------


def test_rest_document_generation(functional_portal, tmp_path):
    portal = functional_portal
    builder = OdtBuilder().heading("Page : ", Expr("context.title"))
    api.content.create(
        container=portal,
        type="pod_template",
        id="page",
        title="Fiche",
        pod_portal_types=["Document"],
        odt_file=NamedBlobFile(builder.to_bytes(), filename="page.odt"),
    )
    api.content.create(container=portal, type="Document", id="page-doc", title="Ma page")
    create_user("agent")
    session = rest(portal, "agent")
    listed = session.get("page-doc/@document-generation").json()["items"]
    assert [item["title"] for item in listed] == ["Fiche"]
    response = session.get(listed[0]["urls"]["odt"])
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert "Page : Ma page" in odt_text(response.content)
    response = session.get(listed[0]["urls"]["pdf"])
    assert "Page : Ma page" in pdf_text(response.content, tmp_path)

    bad = session.get(
        "page-doc/@document-generation",
        params={"template_uid": listed[0]["UID"], "output_format": "xls"},
    )
    assert bad.status_code == 400
    assert "Unknown output format" in bad.json()["error"]["message"]
    assert (
        session.get("page-doc/@document-generation", params={"template_uid": "nope"}).status_code
        == 400
    )


def test_rest_refuses_a_template_that_is_not_odt(functional_portal):
    session = rest(functional_portal, "admin")
    response = session.post(
        "",
        json={
            "@type": "pod_template",
            "title": "Faux",
            "pod_portal_types": ["Document"],
            "odt_file": {
                "data": base64.b64encode(b"not an odt").decode(),
                "encoding": "base64",
                "filename": "faux.odt",
                "content-type": "application/vnd.oasis.opendocument.text",
            },
        },
    )
    assert response.status_code == 400
    assert "OpenDocument" in str(response.json()["message"])
