"""``iasolutions``: the administrator's command line on a Zope instance.

    iasolutions create-site commune --title "Commune de Démo" --profile commune \\
        --modules delib mail --demo
    iasolutions apply-profile commune seneffe
    iasolutions list-sites

The instance is found with ``--zope-conf`` (default: ``$IASOLUTIONS_ZOPE_CONF``
or ``instance/etc/zope.conf``). The instance must be stopped (FileStorage
is locked while it runs) unless it uses ZEO.
"""

import argparse
from iasolutions.core.cli import open_zope
from iasolutions.policy.sites import ORGANISATION_PROFILES
import logging
import os
from pathlib import Path
import sys


DEFAULT_ZOPE_CONF = "instance/etc/zope.conf"


def parser():
    main = argparse.ArgumentParser(prog="iasolutions", description=__doc__.split("\n\n")[0])
    main.add_argument(
        "-C",
        "--zope-conf",
        default=os.environ.get("IASOLUTIONS_ZOPE_CONF", DEFAULT_ZOPE_CONF),
        help="zope.conf of the instance (default: %(default)s)",
    )
    commands = main.add_subparsers(dest="command", required=True)

    create = commands.add_parser("create-site", help="create or complete a municipality site")
    create.add_argument("site_id")
    create.add_argument("--title", required=True)
    create.add_argument(
        "--profile", required=True, help=f"organisation profile: {', '.join(ORGANISATION_PROFILES)}"
    )
    create.add_argument("--modules", nargs="*", default=[], help="module ids, e.g. delib mail")
    create.add_argument("--all-modules", action="store_true", help="every module of the suite")
    create.add_argument("--demo", action="store_true", help="add demo users and data")
    create.add_argument("--language", default="fr")

    apply = commands.add_parser("apply-profile", help="apply an organisation profile to a site")
    apply.add_argument("site_id")
    apply.add_argument("profile")

    upgrade = commands.add_parser(
        "upgrade-site", help="run the suite's pending upgrade steps on a site (new code)"
    )
    upgrade.add_argument("site_id")

    commands.add_parser("list-sites", help="list the Plone sites of the instance")
    commands.add_parser("list-modules", help="list the module add-ons of the suite")

    instance = commands.add_parser("make-instance", help="write a Zope instance (no Zope needed)")
    instance.add_argument("directory")
    instance.add_argument("--host", default="127.0.0.1")
    instance.add_argument("--port", type=int, default=8080)
    instance.add_argument(
        "--storage", default="filestorage", help="filestorage (default), zeo or relstorage"
    )
    instance.add_argument("--zeo-address", help="ZEO server host:port (storage zeo)")
    instance.add_argument("--zeo-var", help="the ZEO server's var directory (its blobs)")
    instance.add_argument("--dsn", help="PostgreSQL DSN (storage relstorage)")
    instance.add_argument(
        "--threads",
        type=int,
        default=None,
        help="waitress threads (default: 1 for a client of ZEO or RelStorage, 2 on FileStorage)",
    )
    instance.add_argument(
        "--jobs-redis",
        metavar="URL",
        help="the jobs' queue and records on this shared Redis, e.g. redis://127.0.0.1:6379/0 "
        "(default: var/jobs.sqlite)",
    )

    host = commands.add_parser("host", help="municipalities served by this host (hosting.toml)")
    host.add_argument("--root", default="hosting", help="the host's folder (default: %(default)s)")
    actions = host.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a municipality: its line, instances and site")
    add.add_argument("site_id")
    add.add_argument("--title", required=True)
    add.add_argument("--profile", required=True)
    add.add_argument("--port", type=int, required=True, help="port of the first Zope client")
    add.add_argument("--clients", type=int, default=1)
    add.add_argument("--storage", default="filestorage")
    add.add_argument("--dsn", default="", help="PostgreSQL DSN (relstorage)")
    add.add_argument("--modules", nargs="*", default=[], help="default: every module")
    add.add_argument("--demo", action="store_true")
    actions.add_parser("write", help="write every municipality's instances and the front")
    actions.add_parser("list", help="list the municipalities of this host")

    worker = commands.add_parser("worker", help="run the jobs of -C's instance (ZEO, RelStorage)")
    worker.add_argument("--workers", type=int, default=1, help="threads (default: 1)")
    worker.add_argument(
        "--no-periodic", action="store_true", help="leave the nightly jobs to another worker"
    )

    saved = commands.add_parser("backup", help="back up the storage of -C (zope.conf or zeo.conf)")
    saved.add_argument("--to", required=True, help="backup folder")
    restored = commands.add_parser("restore", help="restore the latest backup into -C's storage")
    restored.add_argument("--from", dest="source", required=True, help="backup folder")

    zeo = commands.add_parser("make-zeo", help="write a ZEO server (run it with runzeo -C)")
    zeo.add_argument("directory")
    zeo.add_argument("--address", default="127.0.0.1:8100")
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    if args.command in ("make-instance", "make-zeo"):
        return write_config(args)
    if args.command == "host":
        return host(args)
    if args.command in ("backup", "restore"):
        return backup_or_restore(args)
    if not os.path.exists(args.zope_conf):
        print(f"error: no zope.conf at {args.zope_conf} (use --zope-conf)", file=sys.stderr)
        return 2
    if args.command == "worker":
        return run_worker(args)
    try:
        app = open_zope(args.zope_conf)
    except Exception as error:  # a locked or broken instance
        print(f"error: cannot open the instance: {error}", file=sys.stderr)
        return 1
    try:
        return run(app, args)
    finally:
        app._p_jar.close()


def host(args):
    from iasolutions.policy import hosting

    root = Path(args.root).resolve()
    try:
        if args.action == "add":
            one = hosting.Municipality(
                site=args.site_id,
                title=args.title,
                profile=args.profile,
                port=args.port,
                clients=args.clients,
                storage=args.storage,
                dsn=args.dsn,
                modules=tuple(args.modules),
            )
            root.mkdir(parents=True, exist_ok=True)
            hosting.add(root / "hosting.toml", one)
            hosting.write_host(root)
            return hosting.create_site(root, one, demo=args.demo)
        municipalities = (
            hosting.write_host(root)
            if args.action == "write"
            else (hosting.load(root / "hosting.toml"))
        )
        for one in municipalities:
            ports = ", ".join(map(str, one.client_ports))
            print(f"{one.site}\t{one.storage}\t{ports}\t{one.title}")
    except hosting.HostingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def run_worker(args):
    from iasolutions.core import jobs_process
    from Zope2.Startup.run import make_wsgi_app

    jobs_process.in_a_command()  # this process consumes the queue itself
    make_wsgi_app({}, args.zope_conf)  # zope.conf's environment names the jobs' file
    from iasolutions.core import worker

    worker.run_external(workers=args.workers, periodic=not args.no_periodic)
    return 0


def backup_or_restore(args):
    from iasolutions.policy import backup

    try:
        if args.command == "backup":
            for path in backup.backup(args.zope_conf, args.to):
                print(path)
        else:
            print(backup.restore(args.zope_conf, args.source))
    except backup.BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def write_config(args):
    from iasolutions.policy import instance

    try:
        if args.command == "make-zeo":
            print(instance.make_zeo(args.directory, address=args.address))
            return 0
        print(
            instance.make_instance(
                args.directory,
                host=args.host,
                port=args.port,
                storage=args.storage,
                zeo_address=args.zeo_address,
                zeo_var=args.zeo_var,
                dsn=args.dsn,
                threads=args.threads,
                jobs_redis=args.jobs_redis,
            )
        )
    except instance.InstanceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def list_sites(app, args):
    from iasolutions.policy import sites

    for site in sites.list_sites(app):
        print(f"{site.getId()}\t{site.title}")


def list_modules(app, args):
    from iasolutions.core.modules import all_modules

    for module in all_modules():
        print(f"{module.id}\t{module.profile}\t{module.title}")


def create_site(app, args):
    from iasolutions.core.modules import all_modules
    from iasolutions.policy import sites
    import transaction

    modules = [m.id for m in all_modules()] if args.all_modules else args.modules
    site = sites.create_site(
        app, args.site_id, args.title, args.profile, modules=modules, language=args.language
    )
    failures = sites.add_demo(site) if args.demo else []
    transaction.commit()
    for failure in failures:  # the site is kept, without that demo
        print(f"warning: {failure}", file=sys.stderr)
    print(f"Site {site.getId()} ready: {args.profile}, modules: {', '.join(modules) or 'none'}")


def upgrade_site(app, args):
    from iasolutions.policy import sites
    import transaction

    site = sites.get_site(app, args.site_id)
    upgraded = sites.upgrade_site(site)
    transaction.commit()
    for profile, before, after in upgraded:
        if before is None:
            continue  # not installed on this site
        change = "up to date" if before == after else f"{before} -> {after}"
        print(f"{profile}\t{after}\t{change}")


def apply_profile(app, args):
    from iasolutions.policy import sites
    import transaction

    site = sites.get_site(app, args.site_id)
    profile_id = sites.apply_organisation_profile(site, args.profile)
    transaction.commit()
    print(f"Profile {profile_id} applied to {args.site_id}")


SITE_COMMANDS = {
    "list-sites": list_sites,
    "list-modules": list_modules,
    "create-site": create_site,
    "upgrade-site": upgrade_site,
    "apply-profile": apply_profile,
}


def run(app, args):
    from iasolutions.policy import sites
    import transaction
    from zope.component.hooks import setSite

    command = SITE_COMMANDS.get(args.command)
    if command is None:
        return 2
    try:
        command(app, args)
        return 0
    except sites.SetupError as error:
        setSite(None)
        transaction.abort()
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Exception:
        setSite(None)
        transaction.abort()
        logging.getLogger("iasolutions").exception("The command failed")
        return 1


if __name__ == "__main__":
    sys.exit(main())
