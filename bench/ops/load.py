"""Concurrent writers over real HTTP, side by side with plain Plone Documents.

Builds a municipality (commune profile, mail module) and a plain Plone site in
one instance on the storage chosen (FileStorage, ZEO or RelStorage, the servers
started here on loopback), serves it with 1 or 2 Zope clients, then for each
number of writers creates incoming mails (REST POST) and, in the same run, plain
Documents on the plain site, and prints requests/s, median and p95 latency and
the share of 5xx (ConflictErrors after Zope's retries)::

    .venv/bin/python bench/ops/load.py --storage zeo --clients 2 --writers 1 2 4 8 --seconds 20

Loopback only; everything is made under a temporary folder and removed after.
"""

import argparse
from pathlib import Path
import statistics
import sys
import tempfile


ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from iasolutions.policy import instance  # noqa: E402
from tests.servers import Deployment  # noqa: E402
from tests.writers import Writers  # noqa: E402
from tests.writers import a_sender  # noqa: E402
from tests.writers import service_uids  # noqa: E402


def load(deployment, writers, seconds, kind, services, sender, clients=None):
    """``writers`` threads creating for ``seconds``; the results of every request."""
    site = "commune" if kind == "mail" else "plain"
    bases = deployment.bases(site)[:clients]
    return Writers(bases, writers, kind, services, sender, seed=seconds).run(seconds)


def report(label, results, seconds):
    times = sorted(result.seconds for result in results) or [0]
    errors = sum(1 for result in results if result.status >= 500 or result.status == 0)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(
        f"{label:<36} {len(results) / seconds:7.1f} req/s  p50 {statistics.median(times) * 1000:6.0f} ms"
        f"  p95 {p95 * 1000:6.0f} ms  5xx {100 * errors / max(1, len(results)):5.1f} %"
    )


def conflicts_heading():
    return "# 5xx are ConflictErrors after Zope's 3 retries; the classes that conflicted:"


def conflicts(folder):
    """How often each class of object conflicted (from the clients' logs)."""
    import collections
    import re

    found = collections.Counter()
    for log in folder.glob("client*/var/log/event.log"):
        for match in re.finditer(r"class ([\w.]+)", log.read_text(errors="replace")):
            found[match.group(1)] += 1
    return "\n".join(f"#   {count:5d}  {name}" for name, count in found.most_common(15))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--storage", default="zeo", choices=instance.STORAGES)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, help="waitress threads per client (default: make-instance's)"
    )
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--warm-up", type=int, default=20, help="seconds of one writer first")
    parser.add_argument("--keep", help="build in this folder and keep it (logs: clientN/var/log)")
    args = parser.parse_args()
    if args.storage == "filestorage" and args.clients != 1:
        parser.error("FileStorage serves one client")
    with tempfile.TemporaryDirectory(prefix="iasolutions-load-") as temporary:
        folder = Path(args.keep or temporary)
        deployment = Deployment(folder, args.storage, args.clients, args.threads)
        try:
            deployment.build(plain=True).serve()
            base = deployment.bases()[0]
            services, sender = service_uids(base), a_sender(base)
            # an instance in use: its common words are known, its folders hold mails
            for kind in ("mail", "document"):
                load(deployment, 1, args.warm_up, kind, services, sender, clients=1)
            threads = args.threads or instance.DEFAULT_THREADS[args.storage]
            print(
                f"# {args.storage}, {args.clients} client(s) of {threads} threads, {args.seconds} s a run"
            )
            print(conflicts_heading())
            for writers in args.writers:
                for kind in ("mail", "document"):
                    results = load(deployment, writers, args.seconds, kind, services, sender)
                    report(f"{writers} writer(s), {kind}s", results, args.seconds)
            print(conflicts(folder))
        finally:
            deployment.stop()


if __name__ == "__main__":
    main()
