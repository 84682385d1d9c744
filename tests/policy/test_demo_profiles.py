"""``create-site <profile> --all-modules --demo`` for every organisation profile (the demo
layer builds the four sites): each demo follows its profile's workflows and services,
and a demo step that fails is reported in one line and leaves nothing behind."""

from iasolutions.core.demo import demo_services
from iasolutions.delib import demo as delib_demo
from iasolutions.delib.meetingconfigs import enabled_levels
from iasolutions.delib.meetingconfigs import get_configs
from iasolutions.policy import cli
from iasolutions.policy import sites
from plone import api
import pytest


def test_every_demo_step_ran(demo_profile):
    profile, site, info = demo_profile
    assert info["failures"] == [], (profile, info["failures"])
    assert {"siteadmin", "contacts", "encodeur", "dir-gen"} <= set(info["users"])


def test_the_demo_works_in_the_profile_services(demo_profile):
    profile, site, info = demo_profile
    services = demo_services()
    assert {"finances", "field", "other", "direction"} <= set(services), profile
    uids = {service.uid for service in services.values()}
    fin = services["finances"].suffix
    assert {f"agent-{fin}", f"chef-{fin}", f"agent_{fin}", f"chef2_{fin}"} <= set(info["users"])
    # items of the first configuration (College, Bureau permanent, Collège de police)
    main = get_configs()[0]
    items = api.content.find(portal_type=main.getItemTypeName())
    assert len(items) >= 6, profile
    groups = {brain.getObject().proposingGroup for brain in items}
    groups.discard(api.content.find(portal_type="organization", id="secretariat")[0].UID)
    assert groups <= uids, profile  # the recurring item aside
    states = {brain.review_state for brain in items}
    assert {"itemcreated", "validated", "accepted", "refused", "delayed"} <= states, states
    # mails: incoming and outgoing in the profile's services
    mails = api.content.find(portal_type=["dmsincomingmail", "dmsoutgoingmail"])
    assert len(mails) >= 10, profile
    treating = {brain.getObject().treating_groups for brain in mails}
    assert treating <= uids, profile
    incoming = {b.review_state for b in mails if b.portal_type == "dmsincomingmail"}
    assert {"created", "proposed_to_agent", "in_treatment", "closed"} <= incoming, incoming
    if profile == "seneffe":  # its N+1 validation
        assert "proposed_to_n_plus_1" in incoming


def test_items_pass_every_validation_level_of_the_profile(demo_profile):
    """Seneffe prevalidates its College items: the demo's validated items went through it."""
    profile, site, info = demo_profile
    main = get_configs()[0]
    levels = [level[1] for level in enabled_levels(main)[1:]] + ["validate"]
    if profile == "seneffe":
        assert levels == ["propose", "prevalidate", "validate"]
    item = api.content.find(portal_type=main.getItemTypeName(), review_state="validated")[0]
    history = [
        entry["action"]
        for entry in item.getObject().workflow_history[main.getItemWorkflow()]
        if entry["action"]
    ]
    assert history == levels, (profile, history)


def _fail_in_delib_demo(monkeypatch):
    """The delib demo fails half-way: after making a user and an item of its own."""
    real = delib_demo.create_users

    def half_made(configs, services):
        real(configs, services)
        api.user.create(username="half-made", email="half@example.org", password="demo1234")
        api.content.create(container=api.portal.get(), type="Document", id="half-made")
        raise ValueError("the profile has no such level\nsecond line")

    monkeypatch.setattr(delib_demo, "create_users", half_made)


@pytest.mark.parametrize("demo_profile", ["cpas"], indirect=True)  # one is enough
def test_a_failing_demo_step_is_reported_in_one_line_and_rolled_back(demo_profile, monkeypatch):
    profile, site, info = demo_profile
    _fail_in_delib_demo(monkeypatch)
    failures = sites.add_demo(site)
    assert failures == [
        "Demo data of Délibérations (iA.Delib) not created: "
        "ValueError: the profile has no such level"
    ]
    assert api.user.get(userid="half-made") is None
    assert "half-made" not in site
    assert not api.content.find(id="half-made")
    assert api.user.get(userid="encodeur") is not None  # the other demos are kept


@pytest.mark.parametrize("demo_profile", ["cpas"], indirect=True)
def test_the_command_line_reports_it_without_a_traceback(demo_profile, monkeypatch, capsys):
    profile, site, info = demo_profile
    _fail_in_delib_demo(monkeypatch)
    args = cli.parser().parse_args(
        ["create-site", "cpas", "--title", "CPAS de Démo", "--profile", "cpas"]
        + ["--all-modules", "--demo"]
    )
    assert cli.run(site.getPhysicalRoot(), args) == 0
    out, err = capsys.readouterr()
    assert "Site cpas ready" in out
    assert err.strip().splitlines() == [
        "warning: Demo data of Délibérations (iA.Delib) not created: "
        "ValueError: the profile has no such level"
    ]
    assert "half-made" not in site and api.user.get(userid="half-made") is None
