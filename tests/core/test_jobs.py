"""How a job's run is recorded (iasolutions.core.jobs.perform): a failure is tried
again, a refusal is not. The worker's side: tests/policy/test_worker.py,
tests/core/test_jobs_redis.py."""

from iasolutions.core import jobs
from iasolutions.core.interfaces import IJob
import pytest
from types import SimpleNamespace
from zope.component import getGlobalSiteManager


def out_of_paper(site, progress):
    raise ValueError("the printer is out of paper")


def not_yours(site, progress):
    progress(0, 1, "checking")
    raise jobs.JobRefused("You may not add files to this mail.")


JOBS = [
    jobs.Job("test.out_of_paper", "Print", out_of_paper),
    jobs.Job("test.refused", "Print", not_yours),
]


@pytest.fixture
def test_jobs(monkeypatch, tmp_path):
    monkeypatch.delenv("IASOLUTIONS_JOBS_REDIS", raising=False)
    monkeypatch.setenv("IASOLUTIONS_JOBS_DB", str(tmp_path / "jobs.sqlite"))
    registry = getGlobalSiteManager()
    for job in JOBS:
        registry.registerUtility(job, IJob, name=job.name)
    yield SimpleNamespace(path="/commune")
    for job in JOBS:
        registry.unregisterUtility(job, IJob, name=job.name)


def test_a_failing_job_is_tried_again(test_jobs):
    job_id = jobs.new_record("test.out_of_paper", "/commune", "agent")
    with pytest.raises(ValueError):  # the worker tries it again later
        jobs.perform(job_id, test_jobs, last_attempt=False)
    found = jobs.record(job_id)
    assert found["state"] == "retrying" and found["attempts"] == 1
    assert found["error"] == "ValueError: the printer is out of paper"
    assert jobs.perform(job_id, test_jobs, last_attempt=True) is None
    assert jobs.record(job_id)["state"] == "failed" and jobs.record(job_id)["attempts"] == 2


def test_a_refused_job_fails_at_once_with_its_message(test_jobs):
    job_id = jobs.new_record("test.refused", "/commune", "agent")
    assert jobs.perform(job_id, test_jobs, last_attempt=False) is None  # not raised: no retry
    found = jobs.record(job_id)
    assert found["state"] == "failed" and found["attempts"] == 1
    assert found["error"] == "You may not add files to this mail."
    assert found["message"] == "checking"
