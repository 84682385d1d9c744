"""Seed a bench site with incoming mails (run by ``bench/mail/run.py``).

    .venv/bin/python bench/mail/seed.py -C <zope.conf> --site bench --mails 100000

The site gets 20 internal services (the commune's 10 and 10 more), an agent
``bench_agent`` who is editor and reader in all 20, one agent per service, and
the mails: reception dates spread over two years (so ~100 week folders), the
services in turn, a third of them in copy to another service, states as in a
live site (most closed, some in treatment, some to treat), the bench agent
assigned to one mail in 20. Mails are created through the module's API (period
folders, references, local roles, catalog); their states are set directly
(one indexing per mail) instead of walking each transition.
"""

import argparse
from datetime import datetime
from datetime import timedelta
import random
import sys
import time


STATES = (
    ["closed"] * 70
    + ["in_treatment"] * 15
    + ["proposed_to_agent"] * 10
    + ["proposed_to_manager"] * 3
    + ["created"] * 2
)
PASSWORD = "bench-password-1"


def setup_people(site):
    from iasolutions.core import services
    from iasolutions.core.contacts import add_person
    from iasolutions.core.users import ensure_user

    own = services.get_own_organization()
    for number in range(1, 11):
        if f"bench-{number:02d}" not in own:
            services.add_service(
                f"Service bench {number:02d}", acronym=f"B{number:02d}", id=f"bench-{number:02d}"
            )
    uids = [brain.UID for brain in services.get_services()][:20]
    groups = [f"{uid}_{function}" for uid in uids for function in ("editeur", "lecteur")]
    ensure_user("bench_agent", "Agent de 20 services", PASSWORD, groups=groups)
    ensure_user("bench_encodeur", "Encodeur bench", PASSWORD, groups=["encodeurs"])
    for index, uid in enumerate(uids):
        ensure_user(
            f"bench_agent_{index:02d}", f"Agent {index:02d}", PASSWORD, groups=[f"{uid}_editeur"]
        )
    contacts = site["contacts"]
    senders = []
    for number in range(50):
        cid = f"bench-sender-{number:02d}"
        if cid not in contacts:
            add_person(
                contacts,
                f"Expéditeur{number:02d}",
                "Bench",
                id=cid,
                email=f"sender{number}@example.org",
            )
        senders.append(contacts[cid])
    return uids, senders


def force_state(mail, state):
    """Put a mail in ``state`` as if it had walked the workflow (one reindex)."""
    from DateTime import DateTime
    from iasolutions.mail import localroles
    from plone import api

    if state == "created":
        return
    tool = api.portal.get_tool("portal_workflow")
    workflow = tool.getWorkflowsFor(mail)[0]
    tool.setStatusOf(
        workflow.getId(),
        mail,
        {
            "review_state": state,
            "action": "bench",
            "actor": "bench_encodeur",
            "time": DateTime(),
            "comments": "",
        },
    )
    workflow.updateRoleMappingsFor(mail)
    localroles.apply(mail, reindex=False)


def seed(site, count, batch=500):
    from iasolutions.core.contacts import relation_to
    from iasolutions.mail import mails
    import transaction

    uids, senders = setup_people(site)
    transaction.commit()
    existing = len(site.portal_catalog.unrestrictedSearchResults(portal_type="dmsincomingmail"))
    rng = random.Random(42)
    now = datetime.now()
    start = time.perf_counter()
    for number in range(existing, count):
        when = now - timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
        service = uids[number % len(uids)]
        state = rng.choice(STATES)
        assigned = "bench_agent" if number % 20 == 0 else f"bench_agent_{uids.index(service):02d}"
        mail = mails.create(
            "dmsincomingmail",
            when=when,
            title=f"Courrier de bench {number}",
            treating_groups=service,
            sender=[relation_to(rng.choice(senders))],
            mail_type=rng.choice(["courrier", "recommande", "facture", "email"]),
            reception_date=when.replace(microsecond=0),
            original_mail_date=when.date(),
            recipient_groups=[uids[(number + 7) % len(uids)]] if number % 3 == 0 else [],
            assigned_user=assigned if state not in ("created", "proposed_to_manager") else None,
        )
        force_state(mail, state)
        mail.reindexObject(idxs=["review_state", "allowedRolesAndUsers", "validation_level"])
        if (number + 1) % batch == 0:
            transaction.commit()
            site._p_jar.cacheGC()
            done = number + 1 - existing
            elapsed = time.perf_counter() - start
            print(f"{number + 1} mails ({done / elapsed:.0f}/s)", flush=True)
    transaction.commit()
    elapsed = time.perf_counter() - start
    created = count - existing
    if created > 0:
        print(f"seeded {created} mails in {elapsed:.0f} s ({created / elapsed:.0f}/s)")
    print(
        "folders:",
        sorted(
            len(folder)
            for folder in site["incoming-mail"].objectValues()
            if folder.portal_type == "incoming_mail_folder"
        )[-3:],
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-C", "--zope-conf", required=True)
    parser.add_argument("--site", default="bench")
    parser.add_argument("--mails", type=int, default=100000)
    parser.add_argument("--admin", default="admin", help="a Zope administrator of the instance")
    args = parser.parse_args(argv)
    from iasolutions.policy.cli import open_zope
    from zope.component.hooks import setSite

    app = open_zope(args.zope_conf)
    try:
        site = app[args.site]
        setSite(site)
        from plone import api

        # catalog searches of the Zope system user find nothing: act as the admin
        with api.env.adopt_user(username=args.admin):
            seed(site, args.mails)
    finally:
        app._p_jar.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
