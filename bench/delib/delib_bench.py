"""Deliberations: item creation through REST, the agenda of a 150-item meeting, and
dashboard queries over 20,000 items.

Runs on the module's functional test layer (a Plone site with the commune profile, in
memory, served by a WSGI server on localhost), so that it needs no instance::

    .venv/bin/python bench/delib/delib_bench.py --rest-items 200 --agenda-items 150 \\
        --dashboard-items 20000

Prints the figures given in docs/delib.rst.
"""

import argparse
from datetime import datetime
from datetime import timedelta
import os
import statistics
import sys
import time


os.environ.setdefault("zope_i18n_compile_mo_files", "true")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))


def set_up(layer):
    done = []

    def visit(current):
        for base in current.__bases__:
            visit(base)
        if current not in done:
            current.setUp()
            done.append(current)

    visit(layer)
    for current in done:
        current.testSetUp()
    return done


def timed(function, repeat=1):
    durations = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - start)
    return result, durations


def ms(values):
    return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"


def main(args):
    from iasolutions.policy.testing import DELIB_FUNCTIONAL_TESTING
    from plone import api
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import setRoles
    from tests.delib.helpers import create_delib_users
    from tests.helpers import rest
    import transaction

    set_up(DELIB_FUNCTIONAL_TESTING)
    # As in production: templates are not checked for changes on every request.
    from App.config import getConfiguration

    getConfiguration().debug_mode = False
    portal = DELIB_FUNCTIONAL_TESTING["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    from zope.component.hooks import setSite

    setSite(portal)
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    transaction.commit()
    college = portal["meeting-configs"]["meeting-config-college"]

    # 1. Item creation through REST (POST @item, with an annex and a transition)
    session = rest(portal, "creator_fin")
    durations = []
    for number in range(args.rest_items):
        start = time.perf_counter()
        response = session.post(
            "@item",
            json={
                "config_id": "meeting-config-college",
                "title": f"Point REST {number}",
                "proposingGroup": "FIN",
                "category": "administration",
                "decision": {"data": "<p>Décide.</p>", "content-type": "text/html"},
                "wf_transitions": ["propose"],
            },
        )
        durations.append(time.perf_counter() - start)
        assert response.status_code == 201, response.text
    print(f"POST @item ({args.rest_items} items, with propose): {ms(durations)}")
    transaction.begin()  # see what the server thread committed

    # 2. The agenda of a meeting with N items
    from iasolutions.delib.agenda import create_meeting
    from iasolutions.delib.transitions import do_transition
    from tests.helpers import as_user

    with as_user("manager"):
        meeting = create_meeting(college, datetime.now() - timedelta(hours=1))
    start = time.perf_counter()
    for number in range(args.agenda_items):
        with as_user("creator_fin"):
            item = api.content.create(
                container=portal.deliberations["meeting-config-college"],
                type="MeetingItemCollege",
                id=f"agenda-{number}",
                title=f"Point d'ordre du jour {number}",
                proposingGroup=services["finances"],
                category="administration",
            )
            do_transition(item, "propose")
        with as_user("reviewer_fin"):
            do_transition(item, "validate")
        portal.REQUEST.other["delib_present_in"] = meeting
        with as_user("manager"):
            do_transition(item, "present")
    portal.REQUEST.other.pop("delib_present_in", None)
    transaction.commit()
    print(
        f"{args.agenda_items} items created, proposed, validated and presented in "
        f"{time.perf_counter() - start:.1f} s"
    )
    manager = rest(portal, "manager")
    _r, page = timed(
        lambda: manager.get(meeting.absolute_url(), headers={"Accept": "text/html"}), repeat=10
    )
    print(
        f"agenda page of a {args.agenda_items + 1}-item meeting (HTML, as the manager): {ms(page)}"
    )
    _r, api_get = timed(lambda: manager.get(meeting.absolute_url()), repeat=10)
    print(f"REST GET of that meeting with its agenda: {ms(api_get)}")
    _r, freeze = timed(lambda: manager.post(meeting.absolute_url() + "/@workflow/freeze", json={}))
    print(f"freezing it (every item to itemfrozen, references): {ms(freeze)}")
    transaction.begin()

    # 3. Dashboard queries over many items
    if not args.dashboard_items:
        return
    from iasolutions.core import dashboards
    from iasolutions.delib.meetingconfigs import folder_of

    folder = folder_of(college)
    start = time.perf_counter()
    with as_user("creator_trav"):
        for number in range(args.dashboard_items):
            api.content.create(
                container=folder,
                type="MeetingItemCollege",
                id=f"bulk-{number}",
                title=f"Point {number}",
                proposingGroup=services["travaux"],
                category="travaux",
            )
            if number % 1000 == 999:
                transaction.commit()
    transaction.commit()
    print(f"{args.dashboard_items} more items created in {time.perf_counter() - start:.0f} s")
    for userid, board in (
        ("creator_fin", "mes-points"),
        ("reviewer_fin", "points-a-valider"),
        ("creator_trav", "tous-les-points"),
        ("manager", "tous-les-points"),
    ):
        dashboard = folder[board]
        with as_user(userid):
            found, durations = timed(
                lambda board=dashboard: len(dashboards.results(board)), repeat=10
            )
        print(f"dashboard {board} as {userid}: {found} results, {ms(durations)}")
    session = rest(portal, "creator_trav")
    _r, faceted = timed(
        lambda: session.get(
            folder["tous-les-points"].absolute_url() + "/@@faceted_query",
            headers={"Accept": "text/html"},
        ),
        repeat=10,
    )
    print(f"faceted page of 'tous-les-points' over HTTP as creator_trav: {ms(faceted)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rest-items", type=int, default=200)
    parser.add_argument("--agenda-items", type=int, default=150)
    parser.add_argument("--dashboard-items", type=int, default=20000)
    main(parser.parse_args())
