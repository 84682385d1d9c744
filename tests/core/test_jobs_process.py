"""Where the jobs' worker starts: in a serving Zope process of a FileStorage instance,
never in a command's process (a job it took would stop with the command)."""

from iasolutions.core import jobs_process as jobs


def test_the_worker_starts_only_in_a_serving_inline_instance(tmp_path, monkeypatch):
    monkeypatch.setenv("IASOLUTIONS_JOBS_DB", str(tmp_path / "jobs.sqlite"))
    from iasolutions.core import worker

    started = []
    monkeypatch.setattr(worker, "start_inline", lambda: started.append(True))
    monkeypatch.setattr(jobs, "serving", True)
    monkeypatch.setenv("IASOLUTIONS_JOBS_WORKER", "external")
    jobs.start_worker_in_process()
    assert started == []
    monkeypatch.setenv("IASOLUTIONS_JOBS_WORKER", "inline")
    jobs.in_a_command()
    jobs.start_worker_in_process()
    assert started == []
    monkeypatch.setattr(jobs, "serving", True)
    jobs.start_worker_in_process()
    assert started == [True]
