"""Import scans and emails from a directory into a site (the reference's batch import).

    .venv/bin/python -m iasolutions.mail.cli -C instance/etc/zope.conf \\
        import commune /srv/scans --user scanner

Each ``X.pdf`` needs its ``X.json`` (scan_id, type, treating service, dates);
``*.eml`` files are emails. Imported files are moved to ``<directory>/done``
(``--done`` to choose); bad ones stay and are listed. The report is printed
as JSON; the exit code is 0 when everything was imported, 1 when some files
were refused, 2 for a bad command.
"""

import argparse
import json
import os
import sys


def parser():
    main = argparse.ArgumentParser(
        prog="python -m iasolutions.mail.cli", description=__doc__.split("\n\n")[0]
    )
    main.add_argument(
        "-C",
        "--zope-conf",
        default=os.environ.get("IASOLUTIONS_ZOPE_CONF", "instance/etc/zope.conf"),
    )
    commands = main.add_subparsers(dest="command", required=True)
    command = commands.add_parser("import", help="import the scans and emails of a directory")
    command.add_argument("site_id")
    command.add_argument("directory")
    command.add_argument(
        "--user",
        default="scanner",
        help="the importing user, owner of the mails (default: scanner)",
    )
    command.add_argument("--done", help="where imported files go (default: <directory>/done)")
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    if not os.path.isdir(args.directory):
        print(f"error: no directory {args.directory}", file=sys.stderr)
        return 2
    if not os.path.exists(args.zope_conf):
        print(f"error: no zope.conf at {args.zope_conf} (use -C)", file=sys.stderr)
        return 2
    from iasolutions.core.cli import open_zope

    app = open_zope(args.zope_conf)
    try:
        return run(app, args)
    finally:
        app._p_jar.close()


def run(app, args):
    from iasolutions.core.cli import SetupError
    from iasolutions.core.cli import get_site
    from iasolutions.mail.importer import import_directory
    from plone import api
    import transaction
    from zope.component.hooks import setSite

    try:
        site = get_site(app, args.site_id)
    except SetupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    setSite(site)
    if api.user.get(userid=args.user) is None:
        print(f"error: no user {args.user} in {args.site_id}", file=sys.stderr)
        return 2
    with api.env.adopt_user(username=args.user):
        if not api.user.has_permission("iasolutions.mail: Import mail", obj=site):
            print(f"error: {args.user} may not import mail (role Batch importer)", file=sys.stderr)
            return 2
        report = import_directory(args.directory, args.done)
    transaction.commit()
    print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
