"""Jobs as the worker runs them (``iasolutions.core.jobs``): submitted by a manager over
REST, recorded with their result, a failing one recorded with its error and nothing
written; delib's nightly job on the advice delays; the health answer."""

from iasolutions.core import jobs
from iasolutions.core.interfaces import IJob
from plone import api
import pytest
from tests.delib.helpers import create_delib_users
from tests.helpers import as_user
from tests.helpers import rest
from zope.component import getGlobalSiteManager


@pytest.fixture
def immediate(tmp_path, monkeypatch):
    """Jobs run at once in the caller, recorded in a file of the test's own."""
    monkeypatch.setenv("IASOLUTIONS_JOBS_DB", str(tmp_path / "jobs.sqlite"))
    monkeypatch.setenv("IASOLUTIONS_JOBS_IMMEDIATE", "1")


def submit(*args, **arguments):
    from iasolutions.core import worker  # imported once the test chose the jobs' file

    return worker.submit(*args, **arguments)


def site_path(portal):
    return "/".join(portal.getPhysicalPath())


def test_the_advice_delays_job_is_daily_for_delib(delib_portal):
    definition = jobs.get_job("delib.update_advice_delays")
    assert definition.daily and definition.module == "delib"
    assert definition in jobs.daily_jobs()


def test_a_job_is_recorded_with_its_result(delib_portal, immediate):
    job_id = submit("delib.update_advice_delays", site_path(delib_portal), "admin")
    found = jobs.record(job_id)
    assert found["state"] == "done" and found["attempts"] == 1
    assert found["result"]["items_reindexed"] == 0 and "0 " in found["result"]["message"]
    assert (found["done"], found["total"]) == (1, 1)
    assert jobs.records(site_path(delib_portal), "admin")[0]["id"] == job_id
    assert jobs.records(site_path(delib_portal), "someone-else") == []


def test_a_failing_job_keeps_its_error_and_writes_nothing(delib_portal, immediate):
    def half_then_fail(site, progress):
        api.content.create(container=site, type="Document", id="half-written", title="Half")
        raise ValueError("the printer is out of paper")

    failing = jobs.Job("test.failing", "Failing", half_then_fail)
    registry = getGlobalSiteManager()
    registry.registerUtility(failing, IJob, name="test.failing")
    try:
        job_id = submit("test.failing", site_path(delib_portal), "admin")
    finally:
        registry.unregisterUtility(failing, IJob, name="test.failing")
    found = jobs.record(job_id)
    assert found["state"] == "failed"
    assert "ValueError: the printer is out of paper" in found["error"]
    assert "half-written" not in delib_portal


def test_an_unknown_job_is_refused(delib_portal, immediate):
    with pytest.raises(jobs.JobError, match="Unknown job 'nothing'"):
        submit("nothing", site_path(delib_portal), "admin")


def test_jobs_over_rest(delib_functional_portal, immediate):
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    manager = rest(delib_functional_portal, "admin")
    submitted = manager.post("@jobs", json={"job": "delib.update_advice_delays"})
    assert submitted.status_code == 202, submitted.text
    assert submitted.json()["state"] == "done"
    listed = manager.get("@jobs").json()["items"]
    assert listed[0]["id"] == submitted.json()["id"]

    refused = manager.post("@jobs", json={"job": "nothing"})
    assert refused.status_code == 400 and "Unknown job" in refused.json()["error"]["message"]
    assert manager.post("@jobs", json={"job": "x", "arguments": [1]}).status_code == 400
    odd = manager.post("@jobs", json={"job": "delib.update_advice_delays", "arguments": {"x": 1}})
    assert odd.status_code == 400 and "takes no argument x" in odd.json()["error"]["message"]

    agent = rest(delib_functional_portal, "creator_fin")
    assert agent.post("@jobs", json={"job": "delib.update_advice_delays"}).status_code == 403
    assert agent.get("@jobs").json()["items"] == []  # not the manager's jobs
    assert rest(delib_functional_portal).get("@jobs").status_code == 401


def test_health_says_the_worker_is_missing(delib_functional_portal, immediate):
    health = rest(delib_functional_portal).get("@health")
    assert health.status_code == 503
    assert health.json() == {
        "status": "degraded",
        "storage": "ok",
        "worker": "unknown",
        "worker_heartbeat": None,
        "last_daily_run": None,
    }
    jobs.set_worker_value("heartbeat", jobs.now_text())
    alive = rest(delib_functional_portal).get("@health")
    assert alive.status_code == 200 and alive.json()["worker"] == "alive"


def test_a_manager_sees_every_job_of_the_site(delib_portal, users, immediate):
    submit("delib.update_advice_delays", site_path(delib_portal), "creator_fin")
    with as_user("admin"):
        from iasolutions.core.restapi.jobs import visible_jobs

        assert [job["userid"] for job in visible_jobs(delib_portal)] == ["creator_fin"]


def test_the_jobs_page_shows_progress_and_errors(delib_portal, users, immediate):
    job_id = submit("delib.update_advice_delays", site_path(delib_portal), "creator_fin")
    jobs._update(job_id, state="failed", error="ValueError: out of paper")
    with as_user("creator_fin"):
        page = delib_portal.restrictedTraverse("@@jobs")()
    assert "Update the advice delays" in page or "Mise à jour des délais d" in page
    assert "ValueError: out of paper" in page and "1 / 1" in page
    assert page.count("documentFirstHeading") == 1  # its own page, not the site's title
    with as_user("reviewer_fin"):
        assert "out of paper" not in delib_portal.restrictedTraverse("@@jobs")()
