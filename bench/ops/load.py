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
import subprocess
import sys
import tempfile
import threading
import time


ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from iasolutions.policy import instance  # noqa: E402
import requests  # noqa: E402
from tests.servers import PostgresCluster  # noqa: E402
from tests.servers import ZeoServer  # noqa: E402
from tests.servers import free_port  # noqa: E402
from tests.servers import wait_for_port  # noqa: E402


BIN = Path(sys.executable).parent
PLAIN_SITE = """
from Products.CMFPlone.factory import addPloneSite
import transaction
if "plain" not in app.objectIds():
    addPloneSite(app, "plain", extension_ids=["plone.app.contenttypes:default",
                                              "plone.restapi:default"])
    transaction.commit()
"""


def run(command, **options):
    result = subprocess.run(command, capture_output=True, text=True, **options)
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{result.stderr[-3000:]}")
    return result


class Setup:
    """The storage servers, the instances and their sites."""

    def __init__(self, folder, storage, clients):
        self.folder, self.storage = Path(folder), storage
        self.servers, self.processes, self.ports, self.confs = [], [], [], []
        options = self.storage_options()
        for number in range(clients):
            port = free_port()
            directory = self.folder / f"client{number + 1}"
            self.confs.append(instance.make_instance(directory, port=port, **options))
            self.ports.append(port)

    def storage_options(self):
        if self.storage == "zeo":
            zeo = ZeoServer(self.folder / "zeo")
            instance.make_zeo(zeo.directory, address=zeo.address)
            zeo.start()
            self.servers.append(zeo)
            return {"storage": "zeo", "zeo_address": zeo.address, "zeo_var": zeo.var}
        if self.storage == "relstorage":
            cluster = PostgresCluster(self.folder / "pg")
            cluster.start()
            self.servers.append(cluster)
            cluster.create_database("bench")
            return {"storage": "relstorage", "dsn": cluster.dsn("bench")}
        return {}

    def build(self):
        conf = str(self.confs[0])
        run([str(BIN / "addzopeuser"), "-c", conf, "admin", "admin"])
        run([str(BIN / "iasolutions"), "-C", conf, "create-site", "commune", "--title",
             "Commune", "--profile", "commune", "--modules", "mail"])  # fmt: skip
        script = self.folder / "plain.py"
        script.write_text(PLAIN_SITE)
        run([str(BIN / "zconsole"), "run", conf, str(script)])

    def serve(self):
        for conf, port in zip(self.confs, self.ports, strict=True):
            self.processes.append(
                subprocess.Popen(
                    [str(BIN / "runwsgi"), str(conf.with_name("zope.ini"))],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            wait_for_port(port, seconds=300)

    def stop(self):
        for process in self.processes:
            process.terminate()
            process.wait(timeout=60)
        for server in reversed(self.servers):
            server.stop()


def session():
    made = requests.Session()
    made.auth = ("admin", "admin")
    made.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    return made


def services(port):
    found = session().get(f"http://127.0.0.1:{port}/commune/@services").json()["items"]
    return [service["UID"] for service in found if service.get("UID")]


def a_sender(port):
    """A contact to send the mails (the municipality's own organisation will do)."""
    found = session().get(
        f"http://127.0.0.1:{port}/commune/@search",
        params={"portal_type": "organization", "b_size": 1, "metadata_fields": "UID"},
    )
    return found.json()["items"][0]["UID"]


WORDS = [
    "demande",
    "permis",
    "urbanisme",
    "voirie",
    "travaux",
    "subside",
    "asbl",
    "école",
    "piscine",
    "marché",
    "plainte",
    "bruit",
    "stationnement",
    "éclairage",
    "égouttage",
    "trottoir",
    "arbre",
    "abattage",
    "occupation",
    "domaine",
    "public",
    "événement",
    "festival",
    "salle",
    "location",
    "mariage",
    "naissance",
    "décès",
    "domicile",
    "changement",
    "adresse",
    "composition",
    "ménage",
    "certificat",
    "taxe",
    "redevance",
    "facture",
    "rappel",
    "recours",
    "réclamation",
    "avis",
    "enquête",
    "publique",
    "collège",
    "conseil",
    "délibération",
    "budget",
    "compte",
    "marché",
    "public",
    "cahier",
    "charges",
]


def a_title(rng):
    """A title as agents write them: a few common words and a reference of the sender."""
    words = rng.sample(WORDS, 4)
    return f"{' '.join(words).capitalize()} réf. {rng.randrange(10**6):06d}"


def load(ports, writers, seconds, kind, service_uids, sender):
    """``writers`` threads creating for ``seconds``; the results of every request."""
    results, stop_at = [], time.monotonic() + seconds

    def writer(number):
        import random

        rng = random.Random(number * 7919 + seconds)
        http = session()
        port = ports[number % len(ports)]
        count = 0
        while time.monotonic() < stop_at:
            count += 1
            title = a_title(rng)
            if kind == "mail":
                url = f"http://127.0.0.1:{port}/commune/incoming-mail"
                body = {
                    "@type": "dmsincomingmail",
                    "title": title,
                    "mail_type": "courrier",
                    "treating_groups": service_uids[count % len(service_uids)],
                    "sender": [sender],
                }
            else:
                url = f"http://127.0.0.1:{port}/plain"
                body = {"@type": "Document", "title": title}
            started = time.monotonic()
            response = http.post(url, json=body, timeout=120)
            results.append((response.status_code, time.monotonic() - started))
            if 400 <= response.status_code < 500 and count == 1:
                print(f"refused: {response.text[:300]}", file=sys.stderr)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def report(label, results, seconds):
    times = sorted(duration for _status, duration in results) or [0]
    errors = sum(1 for status, _duration in results if status >= 500)
    refused = sum(1 for status, _duration in results if 400 <= status < 500)
    if refused:
        raise SystemExit(f"{label}: {refused} requests refused (4xx): the bench is wrong")
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
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--warm-up", type=int, default=20, help="seconds of one writer first")
    parser.add_argument("--keep", help="build in this folder and keep it (logs: clientN/var/log)")
    args = parser.parse_args()
    if args.storage == "filestorage" and args.clients != 1:
        parser.error("FileStorage serves one client")
    with tempfile.TemporaryDirectory(prefix="iasolutions-load-") as temporary:
        folder = args.keep or temporary
        setup = Setup(folder, args.storage, args.clients)
        try:
            setup.build()
            setup.serve()
            uids, sender = services(setup.ports[0]), a_sender(setup.ports[0])
            # an instance in use: its common words are known, its folders hold mails
            for kind in ("mail", "document"):
                load(setup.ports[:1], 1, args.warm_up, kind, uids, sender)
            print(f"# {args.storage}, {args.clients} client(s), {args.seconds} s per run")
            print(conflicts_heading())
            for writers in args.writers:
                for kind in ("mail", "document"):
                    results = load(setup.ports, writers, args.seconds, kind, uids, sender)
                    report(f"{writers} writer(s), {kind}s", results, args.seconds)
            print(conflicts(Path(folder)))
        finally:
            setup.stop()


if __name__ == "__main__":
    main()
