"""The persona walk: every demo user, and an anonymous visitor, follows the links
the demo site shows them (see walk.py); every problem is reported at once, per user.

It walks the demo of every organisation profile: the commune's with every user, the
others' with one user of each persona (``walk.personas``) in less time."""

from iasolutions.policy.demo import DEMO_PASSWORD
import os
import pytest
import requests
from tests.persona.walk import Leaks
from tests.persona.walk import Problem
from tests.persona.walk import Walk
from tests.persona.walk import login
from tests.persona.walk import personas
from tests.persona.walk import report
import time


# For all the users together (a fast user leaves time to the next); more for a deeper walk.
WALK_SECONDS = float(os.environ.get("IASOLUTIONS_WALK_SECONDS", 200))
# The other profiles' demos: one user of each persona, in this time. They have the same
# pages with other services and configurations; the commune's walk goes deeper.
OTHER_PROFILE_SECONDS = float(os.environ.get("IASOLUTIONS_WALK_PROFILE_SECONDS", 60))
FULL_WALK_PROFILE = "commune"
ANONYMOUS = "anonymous"


def walkers(profile, users):
    """Who walks the demo of ``profile``, and for how long."""
    if profile == FULL_WALK_PROFILE:
        users, seconds = list(users), WALK_SECONDS
    else:
        users, seconds = personas(users), OTHER_PROFILE_SECONDS
    if os.environ.get("IASOLUTIONS_WALK_USERS"):  # walk only these (comma-separated)
        users = [user for user in users if user in os.environ["IASOLUTIONS_WALK_USERS"].split(",")]
    return [ANONYMOUS] + users, seconds


@pytest.mark.persona
def test_every_demo_user_follows_the_links_shown(demo_profile):
    profile, site, info = demo_profile
    users, seconds = walkers(profile, info["users"])
    site_url = site.absolute_url()
    leaks = Leaks(site)
    problems, walked = [], {}
    deadline = time.monotonic() + seconds
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
    assert info["users"], "the demo created no user"
    assert problems == [], f"{profile}: " + report(problems, walked)
