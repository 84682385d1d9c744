"""Whether this process runs the jobs' worker (``iasolutions.core.worker``).

A FileStorage instance runs it in its Zope process (``IASOLUTIONS_JOBS_WORKER
inline``); the command lines that open an instance start Zope too, but never take
jobs: a job they took would stop with them.
"""

import os


serving = True


def in_a_command():
    """Called by a command line before it starts Zope."""
    global serving
    serving = False


def start_worker_in_process(event=None):
    """At Zope's start: the worker in this process when the instance says so."""
    if serving and os.environ.get("IASOLUTIONS_JOBS_WORKER") == "inline":
        from iasolutions.core import worker

        worker.start_inline()
