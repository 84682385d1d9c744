"""Is a module installed: one answer for the trunk and every module."""

from iasolutions.core.modules import get_module
from iasolutions.core.modules import installing
from iasolutions.core.modules import is_installed
import pytest


def test_by_module_or_by_id(portal):
    # the trunk's site has no module installed
    assert not is_installed("mail")
    assert not is_installed(get_module("mail"))
    assert is_installed("no-such-module") is False


def test_a_module_being_installed_counts_as_installed(portal):
    mail = get_module("mail")
    with installing(mail):
        assert is_installed("mail")
        assert not is_installed("delib")
    assert not is_installed("mail")


def test_installing_as_a_decorator_forgets_on_error(portal):
    @installing(get_module("delib"))
    def post_install():
        assert is_installed("delib")
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        post_install()
    assert not is_installed("delib")
