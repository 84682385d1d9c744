"""The jobs on a shared Redis (``IASOLUTIONS_JOBS_REDIS``): huey's queue and the
jobs' records on one Redis server, which every process reads and writes (Zope
clients and workers on several hosts). A private redis-server on loopback; the
submitting process, the worker and the reader (this test) are three processes."""

from iasolutions.core import jobs
from iasolutions.core.restapi.jobs import HealthGet
import json
import os
from pathlib import Path
import pytest
import subprocess
import sys
from tests.core import redis_jobs
from tests.servers import RedisServer
import time
from types import SimpleNamespace


pytestmark = pytest.mark.storage

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server, monkeypatch, tmp_path):
    """This process's jobs on the (emptied) Redis; the SQLite file must stay unused."""
    import redis

    url = redis_server.url()
    redis.Redis.from_url(url).flushdb()
    monkeypatch.setenv("IASOLUTIONS_JOBS_REDIS", url)
    monkeypatch.setenv("IASOLUTIONS_JOBS_DB", str(tmp_path / "unused.sqlite"))
    yield url
    assert not (tmp_path / "unused.sqlite").exists()


@pytest.fixture
def test_jobs():
    redis_jobs.register()
    yield
    redis_jobs.unregister()


def python(code, **options):
    """Run ``code`` in a Python process of its own (this process's environment)."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        **options,
    )


def wait_until_finished(*job_ids, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [jobs.record(job_id) for job_id in job_ids]
        if all(one["state"] in ("done", "failed") for one in found):
            return found
        time.sleep(0.2)
    raise TimeoutError(found)


def test_a_record_written_by_one_process_is_read_by_another(redis_url, test_jobs):
    job_id = jobs.new_record("test.add", "/commune", "agent", a=1, b=2)
    other = python(
        "from iasolutions.core import jobs; import json\n"
        f"jobs.Progress({job_id!r})(3, 10, 'three of ten')\n"
        f"print(json.dumps(jobs.record({job_id!r})))"
    )
    seen = json.loads(other.stdout)
    assert (seen["name"], seen["userid"], seen["state"]) == ("test.add", "agent", "queued")
    assert seen["arguments"] == {"a": 1, "b": 2}
    found = jobs.record(job_id)  # the other process's progress, read here
    assert (found["done"], found["total"], found["message"]) == (3, 10, "three of ten")
    assert [one["id"] for one in jobs.records("/commune", "agent")] == [job_id]
    assert [one["id"] for one in jobs.records("/commune")] == [job_id]
    assert jobs.records("/commune", "someone-else") == [] and jobs.records("/other") == []
    assert jobs.record("no-such-job") is None


def test_both_stores_keep_the_same_record(redis_url, test_jobs, monkeypatch, tmp_path):
    on_redis = jobs.record(jobs.new_record("test.add", "/commune", "agent", a=1, b=2))
    monkeypatch.delenv("IASOLUTIONS_JOBS_REDIS")
    monkeypatch.setenv("IASOLUTIONS_JOBS_DB", str(tmp_path / "jobs.sqlite"))
    in_sqlite = jobs.record(jobs.new_record("test.add", "/commune", "agent", a=1, b=2))
    different = ("id", "created")
    assert {key: value for key, value in on_redis.items() if key not in different} == {
        key: value for key, value in in_sqlite.items() if key not in different
    }


def test_a_worker_on_another_process_runs_the_queued_jobs(redis_url, test_jobs):
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.core.redis_jobs"],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        submitted = python("from tests.core import redis_jobs; redis_jobs.submit()")
        adding, failing = submitted.stdout.split()
        added, failed = wait_until_finished(adding, failing)
    finally:
        worker.terminate()
        errors = worker.communicate(timeout=30)[1]
    assert added["state"] == "done", errors[-3000:]
    assert added["result"] == {"sum": 5, "site": "/commune"} and added["attempts"] == 1
    assert (added["done"], added["total"], added["message"]) == (1, 2, "adding")
    # tried three times (huey's retries), then failed with its error kept
    assert failed["state"] == "failed" and failed["attempts"] == jobs.RETRIES + 1
    assert "ValueError: the printer is out of paper" in failed["error"]


def test_health_reads_the_worker_on_redis(redis_url):
    """``@health`` in a Zope client reads the heartbeat and the last nightly run that
    workers elsewhere write on the shared Redis."""

    def health():
        database = SimpleNamespace(lastTransaction=lambda: b"\0" * 8)
        context = SimpleNamespace(_p_jar=SimpleNamespace(db=lambda: database))
        statuses = []
        request = SimpleNamespace(response=SimpleNamespace(setStatus=statuses.append))
        service = HealthGet()  # ZCML makes it a view: it has no constructor of its own
        service.context, service.request = context, request
        return service.reply(), statuses

    answer, statuses = health()
    assert answer["worker"] == "unknown" and statuses == [503]
    python("from iasolutions.core import worker; worker.heartbeat.call_local()")
    python("from tests.core import redis_jobs; redis_jobs.run_nightly()")
    answer, statuses = health()
    assert answer["status"] == "ok" and answer["worker"] == "alive" and statuses == []
    assert answer["worker_heartbeat"] and answer["last_daily_run"]
