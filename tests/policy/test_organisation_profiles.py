"""Organisation profiles: what each sets up, layering, and re-applying safely."""

from iasolutions.core import counters
from iasolutions.core import services
from iasolutions.core.organisation import organisation_profile
from iasolutions.core.organisation import profile_chain
from iasolutions.policy import sites
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import applyProfile
from plone.app.testing import setRoles
import pytest


@pytest.fixture
def site(bare_portal):
    setRoles(bare_portal, TEST_USER_ID, ["Manager"])
    bare_portal.setTitle("Commune de Démo")
    return bare_portal


def snapshot(site):
    """Everything a profile sets up, to compare before and after re-applying."""
    return {
        "services": [(b.getPath(), b.Title, b.acronym) for b in services.get_services()],
        "groups": sorted(g.getId() for g in api.group.get_groups()),
        "counters": {
            name: (counters.get_definition(name).format, counters.get_definition(name).reset_yearly)
            for name in counters.counter_names()
        },
        "holidays": api.portal.get_registry_record("iasolutions.core.calendar.municipal_holidays"),
        "kind": api.portal.get_registry_record("iasolutions.core.organisation.kind"),
        "contacts": sorted(
            b.getPath() for b in api.content.find(path="/".join(site["contacts"].getPhysicalPath()))
        ),
    }


@pytest.mark.parametrize(
    "profile,kind,acronyms,counter_names",
    [
        (
            "commune",
            "commune",
            {"DG", "FIN", "TAX", "URB", "POP"},
            {"incoming_mail", "outgoing_mail", "meeting-config-college", "meeting-config-council"},
        ),
        (
            "cpas",
            "cpas",
            {"DG", "DF", "SOC", "ISP", "MR"},
            {"incoming_mail", "outgoing_mail", "meeting-config-bp", "meeting-config-cas"},
        ),
        (
            "zone-de-police",
            "zone-de-police",
            {"CDC", "PROX", "INT", "SLR"},
            {
                "incoming_mail",
                "outgoing_mail",
                "meeting-config-zcollege",
                "meeting-config-zcouncil",
            },
        ),
    ],
)
def test_organisation_profile_sets_up_the_organisation(
    site, profile, kind, acronyms, counter_names
):
    sites.apply_organisation_profile(site, profile)
    assert organisation_profile() == f"iasolutions.policy:{profile}"
    assert api.portal.get_registry_record("iasolutions.core.organisation.kind") == kind
    assert acronyms <= {b.acronym for b in services.get_services()}
    assert set(counters.counter_names()) == counter_names
    assert services.get_own_organization().organization_type == kind
    holidays = api.portal.get_registry_record("iasolutions.core.calendar.municipal_holidays")
    assert {"day": "11-15", "name": "Fête du Roi"} in holidays


def test_profile_installs_the_trunk_first(site):
    sites.apply_organisation_profile(site, "cpas")
    setup = api.portal.get_tool("portal_setup")
    policy = "iasolutions.policy:default"
    assert setup.getLastVersionForProfile(policy) == (setup.getVersionForProfile(policy),)


@pytest.mark.parametrize("profile", ["commune", "cpas", "zone-de-police", "seneffe"])
def test_applying_twice_changes_nothing(site, profile):
    sites.apply_organisation_profile(site, profile)
    first = snapshot(site)
    sites.apply_organisation_profile(site, profile)
    assert snapshot(site) == first


def test_applying_again_never_deletes_user_data(site):
    sites.apply_organisation_profile(site, "commune")
    own = services.get_own_organization()
    # The administrator renames a template service, adds one, deactivates one,
    # adds a holiday; agents add contacts.
    own["finances"].title = "Direction financière"
    own["finances"].reindexObject()
    jeunesse = services.add_service("Jeunesse", acronym="JEU")
    api.content.transition(obj=own["enseignement"], transition="deactivate")
    record = "iasolutions.core.calendar.municipal_holidays"
    api.portal.set_registry_record(
        record, api.portal.get_registry_record(record) + [{"day": "2026-06-29", "name": "Kermesse"}]
    )
    person = api.content.create(
        container=site["contacts"], type="person", id="dupont", lastname="Dupont"
    )
    counters.set_next("incoming_mail", 250)

    sites.apply_organisation_profile(site, "commune")

    assert own["finances"].title == "Direction financière"
    assert jeunesse.getId() in own
    assert api.content.get_state(own["enseignement"]) == "deactivated"
    assert {"day": "2026-06-29", "name": "Kermesse"} in api.portal.get_registry_record(record)
    assert "dupont" in site["contacts"] and person.lastname == "Dupont"
    assert counters.peek("incoming_mail") == 250


def test_named_municipality_extends_the_commune_profile(site):
    sites.apply_organisation_profile(site, "seneffe")
    assert organisation_profile() == "iasolutions.policy:seneffe"
    assert profile_chain("iasolutions.policy:seneffe")[-2:] == [
        "iasolutions.policy:commune",
        "iasolutions.policy:seneffe",
    ]
    acronyms = {b.acronym for b in services.get_services()}
    assert {"DG", "FIN", "URB"} <= acronyms  # from commune
    assert {"CAB", "MP"} <= acronyms  # Seneffe's own
    holidays = api.portal.get_registry_record("iasolutions.core.calendar.municipal_holidays")
    assert {"day": "11-15", "name": "Fête du Roi"} in holidays
    assert {"day": "06-29", "name": "Fête locale (Saints Pierre et Paul)"} in holidays
    assert api.portal.get_registry_record("iasolutions.core.organisation.kind") == "commune"


def test_organisation_profiles_are_offered_in_the_setup_tool(site):
    setup = api.portal.get_tool("portal_setup")
    ids = {info["id"] for info in setup.listProfileInfo()}
    for name in sites.ORGANISATION_PROFILES:
        assert f"iasolutions.policy:{name}" in ids


def test_unknown_profile_is_refused(site):
    with pytest.raises(sites.SetupError, match="Unknown organisation profile 'ville'"):
        sites.apply_organisation_profile(site, "ville")


def test_unknown_module_is_refused(site):
    with pytest.raises(sites.SetupError, match="Unknown module"):
        sites.check_modules(["compta"])


def test_bad_counter_format_in_a_profile_fails_clearly(site):
    applyProfile(site, "iasolutions.policy:default")
    from iasolutions.core.setuphandlers import import_counters

    class Context:
        def readDataFile(self, name):
            return (
                b'{"broken": {"format": "E%s%s"}}' if name == "iasolutions-counters.json" else None
            )

    with pytest.raises(counters.CounterError, match="Bad counter format"):
        import_counters(Context())
    assert "broken" not in counters.counter_names()


# Re-applying a profile never undoes an administrator's change (core.organisation
# remembers what profiles set): one test per kind of setting.

HOLIDAYS = "iasolutions.core.calendar.municipal_holidays"


@pytest.fixture
def admin(site):
    """The site administrator, who changes the settings from the control panels."""
    from tests.helpers import create_user

    create_user("siteadmin", roles=["Member", "Site Administrator"])
    return "siteadmin"


def test_reapplying_keeps_the_counters_an_administrator_changed(site, admin):
    from tests.helpers import as_user

    sites.apply_organisation_profile(site, "commune")
    with as_user(admin):
        counters.define("outgoing_mail", "OUT-%05d", title="Sortants", reset_yearly=True)
    sites.apply_organisation_profile(site, "commune")
    outgoing = counters.get_definition("outgoing_mail")
    assert (outgoing.format, outgoing.title, outgoing.reset_yearly) == (
        "OUT-%05d",
        "Sortants",
        True,
    )
    # what the administrator left alone still follows the profile
    assert counters.get_definition("incoming_mail").format == "E%04d"


def test_reapplying_never_puts_back_a_holiday_the_administrator_removed(site, admin):
    from tests.helpers import as_user

    sites.apply_organisation_profile(site, "commune")
    with as_user(admin):
        kept = [
            line
            for line in api.portal.get_registry_record(HOLIDAYS)
            if not line["day"].startswith("11-02")
        ]
        api.portal.set_registry_record(HOLIDAYS, kept + [{"day": "06-29", "name": "Kermesse"}])
    sites.apply_organisation_profile(site, "commune")
    holidays = api.portal.get_registry_record(HOLIDAYS)
    assert not [line for line in holidays if line["day"].startswith("11-02")]
    assert {"day": "06-29", "name": "Kermesse"} in holidays and {
        "day": "11-15",
        "name": "Fête du Roi",
    } in holidays
    # a profile applied afterwards adds its own
    sites.apply_organisation_profile(site, "seneffe")
    assert not [
        line for line in api.portal.get_registry_record(HOLIDAYS) if line["day"].startswith("11-02")
    ]


def test_reapplying_never_recreates_a_service_the_administrator_deleted(site, admin):
    from tests.helpers import as_user

    sites.apply_organisation_profile(site, "commune")
    own = services.get_own_organization()
    with as_user(admin):
        api.content.delete(obj=own["enseignement"])
    sites.apply_organisation_profile(site, "commune")
    assert "enseignement" not in own
    assert "finances" in own and "taxes" in own["finances"]


def test_reapplying_keeps_the_mail_settings_an_administrator_changed(site, admin):
    from iasolutions.mail import settings
    from tests.helpers import as_user

    applyProfile(site, "iasolutions.mail:default")
    sites.apply_organisation_profile(site, "commune")
    assert settings.get("due_date_extension") == 15
    with as_user(admin):
        settings.set("due_date_extension", 20)
        settings.set("imail_validation_levels", 2)
    sites.apply_organisation_profile(site, "commune")
    assert settings.get("due_date_extension") == 20
    # seneffe switches one level on; the administrator had chosen two: it stays
    sites.apply_organisation_profile(site, "seneffe")
    assert settings.get("imail_validation_levels") == 2
    assert settings.get("omail_validation") is True  # unchanged, follows seneffe
    assert settings.get("due_date_extension") == 20


def test_reapplying_keeps_the_meeting_configuration_an_administrator_changed(site, admin):
    from tests.helpers import as_user

    applyProfile(site, "iasolutions.delib:default")
    sites.apply_organisation_profile(site, "seneffe")
    college = site["meeting-configs"]["meeting-config-college"]
    assert college.itemWFValidationLevels == ["itemcreated", "proposed", "prevalidated"]
    with as_user(admin):
        college.itemWFValidationLevels = ["itemcreated", "proposed"]
        api.content.delete(obj=college["environnement"])
        api.content.delete(obj=college["pv"])  # a document template of the configuration
    sites.apply_organisation_profile(site, "seneffe")
    assert college.itemWFValidationLevels == ["itemcreated", "proposed"]
    assert "environnement" not in college and "finances" in college
    assert "pv" not in college and "oj" in college


def test_reapplying_keeps_the_dashboards_an_administrator_changed(site, admin):
    from iasolutions.delib.meetingconfigs import folder_of
    from tests.helpers import as_user

    applyProfile(site, "iasolutions.delib:default")
    sites.apply_organisation_profile(site, "commune")
    folder = folder_of(site["meeting-configs"]["meeting-config-college"])
    with as_user(admin):
        folder["mes-points"].title = "Mes dossiers"
        folder["mes-points"].columns = ["Title"]
        api.content.delete(obj=folder["points-en-copie"])
    sites.apply_organisation_profile(site, "commune")
    assert folder["mes-points"].title == "Mes dossiers"
    assert folder["mes-points"].columns == ["Title"]
    assert "points-en-copie" not in folder and "tous-les-points" in folder


def test_the_demo_never_puts_back_a_membership_the_administrator_removed(site, admin):
    from iasolutions.core.setuphandlers import CONTACTS_MANAGERS
    from tests.helpers import as_user

    sites.apply_organisation_profile(site, "commune")
    applyProfile(site, "iasolutions.policy:demo")
    assert "contacts" in [u.getId() for u in api.user.get_users(groupname=CONTACTS_MANAGERS)]
    with as_user(admin):
        api.group.remove_user(groupname=CONTACTS_MANAGERS, username="contacts")
        api.user.revoke_roles(username="siteadmin", roles=["Site Administrator"])
    applyProfile(site, "iasolutions.policy:demo")
    assert "contacts" not in [u.getId() for u in api.user.get_users(groupname=CONTACTS_MANAGERS)]
    assert "Site Administrator" not in api.user.get_roles(username="siteadmin")


def test_upgrade_1001_tells_the_administrators_changes_from_the_profiles(site, admin):
    from iasolutions.core import organisation
    from iasolutions.core.upgrades import v1001
    from zope.annotation.interfaces import IAnnotations

    sites.apply_organisation_profile(site, "commune")
    counters.define("outgoing_mail", "OUT-%05d", title="Courrier sortant")
    api.portal.set_registry_record(HOLIDAYS, api.portal.get_registry_record(HOLIDAYS)[1:])
    # a site made before 1001 does not know what its profile set
    del IAnnotations(site)[organisation.MEMORY_KEY]
    v1001.upgrade(api.portal.get_tool("portal_setup"))
    assert counters.get_definition("outgoing_mail").format == "OUT-%05d"
    sites.apply_organisation_profile(site, "commune")
    assert counters.get_definition("outgoing_mail").format == "OUT-%05d"
    assert not [
        line for line in api.portal.get_registry_record(HOLIDAYS) if line["day"].startswith("09-27")
    ]
