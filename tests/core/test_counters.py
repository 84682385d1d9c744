"""Reference counters: formats, yearly reset, administrators' changes, concurrency."""

from datetime import date
from iasolutions.core import counters
from iasolutions.core.validators import InvalidValue
import io
import pytest
from tests.helpers import create_user
from tests.helpers import rest
import threading
from ZODB import DB
from ZODB.FileStorage import FileStorage


@pytest.mark.parametrize(
    "fmt,number,year,expected",
    [
        ("E%04d", 12, 2026, "E0012"),
        ("S%04d", 12345, 2026, "S12345"),
        ("COL/{year}/{number}", 7, 2026, "COL/2026/7"),
        ("CC/{year}/{number:03d}", 7, 2026, "CC/2026/007"),
        ("{number}", 3, 2026, "3"),
    ],
)
def test_render(fmt, number, year, expected):
    assert counters.render(fmt, number, year) == expected


@pytest.mark.parametrize("fmt", ["E%s%s", "{year}", "E{num}", "{number:q}", "%d %d", "E%z", "NO"])
def test_bad_formats_are_refused(portal, fmt):
    with pytest.raises(InvalidValue):
        counters.validate_format(fmt)
    with pytest.raises(counters.CounterError, match="Bad counter format"):
        counters.define("bad", fmt)
    assert "bad" not in counters.counter_names()


@pytest.mark.parametrize("name", ["", "1abc", "a b", "é"])
def test_bad_names_are_refused(portal, name):
    with pytest.raises(counters.CounterError, match="Bad counter name"):
        counters.define(name, "%d")


def test_commune_profile_defines_the_counters(portal):
    assert {
        "incoming_mail",
        "outgoing_mail",
        "meeting-config-college",
        "meeting-config-council",
    } <= set(counters.counter_names())
    assert counters.get_definition("incoming_mail").format == "E%04d"
    assert counters.get_definition("meeting-config-college").reset_yearly is True


def test_numbers_follow_each_other(portal):
    counters.define("test-seq", "E%04d")
    counters.set_next("test-seq", 10)
    assert counters.peek("test-seq") == 10
    assert counters.next_reference("test-seq") == "E0010"
    assert counters.next_reference("test-seq") == "E0011"
    assert counters.peek("test-seq") == 12


def test_unknown_counter(portal):
    with pytest.raises(counters.CounterError, match="Unknown counter"):
        counters.next_reference("nope")


def test_yearly_reset(portal):
    counters.define("test-yearly", "COL/{year}/{number}", reset_yearly=True)
    counters.set_next("test-yearly", 41, today=date(2026, 12, 31))
    assert counters.next_reference("test-yearly", today=date(2026, 12, 31)) == "COL/2026/41"
    assert counters.next_reference("test-yearly", today=date(2027, 1, 4)) == "COL/2027/1"
    assert counters.next_reference("test-yearly", today=date(2027, 1, 4)) == "COL/2027/2"


def test_no_yearly_reset(portal):
    counters.define("test-flat", "S%04d")
    counters.set_next("test-flat", 5, today=date(2026, 12, 31))
    counters.next_number("test-flat", today=date(2026, 12, 31))
    assert counters.next_reference("test-flat", today=date(2027, 1, 4)) == "S0006"


@pytest.mark.parametrize("value", [0, -3, "12", 1.5, None])
def test_set_next_refuses_bad_values(portal, value):
    counters.define("test-bad-next", "%d")
    with pytest.raises(counters.CounterError):
        counters.set_next("test-bad-next", value)


def test_a_number_taken_survives_the_users_abort(functional_portal):
    """Numbers are taken in their own transaction: an aborted request leaves a gap,
    and the next request never gets the same number again."""
    import transaction

    counters.define("test-abort", "%d")
    transaction.commit()
    first = counters.next_number("test-abort")
    transaction.abort()
    assert counters.next_number("test-abort") == first + 1


def test_eight_concurrent_writers_never_share_a_number(tmp_path):
    """8 threads, each with its own ZODB connection on a FileStorage, take
    1,000 numbers each from one counter: 8,000 unique numbers, no ConflictError."""
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    taken, errors = [], []
    start = threading.Barrier(8)

    def writer():
        start.wait()
        try:
            mine = [counters.take_number(db, "/plone:stress", 2026) for _ in range(1000)]
        except Exception as error:  # any error, ConflictError included, fails the test
            errors.append(error)
            return
        taken.extend(mine)

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.close()
    assert errors == []
    assert len(taken) == 8000
    assert set(taken) == set(range(1, 8001))


def test_concurrent_requests_through_the_site(functional_portal):
    """The same through the site API, in threads with their own connections."""
    import transaction
    from zope.component.hooks import setSite

    counters.define("test-site-stress", "E%04d")
    transaction.commit()
    db = functional_portal._p_jar.db()
    site_path = functional_portal.getPhysicalPath()
    references, errors = [], []

    def request():
        connection = db.open()
        try:
            site = connection.root()["Application"].unrestrictedTraverse(site_path)
            setSite(site)
            references.extend(counters.next_reference("test-site-stress") for _ in range(50))
        except Exception as error:
            errors.append(error)
        finally:
            setSite(None)
            transaction.abort()
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(references) == [f"E{n:04d}" for n in range(1, 201)]


def test_rest_counters_for_administrators(functional_portal):
    create_user("agent")
    session = rest(functional_portal, "admin")
    response = session.patch("@counters", json={"name": "incoming_mail", "next": 120})
    assert response.status_code == 200, response.text
    assert response.json()["next"] == 120
    listed = {item["name"]: item for item in session.get("@counters").json()["items"]}
    assert listed["incoming_mail"]["format"] == "E%04d"
    assert (
        rest(functional_portal, "agent").get("@counters").status_code == 403
    )  # logged in, not allowed


@pytest.mark.parametrize(
    "body,message",
    [
        ({"name": "incoming_mail", "format": "E%s%s"}, "Bad counter format"),
        ({"name": "incoming_mail", "format": "{year}"}, "Bad counter format"),
        ({"name": "incoming_mail", "next": "ten"}, "positive integer"),
        ({"name": "nope", "next": 3}, "Unknown counter"),
        ({"format": "%d"}, "name is required"),
        (["incoming_mail"], "JSON object"),
    ],
)
def test_rest_counters_bad_input(functional_portal, body, message):
    session = rest(functional_portal, "admin")
    response = session.patch("@counters", json=body)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    listed = {item["name"]: item for item in session.get("@counters").json()["items"]}
    assert listed["incoming_mail"]["format"] == "E%04d"


def _zeo_writer(address, count, queue):
    import ZEO

    db = ZEO.DB(address)
    try:
        queue.put([counters.take_number(db, "/plone:zeo-stress", 2026) for _ in range(count)])
    finally:
        db.close()


def test_processes_sharing_a_zeo_server_never_share_a_number(tmp_path):
    """4 processes (ZEO clients, as several Zope instances) take 250 numbers each:
    they conflict with each other and the counter resolves it by retrying."""
    import multiprocessing
    import ZEO

    address, stop = ZEO.server(path=str(tmp_path / "Data.fs"))
    ZEO.DB(address).close()  # the database root exists before the clients race
    try:
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        processes = [
            context.Process(target=_zeo_writer, args=(address, 250, queue)) for _ in range(4)
        ]
        for process in processes:
            process.start()
        taken = [number for _ in processes for number in queue.get(timeout=120)]
        for process in processes:
            process.join(timeout=60)
            assert process.exitcode == 0
    finally:
        stop()
    assert sorted(taken) == list(range(1, 1001))


@pytest.mark.parametrize(
    "fmt",
    ["E%01000000d", "E{number:01000000d}", "COL/{year}/{number:0100d}", "E" * 200 + "%d", 5, None],
)
def test_formats_that_break_dashboards_are_refused(portal, fmt):
    """A million digits wide would put 1 MB references in every dashboard."""
    with pytest.raises(InvalidValue):
        counters.validate_format(fmt)
    with pytest.raises(counters.CounterError, match="Bad counter format"):
        counters.define("wide", fmt)
    assert "wide" not in counters.counter_names()


@pytest.mark.parametrize("value", [10**40, counters.MAX_NUMBER + 1, True])
def test_next_numbers_beyond_the_references_are_refused(portal, value):
    counters.define("test-huge", "%d")
    with pytest.raises(counters.CounterError, match="positive integer up to"):
        counters.set_next("test-huge", value)
    assert counters.peek("test-huge") == 1


@pytest.mark.parametrize("value", ["maybe", 1, "true"])
def test_reset_yearly_is_a_boolean(portal, value):
    with pytest.raises(counters.CounterError, match="reset_yearly"):
        counters.define("test-reset", "%d", reset_yearly=value)
    assert "test-reset" not in counters.counter_names()


def test_control_panel_refuses_what_breaks_the_site(portal):
    """The administrator's control panel refuses with the domain's message."""
    from plone.protect import createToken
    from Products.statusmessages.interfaces import IStatusMessage

    request = portal.REQUEST
    request.method = "POST"
    request.form.update(
        {
            "_authenticator": createToken(),
            "form.define": "1",
            "name": "incoming_mail",
            "format": "E%01000000d",
            "title": "Entrant",
        }
    )
    view = portal.restrictedTraverse("@@iasolutions-counters")
    view.handle_form()
    messages = IStatusMessage(request).show()
    assert messages and messages[0].type == "error"
    assert "Bad counter format" in messages[0].message and "12" in messages[0].message
    assert counters.get_definition("incoming_mail").format == "E%04d"


def test_a_retried_request_takes_the_same_numbers_again(portal):
    """Zope retries a request after a ConflictError: the retry is a new request on
    the same environ, and gets the numbers the first attempt took, not new ones."""
    from zope.globalrequest import getRequest
    from zope.globalrequest import setRequest

    first = getRequest()
    taken = [counters.next_number("incoming_mail") for _ in range(2)]
    # as HTTPRequest.retry() makes it (the test request's input cannot be rewound)
    retried = first.__class__(io.BytesIO(), first._orig_env, first.response)
    setRequest(retried)
    try:
        assert [counters.next_number("incoming_mail") for _ in range(2)] == taken
        # what the first attempt did not take is new
        assert counters.next_number("incoming_mail") == taken[-1] + 1
    finally:
        setRequest(first)  # the first attempt is over: it takes nothing more
