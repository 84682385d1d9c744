"""The deliberations' jobs, run by the worker (``iasolutions.core.jobs``)."""

from iasolutions.core.jobs import Job
from iasolutions.delib import _
from iasolutions.delib.advices import reindex_timed_out_advices


def update_advice_delays(site, progress):
    progress(0, 1, "advice delays")
    count = reindex_timed_out_advices()
    progress(1, 1, "advice delays")
    return {"items_reindexed": count}


UPDATE_ADVICE_DELAYS = Job(
    name="delib.update_advice_delays",
    title=_("Update the advice delays"),
    function=update_advice_delays,
    daily=True,
    module="delib",
)
