"""What the command lines of the trunk and of the modules share: open a Zope instance
from its ``zope.conf``, find a site, and the error of a bad request."""

from iasolutions.core import jobs_process
from plone.base.interfaces import IPloneSiteRoot


class SetupError(ValueError):
    """Bad request from an administrator: unknown profile, module or site."""


def open_zope(zope_conf):
    """The Zope application of the instance of ``zope_conf``, as the system user, with a
    request (stopped instance, or a ZEO client)."""
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    import Zope2
    from Zope2.Startup.run import make_wsgi_app

    jobs_process.in_a_command()  # no jobs' worker in a command's process
    make_wsgi_app({}, zope_conf)
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    newSecurityManager(None, system)
    return app


def get_site(app, site_id):
    site = app.get(site_id)
    if site is None or not IPloneSiteRoot.providedBy(site):
        raise SetupError(f"No Plone site {site_id!r} in this instance")
    return site
