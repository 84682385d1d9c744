"""Per-request cost of the suite beside plain Plone, side by side in one run.

    .venv/bin/python bench/ratios.py [--samples 60] [--keep DIR] [--mails N]

One FileStorage instance holds the commune demo site (mail and delib) and a plain
Plone site with plone.restapi. Creating a municipality with every module is timed
against creating a plain site in the same Zope process, before serving. Then each
pair of requests (the suite's, plain Plone's) is warmed up and timed alternately,
suite then plain, ``--samples`` times; the table gives both medians and p90 in ms and
the ratio of the medians, which is what holds on this noisy machine. Sequential
requests over real HTTP on loopback, as the demo users the issue names. ``--mails N``
adds N incoming mails to the demo before serving, to measure the home page and the
dashboards at a municipality's scale (about 20 mails a second here).
"""

import argparse
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
import random
import statistics
import sys
import tempfile
import time


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import BIN  # noqa: E402
from tests.servers import Deployment  # noqa: E402
from tests.servers import run  # noqa: E402
from tests.writers import a_sender  # noqa: E402
from tests.writers import a_title  # noqa: E402
from tests.writers import service_uids  # noqa: E402
from tests.writers import session  # noqa: E402


DEMO_PASSWORD = "demo1234"
WARM_UP = 10
MEETING_SIZE = 150
CREATE_SITES = """
import sys, time, transaction
from Products.CMFPlone.factory import addPloneSite
from iasolutions.policy.sites import create_site
from Testing.makerequest import makerequest
from zope.globalrequest import setRequest
app = makerequest(app)
setRequest(app.REQUEST)
# a first site loads what any site needs (both timings below start warm)
addPloneSite(app, "warm-up", extension_ids=["plone.app.contenttypes:default"])
app.manage_delObjects(["warm-up"])
transaction.commit()
started = time.perf_counter()
create_site(app, "timed-commune", "Commune", "commune", modules=("mail", "delib"))
transaction.commit()
suite = time.perf_counter() - started
started = time.perf_counter()
addPloneSite(app, "timed-plain", extension_ids=["plone.app.contenttypes:default",
                                                "plone.restapi:default"])
transaction.commit()
plain = time.perf_counter() - started
app.manage_delObjects(["timed-commune", "timed-plain"])
transaction.commit()
print(suite, plain)
"""


SEED_MAILS = """
import random, sys, transaction
from AccessControl.SecurityManagement import newSecurityManager
from iasolutions.core.services import get_services
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest
app = makerequest(app)
setRequest(app.REQUEST)
site = app["commune"]
setSite(site)
newSecurityManager(None, app.acl_users.getUserById("admin").__of__(app.acl_users))
services = [service.UID for service in get_services(active_only=True)]
words = ["facture", "demande", "plainte", "permis", "subside", "travaux"]
rng = random.Random(1)
for number in range(int(sys.argv[-1])):
    api.content.create(container=site["incoming-mail"], type="dmsincomingmail",
                       title=f"Courrier {number} {rng.choice(words)}", mail_type="courrier",
                       treating_groups=rng.choice(services), safe_id=True)
    if number % 500 == 499:
        transaction.commit()
transaction.commit()
"""


@dataclass
class Request:
    """One request as a user sends it; calling it returns its duration in seconds."""

    user: str
    url: str
    method: str = "GET"
    body: dict | None = None
    html: bool = False
    make_body: object = None  # a fresh body for each POST
    _http: object = field(default=None, repr=False)

    def __call__(self):
        if self._http is None:
            password = "admin" if self.user == "admin" else DEMO_PASSWORD
            self._http = session(self.user, password)
            if self.html:
                self._http.headers["Accept"] = "text/html"
        body = self.make_body() if self.make_body else self.body
        started = time.perf_counter()
        answer = self._http.request(self.method, self.url, json=body, timeout=120)
        seconds = time.perf_counter() - started
        if answer.status_code >= 400:
            raise SystemExit(f"{self.method} {self.url} as {self.user}: {answer.status_code}")
        return seconds


def side_by_side(suite, plain, samples):
    """Both requests warmed up, then timed alternately: (suite times, plain times)."""
    for _ in range(WARM_UP):
        suite(), plain()
    timings = [(suite(), plain()) for _ in range(samples)]
    return [a for a, _b in timings], [b for _a, b in timings]


def p90(values):
    return statistics.quantiles(values, n=10)[-1]


def row(name, suite_times, plain_times):
    a, b = statistics.median(suite_times), statistics.median(plain_times)
    return (
        f"{name:<52} {a * 1000:7.1f} ({p90(suite_times) * 1000:6.1f})  "
        f"{b * 1000:7.1f} ({p90(plain_times) * 1000:6.1f})  {a / b:5.2f}x"
    )


def admin():
    return session()


def one(base, portal_type, column):
    """The first object of that type whose catalog ``column`` names a demo user (not
    the administrators): (its URL, that user)."""
    found = admin().get(
        f"{base}/@search",
        params={"portal_type": portal_type, "b_size": 100, "metadata_fields": column},
    )
    for brain in found.json()["items"]:
        if brain.get(column) and brain[column] not in ("admin", "manager"):
            return brain["@id"], brain[column]
    raise SystemExit(f"no {portal_type} with a demo user as {column} on {base}")


def token(value):
    return value.get("token") if isinstance(value, dict) else value


def requests_to_compare(deployment):
    """(name, suite request, plain request) for each line of the table."""
    base, plain = deployment.bases()[0], deployment.bases("plain")[0]
    document, listing = plain_content(plain)
    item_url, creator = one(base, "MeetingItemCollege", "Creator")
    item = admin().get(item_url).json()
    mail_url, agent = one(base, "dmsincomingmail", "assigned_user")
    dashboard = session(creator, DEMO_PASSWORD).get(
        f"{base}/@search", params={"portal_type": "dashboard", "id": "mes-points"}
    )
    my_items = dashboard.json()["items"][0]["@id"]
    services, sender, rng = service_uids(base), a_sender(base), random.Random(1)

    def new_mail():
        return {
            "@type": "dmsincomingmail",
            "title": a_title(rng),
            "mail_type": "courrier",
            "treating_groups": rng.choice(services),
            "sender": [sender],
        }

    def new_item():
        return {
            "config_id": "meeting-config-college",
            "title": a_title(rng),
            "proposingGroup": token(item["proposingGroup"]),
            "category": token(item.get("category")),
            "wf_transitions": ["propose"],
        }

    def new_document():
        return {"@type": "Document", "title": a_title(rng)}

    page = Request("admin", document, html=True)
    get = Request("admin", document)
    meeting, item_in_meeting = big_meeting(base, token(item["proposingGroup"]))
    return [
        ("REST GET of an item, admin", Request("admin", item_url), get),
        (f"REST GET of an item, its creator ({creator})", Request(creator, item_url), get),
        ("REST GET of an incoming mail, admin", Request("admin", mail_url), get),
        (f"REST GET of an incoming mail, its agent ({agent})", Request(agent, mail_url), get),
        ("HTML view of an item, admin", Request("admin", item_url, html=True), page),
        ("HTML view of an item, its creator", Request(creator, item_url, html=True), page),
        ("HTML view of a mail, admin", Request("admin", mail_url, html=True), page),
        ("HTML view of a mail, its agent", Request(agent, mail_url, html=True), page),
        (
            "POST of an incoming mail vs a Document",
            Request("admin", f"{base}/incoming-mail", "POST", make_body=new_mail),
            Request("admin", plain, "POST", make_body=new_document),
        ),
        (
            "POST @item with propose vs a Document",
            Request(creator, f"{base}/@item", "POST", make_body=new_item),
            Request("admin", plain, "POST", make_body=new_document),
        ),
        (
            "faceted query of Mes points vs @search, 30 rows",
            Request(creator, f"{my_items}/@@faceted_query?b_start=0", html=True),
            Request("admin", f"{plain}/@search?b_size=30&portal_type=Document"),
        ),
        (
            f"home page of an agent ({agent}) vs the plain root",
            Request(agent, base, html=True),
            Request("admin", plain, html=True),
        ),
        (
            f"agenda of a {MEETING_SIZE}-item meeting vs a listing of {MEETING_SIZE} pages",
            Request("admin", meeting, html=True),
            Request("admin", f"{listing}/@@tabular_view?b_size={MEETING_SIZE}", html=True),
        ),
        (
            "HTML view of an item in that meeting, admin",
            Request("admin", item_in_meeting, html=True),
            page,
        ),
    ]


def plain_content(plain):
    """The plain site's page, as deep as the suite's items and mails
    (``/<folder>/<folder>/<object>``: both pages show Plone's navigation portlet), and
    a folder of MEETING_SIZE pages to list and search: (the page's URL, the folder's)."""
    http = admin()
    section = http.post(plain, json={"@type": "Folder", "title": "Section"}).json()["@id"]
    inner = http.post(section, json={"@type": "Folder", "title": "Pages"}).json()["@id"]
    page = http.post(inner, json={"@type": "Document", "title": "Page", "text": "x"}).json()
    listing = http.post(plain, json={"@type": "Folder", "title": "Listing"}).json()["@id"]
    for number in range(MEETING_SIZE):
        http.post(listing, json={"@type": "Document", "title": f"Page {number}", "text": "x"})
    return page["@id"], listing


def big_meeting(base, proposing_group):
    """A meeting of the college with MEETING_SIZE items presented in it (created,
    proposed, validated and presented over REST): (its URL, the URL of its last item)."""
    http = admin()
    meeting = http.post(
        f"{base}/deliberations/meeting-config-college",
        json={"@type": "MeetingCollege", "date": "2030-01-07T09:00:00"},
    ).json()
    for number in range(MEETING_SIZE):
        created = http.post(
            f"{base}/@item",
            json={
                "config_id": "meeting-config-college",
                "title": f"Point {number + 1} de la grande séance",
                "proposingGroup": proposing_group,
                "category": "administration",
                "preferredMeeting": meeting["UID"],
                "wf_transitions": ["propose", "validate", "present"],
            },
        )
        if created.status_code != 201 or created.json()["meeting"] is None:
            raise SystemExit(f"item {number} of the big meeting: {created.text[:300]}")
    return meeting["@id"], created.json()["@id"]


def time_site_creation(deployment, folder):
    """Seconds to create a municipality with every module, and a plain site."""
    script = Path(folder) / "create_sites.py"
    script.write_text(CREATE_SITES)
    output = run([str(BIN / "zconsole"), "run", str(deployment.confs[0]), str(script)])
    suite, plain = (float(word) for word in output.stdout.split()[-2:])
    return suite, plain


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--keep", help="build the instance in this folder and keep it")
    parser.add_argument(
        "--mails",
        type=int,
        default=0,
        help="incoming mails added to the demo before serving (about 20 a second here)",
    )
    args = parser.parse_args(argv)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ratios-"))
    deployment = Deployment(folder, "filestorage", clients=1)
    deployment.build(modules=("mail", "delib"), plain=True, demo=True)
    suite_site, plain_site = time_site_creation(deployment, folder)
    if args.mails:
        script = folder / "seed_mails.py"
        script.write_text(SEED_MAILS)
        conf = str(deployment.confs[0])
        run([str(BIN / "zconsole"), "run", conf, str(script), str(args.mails)])
    try:
        deployment.serve()
        print(f"# {args.samples} samples a request after {WARM_UP} of warm-up; ms: median (p90)")
        print(f"{'request':<52} {'suite':>15}  {'plain Plone':>15}  ratio")
        for name, suite, plain in requests_to_compare(deployment):
            print(row(name, *side_by_side(suite, plain, args.samples)), flush=True)
        print(
            f"{'creating a municipality, every module (no demo)':<52} "
            f"{suite_site:7.1f} s          {plain_site:7.1f} s          "
            f"{suite_site / plain_site:5.2f}x"
        )
    finally:
        deployment.stop()


if __name__ == "__main__":
    main()
