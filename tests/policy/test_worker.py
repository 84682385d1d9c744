"""The jobs' worker as instances run it: inside the Zope process on FileStorage
(``make start``), as ``iasolutions worker`` beside a ZEO client; a job submitted
over HTTP is done, and ``@health`` says the worker is alive."""

from iasolutions.policy import instance
import pytest
import requests
import subprocess
from tests.policy.test_cli import BIN
from tests.policy.test_cli import iasolutions
from tests.servers import RedisServer
from tests.servers import ZeoServer
from tests.servers import free_port
from tests.servers import wait_for_port
import time


pytestmark = pytest.mark.storage


def serve(conf):
    return subprocess.Popen(
        [str(BIN / "runwsgi"), str(conf.with_name("zope.ini"))],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(*processes):
    for process in processes:
        process.terminate()
        process.wait(timeout=60)


def site_with_delib(conf):
    subprocess.run([str(BIN / "addzopeuser"), "-c", str(conf), "admin", "admin"], check=True)
    created = iasolutions(
        "create-site",
        "commune",
        "--title",
        "Commune",
        "--profile",
        "commune",
        "--modules",
        "delib",
        conf=conf,
    )
    assert created.returncode == 0, created.stderr[-2000:]


def job_done_over_http(port):
    url = f"http://127.0.0.1:{port}/commune"
    session = requests.Session()
    session.auth = ("admin", "admin")
    session.headers["Accept"] = "application/json"
    submitted = session.post(f"{url}/@jobs", json={"job": "delib.update_advice_delays"})
    assert submitted.status_code == 202, submitted.text
    job_id = submitted.json()["id"]
    for _ in range(120):
        found = {job["id"]: job for job in session.get(f"{url}/@jobs").json()["items"]}[job_id]
        if found["state"] in ("done", "failed"):
            break
        time.sleep(0.5)
    assert found["state"] == "done", found
    assert found["result"]["items_reindexed"] == 0 and "0 " in found["result"]["message"]
    health = requests.get(f"{url}/@health", headers={"Accept": "application/json"}, timeout=30)
    assert health.status_code == 200 and health.json()["worker"] == "alive", health.text


def test_the_worker_runs_inside_a_filestorage_instance(tmp_path):
    port = free_port()
    conf = instance.make_instance(tmp_path / "instance", port=port)
    assert "IASOLUTIONS_JOBS_WORKER inline" in conf.read_text()
    site_with_delib(conf)
    server = serve(conf)
    try:
        wait_for_port(port, seconds=180)
        job_done_over_http(port)
    finally:
        stop(server)


@pytest.mark.parametrize("broker", ["sqlite", "redis"])
def test_a_worker_beside_a_zeo_client(tmp_path, broker):
    """With ``--jobs-redis`` the queue and the records are on Redis only: the client
    and the worker share no file, as on two hosts."""
    zeo = ZeoServer(tmp_path / "zeo")
    instance.make_zeo(zeo.directory, address=zeo.address)
    zeo.start()
    redis = RedisServer(tmp_path / "redis") if broker == "redis" else None
    if redis:
        redis.start()
    port = free_port()
    conf = instance.make_instance(
        tmp_path / "client",
        port=port,
        storage="zeo",
        zeo_address=zeo.address,
        zeo_var=zeo.var,
        jobs_redis=redis.url() if redis else None,
    )
    assert "IASOLUTIONS_JOBS_WORKER external" in conf.read_text()
    processes = []
    try:
        site_with_delib(conf)
        processes.append(serve(conf))
        processes.append(
            subprocess.Popen(
                [str(BIN / "iasolutions"), "-C", str(conf), "worker"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for_port(port, seconds=180)
        job_done_over_http(port)
        assert (tmp_path / "client" / "var" / "jobs.sqlite").exists() == (redis is None)
    finally:
        stop(*processes)
        zeo.stop()
        if redis:
            redis.stop()
