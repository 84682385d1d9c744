"""Mail benchmark: seed incoming mails, then time REST creation, two dashboards
of an agent in 20 services, and the mail view, on a real instance.

    .venv/bin/python bench/mail/run.py --mails 100000          # seeds, then measures
    .venv/bin/python bench/mail/run.py --mails 100000 --measure-only

The instance lives in ``bench/results/mail-instance`` (git-ignored; seeding
100,000 mails takes a while and is kept for later runs). Figures are printed
and written to ``bench/results/mail.json``; ``docs/mail.rst`` quotes them.
"""

import argparse
import base64
import json
import os
from pathlib import Path
import statistics
import subprocess
import sys
import threading
import time


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
INSTANCE = RESULTS / "mail-instance"
PORT = 8093
SITE = "bench"
PASSWORD = "bench-password-1"
PDF = b"%PDF-1.4\n% bench scan\n%%EOF\n"


def sh(*command, **kwargs):
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(mails):
    """Create the instance and the site (once), then seed up to ``mails`` mails."""
    conf = INSTANCE / "etc" / "zope.conf"
    if not conf.exists():
        sh(BIN / "iasolutions", "make-instance", INSTANCE, "--port", PORT)
        sh(BIN / "addzopeuser", "-c", conf, "admin", "admin")
    sh(
        BIN / "iasolutions",
        "-C",
        conf,
        "create-site",
        SITE,
        "--title",
        "Commune de Bench",
        "--profile",
        "commune",
        "--modules",
        "mail",
    )
    print(
        sh(
            sys.executable,
            ROOT / "bench" / "mail" / "seed.py",
            "-C",
            conf,
            "--site",
            SITE,
            "--mails",
            mails,
        ),
        end="",
    )


class Server:
    def __enter__(self):
        log = open(RESULTS / "mail-server.log", "w")
        self.process = subprocess.Popen(
            [str(BIN / "runwsgi"), str(INSTANCE / "etc" / "zope.ini")], stdout=log, stderr=log
        )
        import requests

        for _attempt in range(600):
            try:
                requests.get(f"http://127.0.0.1:{PORT}/", timeout=1)
                return self
            except requests.RequestException:
                time.sleep(1)
        raise SystemExit("the instance did not start (see bench/results/mail-server.log)")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=60)


def session(user):
    import requests

    s = requests.Session()
    s.auth = (user, PASSWORD)
    s.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    return s


def url(path):
    return f"http://127.0.0.1:{PORT}/{SITE}/{path.lstrip('/')}"


def timed(func, repeat):
    """Median and 90th percentile in ms of ``repeat`` calls (after 3 warm-up calls)."""
    for _ in range(3):
        func()
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        durations.append((time.perf_counter() - start) * 1000)
    durations.sort()
    return {
        "median_ms": round(statistics.median(durations), 1),
        "p90_ms": round(durations[int(len(durations) * 0.9) - 1], 1),
        "calls": repeat,
    }


def rest_creation(total, clients):
    """Incoming mails with their scan created through REST by ``clients`` threads."""
    services = ["finances", "travaux", "urbanisme", "population", "environnement"]
    latencies, errors = [], []
    per_client = total // clients

    def client(number):
        s = session("bench_encodeur")
        for index in range(per_client):
            body = {
                "@type": "dmsincomingmail",
                "title": f"Courrier REST {number}-{index}",
                "treating_groups": services[index % len(services)],
                "sender": [f"bench-sender-{(number * 13 + index) % 50:02d}"],
                "mail_type": "courrier",
                "main_file": {"data": base64.b64encode(PDF).decode(), "filename": "scan.pdf"},
            }
            start = time.perf_counter()
            response = s.post(url("incoming-mail"), data=json.dumps(body))
            latencies.append((time.perf_counter() - start) * 1000)
            if response.status_code != 201:
                errors.append(response.status_code)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "clients": clients,
        "mails": per_client * clients,
        "errors": len(errors),
        "error_statuses": sorted(set(errors)),
        "per_second": round(per_client * clients / elapsed, 1),
        "median_ms": round(statistics.median(latencies), 1),
        "p90_ms": round(latencies[int(len(latencies) * 0.9) - 1], 1),
    }


def set_conflict_retries(retries):
    """Zope retries a request that met a write conflict 3 times by default."""
    conf = INSTANCE / "etc" / "zope.conf"
    lines = [
        line
        for line in conf.read_text().splitlines()
        if not line.startswith("max-conflict-retries")
    ]
    if retries is not None:
        lines.insert(2, f"max-conflict-retries {retries}")
    conf.write_text("\n".join(lines) + "\n")


def measure(repeat, only_rest=False):
    results = {}
    agent = session("bench_agent")
    html = {"Accept": "text/html"}
    with Server():
        if only_rest:
            results["rest_create_4_clients"] = rest_creation(200, 4)
            return results
        count = agent.get(
            url("@search"), params={"portal_type": "dmsincomingmail", "b_size": 1}
        ).json()["items_total"]
        results["mails_visible_to_the_agent"] = count
        for dashboard in ("to_treat", "in_my_group"):
            results[f"dashboard_{dashboard}"] = timed(
                lambda d=dashboard: agent.get(
                    url(f"incoming-mail/{d}/@@faceted_query"), headers=html
                ).raise_for_status(),
                repeat,
            )
        # the page itself: its filters, among them the senders found in the mails
        results["dashboard_page_all_mails"] = timed(
            lambda: agent.get(url("incoming-mail/all_mails"), headers=html).raise_for_status(),
            repeat,
        )
        first = agent.get(
            url("@search"),
            params={"portal_type": "dmsincomingmail", "review_state": "in_treatment", "b_size": 1},
        ).json()["items"][0]["@id"]
        results["mail_view"] = timed(
            lambda: agent.get(first, headers=html).raise_for_status(), repeat
        )
        results["mail_rest_get"] = timed(lambda: agent.get(first).raise_for_status(), repeat)
        # the home page: every dashboard of the agent with its count
        results["home_page"] = timed(
            lambda: agent.get(url("@@iasolutions-home"), headers=html).raise_for_status(),
            max(5, repeat // 3),
        )
        # the same page machinery for a contact: the baseline of a classic Plone page
        results["baseline_contact_view"] = timed(
            lambda: agent.get(url("contacts/bench-sender-01"), headers=html).raise_for_status(),
            repeat,
        )
        results["rest_create_1_client"] = rest_creation(100, 1)
        results["rest_create_4_clients"] = rest_creation(200, 4)
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mails", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--measure-only", action="store_true")
    parser.add_argument("--seed-only", action="store_true")
    parser.add_argument(
        "--conflict-retries",
        type=int,
        help="max-conflict-retries of the instance (Zope's default: 3)",
    )
    parser.add_argument(
        "--only-rest", action="store_true", help="measure only the concurrent REST creation"
    )
    args = parser.parse_args(argv)
    RESULTS.mkdir(exist_ok=True)
    os.environ.setdefault("zope_i18n_compile_mo_files", "true")
    if not args.measure_only:
        prepare(args.mails)
    if args.seed_only:
        return 0
    set_conflict_retries(args.conflict_retries)
    results = measure(args.repeat, args.only_rest)
    results["conflict_retries"] = args.conflict_retries or 3
    results["seeded_mails"] = args.mails
    name = "mail-rest.json" if args.only_rest else "mail.json"
    (RESULTS / name).write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
