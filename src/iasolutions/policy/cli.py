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

    commands.add_parser("list-sites", help="list the Plone sites of the instance")
    commands.add_parser("list-modules", help="list the module add-ons of the suite")

    instance = commands.add_parser("make-instance", help="write a Zope instance (no Zope needed)")
    instance.add_argument("directory")
    instance.add_argument("--host", default="127.0.0.1")
    instance.add_argument("--port", type=int, default=8080)
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    if args.command == "make-instance":
        from iasolutions.policy.instance import make_instance

        print(make_instance(args.directory, host=args.host, port=args.port))
        return 0
    if not os.path.exists(args.zope_conf):
        print(f"error: no zope.conf at {args.zope_conf} (use --zope-conf)", file=sys.stderr)
        return 2
    try:
        app = open_zope(args.zope_conf)
    except Exception as error:  # a locked or broken instance
        print(f"error: cannot open the instance: {error}", file=sys.stderr)
        return 1
    try:
        return run(app, args)
    finally:
        app._p_jar.close()


def run(app, args):
    from iasolutions.core.modules import all_modules
    from iasolutions.policy import sites
    import transaction
    from zope.component.hooks import setSite

    try:
        if args.command == "list-sites":
            for site in sites.list_sites(app):
                print(f"{site.getId()}\t{site.title}")
            return 0
        if args.command == "list-modules":
            for module in all_modules():
                print(f"{module.id}\t{module.profile}\t{module.title}")
            return 0
        if args.command == "create-site":
            modules = [m.id for m in all_modules()] if args.all_modules else args.modules
            site = sites.create_site(
                app,
                args.site_id,
                args.title,
                args.profile,
                modules=modules,
                language=args.language,
            )
            failures = sites.add_demo(site) if args.demo else []
            transaction.commit()
            for failure in failures:  # the site is kept, without that demo
                print(f"warning: {failure}", file=sys.stderr)
            print(
                f"Site {site.getId()} ready: {args.profile}, modules: {', '.join(modules) or 'none'}"
            )
            return 0
        if args.command == "apply-profile":
            site = sites.get_site(app, args.site_id)
            profile_id = sites.apply_organisation_profile(site, args.profile)
            transaction.commit()
            print(f"Profile {profile_id} applied to {args.site_id}")
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
    return 2


if __name__ == "__main__":
    sys.exit(main())
