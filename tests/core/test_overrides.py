"""Core's overrides of Plone's configuration are in force (a real instance loads them through
the policy's overrides.zcml, tests/policy/test_wheel.py; the layers the same way)."""

from iasolutions.core.browser.menus import WorkflowMenu
from zope.browsermenu.interfaces import IBrowserMenu
from zope.component import getUtility


def test_the_workflow_menu_is_the_suites(portal):
    assert type(getUtility(IBrowserMenu, "plone_contentmenu_workflow")) is WorkflowMenu
