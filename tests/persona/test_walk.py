"""The persona walk: every demo user, and an anonymous visitor, follows the links
the demo site shows them (see walk.py); every problem is reported at once, per user."""

from iasolutions.policy.demo import DEMO_PASSWORD
import os
import pytest
import requests
from tests.persona.walk import Leaks
from tests.persona.walk import Problem
from tests.persona.walk import Walk
from tests.persona.walk import login
from tests.persona.walk import report
import time


# For all the users together (a fast user leaves time to the next); more for a deeper walk.
WALK_SECONDS = float(os.environ.get("IASOLUTIONS_WALK_SECONDS", 200))
ANONYMOUS = "anonymous"


@pytest.mark.persona
def test_every_demo_user_follows_the_links_shown(demo, demo_portal):
    users = [ANONYMOUS] + demo["demo_users"]
    if os.environ.get("IASOLUTIONS_WALK_USERS"):  # walk only these (comma-separated)
        users = [user for user in users if user in os.environ["IASOLUTIONS_WALK_USERS"].split(",")]
    site_url = demo_portal.absolute_url()
    leaks = Leaks(demo_portal)
    problems, walked = [], {}
    deadline = time.monotonic() + WALK_SECONDS
    for index, user in enumerate(users):
        session, start = requests.Session(), None
        try:
            if user != ANONYMOUS:
                start = login(session, site_url, user, DEMO_PASSWORD)
        except AssertionError as error:
            problems.append(Problem(user, f"{site_url}/login", "(start)", str(error)))
            walked[user] = 0
            continue
        seconds = (deadline - time.monotonic()) / (len(users) - index)
        walk = Walk(site_url, user, leaks, session=session, seconds=seconds, start=start).run()
        problems += walk.problems
        walked[user] = len(walk.visited)
    assert demo["demo_users"], "the demo created no user"
    assert problems == [], report(problems, walked)
