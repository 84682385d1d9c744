"""Installing the mail module: groups, folders, types, counters, settings."""

from iasolutions.core import counters
from iasolutions.core import services
from iasolutions.mail import folders
from iasolutions.mail import mails
from iasolutions.mail.module import GLOBAL_GROUPS
from iasolutions.mail.module import MODULE
from plone import api
import pytest


def test_module_is_declared_and_installed(mail_portal):
    from iasolutions.core.modules import installed_modules

    assert MODULE in installed_modules()
    ids = [f.id for f in MODULE.functions]
    assert ids == [
        "encodeur",
        "lecteur",
        "editeur",
        "n_plus_1",
        "n_plus_2",
        "n_plus_3",
        "n_plus_4",
        "n_plus_5",
    ]


def test_every_service_has_a_group_per_function(mail_portal):
    for brain in services.get_services():
        for function in MODULE.functions:
            assert api.group.get(groupname=f"{brain.UID}_{function.id}") is not None


def test_global_groups(mail_portal):
    for groupid, _title in GLOBAL_GROUPS:
        assert api.group.get(groupname=groupid) is not None


def test_site_folders(mail_portal):
    for folder_id, portal_type, _title, in_navigation in folders.SITE_FOLDERS:
        assert mail_portal[folder_id].portal_type == portal_type
        assert mail_portal[folder_id].exclude_from_nav is not in_navigation


def test_folders_in_the_top_navigation(mail_portal):
    displayed = api.portal.get_registry_record("plone.displayed_types")
    assert "incoming_mail_folder" in displayed
    week = mails.create(title="Courrier").aq_parent
    assert week.exclude_from_nav


def test_commune_counters(mail_portal):
    assert counters.get_definition("incoming_mail").format == "E%04d"
    assert counters.get_definition("outgoing_mail").format == "S%04d"


def test_mail_goes_to_the_period_folder(mail_portal):
    from datetime import datetime

    mail = mails.create(title="Courrier 1", when=datetime(2026, 3, 10))
    assert mail.aq_parent.getId() == "202610"
    assert mail.aq_parent.aq_parent.getId() == "incoming-mail"


def test_a_full_period_folder_gets_a_second_one(mail_portal):
    from datetime import datetime
    from iasolutions.mail import settings

    settings.set("period_folder_max_items", 10)
    when = datetime(2026, 5, 4)
    created = [mails.create(title=f"Courrier {i}", when=when) for i in range(12)]
    parents = [m.aq_parent.getId() for m in created]
    assert parents[:10] == ["202618"] * 10
    assert parents[10:] == ["202618-2"] * 2


@pytest.mark.parametrize("portal_type", ["dmsincomingmail", "dmsincoming_email", "dmsoutgoingmail"])
def test_types_have_their_workflow(mail_portal, portal_type):
    workflow = api.portal.get_tool("portal_workflow").getChainForPortalType(portal_type)
    assert workflow and workflow[0].startswith("iasolutions_")


def test_files_follow_their_mail(mail_portal):
    chain = api.portal.get_tool("portal_workflow").getChainForPortalType("dmsmainfile")
    assert tuple(chain) == ()
